// Median, p90 and mean of a kind without sorting its facts (schema 0004): the value histograms say
// in which value bucket each needed rank lies, and only that bucket's facts are read, in value
// order, to take the value at the rank; then the values are interpolated as percentile_cont does
// (metrics/aggregate.ts percentileCont). Used where the histograms keep what the slice filters by
// (no agent, channel or topic filter) and the figures are overall or per team; figures.ts sorts the
// facts otherwise.
import type { FactKind } from '../metrics/fact.js';
import { SqlParams, sliceWhere, teamRollupServes, type Queryable, type StatisticsSlice } from './slice.js';

/** The kinds the histograms count (every duration and distribution of the catalogue); the same list as the migration's. */
export const HISTOGRAM_KINDS: ReadonlySet<FactKind> = new Set<FactKind>([
  'response.first',
  'response.next',
  'assign.time',
  'queue.time',
  'resolution.time',
  'handling.time',
  'csat.rating',
  'conversation.messages',
]);

const DAY_MS = 86_400_000;
const PERCENTILES = [0.5, 0.9] as const;

export interface HistogramSpread {
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** The ranks (0-based, in value order) whose values the median and p90 of `n` values interpolate between. */
export function percentileRanks(n: number): Set<number> {
  const ranks = new Set<number>();
  for (const p of PERCENTILES) {
    const position = p * (n - 1);
    ranks.add(Math.floor(position)).add(Math.ceil(position));
  }
  return ranks;
}

/** As percentile_cont: the values at the floor and ceiling of p·(n−1) (`at` gives the value at a rank), interpolated. */
export function percentileAt(n: number, p: number, at: (rank: number) => number): number {
  const position = p * (n - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const low = at(first);
  return first === second ? low : low + (position - first) * (at(second) - low);
}

/** Whether the histograms can answer the spreads of `kind` over `slice`, overall or per team. */
export function histogramServes(kind: FactKind, slice: StatisticsSlice, by: 'none' | 'team' | 'agent' | 'bucket'): boolean {
  return HISTOGRAM_KINDS.has(kind) && teamRollupServes(slice) && (by === 'none' || by === 'team');
}

/** The values stats_value_bucket (schema 0004) puts in bucket `bucket`: [low, high). */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket < 64) return [bucket, bucket + 1];
  const exponent = Math.floor(bucket / 32);
  const mantissa = bucket % 32;
  const step = 2 ** (exponent - 5);
  return [(32 + mantissa) * step, (33 + mantissa) * step];
}

/** The value bucket of a value, as stats_value_bucket (schema 0004) gives it (for whole numbers below 2^53). */
export function valueBucket(value: number): number {
  if (value < 64) return value;
  let exponent = Math.floor(Math.log2(value));
  // The float logarithm only guesses the leading bit's position; the powers of two correct it.
  if (2 ** exponent > value) exponent -= 1;
  else if (2 ** (exponent + 1) <= value) exponent += 1;
  return exponent * 32 + (Math.floor(value / 2 ** (exponent - 5)) % 32);
}

/** A span [start, end) counted with sign 1, or taken away (−1) from a whole month counted instead. */
export interface SignedSpan {
  start: Date;
  end: Date;
  sign: 1 | -1;
}

/**
 * The slice's span as parts of whole UTC months, whole UTC days and hours (each [start, end), with
 * a sign), whose signed counts add up to exactly the span's. Whole months inside the span count
 * whole; a month the span covers more than half of counts whole and the days and hours it does not
 * cover are taken away (fewer rows than adding up its days); a smaller part of a month is its whole
 * days, then the hours left at its edges — and in the same way a day covered more than half counts
 * whole, less the hours it leaves out (fewer facts to read than the hours it covers).
 */
