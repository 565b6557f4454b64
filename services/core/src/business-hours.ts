// A team's weekly opening hours in its own time zone, and the SLA arithmetic on them: business
// minutes are counted only while the team is open, however the zone's clocks shift.
import { type LocalDate, addCalendarDays, instantMs, isValidTimeZone, localDateParts, weekdayOf, zonedWallTimeToInstant } from './zoned-time.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessHours {
  timeZone: string; // IANA
  /** Open intervals per weekday as "HH:MM" 24h strings, start < end, non-overlapping; a missing or empty day is closed. "24:00" allowed as an end. */
  days: Partial<Record<Weekday, Array<[string, string]>>>;
}

export interface BusinessHoursProblem {
  path: string;
  message: string;
}

// Indexed like Date#getUTCDay, so a local date's weekday number picks its day directly.
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;
// How far ahead a deadline may fall: past a year of round-the-clock minutes, and a bound on the walk.
const MAX_LOOKAHEAD_DAYS = 400;

const START_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes since local midnight; the end may be 1440 ("24:00"). */
type OpenMinutes = [start: number, end: number];
type WeeklyMinutes = OpenMinutes[][];
/** Epoch milliseconds, start included, end excluded. */
type OpenInterval = [start: number, end: number];

/** Problems with a schedule, as {path, message} pairs (empty when valid): bad zone, bad time format, start >= end, overlaps, no open time at all in the week. */
export function businessHoursProblems(hours: BusinessHours): BusinessHoursProblem[] {
  const problems: BusinessHoursProblem[] = [];
  if (!isValidTimeZone(hours.timeZone)) problems.push({ path: 'timeZone', message: `Unknown time zone: ${String(hours.timeZone)}` });
  if (!isPlainObject(hours.days)) return [...problems, { path: 'days', message: 'Must map weekdays to lists of [start, end] intervals' }];
  let openIntervals = 0;
  for (const [weekday, intervals] of Object.entries(hours.days)) {
    const dayProblems = dayScheduleProblems(weekday, intervals);
    problems.push(...dayProblems);
    if (dayProblems.length === 0) openIntervals += intervals?.length ?? 0;
  }
  // Only worth saying when the days are otherwise fine: broken intervals have already been named.
  if (openIntervals === 0 && problems.every((problem) => !problem.path.startsWith('days'))) {
    problems.push({ path: 'days', message: 'No open time in the week' });
  }
  return problems;
}

/**
 * The instant `minutes` business minutes after `start`; fractional minutes are fine. Starting
 * outside open hours, the clock starts at the next opening. `hours` null = always open (plain addition).
 * Throws RangeError for negative or non-finite minutes, an invalid schedule, or a deadline more than ~400 days ahead.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Business minutes must be finite and >= 0: ${minutes}`);
  const startMs = instantMs(start);
  if (hours === null) return validDate(startMs + minutes * MINUTE_MS);
  const weekly = weeklyMinutes(hours);
  let remaining = minutes * MINUTE_MS;
  let cursor = startMs;
  for (const interval of openIntervalsFrom(start, hours.timeZone, weekly)) {
    const from = Math.max(interval[0], cursor);
    const available = interval[1] - from;
    if (available <= 0) continue;
    // At exactly the remaining time the deadline is the closing instant, not the next opening.
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor = interval[1];
  }
  throw new RangeError(`${minutes} business minutes from ${start.toISOString()} end more than ${MAX_LOOKAHEAD_DAYS} days ahead`);
}

/**
 * Whole milliseconds of open time from `start` to `end` (start included, end excluded). `hours`
 * null = always open (plain difference); `end` at or before `start` gives 0. Each local day's
 * wall-clock intervals become real instants on that date, so a day when clocks go forward counts an
 * hour less and one when they go back an hour more. Throws RangeError for an invalid schedule.
 */
