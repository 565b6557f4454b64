import { describe, expect, it } from 'vitest';
import { SNOOZE_PRESETS, type SnoozePreset, isValidTimeZone, snoozePresetUntil } from '../src/snooze.js';
import { type WallTime, localDateParts, zonedWallTimeToInstant } from '../src/zoned-time.js';

// 2026 switches: US 03-08 (02:00 EST -> 03:00 EDT) and 11-01 (02:00 EDT -> 01:00 EST);
// EU 03-29 (02:00 CET -> 03:00 CEST) and 10-25 (03:00 CEST -> 02:00 CET).
// Every expectation is written in UTC, worked out by hand from those offsets.

describe('snoozePresetUntil', () => {
  it.each<[string, SnoozePreset, string, string, string]>([
    // in_1_hour is plain elapsed time, even across a switch.
    ['an hour later', 'in_1_hour', '2026-05-15T10:00:00Z', 'Europe/Moscow', '2026-05-15T11:00:00Z'],
    ['an hour later, 01:30 EST -> 03:30 EDT', 'in_1_hour', '2026-03-08T06:30:00Z', 'America/New_York', '2026-03-08T07:30:00Z'],
    ['an hour later, first 01:30 EDT -> second 01:30 EST', 'in_1_hour', '2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01T06:30:00Z'],

    // tomorrow_9: the local date decides "tomorrow", not the UTC one.
    ['Thu 22:30 EDT (Fri in UTC) -> Fri 09:00 EDT', 'tomorrow_9', '2026-05-15T02:30:00Z', 'America/New_York', '2026-05-15T13:00:00Z'],
    ['Fri 23:59 EDT -> Sat 09:00 EDT', 'tomorrow_9', '2026-05-16T03:59:00Z', 'America/New_York', '2026-05-16T13:00:00Z'],
    ['Fri 01:30 MSK (Thu in UTC) -> Sat 09:00 MSK', 'tomorrow_9', '2026-05-14T22:30:00Z', 'Europe/Moscow', '2026-05-16T06:00:00Z'],
    ['Thu 23:29 IST -> Fri 09:00 IST', 'tomorrow_9', '2026-05-14T17:59:00Z', 'Asia/Kolkata', '2026-05-15T03:30:00Z'],
    ['Fri 05:29 IST (Thu in UTC) -> Sat 09:00 IST', 'tomorrow_9', '2026-05-14T23:59:00Z', 'Asia/Kolkata', '2026-05-16T03:30:00Z'],
    ['Fri 00:00 MSK exactly -> Sat 09:00 MSK', 'tomorrow_9', '2026-05-14T21:00:00Z', 'Europe/Moscow', '2026-05-16T06:00:00Z'],
    ['Fri 08:00 MSK, before nine -> still tomorrow', 'tomorrow_9', '2026-05-15T05:00:00Z', 'Europe/Moscow', '2026-05-16T06:00:00Z'],
    ['Sat 22:00 EST -> Sun 09:00 EDT (spring forward overnight)', 'tomorrow_9', '2026-03-08T03:00:00Z', 'America/New_York', '2026-03-08T13:00:00Z'],
    ['Sat 22:00 EDT -> Sun 09:00 EST (fall back overnight)', 'tomorrow_9', '2026-11-01T02:00:00Z', 'America/New_York', '2026-11-01T14:00:00Z'],
    ['Sat 20:00 CET -> Sun 09:00 CEST (spring forward overnight)', 'tomorrow_9', '2026-03-28T19:00:00Z', 'Europe/Berlin', '2026-03-29T07:00:00Z'],
    ['Sat 23:30 CEST -> Sun 09:00 CET (fall back overnight)', 'tomorrow_9', '2026-10-24T21:30:00Z', 'Europe/Berlin', '2026-10-25T08:00:00Z'],
    ['Sun 09:30 CEST, the switch day -> Mon 09:00 CEST', 'tomorrow_9', '2026-03-29T07:30:00Z', 'Europe/Berlin', '2026-03-30T07:00:00Z'],
    ['Dec 31 21:00 EST (Jan 1 in UTC) -> Jan 1 09:00 EST', 'tomorrow_9', '2027-01-01T02:00:00Z', 'America/New_York', '2027-01-01T14:00:00Z'],

    // next_week: the first Monday strictly after the local date.
    ['Sun 11:00 EDT, the switch day -> Mon 09:00 EDT', 'next_week', '2026-03-08T15:00:00Z', 'America/New_York', '2026-03-09T13:00:00Z'],
    ['Mon 10:00 EDT -> the Monday after', 'next_week', '2026-03-09T14:00:00Z', 'America/New_York', '2026-03-16T13:00:00Z'],
    ['Mon 08:00 EST, before nine -> next Monday 09:00 EDT', 'next_week', '2026-03-02T13:00:00Z', 'America/New_York', '2026-03-09T13:00:00Z'],
    ['Sun 22:00 EDT (Mon in UTC) -> Mon 09:00 EDT', 'next_week', '2026-05-18T02:00:00Z', 'America/New_York', '2026-05-18T13:00:00Z'],
    ['Mon 00:30 MSK (Sun in UTC) -> the Monday after', 'next_week', '2026-05-17T21:30:00Z', 'Europe/Moscow', '2026-05-25T06:00:00Z'],
    ['Sun 23:00 MSK -> Mon 09:00 MSK', 'next_week', '2026-05-17T20:00:00Z', 'Europe/Moscow', '2026-05-18T06:00:00Z'],
    ['Fri 12:00 CET -> Mon 09:00 CEST', 'next_week', '2026-03-27T11:00:00Z', 'Europe/Berlin', '2026-03-30T07:00:00Z'],
    ['Sat 12:00 CEST -> Mon 09:00 CET', 'next_week', '2026-10-24T10:00:00Z', 'Europe/Berlin', '2026-10-26T08:00:00Z'],
    ['Sun 00:30 IST (Sat in UTC) -> Mon 09:00 IST', 'next_week', '2026-05-16T19:00:00Z', 'Asia/Kolkata', '2026-05-18T03:30:00Z'],
    ['Wed 12:00 EST, across the new year', 'next_week', '2026-12-30T17:00:00Z', 'America/New_York', '2027-01-04T14:00:00Z'],
  ])('%s', (_, preset, now, timeZone, until) => {
    expect(snoozePresetUntil(preset, new Date(now), timeZone).toISOString()).toBe(new Date(until).toISOString());
  });

  it('lists every preset it understands', () => {
    const now = new Date('2026-05-15T10:00:00Z');
    for (const preset of SNOOZE_PRESETS) expect(snoozePresetUntil(preset, now, 'Europe/Moscow').getTime()).toBeGreaterThan(now.getTime());
  });

  it.each([
    ['an unknown zone', 'in_1_hour', '2026-05-15T10:00:00Z', 'Mars/Olympus'],
    ['an unknown zone on a calendar preset', 'tomorrow_9', '2026-05-15T10:00:00Z', 'Mars/Olympus'],
    ['an empty zone', 'next_week', '2026-05-15T10:00:00Z', ''],
    ['an invalid date', 'tomorrow_9', 'not a date', 'Europe/Moscow'],
    ['an unknown preset', 'yesterday', '2026-05-15T10:00:00Z', 'Europe/Moscow'],
  ])('throws RangeError for %s', (_, preset, now, timeZone) => {
    expect(() => snoozePresetUntil(preset as SnoozePreset, new Date(now), timeZone)).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Moscow', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['Europe/Moscow ', false],
  ])('%j -> %s', (timeZone, valid) => {
    expect(isValidTimeZone(timeZone)).toBe(valid);
  });
});