export function histogramSpans(start: Date, end: Date): { months: SignedSpan[]; days: SignedSpan[]; hours: SignedSpan[] } {
  const months: SignedSpan[] = [];
  const days: SignedSpan[] = [];
  const hours: SignedSpan[] = [];
  const monthOf = (instant: number) => {
    const at = new Date(instant);
    return [Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1), Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)] as const;
  };
  // A piece of one UTC day: its hours, or, when it covers more than half of the day, the whole day
  // less the hours it leaves out (a local day of a zone east of UTC is most of one UTC day).
  const partOfDay = (from: number, to: number, sign: 1 | -1) => {
    if (from >= to) return;
    const dayStart = Math.floor(from / DAY_MS) * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    if ((to - from) * 2 > DAY_MS) {
      days.push({ start: new Date(dayStart), end: new Date(dayEnd), sign });
      if (dayStart < from) hours.push({ start: new Date(dayStart), end: new Date(from), sign: -sign as 1 | -1 });
      if (to < dayEnd) hours.push({ start: new Date(to), end: new Date(dayEnd), sign: -sign as 1 | -1 });
    } else hours.push({ start: new Date(from), end: new Date(to), sign });
  };
  const cutDays = (from: number, to: number, sign: 1 | -1) => {
    if (from >= to) return;
    const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
    const lastDay = Math.floor(to / DAY_MS) * DAY_MS;
    if (firstDay > lastDay) return partOfDay(from, to, sign);
    if (firstDay < lastDay) days.push({ start: new Date(firstDay), end: new Date(lastDay), sign });
    partOfDay(from, firstDay, sign);
    partOfDay(lastDay, to, sign);
  };
  // A piece of one month: its days and hours, or the whole month less what it leaves out.
  const partOfMonth = (from: number, to: number) => {
    if (from >= to) return;
    const [monthStart, monthEnd] = monthOf(from);
    if ((to - from) * 2 > monthEnd - monthStart) {
      months.push({ start: new Date(monthStart), end: new Date(monthEnd), sign: 1 });
      cutDays(monthStart, from, -1);
      cutDays(to, monthEnd, -1);
    } else cutDays(from, to, 1);
  };
  const [startMonth, nextMonth] = monthOf(start.getTime());
  const firstMonth = startMonth === start.getTime() ? startMonth : nextMonth;
  const lastMonth = monthOf(end.getTime())[0];
  if (firstMonth < lastMonth) {
    months.push({ start: new Date(firstMonth), end: new Date(lastMonth), sign: 1 });
    partOfMonth(start.getTime(), firstMonth);
    partOfMonth(lastMonth, end.getTime());
  } else if (monthOf(start.getTime())[0] === monthOf(end.getTime() - 1)[0]) partOfMonth(start.getTime(), end.getTime());
  else {
    // Across one month boundary without a whole month between.
    partOfMonth(start.getTime(), lastMonth);
    partOfMonth(lastMonth, end.getTime());
  }
  return { months, days, hours };
}

interface Ordering {
  buckets: { bucket: number; n: number }[];
  n: number;
  mean: number;
}

/**
 * Spreads of `kind` over `slice` per group ('' overall, or team id), calendar and business
 * (coalesce(business_value, value)), with n. Groups without facts are absent.
 */
export async function histogramSpreads(
  db: Queryable,
  kind: FactKind,
  slice: StatisticsSlice,
  by: 'none' | 'team' | { buckets: readonly SeriesSpan[] },
): Promise<Map<string, { n: number; calendar: HistogramSpread; business: HistogramSpread }>> {
  const orderings = typeof by === 'string' ? await countBuckets(db, kind, slice, by) : await countSeries(db, kind, slice, by.buckets);
  const spanOf = new Map(typeof by === 'string' ? [] : by.buckets.map((bucket) => [bucket.key, bucket]));
  // Every rank a percentile needs, found in its bucket.
  const requests: RankRequest[] = [];
  const rankKey = (group: string, business: boolean, rank: number) => `${group}\u0000${business}\u0000${rank}`;
  // A bucket one value wide (values below 64: ratings, message counts) says its value itself.
  const known = new Map<string, number>();
  for (const [id, ordering] of orderings) {
    const [group, business] = splitId(id);
    for (const rank of percentileRanks(ordering.n)) {
      let before = 0;
      for (const { bucket, n } of ordering.buckets) {
        if (rank < before + n) {
          const [low, high] = bucketBounds(bucket);
          if (high - low === 1) known.set(rankKey(group, business, rank), low);
          else {
            const span = spanOf.get(group) ?? slice;
            requests.push({ key: rankKey(group, business, rank), team: by === 'team' ? group : null, start: span.start, end: span.end, business, low, high, offset: rank - before, bucketN: n });
          }
          break;
        }
        before += n;
      }
    }
  }
  const values = new Map([...known, ...(await valuesAtRanks(db, kind, slice, requests))]);
  const result = new Map<string, { n: number; calendar: HistogramSpread; business: HistogramSpread }>();
  for (const [id, ordering] of orderings) {
    const [group, business] = splitId(id);
    const at = (rank: number) => {
      const value = values.get(rankKey(group, business, rank));
      if (value === undefined) throw new Error(`no value at rank ${rank} of ${kind} (${group || 'all'}, ${business ? 'business' : 'calendar'}): the histogram and the facts disagree`);
      return value;
    };
    const spread = { median: percentileAt(ordering.n, 0.5, at), p90: percentileAt(ordering.n, 0.9, at), mean: ordering.mean };
    const entry = result.get(group) ?? { n: ordering.n, calendar: spread, business: spread };
    if (business) entry.business = spread;
    else entry.calendar = spread;
    result.set(group, entry);
  }
  return result;
}

