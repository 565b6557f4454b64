// What the signed-in agent may hand out, for hints in the forms: the same rule the server applies
// (canGrantRole in @smartchat/core), so a role wider than one's own shows as unavailable up front.
import type { Role } from '@smartchat/contracts';
import { isTimeZone, TIME_ZONES, type TimeZone } from '@smartchat/contracts/time-zones';
import { canGrantRole, isPermission, type Permission } from '@smartchat/core';
import { can, me } from '../state/session.js';
import { FormProblem } from './errors.js';
import { t } from './i18n.js';

export function canDo(permission: Permission): boolean {
  return can(permission);
}

export function canGrant(role: Pick<Role, 'permissions' | 'scope'>): boolean {
  const self = me();
  if (!self) return false;
  return canGrantRole({ scope: self.scope, permissions: new Set([...self.permissions].filter(isPermission)) }, role);
}

/** The IANA time zones the server takes (the document's TimeZone), for the time-zone fields' suggestions. */
export function timeZones(): readonly string[] {
  return TIME_ZONES;
}

/** A time zone typed into a form, as the server takes it; another text is a problem with the form. */
export function knownTimeZone(text: string): TimeZone {
  const zone = text.trim();
  if (!isTimeZone(zone)) throw new FormProblem(t('agents.unknownTimeZone', { zone }));
  return zone;
}
