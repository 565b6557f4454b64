import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BUCKET_RANGE, bucketOf, bucketsDescending, isBucket, nextBucket, previousBucket } from '../src/buckets.js';

describe('bucketOf: one bucket per UTC calendar month', () => {
  it.each([
    ['2026-11-15T12:00:00Z', 202611],
    ['2026-01-01T00:00:00Z', 202601],
    ['2025-12-31T23:59:59.999Z', 202512],
    ['2026-12-31T23:59:59.999Z', 202612],
    ['2027-01-01T00:00:00.000Z', 202701],
    ['2024-02-29T12:00:00Z', 202402],
    ['1970-01-01T00:00:00Z', 197001],
    // The offset is the writer's; the bucket is the UTC month of the same instant.
    ['2026-11-30T23:30:00-05:00', 202612],
    ['2027-01-01T01:00:00+03:00', 202612],
    ['2026-12-01T00:30:00+14:00', 202611],
    ['2026-06-30T22:00:00-12:00', 202607],
  ])('%s is in %i', (iso, bucket) => {
    expect(bucketOf(new Date(iso))).toBe(bucket);
    expect(bucketOf(Date.parse(iso))).toBe(bucket);
  });

  it.each([
    ['an invalid date', new Date('not a date')],
    ['NaN', Number.NaN],
    ['a year before 1000', Date.UTC(999, 11, 31)],
    ['a year after 9999', Date.UTC(10_000, 0, 1)],
  ])('refuses %s', (_, date) => {
    expect(() => bucketOf(date)).toThrow(RangeError);
  });

  describe('whatever the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    // The local month proves the zone took effect: for some of them it is already January.
    it.each([
      ['Pacific/Kiritimati', 0],
      ['Pacific/Pago_Pago', 11],
      ['Europe/Moscow', 0],
      ['America/New_York', 11],
      ['UTC', 11],
    ])('%s', (zone, localMonth) => {
      process.env.TZ = zone;
      expect(new Date('2026-12-31T23:30:00Z').getMonth()).toBe(localMonth);
      expect(bucketOf(new Date('2026-12-31T23:30:00Z'))).toBe(202612);
      expect(bucketOf(new Date('2027-01-01T00:30:00Z'))).toBe(202701);
    });
  });
});

describe('stepping between buckets', () => {
  it.each([
    [202611, 202610, 202612],
    [202601, 202512, 202602],
    [202612, 202611, 202701],
    [200001, 199912, 200002],
    [999911, 999910, 999912],
    [100002, 100001, 100003],
  ])('%i comes after %i and before %i', (bucket, previous, next) => {
    expect(previousBucket(bucket)).toBe(previous);
    expect(nextBucket(bucket)).toBe(next);
    expect(nextBucket(previousBucket(bucket))).toBe(bucket);
  });

  it('has no bucket outside four-digit years', () => {
    expect(() => previousBucket(100001)).toThrow(RangeError);
    expect(() => nextBucket(999912)).toThrow(RangeError);
  });

  it.each([202600, 202613, 2026, 20261, 2026110, 202611.5, -202611, Number.NaN])('refuses %d as a bucket', (value) => {
    expect(isBucket(value)).toBe(false);
    expect(() => previousBucket(value)).toThrow(RangeError);
    expect(() => nextBucket(value)).toThrow(RangeError);
  });
});

describe('bucketsDescending', () => {
  it.each([
    [202611, 202611, [202611]],
    [202611, 202609, [202611, 202610, 202609]],
    [202602, 202511, [202602, 202601, 202512, 202511]],
    [202701, 202512, [202701, 202612, 202611, 202610, 202609, 202608, 202607, 202606, 202605, 202604, 202603, 202602, 202601, 202512]],
  ])('from %i back to %i', (from, to, buckets) => {
    expect(bucketsDescending(from, to)).toEqual(buckets);
  });

  it(`walks at most ${MAX_BUCKET_RANGE} months`, () => {
    const hundredYears = bucketsDescending(212512, 202601);
    expect(hundredYears).toHaveLength(MAX_BUCKET_RANGE);
    expect(hundredYears[0]).toBe(212512);
    expect(hundredYears.at(-1)).toBe(202601);
    expect(() => bucketsDescending(212601, 202601)).toThrow(/at most 1200/);
  });

  it('refuses a range given oldest first', () => {
    expect(() => bucketsDescending(202601, 202602)).toThrow(/newest first/);
  });

  it('refuses values that are not buckets', () => {
    expect(() => bucketsDescending(202613, 202601)).toThrow(RangeError);
    expect(() => bucketsDescending(202612, 202600)).toThrow(RangeError);
  });
});