/** A local calendar bucket of a series (queries/range.ts StatisticsBucket): its key and span. */
export interface SeriesSpan {
  key: string;
  start: Date;
  end: Date;
}

/** A rank to read: the value at `offset` within value bucket [low, high) among the facts of [start, end) (and of `team`). */
interface RankRequest {
  key: string;
  team: string | null;
  start: Date;
  end: Date;
  business: boolean;
  low: number;
  high: number;
  offset: number;
  /** How many of the slice's facts (of the team) the bucket holds: a rank past its middle is read from its top. */
  bucketN: number;
}

const orderingId = (group: string, business: boolean) => `${business ? 'b' : 'c'}${group}`;
const splitId = (id: string): [string, boolean] => [id.slice(1), id.startsWith('b')];

/** Facts per value bucket, per group and ordering, with n and the mean, from the histograms and the facts of the edge hours. */
async function countBuckets(db: Queryable, kind: FactKind, slice: StatisticsSlice, by: 'none' | 'team'): Promise<Map<string, Ordering>> {
  const params = new SqlParams();
  const kindParam = params.add(kind);
  const group = by === 'team' ? 'team_id::text' : `''`;
  const spans = histogramSpans(slice.start, slice.end);
  const within = (span: SignedSpan, time: 'month' | 'day' | 'at') => sliceWhere({ ...slice, start: span.start, end: span.end }, params, { time });
  const signed = (span: SignedSpan, column: string) => (span.sign === 1 ? column : `-${column}`);
  // The whole desk, not split by team: the histograms summed over teams (schema 0004).
  const desk = by === 'none' && !slice.teamIds;
  const monthly = desk ? 'value_histogram_monthly_desk' : 'value_histogram_monthly';
  const daily = desk ? 'value_histogram_daily_desk' : 'value_histogram_daily';
  const parts = [
    ...spans.months.map((span) => `SELECT ${group} AS grp, business, bucket, ${signed(span, 'n')}, ${signed(span, 'total')} FROM ${monthly} WHERE kind = ${kindParam} AND ${within(span, 'month')}`),
    ...spans.days.map((span) => `SELECT ${group} AS grp, business, bucket, ${signed(span, 'n')}, ${signed(span, 'total')} FROM ${daily} WHERE kind = ${kindParam} AND ${within(span, 'day')}`),
    ...spans.hours.map((span) => {
      const where = within(span, 'at');
      return `SELECT ${group} AS grp, false AS business, stats_value_bucket(value) AS bucket, ${span.sign} AS n, ${signed(span, 'value')} AS total FROM facts WHERE kind = ${kindParam} AND ${where}
              UNION ALL
              SELECT ${group}, true, stats_value_bucket(coalesce(business_value, value)), ${span.sign}, ${signed(span, 'coalesce(business_value, value)')} FROM facts WHERE kind = ${kindParam} AND ${where}`;
    }),
  ];
  const { rows } = await db.query<{ grp: string | null; business: boolean; bucket: number | null; n: number; mean: number }>(
    `SELECT grp, business, bucket, sum(n)::float8 AS n, sum(total)::float8 / nullif(sum(n), 0)::float8 AS mean
       FROM (${parts.join(' UNION ALL ')}) part
      GROUP BY GROUPING SETS ((grp, business, bucket), (grp, business))`,
    params.values,
  );
  return orderingsOf(rows);
}

/**
 * Facts per value bucket and ordering for each bucket of a series (group = the bucket's key): each
 * bucket's span cut as histogramSpans cuts a slice, all parts of one table joined at once (a year
 * by day is a thousand parts). The facts of the edge hours are counted once per distinct span
 * (a local day's hours at its end are the next day's at its start).
 */
