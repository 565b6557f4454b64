// What the key and rotation dialogs send: a new key's name, scopes and last day (a calendar day in
// the admin's time zone, sent as the instant that day ends), and how long a rotated key or signing
// secret keeps working beside its successor. Problems are found before anything is sent.
import { INTEGRATION_SCOPES, type IntegrationScope } from '@smartchat/contracts';
import { zonedWallTimeToInstant } from '@smartchat/core';
import type { ApiBody } from '@smartchat/frontend-kit';

export type CreateKeyBody = ApiBody<'/v1/integrations/{id}/keys', 'post'>;

export const SCOPES: readonly IntegrationScope[] = INTEGRATION_SCOPES;

/**
 * The overlaps offered, in minutes: at once, an hour, a day, a week, 30 days. Written out so that
 * each has its text; the unit test pins the day to the API's default and 30 days to its maximum
 * (DEFAULT_ROTATION_OVERLAP_MINUTES, MAX_ROTATION_OVERLAP_MINUTES).
 */
export const OVERLAP_CHOICES = [0, 60, 1440, 10080, 43200] as const;
export type OverlapChoice = (typeof OVERLAP_CHOICES)[number];
export const DEFAULT_OVERLAP: OverlapChoice = 1440;

export interface KeyDraft {
  name: string;
  scopes: IntegrationScope[];
  /** yyyy-mm-dd, the last day the key works; '' for no expiry. */
  lastDay: string;
}

export type KeyProblem = 'nameRequired' | 'scopesRequired' | 'expiryPast';

export type KeyBodyResult = { body: CreateKeyBody } | { problem: KeyProblem };

/** The body of POST /v1/integrations/:id/keys, or what is wrong with the draft. */
export function keyBody(draft: KeyDraft, timeZone: string | undefined, now: Date): KeyBodyResult {
  const name = draft.name.trim();
  if (!name) return { problem: 'nameRequired' };
  // In the API's order, at least one (the body's type says so: a non-empty list).
  const [first, ...rest] = SCOPES.filter((scope) => draft.scopes.includes(scope));
  if (!first) return { problem: 'scopesRequired' };
  const scopes: CreateKeyBody['scopes'] = [first, ...rest];
  if (!draft.lastDay) return { body: { name, scopes } };
  const expiresAt = endOfDay(draft.lastDay, timeZone);
  if (expiresAt.getTime() <= now.getTime()) return { problem: 'expiryPast' };
  return { body: { name, scopes, expiresAt: expiresAt.toISOString() } };
}

/** The instant after the last minute of `day` in `timeZone` (the browser's when the zone is unknown). */
export function endOfDay(day: string, timeZone: string | undefined): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (timeZone) {
    try {
      return new Date(zonedWallTimeToInstant({ year, month, day: date, hour: 23, minute: 59 }, timeZone).getTime() + 60_000);
    } catch {
      // An unknown zone in the profile: the browser's own below.
    }
  }
  return new Date(year, month - 1, date, 23, 59 + 1);
}

export function isOverlapChoice(value: number): value is OverlapChoice {
  return (OVERLAP_CHOICES as readonly number[]).includes(value);
}