export function businessMillisBetween(start: Date, end: Date, hours: BusinessHours | null): number {
  const startMs = instantMs(start);
  const endMs = instantMs(end);
  if (endMs <= startMs) return 0;
  if (hours === null) return endMs - startMs;
  const weekly = weeklyMinutes(hours);
  const lastDay = localDateParts(end, hours.timeZone);
  let total = 0;
  // Time already counted: intervals of neighbouring days can meet (or, around a clock change,
  // overlap), and no instant may count twice.
  let counted = startMs;
  // From the day before, as in isWithinBusinessHours: yesterday's interval may still be open.
  for (let day = addCalendarDays(localDateParts(start, hours.timeZone), -1); !isAfter(day, lastDay); day = addCalendarDays(day, 1)) {
    for (const [open, close] of cachedOpenIntervalsOn(day, hours.timeZone, weekly)) {
      const from = Math.max(open, counted);
      const to = Math.min(close, endMs);
      if (to > from) {
        total += to - from;
        counted = to;
      }
    }
  }
  return total;
}

/** Whether `instant` falls in open hours (null = always). Opening instants are in, closing instants out. */
export function isWithinBusinessHours(instant: Date, hours: BusinessHours | null): boolean {
  const time = instantMs(instant);
  if (hours === null) return true;
  const weekly = weeklyMinutes(hours);
  const today = localDateParts(instant, hours.timeZone);
  // Yesterday too: when clocks go back at midnight, yesterday's last hour repeats after today began.
  return [addCalendarDays(today, -1), today].some((date) =>
    openIntervalsOn(date, hours.timeZone, weekly).some(([open, close]) => open <= time && time < close),
  );
}

function dayScheduleProblems(weekday: string, intervals: unknown): BusinessHoursProblem[] {
  const path = `days.${weekday}`;
  if (!(WEEKDAYS as readonly string[]).includes(weekday)) return [{ path, message: `Unknown weekday; use one of ${WEEKDAYS.join(', ')}` }];
  if (intervals === undefined) return [];
  if (!Array.isArray(intervals)) return [{ path, message: 'Must be a list of [start, end] intervals' }];
  const problems: BusinessHoursProblem[] = [];
  const parsed: Array<{ index: number; minutes: OpenMinutes }> = [];
  intervals.forEach((interval: unknown, index) => {
    const minutes = parseInterval(interval);
    if (typeof minutes === 'string') problems.push({ path: `${path}.${index}`, message: minutes });
    else parsed.push({ index, minutes });
  });
  return [...problems, ...overlapProblems(path, parsed)];
}

// The interval's minutes, or what is wrong with it.
function parseInterval(interval: unknown): OpenMinutes | string {
  if (!Array.isArray(interval) || interval.length !== 2) return 'Must be a [start, end] pair of "HH:MM" times';
  const [start, end] = interval as unknown[];
  const startMinutes = parseTime(start, START_TIME);
  const endMinutes = parseTime(end, END_TIME);
  if (startMinutes === null) return `Start must be a time from "00:00" to "23:59": ${JSON.stringify(start)}`;
  if (endMinutes === null) return `End must be a time from "00:01" to "24:00": ${JSON.stringify(end)}`;
  if (startMinutes >= endMinutes) return `Start ${String(start)} must be before end ${String(end)}`;
  return [startMinutes, endMinutes];
}

function parseTime(time: unknown, pattern: RegExp): number | null {
  const match = typeof time === 'string' ? pattern.exec(time) : null;
  if (!match) return null;
  const [hour, minute] = match.slice(1).filter((group) => group !== undefined);
  return Number(hour) * 60 + Number(minute);
}

// Intervals that only touch (13:00 end, 13:00 start) do not overlap. Compared with the furthest
// reaching interval so far, not just the previous one: 09:00-18:00 overlaps 10:00-11:00 and 12:00-13:00.
function overlapProblems(path: string, parsed: Array<{ index: number; minutes: OpenMinutes }>): BusinessHoursProblem[] {
  const byStart = [...parsed].sort((a, b) => a.minutes[0] - b.minutes[0] || a.index - b.index);
  const problems: BusinessHoursProblem[] = [];
  let furthest: (typeof parsed)[number] | undefined;
  for (const current of byStart) {
    if (furthest && current.minutes[0] < furthest.minutes[1]) {
      // Blame whichever of the two was listed later: most likely the one just added.
      const [earlier, later] = furthest.index < current.index ? [furthest, current] : [current, furthest];
      problems.push({ path: `${path}.${later.index}`, message: `Overlaps ${path}.${earlier.index}` });
    }
    if (!furthest || current.minutes[1] > furthest.minutes[1]) furthest = current;
  }
  return problems;
}