async function countSeriesBuckets(db: Queryable, kind: FactKind, slice: StatisticsSlice, buckets: readonly SeriesSpan[]): Promise<Map<string, Ordering>> {
  const params = new SqlParams();
  const kindParam = params.add(kind);
  const internal = params.add(slice.internal);
  const team = slice.teamIds ? ` AND h.team_id = ANY(${params.add(slice.teamIds)}::uuid[])` : '';
  const parts = { months: [] as (SignedSpan & { key: string })[], days: [] as (SignedSpan & { key: string })[], hours: [] as (SignedSpan & { key: string })[] };
  for (const bucket of buckets) {
    const spans = histogramSpans(bucket.start, bucket.end);
    for (const table of ['months', 'days', 'hours'] as const) for (const span of spans[table]) parts[table].push({ ...span, key: bucket.key });
  }
  const list = (of: (SignedSpan & { key: string })[]) =>
    `unnest(${params.add(of.map((part) => part.key))}::text[], ${params.add(of.map((part) => part.start))}::timestamptz[], ${params.add(of.map((part) => part.end))}::timestamptz[], ${params.add(of.map((part) => part.sign))}::int[]) AS p(key, s, e, sign)`;
  // The whole desk's months and days from the desk histograms (schema 0004), a team's from the teams'.
  const monthly = slice.teamIds ? 'value_histogram_monthly' : 'value_histogram_monthly_desk';
  const daily = slice.teamIds ? 'value_histogram_daily' : 'value_histogram_daily_desk';
  const hourSpans = [...new Map(parts.hours.map((part) => [`${part.start.getTime()}-${part.end.getTime()}`, part])).values()];
  const { rows } = await db.query<{ grp: string; business: boolean; bucket: number | null; n: number; mean: number }>(
    `WITH hour_counts AS MATERIALIZED (
       SELECT p.s, p.e, o.business, stats_value_bucket(o.v) AS bucket, count(*) AS n, sum(o.v) AS total
         FROM unnest(${params.add(hourSpans.map((part) => part.start))}::timestamptz[], ${params.add(hourSpans.map((part) => part.end))}::timestamptz[]) AS p(s, e)
         -- Each span's facts by the (kind, at) index (OFFSET 0 keeps the subquery a per-span read:
         -- joined flat, the planner scanned every fact of the kind).
        CROSS JOIN LATERAL (SELECT h.value, h.business_value FROM facts h WHERE h.kind = ${kindParam} AND h.at >= p.s AND h.at < p.e AND h.internal = ${internal}${team} OFFSET 0) AS h
        CROSS JOIN LATERAL (VALUES (false, h.value), (true, coalesce(h.business_value, h.value))) AS o(business, v)
        GROUP BY 1, 2, 3, 4)
     SELECT grp, business, bucket, sum(n)::float8 AS n, sum(total)::float8 / nullif(sum(n), 0)::float8 AS mean
       FROM (SELECT p.key AS grp, h.business, h.bucket, p.sign * h.n AS n, p.sign * h.total AS total
               FROM ${list(parts.months)} JOIN ${monthly} h ON h.kind = ${kindParam} AND h.month >= p.s AND h.month < p.e AND h.internal = ${internal}${team}
             UNION ALL
             SELECT p.key, h.business, h.bucket, p.sign * h.n, p.sign * h.total
               FROM ${list(parts.days)} JOIN ${daily} h ON h.kind = ${kindParam} AND h.day >= p.s AND h.day < p.e AND h.internal = ${internal}${team}
             UNION ALL
             SELECT p.key, c.business, c.bucket, p.sign * c.n, p.sign * c.total
               FROM ${list(parts.hours)} JOIN hour_counts c ON c.s = p.s AND c.e = p.e) part
      GROUP BY GROUPING SETS ((grp, business, bucket), (grp, business))`,
    params.values,
  );
  return orderingsOf(rows);
}

/** Value buckets per octave (schema 0008: bucket >> 5). */
const OCTAVE = 32;

/**
 * A series' counts: by octave first where no bucket of the series holds a whole UTC month (local
 * days and weeks: countSeriesOctaves), by value bucket otherwise (months: countSeriesBuckets).
 */
async function countSeries(db: Queryable, kind: FactKind, slice: StatisticsSlice, buckets: readonly SeriesSpan[]): Promise<Map<string, Ordering>> {
  const cut = buckets.map((bucket) => ({ key: bucket.key, ...histogramSpans(bucket.start, bucket.end) }));
  if (cut.some((bucket) => bucket.months.length > 0)) return countSeriesBuckets(db, kind, slice, buckets);
  return countSeriesOctaves(db, kind, slice, cut);
}

