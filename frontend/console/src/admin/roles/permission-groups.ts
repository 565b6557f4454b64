// The permission catalogue in the groups a person thinks in. A permission added to the catalogue
// later, and not placed here, still shows (under "other") rather than silently missing.
import { PERMISSIONS, type Permission } from '@smartchat/core';

export const PERMISSION_GROUPS = ['conversations', 'messages', 'macros', 'reporting', 'administration', 'other'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

const groupOf: Partial<Record<Permission, PermissionGroup>> = {
  'assignment.override': 'conversations',
  'messages.delete_own': 'messages',
  'messages.history': 'messages',
  'messages.restore': 'messages',
  'macros.manage': 'macros',
  'statistics.view': 'reporting',
  'reports.export': 'reporting',
  'audit.view': 'reporting',
  'agents.manage': 'administration',
  'teams.manage': 'administration',
  'roles.manage': 'administration',
  'integrations.manage': 'administration',
};

function group(permission: Permission): PermissionGroup {
  return groupOf[permission] ?? (permission.startsWith('conversations.') ? 'conversations' : 'other');
}

/** The non-empty groups with their permissions in catalogue order; `only` narrows to a role's own. */
export function groupedPermissions(only?: readonly Permission[]): { group: PermissionGroup; permissions: Permission[] }[] {
  const wanted = only ? new Set(only) : null;
  return PERMISSION_GROUPS.map((name) => ({ group: name, permissions: PERMISSIONS.filter((permission) => group(permission) === name && (!wanted || wanted.has(permission))) })).filter(
    (entry) => entry.permissions.length > 0,
  );
}
