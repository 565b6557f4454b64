// Wall-clock time in an IANA time zone and back, with nothing but Intl.DateTimeFormat: the
// conversions snoozes and business-hours timers need to stay right across DST changes.

/** A local calendar date; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A local date and time to the minute, as a person in some time zone reads it off a clock. */
export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
}

/** What a clock and calendar in the zone show at an instant; weekday 0 = Sunday .. 6 = Saturday. */
export interface LocalDateParts extends WallTime {
  weekday: number;
}

const DAY_MS = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, time and weekday in `timeZone` at `instant`. Throws RangeError for an unknown zone or invalid date. */
export function localDateParts(instant: Date, timeZone: string): LocalDateParts {
  const time = instantMs(instant);
  const clock = readClock(time, timeZone);
  return { year: clock.year, month: clock.month, day: clock.day, hour: clock.hour, minute: clock.minute, weekday: weekdayOf(clock) };
}

/**
 * The instant at which clocks in `timeZone` show `wall`.
 * A wall time that happens twice (clocks go back) is its first occurrence. A wall time that never
 * happens (clocks go forward) is moved forward by the length of the gap: 02:30 on the night
 * New York skips 02:00-03:00 is 03:30 EDT. Both match Temporal's 'compatible' disambiguation.
 */
export function zonedWallTimeToInstant(wall: WallTime, timeZone: string): Date {
  assertWallTime(wall);
  formatterFor(timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Iterating "offset at the guess" from one side settles on different sides of a gap for zones
  // east and west of UTC, so try the offsets in force on either side of the wall time instead;
  // no zone changes its offset twice within a day of one wall time.
  const offsetBefore = offsetMsAt(wallAsUtc - DAY_MS, timeZone);
  const offsetAfter = offsetMsAt(wallAsUtc + DAY_MS, timeZone);
  const occurrences = [offsetBefore, offsetAfter]
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => wallAsUtc - offsetMsAt(candidate, timeZone) === candidate);
  // No occurrence: a gap. The offset from before it, applied after it, lands the gap's length later.
  const instant = occurrences.length > 0 ? Math.min(...occurrences) : wallAsUtc - offsetBefore;
  return new Date(instant);
}

/** `date` moved by `days` calendar days (negative goes back); plain calendar arithmetic, no zone involved. */
export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday .. 6 = Saturday; the weekday of a calendar date is the same in every zone. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

interface Clock extends WallTime {
  second: number;
}

// Creating a formatter is far slower than using one, and a business-hours walk reads the clock
// hundreds of times. The cap keeps arbitrary caller-supplied spellings from growing it forever.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATTERS = 500;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  // Intl throws RangeError for an unknown zone, which is the error callers are promised. An empty
  // string would also be refused, but undefined would silently mean the process zone: check first.
  if (typeof timeZone !== 'string') throw new RangeError(`Not a time zone: ${String(timeZone)}`);
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    // h23, not hour12: false, which shows midnight as 24 in some ICU versions.
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}

function readClock(time: number, timeZone: string): Clock {
  const fields = new Map(formatterFor(timeZone).formatToParts(time).map((part) => [part.type, part.value]));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(fields.get(type));
  return { year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second: field('second') };
}

// How far the zone's clocks are ahead of UTC at `time`. Seconds count: some historical offsets have them.
function offsetMsAt(time: number, timeZone: string): number {
  const clock = readClock(time, timeZone);
  const clockAsUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return clockAsUtc - (time - mod(time, 1000));
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** Epoch milliseconds of `instant`; RangeError for an invalid Date rather than NaN arithmetic downstream. */
export function instantMs(instant: Date): number {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`Not a valid date: ${String(instant)}`);
  return time;
}

// Out-of-range fields would silently roll over (April 31 -> May 1) and hide a caller's bug.
function assertWallTime(wall: WallTime): void {
  const { year, month, day, hour, minute } = wall;
  const fields = [year, month, day, hour, minute];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    fields.every(Number.isInteger) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
  if (!valid) throw new RangeError(`Not a wall time: ${JSON.stringify(wall)}`);
}