/**
 * Facts per value bucket and ordering for each bucket of a series of whole UTC days and hours.
 * First, side by side: the days' counts per octave (schema 0008), and the facts of the edge hours
 * counted per value bucket (each distinct span once: a local day's hours at its end are the next
 * day's at its start). These say in which octave each needed rank lies; then only those octaves'
 * value buckets are read from the daily histograms. The ordering returned lists the buckets of
 * those octaves, and each other octave as one entry of its count at its first bucket (no rank lies
 * there, so its bucket is never read), in value order: what the rank search of histogramSpreads
 * needs.
 */
async function countSeriesOctaves(db: Queryable, kind: FactKind, slice: StatisticsSlice, cut: readonly ({ key: string } & ReturnType<typeof histogramSpans>)[]): Promise<Map<string, Ordering>> {
  const spanId = (span: SignedSpan) => `${span.start.getTime()}-${span.end.getTime()}`;
  const hourSpans = [...new Map(cut.flatMap((bucket) => bucket.hours).map((span) => [spanId(span), span])).values()];
  const dayParts = cut.flatMap((bucket) => bucket.days.map((span) => ({ ...span, key: bucket.key })));
  const teamOf = (params: SqlParams, alias: string) => (slice.teamIds ? ` AND ${alias}.team_id = ANY(${params.add(slice.teamIds)}::uuid[])` : '');

  const octaveParams = new SqlParams();
  const octaveRead = db.query<{ grp: string; business: boolean; octave: number; n: number; total: number }>(
    `SELECT p.key AS grp, h.business, h.octave, sum(p.sign * h.n)::float8 AS n, sum(p.sign * h.total)::float8 AS total
       FROM unnest(${octaveParams.add(dayParts.map((part) => part.key))}::text[], ${octaveParams.add(dayParts.map((part) => part.start))}::timestamptz[], ${octaveParams.add(dayParts.map((part) => part.end))}::timestamptz[], ${octaveParams.add(dayParts.map((part) => part.sign))}::int[]) AS p(key, s, e, sign)
      CROSS JOIN LATERAL (SELECT h.business, h.octave, h.n, h.total FROM value_octaves_daily h
                           WHERE h.kind = ${octaveParams.add(kind)} AND h.internal = ${octaveParams.add(slice.internal)} AND h.day >= p.s AND h.day < p.e${teamOf(octaveParams, 'h')} OFFSET 0) h
      GROUP BY 1, 2, 3`,
    octaveParams.values,
  );
  // The edge hours' values themselves (a few per hour: bucketed here, which costs the database
  // more than sending them).
  const hourParams = new SqlParams();
  const hourRead =
    hourSpans.length === 0
      ? Promise.resolve({ rows: [] as { i: number; calendar: number[]; business: number[] }[] })
      : db.query<{ i: number; calendar: number[]; business: number[] }>(
          `SELECT p.i::int AS i, array_agg(h.value)::float8[] AS calendar, array_agg(coalesce(h.business_value, h.value))::float8[] AS business
             FROM unnest(${hourParams.add(hourSpans.map((span) => span.start))}::timestamptz[], ${hourParams.add(hourSpans.map((span) => span.end))}::timestamptz[]) WITH ORDINALITY AS p(s, e, i)
             -- Each span's facts by the (kind, at) index (OFFSET 0 keeps it a read per span).
            CROSS JOIN LATERAL (SELECT h.value, h.business_value FROM facts h WHERE h.kind = ${hourParams.add(kind)} AND h.at >= p.s AND h.at < p.e AND h.internal = ${hourParams.add(slice.internal)}${teamOf(hourParams, 'h')} OFFSET 0) AS h
            GROUP BY 1`,
          hourParams.values,
        );
  const [octaveRows, hourRows] = await Promise.all([octaveRead, hourRead]);

  // Each distinct hour span's counts per ordering: per octave, its n and its values' buckets; n and
  // the sum of values.
  const hourCounts = new Map<string, { octaves: Map<number, { n: number; buckets: number[] }>; n: number; total: number }>();
  for (const row of hourRows.rows) {
    for (const business of [false, true]) {
      const counts = { octaves: new Map<number, { n: number; buckets: number[] }>(), n: 0, total: 0 };
      for (const value of business ? row.business : row.calendar) {
        const bucket = valueBucket(value);
        const octave = Math.floor(bucket / OCTAVE);
        let ofOctave = counts.octaves.get(octave);
        if (!ofOctave) counts.octaves.set(octave, (ofOctave = { n: 0, buckets: [] }));
        ofOctave.n += 1;
        ofOctave.buckets.push(bucket);
        counts.n += 1;
        counts.total += value;
      }
      hourCounts.set(`${spanId(hourSpans[row.i - 1]!)}\u0000${business}`, counts);
    }
  }
  const counted = new Map<string, { grp: string; business: boolean; n: number; total: number; octaves: Map<number, number> }>();
  const countedOf = (grp: string, business: boolean) => {
    const id = orderingId(grp, business);
    let found = counted.get(id);
    if (!found) counted.set(id, (found = { grp, business, n: 0, total: 0, octaves: new Map() }));
    return found;
  };
  for (const row of octaveRows.rows) {
    const found = countedOf(row.grp, row.business);
    found.n += row.n;
    found.total += row.total;
    found.octaves.set(row.octave, (found.octaves.get(row.octave) ?? 0) + row.n);
  }
  for (const bucket of cut) {
    for (const span of bucket.hours) {
      for (const business of [false, true]) {
        const counts = hourCounts.get(`${spanId(span)}\u0000${business}`);
        if (!counts) continue;
        const found = countedOf(bucket.key, business);
        found.n += span.sign * counts.n;
        found.total += span.sign * counts.total;
        for (const [octave, { n }] of counts.octaves) found.octaves.set(octave, (found.octaves.get(octave) ?? 0) + span.sign * n);
      }
    }
  }

  // The octaves that hold a needed rank, per bucket of the series and ordering.
  const wanted: { id: string; grp: string; business: boolean; octave: number }[] = [];
  for (const [id, found] of counted) {
    if (found.n === 0) continue;
    const octaves = [...found.octaves].filter(([, n]) => n !== 0).sort(([a], [b]) => a - b);
    const holding = new Set<number>();
    for (const rank of percentileRanks(found.n)) {
      let before = 0;
      for (const [octave, n] of octaves) {
        if (rank < before + n) {
          holding.add(octave);
          break;
        }
        before += n;
      }
    }
    for (const octave of holding) wanted.push({ id, grp: found.grp, business: found.business, octave });
  }

  // Those octaves' value buckets: the days' from the daily histograms, the edge hours' as counted.
  const daysOf = new Map(cut.map((bucket) => [bucket.key, bucket]));
  // One row per UTC day (equal to the key's day, the index descends to the team and the octave's
  // buckets; a range of days would read every row of those days).
  const wantedDays = wanted.flatMap((entry, index) =>
    daysOf.get(entry.grp)!.days.flatMap((span) => {
      const days: { day: Date; sign: 1 | -1; index: number; entry: typeof entry }[] = [];
      for (let day = span.start.getTime(); day < span.end.getTime(); day += DAY_MS) days.push({ day: new Date(day), sign: span.sign, index, entry });
      return days;
    }),
  );
  const expanded = new Map<string, Map<number, Map<number, number>>>();
  const bucketsOf = (entry: (typeof wanted)[number]) => {
    let byOctave = expanded.get(entry.id);
    if (!byOctave) expanded.set(entry.id, (byOctave = new Map()));
    let buckets = byOctave.get(entry.octave);
    if (!buckets) byOctave.set(entry.octave, (buckets = new Map()));
    return buckets;
  };
  if (wantedDays.length > 0) {
    const params = new SqlParams();
    const daily = slice.teamIds ? 'value_histogram_daily' : 'value_histogram_daily_desk';
    // Per wanted octave, its days' rows as "bucket:n" pairs in one text (summed here: fewer values
    // to send and read than rows or arrays).
    const { rows } = await db.query<{ i: number; counts: string }>(
      `SELECT p.i, string_agg(h.bucket || ':' || (p.sign * h.n), ',') AS counts
                 FROM unnest(${params.add(wantedDays.map((part) => part.index))}::int[], ${params.add(wantedDays.map((part) => part.day))}::timestamptz[],
                             ${params.add(wantedDays.map((part) => part.sign))}::int[], ${params.add(wantedDays.map((part) => part.entry.business))}::boolean[], ${params.add(wantedDays.map((part) => part.entry.octave))}::int[]) AS p(i, day, sign, business, octave)
                 -- A read of the key's index per day (OFFSET 0: joined flat, the planner hashed a scan of the whole table).
                CROSS JOIN LATERAL (SELECT h.bucket, h.n FROM ${daily} h
                                     WHERE h.kind = ${params.add(kind)} AND h.day = p.day AND h.business = p.business AND h.internal = ${params.add(slice.internal)}${teamOf(params, 'h')}
                                       AND h.bucket >= p.octave * ${OCTAVE} AND h.bucket < (p.octave + 1) * ${OCTAVE} OFFSET 0) h
        GROUP BY 1`,
      params.values,
    );
    for (const row of rows) {
      const buckets = bucketsOf(wanted[row.i]!);
      const text = row.counts;
      for (let at = 0; at < text.length; ) {
        const colon = text.indexOf(':', at);
        const comma = text.indexOf(',', colon);
        const end = comma === -1 ? text.length : comma;
        const bucket = Number(text.slice(at, colon));
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + Number(text.slice(colon + 1, end)));
        at = end + 1;
      }
    }
  }
  for (const entry of wanted) {
    const buckets = bucketsOf(entry);
    for (const span of daysOf.get(entry.grp)!.hours) {
      for (const bucket of hourCounts.get(`${spanId(span)}\u0000${entry.business}`)?.octaves.get(entry.octave)?.buckets ?? []) buckets.set(bucket, (buckets.get(bucket) ?? 0) + span.sign);
    }
  }

  // Each ordering: the wanted octaves' buckets, every other octave as one entry, in value order.
  const orderings = new Map<string, Ordering>();
  for (const [id, found] of counted) {
    if (found.n === 0) continue;
    const byOctave = expanded.get(id);
    const entries = [...found.octaves]
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => a - b)
      .flatMap(([octave, n]) => {
        const buckets = byOctave?.get(octave);
        if (!buckets) return [{ bucket: octave * OCTAVE, n }];
        return [...buckets].filter(([, count]) => count !== 0).sort(([a], [b]) => a - b).map(([bucket, count]) => ({ bucket, n: count }));
      });
    orderings.set(id, { buckets: entries, n: found.n, mean: found.total / found.n });
  }
  return orderings;
}

