import { describe, expect, it } from 'vitest';
import { type BusinessHours, addBusinessMinutes, businessHoursProblems, businessMillisBetween, isWithinBusinessHours, replyExpectation } from '../src/business-hours.js';

// 2026 switches: US 03-08 (02:00 EST -> 03:00 EDT) and 11-01 (02:00 EDT -> 01:00 EST);
// EU 03-29 (02:00 CET -> 03:00 CEST) and 10-25 (03:00 CEST -> 02:00 CET).
// Every expectation is written in UTC, worked out by hand from those offsets. Days used:
// Fri 2026-05-15, Sat 05-16, Mon 05-18; Sun 03-08, Sun 03-29, Sun 10-25, Sun 11-01.

const weekdays = (timeZone: string, ...intervals: Array<[string, string]>): BusinessHours => ({
  timeZone,
  days: { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals },
});
const moscow = weekdays('Europe/Moscow', ['09:00', '18:00']);
const berlin = weekdays('Europe/Berlin', ['09:00', '18:00']);
const newYork = weekdays('America/New_York', ['09:00', '18:00']);
const kolkata = weekdays('Asia/Kolkata', ['09:00', '18:00']);
const moscowSplit = weekdays('Europe/Moscow', ['09:00', '13:00'], ['14:00', '18:00']);
const moscowLateFriday: BusinessHours = { timeZone: 'Europe/Moscow', days: { fri: [['20:00', '24:00']], sat: [['00:00', '02:00']] } };
const moscowMondayEvening: BusinessHours = { timeZone: 'Europe/Moscow', days: { mon: [['18:00', '24:00']] } };
const newYorkSundayNight: BusinessHours = { timeZone: 'America/New_York', days: { sun: [['01:00', '04:00']] } };
const newYorkSundayInGap: BusinessHours = { timeZone: 'America/New_York', days: { sun: [['02:30', '05:00']] } };
const newYorkSundayEarly: BusinessHours = { timeZone: 'America/New_York', days: { sun: [['00:00', '04:00']] } };
const newYorkRepeatedHalfHour: BusinessHours = { timeZone: 'America/New_York', days: { sun: [['01:00', '01:30']] } };
const berlinSundayEarly: BusinessHours = { timeZone: 'Europe/Berlin', days: { sun: [['00:00', '04:00']] } };
const allDay: Array<[string, string]> = [['00:00', '24:00']];
const newYorkAroundTheClock: BusinessHours = {
  timeZone: 'America/New_York',
  days: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

describe('addBusinessMinutes', () => {
  it.each<[string, string, number, BusinessHours | null, string]>([
    // A deadline over the weekend, Fri 17:30 + 60 -> Mon 09:30 local.
    ['weekend, Moscow', '2026-05-15T14:30:00Z', 60, moscow, '2026-05-18T06:30:00Z'],
    ['weekend, Kolkata', '2026-05-15T12:00:00Z', 60, kolkata, '2026-05-18T04:00:00Z'],
    ['weekend with spring forward, Berlin CET -> CEST', '2026-03-27T16:30:00Z', 60, berlin, '2026-03-30T07:30:00Z'],
    ['weekend with spring forward, New York EST -> EDT', '2026-03-06T22:30:00Z', 60, newYork, '2026-03-09T13:30:00Z'],
    ['weekend with fall back, Berlin CEST -> CET', '2026-10-23T15:30:00Z', 60, berlin, '2026-10-26T08:30:00Z'],
    ['weekend with fall back, New York EDT -> EST', '2026-10-30T21:30:00Z', 60, newYork, '2026-11-02T14:30:00Z'],

    // Outside hours the clock starts at the next opening.
    ['start before opening: Mon 07:00 + 30', '2026-05-18T04:00:00Z', 30, moscow, '2026-05-18T06:30:00Z'],
    ['start after closing: Mon 19:00 + 30 -> Tue 09:30', '2026-05-18T16:00:00Z', 30, moscow, '2026-05-19T06:30:00Z'],
    ['start on Saturday + 0 -> Mon 09:00', '2026-05-16T09:00:00Z', 0, moscow, '2026-05-18T06:00:00Z'],
    ['start inside + 0 -> start', '2026-05-18T07:00:00Z', 0, moscow, '2026-05-18T07:00:00Z'],
    ['exactly to closing: Mon 17:00 + 60 -> 18:00 the same day', '2026-05-18T14:00:00Z', 60, moscow, '2026-05-18T15:00:00Z'],
    ['a full working week: Mon 09:00 + 5 x 540 -> Fri 18:00', '2026-05-18T06:00:00Z', 2700, moscow, '2026-05-22T15:00:00Z'],
    ['a minute past a working week -> next Mon 09:01', '2026-05-18T06:00:00Z', 2701, moscow, '2026-05-25T06:01:00Z'],
    ['fractional: Mon 09:00 + 1.5', '2026-05-18T06:00:00Z', 1.5, moscow, '2026-05-18T06:01:30Z'],
    ['fractional: Mon 09:00 + 0.25', '2026-05-18T06:00:00Z', 0.25, moscow, '2026-05-18T06:00:15Z'],
    ['fractional across the night: Mon 17:59:30 IST + 1 -> Tue 09:00:30', '2026-05-18T12:29:30Z', 1, kolkata, '2026-05-19T03:30:30Z'],

    // Split days, 09:00-13:00 and 14:00-18:00.
    ['split: 12:30 + 60 skips lunch -> 14:30', '2026-05-18T09:30:00Z', 60, moscowSplit, '2026-05-18T11:30:00Z'],
    ['split: 12:30 + 30 -> 13:00', '2026-05-18T09:30:00Z', 30, moscowSplit, '2026-05-18T10:00:00Z'],
    ['split: at lunch 13:30 + 0 -> 14:00', '2026-05-18T10:30:00Z', 0, moscowSplit, '2026-05-18T11:00:00Z'],
    ['split: at lunch 13:30 + 10 -> 14:10', '2026-05-18T10:30:00Z', 10, moscowSplit, '2026-05-18T11:10:00Z'],
    ['split: Mon 17:00 + 120 -> Tue 10:00', '2026-05-18T14:00:00Z', 120, moscowSplit, '2026-05-19T07:00:00Z'],
    ['split: Mon 09:00 + 480 -> Mon 18:00', '2026-05-18T06:00:00Z', 480, moscowSplit, '2026-05-18T15:00:00Z'],

    // "24:00" runs to midnight and on into the next day's 00:00 opening without a break.
    ['24:00: Fri 23:00 + 120 -> Sat 01:00', '2026-05-15T20:00:00Z', 120, moscowLateFriday, '2026-05-15T22:00:00Z'],
    ['24:00: Fri 20:00 + 360 -> Sat 02:00', '2026-05-15T17:00:00Z', 360, moscowLateFriday, '2026-05-15T23:00:00Z'],
    ['24:00: Fri 20:00 + 361 -> next Fri 20:01', '2026-05-15T17:00:00Z', 361, moscowLateFriday, '2026-05-22T17:01:00Z'],
    ['24:00: Mon 23:30 + 60 -> next Mon 18:30', '2026-05-18T20:30:00Z', 60, moscowMondayEvening, '2026-05-25T15:30:00Z'],

    // Clock changes inside open hours: wall-clock intervals are real instants.
    ['spring forward: Sun 01:00-04:00 is 2 h; 01:00 EST + 90 -> 03:30 EDT', '2026-03-08T06:00:00Z', 90, newYorkSundayNight, '2026-03-08T07:30:00Z'],
    ['spring forward: 01:00 EST + 120 -> 04:00 EDT', '2026-03-08T06:00:00Z', 120, newYorkSundayNight, '2026-03-08T08:00:00Z'],
    ['spring forward: 01:00 EST + 150 -> next Sun 01:30 EDT', '2026-03-08T06:00:00Z', 150, newYorkSundayNight, '2026-03-15T05:30:00Z'],
    ['spring forward: opening 02:30 in the gap opens at 03:30 EDT', '2026-03-08T05:00:00Z', 0, newYorkSundayInGap, '2026-03-08T07:30:00Z'],
    ['spring forward: 02:30-05:00 in the gap is 90 min', '2026-03-08T05:00:00Z', 90, newYorkSundayInGap, '2026-03-08T09:00:00Z'],
    ['spring forward: Berlin Sun 00:00-04:00 is 3 h', '2026-03-28T23:00:00Z', 180, berlinSundayEarly, '2026-03-29T02:00:00Z'],
    ['spring forward: Berlin, one more minute -> next Sun 00:01 CEST', '2026-03-28T23:00:00Z', 181, berlinSundayEarly, '2026-04-04T22:01:00Z'],
    ['fall back: New York Sun 00:00-04:00 is 5 h', '2026-11-01T04:00:00Z', 300, newYorkSundayEarly, '2026-11-01T09:00:00Z'],
    ['fall back: New York, one more minute -> next Sun 00:01 EST', '2026-11-01T04:00:00Z', 301, newYorkSundayEarly, '2026-11-08T05:01:00Z'],
    ['fall back: Berlin Sun 00:00-04:00 is 5 h', '2026-10-24T22:00:00Z', 300, berlinSundayEarly, '2026-10-25T03:00:00Z'],
    ['around the clock equals plain addition across fall back', '2026-10-31T16:00:00Z', 3000, newYorkAroundTheClock, '2026-11-02T18:00:00Z'],
    ['around the clock equals plain addition across spring forward', '2026-03-07T16:00:00Z', 3000, newYorkAroundTheClock, '2026-03-09T18:00:00Z'],

    // null: always open, plain addition.
    ['always open', '2026-03-08T06:30:00Z', 60, null, '2026-03-08T07:30:00Z'],
    ['always open, fractional', '2026-03-08T06:30:00Z', 0.5, null, '2026-03-08T06:30:30Z'],
    ['always open, zero', '2026-05-16T09:00:00Z', 0, null, '2026-05-16T09:00:00Z'],
  ])('%s', (_, start, minutes, hours, deadline) => {
    expect(addBusinessMinutes(new Date(start), minutes, hours).toISOString()).toBe(new Date(deadline).toISOString());
  });

  it.each<[string, string, number, BusinessHours | null]>([
    ['negative minutes', '2026-05-18T06:00:00Z', -1, moscow],
    ['NaN minutes', '2026-05-18T06:00:00Z', Number.NaN, moscow],
    ['infinite minutes', '2026-05-18T06:00:00Z', Number.POSITIVE_INFINITY, moscow],
    ['infinite minutes, always open', '2026-05-18T06:00:00Z', Number.POSITIVE_INFINITY, null],
    ['negative minutes, always open', '2026-05-18T06:00:00Z', -0.5, null],
    ['an invalid start', 'not a date', 10, moscow],
    ['a schedule with no open time', '2026-05-18T06:00:00Z', 10, { timeZone: 'Europe/Moscow', days: {} }],
    ['a schedule with only empty days', '2026-05-18T06:00:00Z', 10, { timeZone: 'Europe/Moscow', days: { mon: [], tue: [] } }],
    ['an unknown zone', '2026-05-18T06:00:00Z', 10, { ...moscow, timeZone: 'Mars/Olympus' }],
    ['an invalid interval', '2026-05-18T06:00:00Z', 10, { timeZone: 'Europe/Moscow', days: { mon: [['18:00', '09:00']] } }],
    ['a deadline past the lookahead (one minute a week)', '2026-05-18T06:00:00Z', 100, { timeZone: 'Europe/Moscow', days: { mon: [['09:00', '09:01']] } }],
  ])('throws RangeError for %s', (_, start, minutes, hours) => {
    expect(() => addBusinessMinutes(new Date(start), minutes, hours)).toThrow(RangeError);
  });
});

describe('isWithinBusinessHours', () => {
  it.each<[string, string, BusinessHours | null, boolean]>([
    ['Mon 09:00, opening', '2026-05-18T06:00:00Z', moscow, true],
    ['Mon 08:59:59.999', '2026-05-18T05:59:59.999Z', moscow, false],
    ['Mon 17:59:59.999', '2026-05-18T14:59:59.999Z', moscow, true],
    ['Mon 18:00, closing', '2026-05-18T15:00:00Z', moscow, false],
    ['Sat noon', '2026-05-16T09:00:00Z', moscow, false],
    ['Mon 09:00 IST', '2026-05-18T03:30:00Z', kolkata, true],
    ['Mon 08:59 IST', '2026-05-18T03:29:00Z', kolkata, false],
    ['Mon 09:00 EDT in the first week of summer time', '2026-03-09T13:00:00Z', newYork, true],
    ['Mon 08:00 EDT, which was 09:00 EST a week earlier', '2026-03-09T12:00:00Z', newYork, false],
    ['split: 13:00 lunch', '2026-05-18T10:00:00Z', moscowSplit, false],
    ['split: 13:30 lunch', '2026-05-18T10:30:00Z', moscowSplit, false],
    ['split: 14:00', '2026-05-18T11:00:00Z', moscowSplit, true],
    ['24:00: Fri 23:59', '2026-05-15T20:59:00Z', moscowLateFriday, true],
    ['24:00: Sat 00:00', '2026-05-15T21:00:00Z', moscowLateFriday, true],
    ['24:00: Sat 02:00', '2026-05-15T23:00:00Z', moscowLateFriday, false],
    ['gap: 03:00 EDT, before the moved opening', '2026-03-08T07:00:00Z', newYorkSundayInGap, false],
    ['gap: 03:30 EDT, the moved opening', '2026-03-08T07:30:00Z', newYorkSundayInGap, true],
    ['fall back: the first 01:30 (EDT)', '2026-11-01T05:30:00Z', newYorkSundayEarly, true],
    ['fall back: the second 01:30 (EST)', '2026-11-01T06:30:00Z', newYorkSundayEarly, true],
    ['fall back: 03:59 EST', '2026-11-01T08:59:00Z', newYorkSundayEarly, true],
    ['fall back: 01:00-01:30 is the first occurrence; 01:15 EDT', '2026-11-01T05:15:00Z', newYorkRepeatedHalfHour, true],
    ['fall back: 01:00-01:30 is the first occurrence; 01:15 EST', '2026-11-01T06:15:00Z', newYorkRepeatedHalfHour, false],
    ['always open', '2026-05-16T09:00:00Z', null, true],
  ])('%s', (_, instant, hours, within) => {
    expect(isWithinBusinessHours(new Date(instant), hours)).toBe(within);
  });

  it.each<[string, string, BusinessHours | null]>([
    ['an invalid instant', 'not a date', moscow],
    ['an invalid instant, always open', 'not a date', null],
    ['an invalid schedule', '2026-05-18T06:00:00Z', { timeZone: 'Europe/Moscow', days: {} }],
  ])('throws RangeError for %s', (_, instant, hours) => {
    expect(() => isWithinBusinessHours(new Date(instant), hours)).toThrow(RangeError);
  });
});

describe('businessMillisBetween', () => {
  const HOUR = 3_600_000;
  const MINUTE = 60_000;
  const newYorkWeekend: BusinessHours = { timeZone: 'America/New_York', days: { sat: allDay, sun: allDay } };

  it.each<[string, string, string, BusinessHours | null, number]>([
    // Always open: the plain difference, to the millisecond.
    ['always open', '2026-05-18T06:00:00Z', '2026-05-18T07:30:00.250Z', null, 90 * MINUTE + 250],
    ['always open, across the fall-back night', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z', null, 48 * HOUR],

    // Berlin Mon-Fri 09:00-18:00 (CEST = UTC+2 in May).
    ['inside one interval: Mon 10:00-11:30', '2026-05-18T08:00:00Z', '2026-05-18T09:30:00Z', berlin, 90 * MINUTE],
    ['starting before opening: Mon 07:00-10:00', '2026-05-18T05:00:00Z', '2026-05-18T08:00:00Z', berlin, HOUR],
    ['ending after closing: Mon 17:00-20:00', '2026-05-18T15:00:00Z', '2026-05-18T18:00:00Z', berlin, HOUR],
    ['entirely outside: Mon 19:00 to Tue 08:00', '2026-05-18T17:00:00Z', '2026-05-19T06:00:00Z', berlin, 0],
    ['a whole day: Mon 00:00 to Tue 00:00', '2026-05-17T22:00:00Z', '2026-05-18T22:00:00Z', berlin, 9 * HOUR],
    ['over a weekend: Fri 17:00 to Mon 10:00', '2026-05-15T15:00:00Z', '2026-05-18T08:00:00Z', berlin, 2 * HOUR],
    ['from Saturday to Sunday: nothing open', '2026-05-16T08:00:00Z', '2026-05-17T20:00:00Z', berlin, 0],
    ['one millisecond across the opening', '2026-05-18T06:59:59.999Z', '2026-05-18T07:00:00.001Z', berlin, 1],
    ['ending at the opening instant', '2026-05-18T05:00:00Z', '2026-05-18T07:00:00Z', berlin, 0],
    ['starting at the closing instant', '2026-05-18T16:00:00Z', '2026-05-18T20:00:00Z', berlin, 0],
    ['a working week: Mon 00:00 to next Mon 00:00', '2026-05-17T22:00:00Z', '2026-05-24T22:00:00Z', berlin, 45 * HOUR],

    // Weekends with a clock change: the UTC instants of 09:00 move by an hour.
    ['spring forward, Berlin: Fri 17:00 CET to Mon 10:00 CEST', '2026-03-27T16:00:00Z', '2026-03-30T08:00:00Z', berlin, 2 * HOUR],
    ['fall back, Berlin: Fri 17:00 CEST to Mon 10:00 CET', '2026-10-23T15:00:00Z', '2026-10-26T09:00:00Z', berlin, 2 * HOUR],
    ['fall back, Berlin: Mon 08:30 CET (07:30Z) opens at 08:00Z', '2026-10-26T07:30:00Z', '2026-10-26T08:30:00Z', berlin, 30 * MINUTE],
    ['spring forward, New York: Fri 17:00 EST to Mon 10:00 EDT', '2026-03-06T22:00:00Z', '2026-03-09T14:00:00Z', newYork, 2 * HOUR],
    ['fall back, New York: Fri 17:00 EDT to Mon 10:00 EST', '2026-10-30T21:00:00Z', '2026-11-02T15:00:00Z', newYork, 2 * HOUR],

    // Open hours on the night the clocks change: Sunday 00:00-04:00 local.
    ['Berlin 2026-03-29, 00:00 CET to 04:00 CEST is three hours', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z', berlinSundayEarly, 3 * HOUR],
    ['Berlin 2026-10-25, 00:00 CEST to 04:00 CET is five hours', '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z', berlinSundayEarly, 5 * HOUR],
    ['Berlin 2026-10-25, 02:30 CEST to the repeated 02:30 CET', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', berlinSundayEarly, HOUR],
    ['New York 2026-03-08, 01:00 EST to 04:00 EDT is two hours', '2026-03-08T00:00:00Z', '2026-03-08T12:00:00Z', newYorkSundayNight, 2 * HOUR],
    ['New York 2026-11-01, 01:00 EDT to 04:00 EST is four hours', '2026-11-01T00:00:00Z', '2026-11-01T12:00:00Z', newYorkSundayNight, 4 * HOUR],
    ['New York 2026-03-08, opening in the gap (02:30 is 03:30 EDT) to 05:00 EDT', '2026-03-08T00:00:00Z', '2026-03-08T12:00:00Z', newYorkSundayInGap, 90 * MINUTE],

    // "24:00" ends: days that join count once and without a seam.
    ['24:00 joining Saturday 00:00: Fri 19:00 to Sat 03:00 MSK', '2026-05-15T16:00:00Z', '2026-05-16T00:00:00Z', moscowLateFriday, 6 * HOUR],
    ['24:00: across the join, Fri 23:30 to Sat 00:30 MSK', '2026-05-15T20:30:00Z', '2026-05-15T21:30:00Z', moscowLateFriday, HOUR],
    ['24:00 only: Mon 17:00 to Tue 01:00 MSK', '2026-05-18T14:00:00Z', '2026-05-18T22:00:00Z', moscowMondayEvening, 6 * HOUR],
    ['round the clock across spring forward equals calendar time', '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', newYorkAroundTheClock, 48 * HOUR],
    ['round the clock across fall back equals calendar time', '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z', newYorkAroundTheClock, 48 * HOUR],
    ['weekend round the clock, fall back: Sat 00:00 EDT to Mon 00:00 EST is 49 hours', '2026-10-31T04:00:00Z', '2026-11-02T05:00:00Z', newYorkWeekend, 49 * HOUR],

    // Split days: lunch is not counted.
    ['split: 12:30 to 14:30 MSK', '2026-05-18T09:30:00Z', '2026-05-18T11:30:00Z', moscowSplit, HOUR],
    ['a long span: four weeks of Moscow 09:00-18:00', '2026-05-17T21:00:00Z', '2026-06-14T21:00:00Z', moscow, 4 * 45 * HOUR],

    // Nothing, or backwards.
    ['end equal to start', '2026-05-18T08:00:00Z', '2026-05-18T08:00:00Z', berlin, 0],
    ['end before start', '2026-05-18T09:00:00Z', '2026-05-18T08:00:00Z', berlin, 0],
    ['end before start, always open', '2026-05-18T09:00:00Z', '2026-05-18T08:00:00Z', null, 0],
  ])('%s', (_, start, end, hours, millis) => {
    expect(businessMillisBetween(new Date(start), new Date(end), hours)).toBe(millis);
  });

  it.each<[string, string, number, BusinessHours]>([
    ['over a Berlin fall-back weekend', '2026-10-23T15:30:00Z', 60, berlin],
    ['over a New York spring-forward weekend', '2026-03-06T22:30:00Z', 600, newYork],
    ['split days', '2026-05-18T09:30:00Z', 1234.5, moscowSplit],
    ['Sunday night in New York when clocks go back', '2026-10-31T12:00:00Z', 200, newYorkSundayNight],
  ])('gives back the business minutes addBusinessMinutes added: %s', (_, start, minutes, hours) => {
    const deadline = addBusinessMinutes(new Date(start), minutes, hours);
    expect(businessMillisBetween(new Date(start), deadline, hours)).toBe(minutes * MINUTE);
  });

  it('refuses an invalid schedule or instant', () => {
    expect(() => businessMillisBetween(new Date('2026-05-18T06:00:00Z'), new Date('2026-05-18T08:00:00Z'), { timeZone: 'Europe/Moscow', days: {} })).toThrow(RangeError);
    expect(() => businessMillisBetween(new Date('not a date'), new Date('2026-05-18T08:00:00Z'), moscow)).toThrow(RangeError);
  });
});

describe('businessHoursProblems', () => {
  const on = (days: unknown, timeZone = 'Europe/Moscow') => ({ timeZone, days }) as BusinessHours;

  it.each<[string, BusinessHours, string[]]>([
    ['a working week', moscow, []],
    ['split days', moscowSplit, []],
    ['touching intervals', on({ mon: [['09:00', '13:00'], ['13:00', '18:00']] }), []],
    ['an interval to 24:00', moscowLateFriday, []],
    ['round the clock', newYorkAroundTheClock, []],
    ['open one day, other days empty or missing', on({ mon: [], tue: [['10:00', '11:00']] }), []],
    ['an unknown zone', { ...moscow, timeZone: 'Mars/Olympus' }, ['timeZone']],
    ['an unknown zone and no open time', on({}, 'Mars/Olympus'), ['timeZone', 'days']],
    ['a one-digit hour', on({ mon: [['9:00', '18:00']] }), ['days.mon.0']],
    ['hour 25', on({ mon: [['09:00', '13:00'], ['14:00', '25:00']] }), ['days.mon.1']],
    ['minute 60', on({ tue: [['12:60', '13:00']] }), ['days.tue.0']],
    ['24:00 as a start', on({ mon: [['24:00', '24:00']] }), ['days.mon.0']],
    ['24:30 as an end', on({ mon: [['09:00', '24:30']] }), ['days.mon.0']],
    ['seconds', on({ mon: [['09:00:00', '18:00']] }), ['days.mon.0']],
    ['start after end', on({ mon: [['18:00', '09:00']] }), ['days.mon.0']],
    ['start equal to end', on({ wed: [['09:00', '09:00']] }), ['days.wed.0']],
    ['00:00 as an end', on({ mon: [['00:00', '00:00']] }), ['days.mon.0']],
    ['not a pair', on({ mon: [['09:00']] }), ['days.mon.0']],
    ['not strings', on({ mon: [[900, 1800]] }), ['days.mon.0']],
    ['a day that is not a list', on({ mon: '09:00-18:00' }), ['days.mon']],
    ['an unknown weekday', on({ monday: [['09:00', '18:00']] }), ['days.monday']],
    ['days not an object', on(null), ['days']],
    ['overlapping intervals', on({ mon: [['09:00', '13:00'], ['12:00', '18:00']] }), ['days.mon.1']],
    ['overlapping intervals listed out of order', on({ fri: [['12:00', '18:00'], ['09:00', '13:00']] }), ['days.fri.1']],
    ['an interval inside another', on({ mon: [['09:00', '18:00'], ['10:00', '11:00'], ['12:00', '13:00']] }), ['days.mon.1', 'days.mon.2']],
    ['one bad day among good ones', on({ mon: [['09:00', '18:00']], wed: [['09:00', '18:00'], ['17:00', '19:00']] }), ['days.wed.1']],
    ['no days', on({}), ['days']],
    ['only empty days', on({ mon: [], sat: [] }), ['days']],
  ])('%s', (_, hours, paths) => {
    expect(businessHoursProblems(hours).map((problem) => problem.path)).toEqual(paths);
  });

  it('says what is wrong', () => {
    expect(businessHoursProblems(on({ mon: [['09:00', '13:00'], ['12:00', '18:00']] }))).toEqual([{ path: 'days.mon.1', message: 'Overlaps days.mon.0' }]);
    expect(businessHoursProblems(on({}))).toEqual([{ path: 'days', message: 'No open time in the week' }]);
    expect(businessHoursProblems(on({ mon: [['18:00', '09:00']] }))[0]!.message).toMatch(/before/);
  });
});

describe('replyExpectation', () => {
  it.each([
    // Open Friday 10:00 Moscow (07:00 UTC): the reply is due 30 open minutes later.
    ['open, with a target', '2026-05-15T07:00:00Z', moscow, 30, { open: true, replyBy: '2026-05-15T07:30:00.000Z', opensAt: null }],
    // Friday 17:50 Moscow: 10 minutes today, 20 on Monday from 09:00 (06:00 UTC).
    ['a target across the weekend', '2026-05-15T14:50:00Z', moscow, 30, { open: true, replyBy: '2026-05-18T06:20:00.000Z', opensAt: null }],
    // Saturday: closed until Monday 09:00 Moscow.
    ['closed, with a target', '2026-05-16T09:00:00Z', moscow, 30, { open: false, replyBy: '2026-05-18T06:30:00.000Z', opensAt: '2026-05-18T06:00:00.000Z' }],
    ['closed, no target', '2026-05-16T09:00:00Z', moscow, null, { open: false, replyBy: null, opensAt: '2026-05-18T06:00:00.000Z' }],
    // Between a split day's intervals (13:30 Moscow): opens again at 14:00.
    ['a lunch break', '2026-05-15T10:30:00Z', moscowSplit, null, { open: false, replyBy: null, opensAt: '2026-05-15T11:00:00.000Z' }],
    ['no hours: always open', '2026-05-16T09:00:00Z', null, 15, { open: true, replyBy: '2026-05-16T09:15:00.000Z', opensAt: null }],
  ] as const)('%s', (_name, now, hours, minutes, expected) => {
    const found = replyExpectation(new Date(now), hours, minutes);
    expect({ open: found.open, replyBy: found.replyBy?.toISOString() ?? null, opensAt: found.opensAt?.toISOString() ?? null }).toEqual(expected);
  });
});
