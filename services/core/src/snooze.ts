// When a snoozed conversation wakes up for each preset the agent can pick, read in the agent's own
// time zone: "tomorrow" and "next week" are the agent's calendar, not UTC's.
import { type LocalDate, addCalendarDays, isValidTimeZone, localDateParts, zonedWallTimeToInstant } from './zoned-time.js';

export { isValidTimeZone };

export const SNOOZE_PRESETS = ['in_1_hour', 'tomorrow_9', 'next_week'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

const HOUR_MS = 3_600_000;
// The start of the working day the calendar presets wake up at.
const MORNING_HOUR = 9;
const MONDAY = 1;

/**
 * When a snooze with `preset` ends, for an agent in IANA `timeZone`, at `now`.
 * Throws RangeError for an unknown zone (validate with isValidTimeZone first), an invalid date or an unknown preset.
 */
export function snoozePresetUntil(preset: SnoozePreset, now: Date, timeZone: string): Date {
  // Read the local date even when the preset does not need it, so a bad zone fails on every preset alike.
  const today = localDateParts(now, timeZone);
  switch (preset) {
    case 'in_1_hour':
      return new Date(now.getTime() + HOUR_MS);
    case 'tomorrow_9':
      return morningOf(addCalendarDays(today, 1), timeZone);
    case 'next_week':
      return morningOf(addCalendarDays(today, daysUntilNextMonday(today.weekday)), timeZone);
    default:
      return unknownPreset(preset);
  }
}

// Strictly after today: on a Monday, "next week" is seven days away, never this morning.
function daysUntilNextMonday(weekday: number): number {
  return ((MONDAY - weekday + 6) % 7) + 1;
}

function morningOf(date: LocalDate, timeZone: string): Date {
  return zonedWallTimeToInstant({ ...date, hour: MORNING_HOUR, minute: 0 }, timeZone);
}

// Callers outside TypeScript can still pass any string.
function unknownPreset(preset: never): never {
  throw new RangeError(`Unknown snooze preset: ${String(preset)}`);
}