/** Counting rows (per group, ordering and bucket, and per group and ordering with bucket null: n and mean) as orderings, buckets sorted. */
function orderingsOf(rows: readonly { grp: string | null; business: boolean; bucket: number | null; n: number; mean: number }[]): Map<string, Ordering> {
  const orderings = new Map<string, Ordering>();
  for (const row of rows) {
    if (row.grp === null || row.n === 0) continue;
    const id = orderingId(row.grp, row.business);
    let found = orderings.get(id);
    if (!found) orderings.set(id, (found = { buckets: [], n: 0, mean: 0 }));
    if (row.bucket === null) [found.n, found.mean] = [row.n, row.mean];
    else found.buckets.push({ bucket: row.bucket, n: row.n });
  }
  for (const found of orderings.values()) found.buckets.sort((a, b) => a.bucket - b.bucket);
  return orderings;
}

/** Up to this many UTC days, a bucket's facts are read day by day (see valuesAtRanks). */
export const DAY_BY_DAY_MAX_DAYS = 93;

/** The UTC midnights of the days [start, end) touches, as UTC wall times ('YYYY-MM-DD 00:00:00', for timestamp parameters). */
export function utcDaysOf(start: Date, end: Date): string[] {
  const days: string[] = [];
  for (let day = Math.floor(start.getTime() / DAY_MS) * DAY_MS; day < end.getTime(); day += DAY_MS) days.push(`${new Date(day).toISOString().slice(0, 10)} 00:00:00`);
  return days;
}

