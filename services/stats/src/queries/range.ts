// A statistics range: local calendar dates in one IANA zone, turned into the UTC instants the
// store is kept in, and the local calendar buckets (hours, days, weeks, months) series are cut into.
// Pure. A zone is usable only while its UTC offset is a whole number of hours: the store sums facts
// per UTC hour, and a local day of a half-hour zone would cut those hours in two.
import { SmartchatError, STATISTICS_HOURLY_MAX_DAYS, STATISTICS_MAX_RANGE_DAYS, type StatisticsInterval, type StatisticsRule } from '@smartchat/contracts';
import { localDateParts, zonedWallTimeToInstant, type LocalDate } from '@smartchat/core';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface StatisticsRange {
  timeZone: string;
  /** First local day, included (YYYY-MM-DD). */
  from: string;
  /** Last local day, included. */
  to: string;
  /** Local midnight starting `from`. */
  start: Date;
  /** Local midnight after `to` (excluded). */
  end: Date;
  /** Local days in the range. */
  days: number;
}

/** A refusal of a well-formed request by a rule (422), with the parameter and rule it broke. */
export function ruleRefusal(path: string, rule: StatisticsRule, message: string): SmartchatError {
  return new SmartchatError('SC_ERR_UNPROCESSABLE', message, [{ path, rule, message }]);
}

export function parseLocalDate(text: string, path: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!date || date.month < 1 || date.month > 12 || date.day < 1 || date.day > new Date(Date.UTC(date.year, date.month, 0)).getUTCDate()) {
    throw ruleRefusal(path, 'impossible_date', `${text} is not a date of the calendar`);
  }
  return date;
}

export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

function fromDayNumber(days: number): LocalDate {
  const at = new Date(days * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function midnight(date: LocalDate, timeZone: string): Date {
  return zonedWallTimeToInstant({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** The zone's offset from UTC at `instant`, in minutes. */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const wall = localDateParts(instant, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The range from local day `from` to local day `to` (both included) in `timeZone`, refused with 422
 * when `to` is before `from`, when it covers more than `maxDays` days, or when the zone's offset is
 * not a whole number of hours somewhere in it. Offsets are checked at every local midnight and at
 * both ends: an offset holds for months, so no stretch of a day goes unseen.
 */
export function resolveRange(from: string, to: string, timeZone: string, maxDays: number = STATISTICS_MAX_RANGE_DAYS): StatisticsRange {
  const first = parseLocalDate(from, 'query.from');
  const last = parseLocalDate(to, 'query.to');
  const days = dayNumber(last) - dayNumber(first) + 1;
  if (days < 1) throw ruleRefusal('query.to', 'inverted_range', `The range ends (${to}) before it starts (${from})`);
  if (days > maxDays) throw ruleRefusal('query.to', 'over_long_range', `The range is over-long: ${days} days, at most ${maxDays}`);
  const start = midnight(first, timeZone);
  const end = midnight(fromDayNumber(dayNumber(last) + 1), timeZone);
  for (let day = 0; day <= days; day += 1) {
    const instant = day === days ? new Date(end.getTime() - 1) : midnight(fromDayNumber(dayNumber(first) + day), timeZone);
    const offset = offsetMinutesAt(instant, timeZone);
    if (offset % 60 !== 0) {
      throw ruleRefusal('query.timeZone', 'partial_hour_zone', `${timeZone} is ${formatOffset(offset)} from UTC on ${formatLocalDate(fromDayNumber(dayNumber(first) + Math.min(day, days - 1)))}: statistics are kept per hour, so only zones a whole number of hours from UTC can be used`);
    }
  }
  return { timeZone, from: formatLocalDate(first), to: formatLocalDate(last), start, end, days };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The range of as many local days just before `range`: the period a trend compares with. */
export function previousRange(range: StatisticsRange): StatisticsRange {
  const first = dayNumber(parseLocalDate(range.from, 'query.from'));
  return resolveRange(formatLocalDate(fromDayNumber(first - range.days)), formatLocalDate(fromDayNumber(first - 1)), range.timeZone, Number.POSITIVE_INFINITY);
}

export interface StatisticsBucket {
  /** Matches the bucket key the queries group by (bucketKeySql). */
  key: string;
  /** Local: YYYY-MM-DDTHH:00 for hours; the calendar bucket's first day (a Monday, a 1st) otherwise. */
  label: string;
  /** Where the bucket starts within the range. */
  start: Date;
  end: Date;
}

/**
 * Every bucket of the range, empty ones included. Hours are UTC hours (each one local hour: the
 * zone has whole-hour offsets), labelled with the local time they show, so a local hour that
 * happens twice when clocks go back is two buckets, as it was two hours of work.
 */
export function bucketsOf(range: StatisticsRange, interval: StatisticsInterval): StatisticsBucket[] {
  if (interval === 'hour' && range.days > STATISTICS_HOURLY_MAX_DAYS) {
    throw ruleRefusal('query.interval', 'over_long_range', `An hourly series covers at most ${STATISTICS_HOURLY_MAX_DAYS} days; this range has ${range.days}`);
  }
  const buckets: StatisticsBucket[] = [];
  if (interval === 'hour') {
    for (let at = range.start.getTime(); at < range.end.getTime(); at += HOUR_MS) {
      const local = localDateParts(new Date(at), range.timeZone);
      buckets.push({ key: new Date(at).toISOString().slice(0, 13), label: `${formatLocalDate(local)}T${String(local.hour).padStart(2, '0')}:00`, start: new Date(at), end: new Date(at + HOUR_MS) });
    }
    return buckets;
  }
  const first = dayNumber(parseLocalDate(range.from, 'query.from'));
  const last = first + range.days - 1;
  let day = first;
  // Each bucket starts at the midnight its predecessor ends at (found once: a zone's midnight is
  // the costly part of a year by day).
  let start = midnight(fromDayNumber(first), range.timeZone);
  while (day <= last) {
    const date = fromDayNumber(day);
    const calendarStart = interval === 'day' ? date : interval === 'week' ? fromDayNumber(day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7)) : { ...date, day: 1 };
    const nextDay =
      interval === 'day' ? day + 1 : interval === 'week' ? dayNumber(calendarStart) + 7 : dayNumber({ year: date.month === 12 ? date.year + 1 : date.year, month: (date.month % 12) + 1, day: 1 });
    const bucketEnd = Math.min(nextDay, last + 1);
    const label = formatLocalDate(calendarStart);
    const end = midnight(fromDayNumber(bucketEnd), range.timeZone);
    buckets.push({ key: label, label, start, end });
    start = end;
    day = bucketEnd;
  }
  return buckets;
}

/**
 * SQL for the bucket key of a timestamp column (`at` of facts, `hour` of rollups), matching
 * StatisticsBucket.key; `zone` is the parameter holding the time zone.
 */
export function bucketKeySql(column: string, interval: StatisticsInterval, zone: string): string {
  switch (interval) {
    case 'hour':
      return `to_char(date_trunc('hour', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24')`;
    case 'day':
    case 'week':
    case 'month':
      return `to_char(date_trunc('${interval}', ${column} AT TIME ZONE ${zone}), 'YYYY-MM-DD')`;
  }
}
