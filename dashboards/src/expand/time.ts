// Time values as Grafana writes them into queries.

export interface TimeRange {
  from: Date;
  to: Date;
}

/** Go's time.RFC3339Nano in UTC, as Grafana's backend formats range ends: the fraction without
 *  trailing zeros, and none at all on a whole second (2026-11-01T00:00:00Z, …T23:59:59.999Z). */
export function formatRfc3339Nano(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('invalid date');
  return instant.toISOString().replace(/\.(\d*?)0*Z$/, (_match, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** An interval such as 15s, 1h or 1d (Grafana's gtime.ParseInterval, without months and years), in ms. */
export function parseInterval(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!match) throw new Error(`cannot parse the interval "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
