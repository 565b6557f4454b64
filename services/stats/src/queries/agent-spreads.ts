// Median, p90 and mean of a kind per agent without sorting the facts (schema 0007), for the agent
// table over ranges that hold a whole UTC month. Each agent's ranks are found in three small reads:
// the octave counts of the whole months (value_histogram_monthly_agent) with the facts of the edge
// days and hours counted per value bucket; then, for the octave that holds each needed rank, its
// 32 bucket counts; then the value at the rank, read from that agent's facts of that one bucket in
// value order (facts_kind_agent_value and facts_kind_agent_business_value). The values interpolated
// are exactly those percentile_cont would interpolate between (as percentiles.ts for teams).
import type { FactKind } from '../metrics/fact.js';
import { bucketBounds, HISTOGRAM_KINDS, histogramSpans, percentileAt, percentileRanks, runRead, runReadSql, runValues, type HistogramSpread } from './percentiles.js';
import { SqlParams, type Queryable, type StatisticsSlice } from './slice.js';

/** Value buckets per octave (stats_value_bucket(v) >> 5 is the octave). */
const OCTAVE = 32;

const DAY_MS = 86_400_000;

/**
 * Whether the agents' histograms answer the spreads of `kind` per agent over `slice` faster than a
 * sort of its facts: a kind they count, no channel or topic filter (they do not keep those), and a
 * span mostly of whole UTC months. Measured on the benchmark's year (2 million conversations,
 * 300 agents): sorting costs about 6 ms per day of the span; the histograms' reads about 120 ms,
 * plus about 20 ms per day at the edges (the days and hours around the whole months, whose facts
 * are counted per bucket). So they serve when 120 + 20·edge < 6·span (in days): a year or a
 * calendar month, but not seven weeks with twenty days at the edges.
 */
export function agentHistogramServes(kind: FactKind, slice: StatisticsSlice): boolean {
  if (!HISTOGRAM_KINDS.has(kind) || slice.channels || slice.topics) return false;
  const spans = histogramSpans(slice.start, slice.end);
  if (spans.months.length === 0) return false;
  const edgeDays = [...spans.days, ...spans.hours].reduce((days, span) => days + (span.end.getTime() - span.start.getTime()) / DAY_MS, 0);
  const spanDays = (slice.end.getTime() - slice.start.getTime()) / DAY_MS;
  return 120 + 20 * edgeDays < 6 * spanDays;
}

/** The first instant of each UTC month in the spans (each a run of whole months). */
function monthStarts(spans: readonly { start: Date; end: Date }[]): Date[] {
  const months: Date[] = [];
  for (const span of spans) {
    for (let at = span.start; at < span.end; at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))) months.push(at);
  }
  return months;
}

/** Counts of one agent's ordering: per octave (n, and the bucket counts once read) and per bucket of the edges. */
interface AgentOrdering {
  agent: string;
  business: boolean;
  n: number;
  total: number;
  octaves: Map<number, number>;
  edgeBuckets: Map<number, number>;
}

/**
 * Spreads of `kind` per agent over `slice` (filtered by its teams and agents, if any; see
 * agentHistogramServes), calendar and business, with n. Agents without facts are absent.
 */
