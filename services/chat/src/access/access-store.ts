// Who is asking, resolved to what they may do: an agent's role (built-in from @smartchat/core, or
// custom from Postgres `roles`), its scope and permissions, and the agent's teams. Every read and
// write path turns an Identity into a Viewer here and hands it to @smartchat/core's visibility
// functions; `visibleConversation` is that question for one conversation, asked by every path
// that reads or writes one. Cached in-process for at most `ttlMs`; AccessChanges drops entries at
// once, on every process, when access changes.
import { SmartchatError, type Identity } from '@smartchat/contracts';
import { builtinRole, canSeeConversation, isPermission, type AgentAccess, type Permission, type Scope, type Viewer } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import type { ConversationFacts, ConversationFactsEntry } from '../store/conversation-facts.js';

interface AgentAccessRow {
  name: string;
  role: string;
  disabled: boolean;
  must_change_password: boolean;
  custom_scope: Scope | null;
  custom_permissions: string[] | null;
  team_ids: string[] | null;
}

/** An enabled agent's rights, with what authentication needs of the account (name, a forced password change). */
export interface AgentAccount extends AgentAccess {
  name: string;
  mustChangePassword: boolean;
}

export class AccessStore {
  private readonly cache = new Map<string, { loaded: Promise<AgentAccount | undefined>; at: number }>();

  constructor(
    private readonly pg: PgPool,
    private readonly facts: ConversationFacts,
    private readonly ttlMs = 5000,
    private readonly cacheSize = 10_000,
  ) {}

  /** The Viewer for visibility decisions; an agent who was disabled meanwhile is refused. */
  async viewerOf(identity: Identity): Promise<Viewer> {
    if (identity.type === 'customer') return { type: 'customer', customerId: identity.customerId };
    const access = await this.agentAccess(identity.agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    return { type: 'agent', ...access };
  }

  /**
   * The conversation's facts and the caller's viewer when the caller may see it; null when it is
   * missing or not theirs to see (callers answer both alike, so existence does not leak).
   */
  async visibleConversation(identity: Identity, conversationId: string): Promise<{ viewer: Viewer; facts: ConversationFactsEntry } | null> {
    const viewer = await this.viewerOf(identity);
    const facts = await this.facts.get(conversationId);
    return facts && canSeeConversation(viewer, facts) ? { viewer, facts } : null;
  }

  /** Undefined for a disabled or deleted agent. */
  agentAccess(agentId: string): Promise<AgentAccount | undefined> {
    const now = Date.now();
    const cached = this.cache.get(agentId);
    if (cached && now - cached.at < this.ttlMs) return cached.loaded;
    const entry = { loaded: this.load(agentId), at: now };
    // A failed load is not remembered.
    entry.loaded.catch(() => {
      if (this.cache.get(agentId) === entry) this.cache.delete(agentId);
    });
    this.cache.delete(agentId);
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(agentId, entry);
    return entry.loaded;
  }

  forgetAgent(agentId: string): void {
    this.cache.delete(agentId);
  }

  forgetAll(): void {
    this.cache.clear();
  }

  private async load(agentId: string): Promise<AgentAccount | undefined> {
    const { rows } = await this.pg.query<AgentAccessRow>(
      `SELECT a.name, a.role, a.disabled_at IS NOT NULL AS disabled, a.must_change_password, r.scope AS custom_scope, r.permissions AS custom_permissions,
              (SELECT array_agg(m.team_id) FROM team_members m WHERE m.agent_id = a.id) AS team_ids
         FROM agents a LEFT JOIN roles r ON r.name = a.role
        WHERE a.id = $1`,
      [agentId],
    );
    const row = rows[0];
    if (!row || row.disabled) return undefined;
    const builtin = builtinRole(row.role);
    // An agent whose role vanished keeps no rights rather than someone else's.
    const scope: Scope = builtin?.scope ?? row.custom_scope ?? 'assigned';
    const permissions: Permission[] = builtin ? [...builtin.permissions] : (row.custom_permissions ?? []).filter(isPermission);
    return { agentId, name: row.name, role: row.role, scope, permissions: new Set(permissions), teamIds: new Set(row.team_ids ?? []), mustChangePassword: row.must_change_password };
  }
}
