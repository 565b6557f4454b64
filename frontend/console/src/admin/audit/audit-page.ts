// Paging the audit log backwards (newest first; the next page is everything below the last id) and
// turning the filter's calendar days into instants in the agent's own time zone.
import type { AuditEntry } from '@smartchat/contracts';
import { zonedWallTimeToInstant } from '@smartchat/core';
import { api } from '../../state/session.js';

export const AUDIT_PAGE_SIZE = 100;

export interface AuditFilters {
  action?: string;
  actor?: string;
  target?: string;
  outcome?: AuditEntry['outcome'];
  /** yyyy-mm-dd, from the start of that day. */
  fromDay?: string;
  /** yyyy-mm-dd, up to the end of that day. */
  toDay?: string;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Whether an older page may exist (the last one came back full). */
  more: boolean;
}

/**
 * The next page below everything loaded so far. Ids are compared as numbers (they arrive as
 * strings), and pages are merged newest first by id, so that the order does not depend on how the
 * server happened to sort.
 */
export async function fetchOlderAuditPage(filters: AuditFilters, timeZone: string | undefined, loaded: readonly AuditEntry[], limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const oldest = loaded.reduce<number | undefined>((lowest, entry) => (lowest === undefined || Number(entry.id) < lowest ? Number(entry.id) : lowest), undefined);
  const page = await fetchAuditPage(filters, timeZone, oldest, limit);
  const known = new Set(loaded.map((entry) => entry.id));
  const merged = [...loaded, ...page.entries.filter((entry) => !known.has(entry.id))].sort((a, b) => Number(b.id) - Number(a.id));
  return { entries: merged, more: page.more };
}

export async function fetchAuditPage(filters: AuditFilters, timeZone: string | undefined, before?: number, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const result = await api.get('/v1/audit', {
    params: {
      query: {
        action: filters.action?.trim() || undefined,
        actor: filters.actor?.trim() || undefined,
        target: filters.target?.trim() || undefined,
        outcome: filters.outcome,
        from: filters.fromDay ? dayStart(filters.fromDay, timeZone) : undefined,
        to: filters.toDay ? dayEnd(filters.toDay, timeZone) : undefined,
        before,
        limit,
      },
    },
  });
  return { entries: [...result.entries].sort((a, b) => Number(b.id) - Number(a.id)), more: result.entries.length === limit };
}

/** The instant a calendar day starts in a time zone (the browser's when the zone is unknown). */
export function dayStart(day: string, timeZone: string | undefined): string {
  return wallInstant(day, 0, 0, timeZone).toISOString();
}

/** The instant after a calendar day's last minute, as the API's `to` is exclusive. */
export function dayEnd(day: string, timeZone: string | undefined): string {
  return new Date(wallInstant(day, 23, 59, timeZone).getTime() + 60_000).toISOString();
}

function wallInstant(day: string, hour: number, minute: number, timeZone: string | undefined): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (timeZone) {
    try {
      return zonedWallTimeToInstant({ year, month, day: date, hour, minute }, timeZone);
    } catch {
      // An unknown zone in the profile: the browser's own below.
    }
  }
  return new Date(year, month - 1, date, hour, minute);
}
