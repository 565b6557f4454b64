// A report's range: whole local days in one IANA zone, as the dates people read ("1–30 November,
// Moscow time") and as the instants the statistics store is sliced by ([start, end)). The rules
// are the statistics API's (queries/range.ts); a report adds that it cannot end in the future.
// Months for the monthly reports are taken in the desk's zone.
import { REPORT_MAX_RANGE_DAYS, SmartchatError } from '@smartchat/contracts';
import { localDateParts } from '@smartchat/core';
import { formatLocalDate, resolveRange, type StatisticsRange } from '../queries/range.js';

export type ReportRange = Pick<StatisticsRange, 'from' | 'to' | 'timeZone' | 'start' | 'end'>;

/** The local day in `timeZone` at `instant`, `YYYY-MM-DD`. */
export function localDay(instant: Date, timeZone: string): string {
  return formatLocalDate(localDateParts(instant, timeZone));
}

/**
 * The range a custom report asks for (local days `from` to `to`, both included), refused with 422
 * SC_ERR_UNPROCESSABLE naming the body field and the rule: a date the calendar does not have, an
 * inverted or over-long range, a zone that is not a whole number of hours from UTC in it, or a
 * range that ends after today (in that zone).
 */
export function customRange(input: { from: string; to: string; timeZone: string }, now: Date): StatisticsRange {
  let range: StatisticsRange;
  try {
    range = resolveRange(input.from, input.to, input.timeZone, REPORT_MAX_RANGE_DAYS);
  } catch (error) {
    // The statistics API names query parameters; here they are fields of the body.
    if (error instanceof SmartchatError && Array.isArray(error.details)) {
      const details = (error.details as { path: string }[]).map((detail) => ({ ...detail, path: detail.path.replace(/^query\./, 'body.') }));
      throw new SmartchatError(error.code, error.message, details);
    }
    throw error;
  }
  const today = localDay(now, input.timeZone);
  if (range.to > today) {
    const message = `The range ends (${range.to}) after today (${today} in ${input.timeZone}): a report covers days that have passed`;
    throw new SmartchatError('SC_ERR_UNPROCESSABLE', message, [{ path: 'body.to', rule: 'future_range', message }]);
  }
  return range;
}

/** A month `YYYY-MM` in the zone, first to last day. */
export function monthRange(period: string, timeZone: string): StatisticsRange {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new RangeError(`Not a month: ${period}`);
  const last = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return resolveRange(`${period}-01`, `${period}-${String(last).padStart(2, '0')}`, timeZone);
}

/** The month before the one `instant` falls in, in `timeZone`: `YYYY-MM`. */
export function previousMonth(instant: Date, timeZone: string): string {
  const { year, month } = localDateParts(instant, timeZone);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