/** The value at each request's offset within its bucket, among the slice's facts (of the request's team), by request key. */
/**
 * How a run of `count` ranks from `offset` in a value bucket of `bucketN` facts is read: past the
 * bucket's middle from its top, in descending order (a read passes over the facts before its
 * offset: so at most half the bucket either way), and how many facts the read skips.
 */
export function runRead(offset: number, count: number, bucketN: number): { descending: boolean; skip: number } {
  const descending = offset * 2 + count > bucketN;
  return { descending, skip: descending ? bucketN - offset - count : offset };
}

/** A run's values in rank order (a descending read's reversed). */
export function runValues(found: readonly number[], read: { descending: boolean }): number[] {
  return read.descending ? [...found].reverse() : [...found];
}

/**
 * The SQL of one read of a run of ranks, for row `r` of a query (r.business, r.descending, r.low,
 * r.high, r.off, r.count): its values in the bucket [low, high) of the ordering, from the nearer
 * end, as float8[]. `conditions` are the read's other conditions on facts (slice, team or agent).
 */
export function runReadSql(kindParam: string, conditions: string): string {
  const read = (expression: string, direction: 'ASC' | 'DESC') =>
    `ARRAY(SELECT ${expression} FROM facts
            WHERE kind = ${kindParam} AND ${expression} >= r.low AND ${expression} < r.high AND ${conditions}
            ORDER BY ${expression} ${direction} OFFSET r.off LIMIT r.count)`;
  return `(CASE WHEN r.business AND r.descending THEN ${read('coalesce(business_value, value)', 'DESC')}
                WHEN r.business THEN ${read('coalesce(business_value, value)', 'ASC')}
                WHEN r.descending THEN ${read('value', 'DESC')}
                ELSE ${read('value', 'ASC')}
           END)::float8[]`;
}