describe('zonedWallTimeToInstant', () => {
  const wall = (iso: string): WallTime => {
    const [date, time] = iso.split('T') as [string, string];
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    return { year, month, day, hour, minute };
  };

  it.each([
    ['2026-05-15T09:00', 'Europe/Moscow', '2026-05-15T06:00:00Z'],
    ['2026-01-01T00:00', 'Asia/Kolkata', '2025-12-31T18:30:00Z'],
    ['2026-03-08T01:59', 'America/New_York', '2026-03-08T06:59:00Z'],
    ['2026-03-08T03:00', 'America/New_York', '2026-03-08T07:00:00Z'],
    // In the spring-forward gap: moved forward by the gap's hour.
    ['2026-03-08T02:00', 'America/New_York', '2026-03-08T07:00:00Z'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00Z'],
    ['2026-03-29T02:30', 'Europe/Berlin', '2026-03-29T01:30:00Z'],
    // Twice when clocks go back: the first occurrence, still on summer time.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00Z'],
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00Z'],
    ['2026-11-01T02:00', 'America/New_York', '2026-11-01T07:00:00Z'],
    ['2026-10-25T03:00', 'Europe/Berlin', '2026-10-25T02:00:00Z'],
  ])('%s in %s is %s', (local, timeZone, instant) => {
    expect(zonedWallTimeToInstant(wall(local), timeZone).toISOString()).toBe(new Date(instant).toISOString());
  });

  it.each([
    ['April 31', { year: 2026, month: 4, day: 31, hour: 9, minute: 0 }],
    ['hour 24', { year: 2026, month: 4, day: 30, hour: 24, minute: 0 }],
    ['a fractional minute', { year: 2026, month: 4, day: 30, hour: 9, minute: 0.5 }],
  ])('refuses %s', (_, badWall) => {
    expect(() => zonedWallTimeToInstant(badWall, 'Europe/Moscow')).toThrow(RangeError);
  });

  it('refuses an unknown zone', () => {
    expect(() => zonedWallTimeToInstant(wall('2026-05-15T09:00'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('localDateParts', () => {
  it.each([
    ['2026-05-14T22:30:00Z', 'Europe/Moscow', { year: 2026, month: 5, day: 15, hour: 1, minute: 30, weekday: 5 }],
    ['2026-05-18T02:00:00Z', 'America/New_York', { year: 2026, month: 5, day: 17, hour: 22, minute: 0, weekday: 0 }],
    ['2026-01-01T00:00:00Z', 'Asia/Kolkata', { year: 2026, month: 1, day: 1, hour: 5, minute: 30, weekday: 4 }],
    // Midnight reads as hour 0, never 24.
    ['2026-05-17T21:00:00Z', 'Europe/Moscow', { year: 2026, month: 5, day: 18, hour: 0, minute: 0, weekday: 1 }],
    // Both readings of the repeated hour.
    ['2026-11-01T05:30:00Z', 'America/New_York', { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 0 }],
    ['2026-11-01T06:30:00Z', 'America/New_York', { year: 2026, month: 11, day: 1, hour: 1, minute: 30, weekday: 0 }],
  ])('%s in %s', (instant, timeZone, parts) => {
    expect(localDateParts(new Date(instant), timeZone)).toEqual(parts);
  });
});
