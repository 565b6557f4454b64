import { SmartchatError } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { bucketsOf, previousRange, resolveRange } from '../src/queries/range.js';

function refusal(run: () => unknown): { code: string; rule: string; path: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SmartchatError)) throw error;
    const [detail] = error.details as { rule: string; path: string }[];
    return { code: error.code, rule: detail!.rule, path: detail!.path };
  }
  throw new Error('not refused');
}

describe('a statistics range in a time zone', () => {
  it('runs from local midnight of the first day to local midnight after the last', () => {
    const range = resolveRange('2026-12-01', '2026-12-31', 'Europe/Moscow');
    expect(range.start.toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-12-31T21:00:00.000Z');
    expect(range.days).toBe(31);
  });

  it('is one hour shorter on the day clocks go forward and one longer when they go back', () => {
    const spring = resolveRange('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = resolveRange('2026-10-25', '2026-10-25', 'Europe/Berlin');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it('refuses an end before the start, an over-long range and a date the calendar does not have', () => {
    expect(refusal(() => resolveRange('2026-12-31', '2026-12-01', 'UTC'))).toEqual({ code: 'SC_ERR_UNPROCESSABLE', rule: 'inverted_range', path: 'query.to' });
    expect(refusal(() => resolveRange('2025-01-01', '2026-02-05', 'UTC'))).toEqual({ code: 'SC_ERR_UNPROCESSABLE', rule: 'over_long_range', path: 'query.to' });
    expect(() => resolveRange('2025-01-01', '2026-02-04', 'UTC')).not.toThrow();
    expect(refusal(() => resolveRange('2026-02-30', '2026-03-01', 'UTC'))).toEqual({ code: 'SC_ERR_UNPROCESSABLE', rule: 'impossible_date', path: 'query.from' });
  });

  it('refuses zones that are not a whole number of hours from UTC, also only for part of the range', () => {
    expect(refusal(() => resolveRange('2026-12-01', '2026-12-02', 'Asia/Kolkata'))).toEqual({ code: 'SC_ERR_UNPROCESSABLE', rule: 'partial_hour_zone', path: 'query.timeZone' });
    expect(refusal(() => resolveRange('2026-12-01', '2026-12-02', 'Australia/Adelaide')).rule).toBe('partial_hour_zone');
    // Lord Howe is +11 in (southern) summer and +10:30 in winter: April's change makes part of the range unusable.
    expect(() => resolveRange('2026-01-10', '2026-01-20', 'Australia/Lord_Howe')).not.toThrow();
    expect(refusal(() => resolveRange('2026-03-20', '2026-04-20', 'Australia/Lord_Howe')).rule).toBe('partial_hour_zone');
  });

  it('compares with the same number of days just before', () => {
    const previous = previousRange(resolveRange('2026-12-01', '2026-12-31', 'Europe/Moscow'));
    expect([previous.from, previous.to, previous.days]).toEqual(['2026-10-31', '2026-11-30', 31]);
  });
});

describe('buckets of a range', () => {
  it('cuts days, weeks (from Monday) and months in the zone, the first and last cut by the range', () => {
    const range = resolveRange('2026-11-28', '2026-12-02', 'Europe/Moscow');
    expect(bucketsOf(range, 'day').map((bucket) => bucket.label)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    const weeks = bucketsOf(range, 'week');
    expect(weeks.map((bucket) => [bucket.label, bucket.start.toISOString()])).toEqual([
      ['2026-11-23', '2026-11-27T21:00:00.000Z'],
      ['2026-11-30', '2026-11-29T21:00:00.000Z'],
    ]);
    expect(bucketsOf(range, 'month').map((bucket) => bucket.label)).toEqual(['2026-11-01', '2026-12-01']);
  });

  it('gives every UTC hour its own bucket, so the hour that repeats when clocks go back is two', () => {
    const hours = bucketsOf(resolveRange('2026-10-25', '2026-10-25', 'Europe/Berlin'), 'hour');
    expect(hours).toHaveLength(25);
    expect(hours.filter((bucket) => bucket.label === '2026-10-25T02:00')).toHaveLength(2);
    expect(hours[0]!.key).toBe('2026-10-24T22');
  });

  it('refuses an hourly series over more than 31 days', () => {
    expect(refusal(() => bucketsOf(resolveRange('2026-01-01', '2026-03-01', 'UTC'), 'hour')).rule).toBe('over_long_range');
  });
});