/** Above this many rank reads, they are split in two halves read side by side (two connections, two cores). */
const SPLIT_RANK_READS = 400;

async function valuesAtRanks(db: Queryable, kind: FactKind, slice: StatisticsSlice, requests: readonly RankRequest[], split = true): Promise<Map<string, number>> {
  if (requests.length === 0) return new Map();
  if (split && requests.length > SPLIT_RANK_READS) {
    // Split between orderings' requests, never inside a run of one bucket.
    let middle = Math.floor(requests.length / 2);
    while (middle < requests.length && requests[middle]!.key.slice(0, requests[middle]!.key.lastIndexOf('\u0000')) === requests[middle - 1]!.key.slice(0, requests[middle - 1]!.key.lastIndexOf('\u0000'))) middle += 1;
    if (middle < requests.length) {
      const halves = await Promise.all([valuesAtRanks(db, kind, slice, requests.slice(0, middle), false), valuesAtRanks(db, kind, slice, requests.slice(middle), false)]);
      return new Map([...halves[0], ...halves[1]]);
    }
  }
  const params = new SqlParams();
  const kindParam = params.add(kind);
  // The slice's filters (its span is also each request's, or holds it: a series bucket's).
  const where = `${sliceWhere(slice, params, { time: 'at' })} AND at >= r.s AND at < r.e`;
  // Short spans read their bucket's facts day by day (schema 0004: the UTC day before the value in
  // the index) and sort those few; a long one reads each ordering in its value index's order, so
  // that the read stops at the rank (a UNION of the two orderings would read the whole bucket and
  // sort it).
  const short = requests.every((request) => Math.ceil(request.end.getTime() / DAY_MS) - Math.floor(request.start.getTime() / DAY_MS) <= DAY_BY_DAY_MAX_DAYS);
  const byDay = short
    ? `date_trunc('day', at AT TIME ZONE 'UTC') = ANY(ARRAY(SELECT generate_series(date_trunc('day', r.s AT TIME ZONE 'UTC'), (r.e AT TIME ZONE 'UTC') - interval '1 microsecond', interval '1 day'))) AND `
    : '';
  // Ranks next to each other in one bucket (the two a percentile interpolates between, often) are
  // one read of as many values. Requests come in rank order per ordering, so such ranks are
  // neighbours in the list.
  const runs: { request: RankRequest; keys: string[] }[] = [];
  const sameBucket = (a: RankRequest, b: RankRequest) =>
    a.team === b.team && a.business === b.business && a.low === b.low && a.high === b.high && a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime();
  for (const request of requests) {
    const last = runs.at(-1);
    if (last && sameBucket(last.request, request) && last.request.offset + last.keys.length === request.offset) last.keys.push(request.key);
    else runs.push({ request, keys: [request.key] });
  }
  const reads = runs.map((run) => runRead(run.request.offset, run.keys.length, run.request.bucketN));
  const { rows } = await db.query<{ i: number; v: number[] }>(
    `SELECT r.i::int AS i, ${runReadSql(kindParam, `${byDay}${where} AND (r.team IS NULL OR team_id = r.team)`)} AS v
       FROM unnest(${params.add(runs.map((run) => run.request.team))}::uuid[], ${params.add(runs.map((run) => run.request.start))}::timestamptz[], ${params.add(runs.map((run) => run.request.end))}::timestamptz[],
                   ${params.add(runs.map((run) => run.request.business))}::boolean[],
                   ${params.add(runs.map((run) => run.request.low))}::bigint[], ${params.add(runs.map((run) => run.request.high))}::bigint[],
                   ${params.add(reads.map((read) => read.skip))}::bigint[], ${params.add(runs.map((run) => run.keys.length))}::int[], ${params.add(reads.map((read) => read.descending))}::boolean[])
            WITH ORDINALITY AS r(team, s, e, business, low, high, off, count, descending, i)`,
    params.values,
  );
  const values = new Map<string, number>();
  for (const row of rows) {
    const run = runs[row.i - 1]!;
    runValues(row.v, reads[row.i - 1]!).forEach((value, index) => values.set(run.keys[index]!, value));
  }
  return values;
}