function weeklyMinutes(hours: BusinessHours): WeeklyMinutes {
  const problems = businessHoursProblems(hours);
  if (problems.length > 0) {
    throw new RangeError(`Invalid business hours: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  }
  return WEEKDAYS.map((weekday) => (hours.days[weekday] ?? []).map((interval) => parseInterval(interval) as OpenMinutes));
}

// Open intervals in time order, day by day in local time, from the day before `start` (see
// isWithinBusinessHours) to the lookahead bound.
function* openIntervalsFrom(start: Date, timeZone: string, weekly: WeeklyMinutes): Generator<OpenInterval> {
  const firstDay = addCalendarDays(localDateParts(start, timeZone), -1);
  for (let offset = 0; offset <= MAX_LOOKAHEAD_DAYS; offset += 1) {
    yield* openIntervalsOn(addCalendarDays(firstDay, offset), timeZone, weekly);
  }
}

// Each wall-clock interval becomes real instants on that date, so a day when clocks go forward
// is an hour shorter and one when they go back an hour longer.
function openIntervalsOn(date: LocalDate, timeZone: string, weekly: WeeklyMinutes): OpenInterval[] {
  return (
    weekly[weekdayOf(date)]!
      .map(([open, close]): OpenInterval => [instantOn(date, open, timeZone), instantOn(date, close, timeZone)])
      // Re-sorted as instants: a time inside a spring-forward gap moves past later wall times.
      .sort((a, b) => a[0] - b[0])
  );
}

// A statistics rebuild asks for the open time of millions of spans over the same few weeks and
// schedules; each day's instants cost a dozen Intl calls, so they are kept (bounded, cleared when full).
const openIntervalsCache = new Map<string, OpenInterval[]>();
const MAX_CACHED_DAYS = 20_000;

function cachedOpenIntervalsOn(date: LocalDate, timeZone: string, weekly: WeeklyMinutes): OpenInterval[] {
  const key = `${timeZone}|${date.year}-${date.month}-${date.day}|${JSON.stringify(weekly[weekdayOf(date)])}`;
  const cached = openIntervalsCache.get(key);
  if (cached) return cached;
  const intervals = openIntervalsOn(date, timeZone, weekly);
  if (openIntervalsCache.size >= MAX_CACHED_DAYS) openIntervalsCache.clear();
  openIntervalsCache.set(key, intervals);
  return intervals;
}

function isAfter(a: LocalDate, b: LocalDate): boolean {
  return a.year !== b.year ? a.year > b.year : a.month !== b.month ? a.month > b.month : a.day > b.day;
}

function instantOn(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  // "24:00" is the next day's midnight, which wall times cannot spell.
  const day = minuteOfDay === MINUTES_PER_DAY ? addCalendarDays(date, 1) : date;
  const minute = minuteOfDay % MINUTES_PER_DAY;
  return zonedWallTimeToInstant({ ...day, hour: Math.floor(minute / 60), minute: minute % 60 }, timeZone).getTime();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validDate(time: number): Date {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Beyond the range of dates: ${time}`);
  return date;
}

/** What a customer who just wrote may expect (the widget says it): is the team open, by when a reply is due, when it opens. */
export interface ReplyExpectation {
  /** The team is open now (always, without opening hours). */
  open: boolean;
  /** The first-response target counted in open time from now; null when the team has none. */
  replyBy: Date | null;
  /** When closed: the next opening; null when open. */
  opensAt: Date | null;
}

/** The expectation at `now` for a team with `hours` (null = always open) and a first-response target in business minutes (null = none). */
export function replyExpectation(now: Date, hours: BusinessHours | null, firstResponseMinutes: number | null): ReplyExpectation {
  const open = isWithinBusinessHours(now, hours);
  // The first open minute after now ends a minute after the next opening.
  const opensAt = open ? null : new Date(addBusinessMinutes(now, 1, hours).getTime() - MINUTE_MS);
  const replyBy = firstResponseMinutes === null ? null : addBusinessMinutes(now, firstResponseMinutes, hours);
  return { open, replyBy, opensAt };
}
