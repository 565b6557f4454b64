// The access model's vocabulary: the fixed permission catalogue, conversation scopes, the built-in
// roles, and the rule that keeps anyone from granting more than they hold. Who may see a
// conversation is decided in visibility.ts from these.

export const PERMISSIONS = [
  'conversations.reply',
  'conversations.note',
  'conversations.assign',
  'conversations.transfer',
  'conversations.snooze',
  'conversations.close',
  /** Open internal conversations (agents only; about a customer the agent may already see). */
  'conversations.internal',
  /** Assign beyond capacity or outside the conversation's team. */
  'assignment.override',
  'messages.delete_own',
  'messages.history',
  'messages.restore',
  'macros.manage',
  'statistics.view',
  'reports.export',
  'agents.manage',
  'teams.manage',
  'roles.manage',
  'integrations.manage',
  'audit.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Which conversations an agent sees by role: every one, those of their teams, or only those
 * assigned to them. Mentions and explicit participation add to any scope.
 */
export const SCOPES = ['all', 'teams', 'assigned'] as const;
export type Scope = (typeof SCOPES)[number];

export const BUILTIN_ROLES = ['agent', 'admin', 'super-admin'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export interface RoleDefinition {
  name: string;
  scope: Scope;
  permissions: readonly Permission[];
}

// Agents work conversations (reply, notes, assign, transfer, snooze, close) and may delete their own words.
const AGENT_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((permission) => permission.startsWith('conversations.') || permission === 'messages.delete_own');

export const BUILTIN_ROLE_DEFINITIONS: Record<BuiltinRole, RoleDefinition> = {
  agent: { name: 'agent', scope: 'teams', permissions: AGENT_PERMISSIONS },
  // Admins run the desk: everything but defining roles, which stays with super-admins.
  admin: { name: 'admin', scope: 'all', permissions: PERMISSIONS.filter((permission) => permission !== 'roles.manage') },
  'super-admin': { name: 'super-admin', scope: 'all', permissions: PERMISSIONS },
};

/**
 * The built-in role of that name, or undefined. Looked up as an own property: a custom role named
 * like an Object.prototype member ("constructor", "toString") is a custom role, not a built-in.
 */
export function builtinRole(name: string): RoleDefinition | undefined {
  return Object.hasOwn(BUILTIN_ROLE_DEFINITIONS, name) ? BUILTIN_ROLE_DEFINITIONS[name as BuiltinRole] : undefined;
}

/** What an agent may do, resolved from their role and team membership at the time of asking. */
export interface AgentAccess {
  agentId: string;
  role: string;
  scope: Scope;
  permissions: ReadonlySet<Permission>;
  teamIds: ReadonlySet<string>;
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function hasPermission(access: Pick<AgentAccess, 'permissions'>, permission: Permission): boolean {
  return access.permissions.has(permission);
}

const SCOPE_BREADTH: Record<Scope, number> = { assigned: 0, teams: 1, all: 2 };

/** True when `scope` shows at least what `than` shows. */
export function scopeCovers(scope: Scope, than: Scope): boolean {
  return SCOPE_BREADTH[scope] >= SCOPE_BREADTH[than];
}

/**
 * Whether `granter` may hand out a role with `role`'s permissions and scope (creating or editing a
 * role, or giving it to an agent): only what the granter holds, with no wider scope, and defining
 * roles at all needs roles.manage. So nobody climbs above themselves through role or agent edits.
 */
export function canGrantRole(granter: Pick<AgentAccess, 'permissions' | 'scope'>, role: Pick<RoleDefinition, 'permissions' | 'scope'>): boolean {
  return scopeCovers(granter.scope, role.scope) && role.permissions.every((permission) => granter.permissions.has(permission));
}
