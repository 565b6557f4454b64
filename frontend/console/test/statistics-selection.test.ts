// The Statistics page's own arithmetic, without a browser: the days a preset covers in the viewer's
// zone (across a DST change and a year's end), what a URL query selects, how a figure's trend is
// judged (faster responses are good, more reopens are bad) and how durations read.
import type { Figure } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { formatChange, headline, trendOf } from '../src/statistics/figures.js';
import { formatDuration, formatShare } from '../src/statistics/format.js';
import { checkCustomRange, presetRange, previousRange, rangeDays, todayIn } from '../src/statistics/range.js';
import { readSelection, selectionQuery, statisticsParams, viewerZone } from '../src/statistics/selection.js';
import { offsetLabel, startOfDay } from '../src/statistics/zone.js';

const duration = (n: number, median: number | null): Figure => ({ kind: 'duration', n, calendar: { median, p90: median, mean: median }, business: { median: median === null ? null : median / 2, p90: null, mean: null } });

describe('days in a time zone', () => {
  it('a day starts at the zone’s midnight, also on the day the clocks go back', () => {
    expect(startOfDay('2026-10-24', 'Europe/Berlin').toISOString()).toBe('2026-10-23T22:00:00.000Z');
    expect(startOfDay('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDay('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfDay('2026-03-29', 'America/New_York').toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(startOfDay('2026-11-30', 'Europe/Moscow').toISOString()).toBe('2026-11-29T21:00:00.000Z');
  });

  it('today is the zone’s date, not the browser’s', () => {
    const instant = new Date('2026-12-31T22:30:00Z');
    expect(todayIn('Europe/Moscow', instant)).toBe('2027-01-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-12-31');
  });

  it('the offset is named as the page shows it', () => {
    expect(offsetLabel(new Date('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe('UTC+2');
    expect(offsetLabel(new Date('2026-12-01T00:00:00Z'), 'Europe/Berlin')).toBe('UTC+1');
    expect(offsetLabel(new Date('2026-12-01T00:00:00Z'), 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(offsetLabel(new Date('2026-12-01T00:00:00Z'), 'America/New_York')).toBe('UTC−5');
  });
});

describe('date presets', () => {
  it('cover whole days up to today, last month being the calendar month before', () => {
    expect(presetRange('today', '2026-12-06')).toEqual({ from: '2026-12-06', to: '2026-12-06' });
    expect(presetRange('7d', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetRange('30d', '2026-12-06')).toEqual({ from: '2026-11-07', to: '2026-12-06' });
    expect(presetRange('thisMonth', '2026-12-06')).toEqual({ from: '2026-12-01', to: '2026-12-06' });
    expect(presetRange('lastMonth', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(rangeDays(presetRange('30d', '2026-12-06'))).toBe(30);
  });

  it('the previous period is as many days just before', () => {
    expect(previousRange({ from: '2026-10-01', to: '2026-10-31' })).toEqual({ from: '2026-08-31', to: '2026-09-30' });
    expect(previousRange({ from: '2026-12-06', to: '2026-12-06' })).toEqual({ from: '2026-12-05', to: '2026-12-05' });
  });

  it('a custom range needs two real days in order', () => {
    expect(checkCustomRange('2026-10-01', '2026-10-31')).toEqual({ range: { from: '2026-10-01', to: '2026-10-31' } });
    expect(checkCustomRange('2026-10-31', '2026-10-01')).toEqual({ problem: 'inverted' });
    expect(checkCustomRange('2026-02-30', '2026-03-01')).toEqual({ problem: 'missing' });
    expect(checkCustomRange('', '2026-03-01')).toEqual({ problem: 'missing' });
  });
});

describe('the selection in the URL', () => {
  const now = new Date('2026-12-06T10:00:00Z');

  it('defaults to the last 30 days in the viewer’s zone, customer conversations, calendar time', () => {
    const selection = readSelection({}, 'Europe/Moscow', now);
    expect(selection).toMatchObject({ preset: '30d', range: { from: '2026-11-07', to: '2026-12-06' }, zone: 'Europe/Moscow', internal: false, business: false, teamIds: [], agentIds: [], channels: [], topics: [] });
    expect(statisticsParams(selection)).toEqual({ from: '2026-11-07', to: '2026-12-06', timeZone: 'Europe/Moscow', teamIds: undefined, agentIds: undefined, channels: undefined, topics: undefined, internal: false });
  });

  it('reads a custom range, a zone, filters and the switches, and writes them back', () => {
    const query = { preset: 'custom', from: '2026-10-01', to: '2026-10-31', tz: 'UTC', team: '7EA00000-0000-4000-8000-0000000000DE', channel: 'email', topic: 'billing', internal: '1', hours: 'business' };
    const selection = readSelection(query, 'Europe/Moscow', now);
    expect(selection).toMatchObject({ preset: 'custom', range: { from: '2026-10-01', to: '2026-10-31' }, zone: 'UTC', teamIds: ['7ea00000-0000-4000-8000-0000000000de'], channels: ['email'], topics: ['billing'], internal: true, business: true });
    expect(selectionQuery(selection, 'Europe/Moscow')).toEqual({ ...query, team: '7ea00000-0000-4000-8000-0000000000de', agent: undefined });
  });

  it('keeps several values of a filter, each once, a topic with a comma whole, and drops what it cannot read', () => {
    const teams = ['7ea00000-0000-4000-8000-0000000000de', '7ea00000-0000-4000-8000-0000000000a1'];
    const query = { team: `${teams[0]},${teams[1]!.toUpperCase()},not-a-uuid,${teams[0]}`, agent: '', channel: 'widget,fax,email', topic: 'refunds%2C partial,billing,%E0%A4%A' };
    const selection = readSelection(query, 'Europe/Moscow', now);
    expect(selection).toMatchObject({ teamIds: teams, agentIds: [], channels: ['widget', 'email'], topics: ['refunds, partial', 'billing'] });
    expect(statisticsParams(selection)).toMatchObject({ teamIds: teams, agentIds: undefined, channels: ['widget', 'email'], topics: ['refunds, partial', 'billing'] });
    const written = selectionQuery(selection, 'Europe/Moscow');
    expect(written).toMatchObject({ team: teams.join(','), agent: undefined, channel: 'widget,email', topic: 'refunds%2C partial,billing' });
    expect(readSelection(written as Record<string, string>, 'Europe/Moscow', now)).toEqual(selection);
  });

  it('the viewer’s zone is their profile’s, else the browser’s, as long as the API takes it', () => {
    expect(viewerZone('Asia/Yekaterinburg', 'Europe/Berlin')).toBe('Asia/Yekaterinburg');
    expect(viewerZone('Mars/Olympus', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(viewerZone(null, 'Nowhere/Special')).toBe('UTC');
  });

  it('an unknown zone or a broken custom range falls back and says which zone is used', () => {
    const selection = readSelection({ preset: 'custom', from: '2026-10-31', to: '2026-10-01', tz: 'Mars/Olympus', channel: 'fax', team: 'not-a-uuid' }, 'Europe/Moscow', now);
    expect(selection).toMatchObject({ preset: '30d', zone: 'Europe/Moscow', unknownZone: 'Mars/Olympus', channels: [], teamIds: [] });
  });
});

describe('figures and trends', () => {
  it('a duration stands for its median, in business hours when asked; a rating for its mean', () => {
    expect(headline(duration(4, 600_000), false)).toBe(600_000);
    expect(headline(duration(4, 600_000), true)).toBe(300_000);
    expect(headline({ kind: 'distribution', n: 6, median: 4, p90: 5, mean: 22 / 6 }, false, 'rating')).toBe(22 / 6);
    expect(headline({ kind: 'distribution', n: 13, median: 2, p90: 4, mean: 36 / 13 }, false, 'conversations')).toBe(2);
  });

  it('faster responses are better, more reopens worse, volumes neither', () => {
    expect(trendOf(duration(10, 300_000), duration(10, 600_000), 'milliseconds', 'lower', false)).toEqual({ direction: 'down', change: -0.5, points: false, verdict: 'better' });
    expect(trendOf({ kind: 'count', n: 3 }, { kind: 'count', n: 2 }, 'conversations', 'lower', false)).toMatchObject({ direction: 'up', verdict: 'worse' });
    expect(trendOf({ kind: 'count', n: 3 }, { kind: 'count', n: 2 }, 'conversations', null, false)).toMatchObject({ direction: 'up', verdict: 'neutral' });
  });

  it('shares change in percentage points; nothing before means no trend', () => {
    const trend = trendOf({ kind: 'ratio', n: 10, hits: 8, rate: 0.8 }, { kind: 'ratio', n: 10, hits: 6, rate: 0.6 }, 'share', 'higher', false)!;
    expect(trend).toMatchObject({ direction: 'up', points: true, verdict: 'better' });
    expect(formatChange(trend, 'en')).toBe('+20');
    expect(trendOf(duration(3, 1000), duration(0, null), 'milliseconds', 'lower', false)).toBeNull();
    expect(trendOf({ kind: 'count', n: 3 }, { kind: 'count', n: 0 }, 'conversations', null, false)).toBeNull();
  });

  it('durations read in the two largest units; a missing figure is a dash', () => {
    expect(formatDuration(45_000, 'ru')).toBe('45 с');
    expect(formatDuration(252_000, 'en')).toBe('4 min 12 s');
    expect(formatDuration(7_500_000, 'ru')).toBe('2 ч 05 мин');
    expect(formatDuration(233_100_000, 'en')).toBe('2 d 16 h');
    expect(formatDuration(null, 'en')).toBe('—');
    expect(formatShare(2 / 3, 'en')).toBe('66.7%');
  });
});
