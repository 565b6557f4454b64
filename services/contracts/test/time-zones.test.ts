import { describe, expect, it } from 'vitest';
import { isTimeZone, TIME_ZONES } from '../src/time-zones.js';
import { timeZoneSchema } from '../src/input-values.js';

describe('the time zones the API takes', () => {
  it('are all known to this runtime, so that every one the document offers can be computed in', () => {
    const unknown = TIME_ZONES.filter((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
  });

  it('are listed once each, sorted, and are what the schema takes', () => {
    expect([...TIME_ZONES]).toEqual([...new Set(TIME_ZONES)].sort());
    expect(timeZoneSchema.safeParse('Europe/Moscow').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus').success).toBe(false);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('utc')).toBe(false);
  });
});
