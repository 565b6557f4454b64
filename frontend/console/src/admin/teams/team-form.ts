// The team form's text fields and the API's values: opening hours written as "09:00-18:00,
// 19:00-21:00" per weekday, minutes left empty for "none", and only the changed assignment
// settings sent (overflow team and its minutes always together, as the API requires).
import type { TeamAssignment } from '@smartchat/contracts';
import type { Weekday } from '@smartchat/core';
import type { ApiBody } from '@smartchat/frontend-kit';
import { knownTimeZone } from '../me-access.js';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type Interval = [string, string];

export function formatDayHours(intervals: readonly Interval[] | undefined): string {
  return (intervals ?? []).map(([start, end]) => `${start}-${end}`).join(', ');
}

/** The intervals of "09:00-13:00, 14:00-18:00" (empty text: closed that day); null when unreadable. */
export function parseDayHours(text: string): Interval[] | null {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const intervals: Interval[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!match) return null;
    intervals.push([padTime(match[1]!), padTime(match[2]!)]);
  }
  return intervals;
}

function padTime(time: string): string {
  return time.length === 4 ? `0${time}` : time;
}

export function minutesText(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Empty means "none" (null); anything else goes to the server as a number, which judges it. */
export function parseMinutes(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

export function assignmentChanges(before: TeamAssignment, after: TeamAssignment): Partial<TeamAssignment> {
  const changes: Partial<TeamAssignment> = {};
  for (const key of Object.keys(after) as (keyof TeamAssignment)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) Object.assign(changes, { [key]: after[key] });
  }
  if ('overflowTeamId' in changes || 'overflowAfterMinutes' in changes) {
    changes.overflowTeamId = after.overflowTeamId;
    changes.overflowAfterMinutes = after.overflowAfterMinutes;
  }
  return changes;
}

/** The changes as the assignment route takes them: the business hours' zone one the server knows. */
export function assignmentBody(changes: Partial<TeamAssignment>): ApiBody<'/v1/teams/{id}/assignment', 'patch'> {
  const { businessHours, ...rest } = changes;
  if (businessHours === undefined) return rest;
  return { ...rest, businessHours: businessHours && { ...businessHours, timeZone: knownTimeZone(businessHours.timeZone) } };
}
