// Messages are partitioned by conversation and calendar month (UTC), so no partition grows
// without bound however long a conversation lives. A bucket is the integer yyyymm (202611): it
// sorts like time, reads like a date in cqlsh, and never depends on the server's time zone.

/** The most buckets one read may walk: a hundred years of a conversation. */
export const MAX_BUCKET_RANGE = 1200;

// Four-digit years keep every bucket six digits long.
const firstYear = 1000;
const lastYear = 9999;

/** The bucket of an instant (a Date or epoch milliseconds). */
export function bucketOf(date: Date | number): number {
  const instant = typeof date === 'number' ? new Date(date) : date;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a valid date: ${String(date)}`);
  const year = instant.getUTCFullYear();
  if (year < firstYear || year > lastYear) throw new RangeError(`Year ${year} is outside ${firstYear}-${lastYear}`);
  return year * 100 + instant.getUTCMonth() + 1;
}

export function isBucket(value: number): boolean {
  if (!Number.isInteger(value)) return false;
  const year = Math.floor(value / 100);
  const month = value % 100;
  return year >= firstYear && year <= lastYear && month >= 1 && month <= 12;
}

export function previousBucket(bucket: number): number {
  return bucketAt(monthIndex(bucket) - 1);
}

export function nextBucket(bucket: number): number {
  return bucketAt(monthIndex(bucket) + 1);
}

/** Every bucket from `fromBucket` back to `toBucket`, both included, newest first. */
export function bucketsDescending(fromBucket: number, toBucket: number): number[] {
  const from = monthIndex(fromBucket);
  const to = monthIndex(toBucket);
  if (from < to) throw new RangeError(`Bucket ${fromBucket} is older than ${toBucket}; give the newest first`);
  const count = from - to + 1;
  if (count > MAX_BUCKET_RANGE) throw new RangeError(`${count} buckets from ${fromBucket} to ${toBucket}; at most ${MAX_BUCKET_RANGE}`);
  return Array.from({ length: count }, (_, offset) => bucketAt(from - offset));
}

// Months since year 0, so stepping across a year is plain arithmetic.
function monthIndex(bucket: number): number {
  if (!isBucket(bucket)) throw new RangeError(`Not a bucket (yyyymm, years ${firstYear}-${lastYear}): ${bucket}`);
  return Math.floor(bucket / 100) * 12 + (bucket % 100) - 1;
}

function bucketAt(index: number): number {
  const bucket = Math.floor(index / 12) * 100 + (index % 12) + 1;
  if (!isBucket(bucket)) throw new RangeError(`No bucket beyond years ${firstYear}-${lastYear}`);
  return bucket;
}