export async function agentHistogramSpreads(db: Queryable, kind: FactKind, slice: StatisticsSlice): Promise<Map<string, { n: number; calendar: HistogramSpread; business: HistogramSpread }>> {
  const spans = histogramSpans(slice.start, slice.end);
  const months = monthStarts(spans.months);
  const edges = [...spans.days, ...spans.hours];
  const filters = (params: SqlParams, prefix = '') => {
    const conditions = [`${prefix}internal = ${params.add(slice.internal)}`];
    if (slice.teamIds) conditions.push(`${prefix}team_id = ANY(${params.add(slice.teamIds)}::uuid[])`);
    if (slice.agentIds) conditions.push(`${prefix}agent_id = ANY(${params.add(slice.agentIds)}::uuid[])`);
    return conditions.join(' AND ');
  };

  // The whole months' octave counts, and the edges' facts per bucket (few: at most a month's worth of days).
  const monthParams = new SqlParams();
  const monthRead = db.query<{ agent: string; business: boolean; octave: number; n: number; total: number }>(
    // Grouped by the uuid in the key's order (no sort; cast to text once per group).
    `SELECT agent_id::text AS agent, business, octave, n, total
       FROM (SELECT agent_id, business, octave, sum(n)::float8 AS n, sum(total)::float8 AS total
               FROM value_histogram_monthly_agent
              WHERE kind = ${monthParams.add(kind)} AND month = ANY(${monthParams.add(months)}::timestamptz[]) AND ${filters(monthParams)}
              GROUP BY 1, 2, 3) counted`,
    monthParams.values,
  );
  const edgeParams = new SqlParams();
  const edgeRead =
    edges.length === 0
      ? Promise.resolve({ rows: [] as { agent: string; business: boolean; bucket: number; n: number; total: number }[] })
      : db.query<{ agent: string; business: boolean; bucket: number; n: number; total: number }>(
          `SELECT agent_id::text AS agent, business, bucket, n, total FROM (
           SELECT f.agent_id, o.business, stats_value_bucket(o.v) AS bucket, sum(e.sign)::float8 AS n, sum(e.sign * o.v)::float8 AS total
             FROM unnest(${edgeParams.add(edges.map((edge) => edge.start))}::timestamptz[], ${edgeParams.add(edges.map((edge) => edge.end))}::timestamptz[], ${edgeParams.add(edges.map((edge) => edge.sign))}::int[]) AS e(s, e, sign)
             -- Each edge's facts by the (kind, at) index (OFFSET 0 keeps it a read per edge).
            CROSS JOIN LATERAL (SELECT agent_id, value, business_value FROM facts
                                 WHERE kind = ${edgeParams.add(kind)} AND at >= e.s AND at < e.e AND agent_id IS NOT NULL AND ${filters(edgeParams)} OFFSET 0) AS f
            CROSS JOIN LATERAL (VALUES (false, f.value), (true, coalesce(f.business_value, f.value))) AS o(business, v)
            GROUP BY 1, 2, 3) counted`,
          edgeParams.values,
        );
  const [monthRows, edgeRows] = await Promise.all([monthRead, edgeRead]);

  const orderings = new Map<string, AgentOrdering>();
  const orderingOf = (agent: string, business: boolean) => {
    const id = `${business ? 'b' : 'c'}${agent}`;
    let found = orderings.get(id);
    if (!found) orderings.set(id, (found = { agent, business, n: 0, total: 0, octaves: new Map(), edgeBuckets: new Map() }));
    return found;
  };
  const addTo = (map: Map<number, number>, key: number, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const row of monthRows.rows) {
    const ordering = orderingOf(row.agent, row.business);
    ordering.n += row.n;
    ordering.total += row.total;
    addTo(ordering.octaves, row.octave, row.n);
  }
  for (const row of edgeRows.rows) {
    const ordering = orderingOf(row.agent, row.business);
    ordering.n += row.n;
    ordering.total += row.total;
    addTo(ordering.octaves, Math.floor(row.bucket / OCTAVE), row.n);
    addTo(ordering.edgeBuckets, row.bucket, row.n);
  }
  for (const [id, ordering] of orderings) if (ordering.n === 0) orderings.delete(id);

  // The octave of each needed rank, and its offset among the facts of that octave.
  const rankKey = (ordering: AgentOrdering, rank: number) => `${ordering.business ? 'b' : 'c'}${ordering.agent}\u0000${rank}`;
  const inOctave: { ordering: AgentOrdering; rank: number; octave: number; offset: number }[] = [];
  for (const ordering of orderings.values()) {
    const octaves = [...ordering.octaves].filter(([, n]) => n !== 0).sort(([a], [b]) => a - b);
    for (const rank of percentileRanks(ordering.n)) {
      let before = 0;
      for (const [octave, n] of octaves) {
        if (rank < before + n) {
          inOctave.push({ ordering, rank, octave, offset: rank - before });
          break;
        }
        before += n;
      }
    }
  }

  // The bucket counts of the octaves that hold a rank (whole months from their arrays, edges as counted).
  const wanted = [...new Map(inOctave.map((entry) => [`${entry.ordering.business ? 'b' : 'c'}${entry.ordering.agent}\u0000${entry.octave}`, entry])).values()];
  const bucketCounts = new Map<string, number[]>();
  if (wanted.length > 0) {
    const params = new SqlParams();
    // The arrays summed element by element: one sum per element (unnesting them cost twice as much).
    const sums = Array.from({ length: OCTAVE }, (_, index) => `sum(h.counts[${index + 1}])`).join(', ');
    const { rows } = await db.query<{ i: number; counts: number[] }>(
      `SELECT w.i::int AS i, ARRAY[${sums}]::float8[] AS counts
         FROM unnest(${params.add(wanted.map((entry) => entry.ordering.agent))}::uuid[], ${params.add(wanted.map((entry) => entry.ordering.business))}::boolean[], ${params.add(wanted.map((entry) => entry.octave))}::smallint[])
              WITH ORDINALITY AS w(agent_id, business, octave, i)
         JOIN value_histogram_monthly_agent h
           ON h.kind = ${params.add(kind)} AND h.agent_id = w.agent_id AND h.business = w.business AND h.octave = w.octave
          AND h.month = ANY(${params.add(months)}::timestamptz[]) AND ${filters(params, 'h.')}
        GROUP BY w.i`,
      params.values,
    );
    for (const row of rows) {
      const entry = wanted[row.i - 1]!;
      bucketCounts.set(`${entry.ordering.business ? 'b' : 'c'}${entry.ordering.agent}\u0000${entry.octave}`, row.counts);
    }
  }

  // The bucket of each rank, and the value there: known for a bucket one value wide, read otherwise.
  const values = new Map<string, number>();
  // Ranks next to each other in one bucket are one read (runs), from the bucket's nearer end.
  const runs: { keys: string[]; agent: string; business: boolean; low: number; high: number; offset: number; bucketN: number }[] = [];
  for (const { ordering, rank, octave, offset } of inOctave) {
    const counts = bucketCounts.get(`${ordering.business ? 'b' : 'c'}${ordering.agent}\u0000${octave}`) ?? [];
    let before = 0;
    for (let sub = 0; sub < OCTAVE; sub += 1) {
      const bucket = octave * OCTAVE + sub;
      const n = (counts[sub] ?? 0) + (ordering.edgeBuckets.get(bucket) ?? 0);
      if (offset < before + n) {
        const [low, high] = bucketBounds(bucket);
        if (high - low === 1) values.set(rankKey(ordering, rank), low);
        else {
          const last = runs.at(-1);
          if (last && last.agent === ordering.agent && last.business === ordering.business && last.low === low && last.offset + last.keys.length === offset - before) last.keys.push(rankKey(ordering, rank));
          else runs.push({ keys: [rankKey(ordering, rank)], agent: ordering.agent, business: ordering.business, low, high, offset: offset - before, bucketN: n });
        }
        break;
      }
      before += n;
    }
  }
  if (runs.length > 0) {
    const params = new SqlParams();
    const kindParam = params.add(kind);
    const where = `agent_id = r.agent AND at >= ${params.add(slice.start)} AND at < ${params.add(slice.end)} AND ${filters(params)}`;
    const reads = runs.map((run) => runRead(run.offset, run.keys.length, run.bucketN));
    const { rows } = await db.query<{ i: number; v: number[] }>(
      `SELECT r.i::int AS i, ${runReadSql(kindParam, where)} AS v
         FROM unnest(${params.add(runs.map((run) => run.agent))}::uuid[], ${params.add(runs.map((run) => run.business))}::boolean[],
                     ${params.add(runs.map((run) => run.low))}::bigint[], ${params.add(runs.map((run) => run.high))}::bigint[],
                     ${params.add(reads.map((read) => read.skip))}::bigint[], ${params.add(runs.map((run) => run.keys.length))}::int[], ${params.add(reads.map((read) => read.descending))}::boolean[])
              WITH ORDINALITY AS r(agent, business, low, high, off, count, descending, i)`,
      params.values,
    );
    for (const row of rows) {
      const run = runs[row.i - 1]!;
      runValues(row.v, reads[row.i - 1]!).forEach((value, index) => values.set(run.keys[index]!, value));
    }
  }

  const result = new Map<string, { n: number; calendar: HistogramSpread; business: HistogramSpread }>();
  for (const ordering of orderings.values()) {
    const at = (rank: number) => {
      const value = values.get(rankKey(ordering, rank));
      if (value === undefined) throw new Error(`no value at rank ${rank} of ${kind} (agent ${ordering.agent}, ${ordering.business ? 'business' : 'calendar'}): the agents' histogram and the facts disagree`);
      return value;
    };
    const spread = { median: percentileAt(ordering.n, 0.5, at), p90: percentileAt(ordering.n, 0.9, at), mean: ordering.total / ordering.n };
    const entry = result.get(ordering.agent) ?? { n: ordering.n, calendar: spread, business: spread };
    if (ordering.business) entry.business = spread;
    else entry.calendar = spread;
    result.set(ordering.agent, entry);
  }
  return result;
}
