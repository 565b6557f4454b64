// What the signed-in agent may hand out, for hints in the forms: the same rule the server applies
// (canGrantRole in @smartchat/core), so a role wider than one's own shows as unavailable up front.
import type { Role } from '@smartchat/contracts';
import { canGrantRole, isPermission, type Permission } from '@smartchat/core';
import { can, me } from '../state/session.js';

export function canDo(permission: Permission): boolean {
  return can(permission);
}

export function canGrant(role: Pick<Role, 'permissions' | 'scope'>): boolean {
  const self = me();
  if (!self) return false;
  return canGrantRole({ scope: self.scope, permissions: new Set([...self.permissions].filter(isPermission)) }, role);
}

let zones: string[] | null = null;
/** The IANA time zones the browser knows, for the time-zone fields' suggestions. */
export function timeZones(): string[] {
  if (!zones) {
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
  }
  return zones;
}
