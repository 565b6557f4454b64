// The date presets of the Statistics page (as in most help-desk reports: today, the last 7 and 30
// days, this month, last month, a custom range) turned into whole days in the viewer's zone. A
// range is a pair of days, both included; the API gets them with the zone and slices its hourly
// rollups at the zone's midnights.
import { addDays, dayOf, daysBetween, firstOfMonth, isDay, type Day } from './zone.js';

export const PRESETS = ['today', '7d', '30d', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface DayRange {
  /** First day, included. */
  from: Day;
  /** Last day, included. */
  to: Day;
}

export function isPreset(value: string | undefined | null): value is Preset {
  return (PRESETS as readonly (string | undefined | null)[]).includes(value);
}

/** The days a preset covers on `today` (in the zone); "this month" runs up to today. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: Day): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth':
      return { from: firstOfMonth(today, -1), to: addDays(firstOfMonth(today), -1) };
  }
}

/** Today in the zone. */
export function todayIn(zone: string, now = new Date()): Day {
  return dayOf(now, zone);
}

/** A custom range as typed: both days valid and in order, else why not. */
export function checkCustomRange(from: string, to: string): { range: DayRange } | { problem: 'missing' | 'inverted' } {
  if (!isDay(from) || !isDay(to)) return { problem: 'missing' };
  if (from > to) return { problem: 'inverted' };
  return { range: { from, to } };
}

export function rangeDays(range: DayRange): number {
  return daysBetween(range.from, range.to);
}

/** The same number of days just before the range: what trends compare with. */
export function previousRange(range: DayRange): DayRange {
  const days = rangeDays(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}
