// The one place each kind of figure is computed in SQL, for every metric's aggregation
// (metrics/definitions.ts; metrics/aggregate.ts is the reference this must equal): counts, ratios
// and totals from the rollups (sums of whole numbers, so they never drift; the coarsest rollup that
// keeps what the slice filters by, see rollupSources), durations and distributions from the facts
// (median and p90 as percentile_cont gives them, mean beside them; from the value histograms where
// they serve, see percentiles.ts). Every figure of the API, the reports and the Grafana parity test
// comes from figuresOf, overall or grouped by team, agent or local calendar bucket.
import type { Figure, StatisticsInterval } from '@smartchat/contracts';
import type { Aggregation } from '../metrics/definitions.js';
import type { FactKind } from '../metrics/fact.js';
import { agentHistogramServes, agentHistogramSpreads } from './agent-spreads.js';
import { histogramServes, histogramSpans, histogramSpreads, type SeriesSpan } from './percentiles.js';
import { bucketKeySql } from './range.js';
import { SqlParams, sliceWhere, teamRollupServes, type Queryable, type StatisticsSlice } from './slice.js';

export type { Aggregation };

/** How figures are split: not at all (key ''), by team or agent id, or by local calendar bucket (StatisticsBucket.key). */
export type FigureGrouping =
  | { by: 'none' }
  | { by: 'team' }
  | { by: 'agent' }
  /** `buckets`: the series' buckets with their spans (bucketsOf), so that percentiles come from the histograms; without, they are sorted. */
  | { by: 'bucket'; interval: StatisticsInterval; buckets?: readonly SeriesSpan[] };

interface Sums {
  n: number;
  sum: number;
}
interface Spread {
  median: number | null;
  p90: number | null;
  mean: number | null;
}
interface Spreads {
  n: number;
  calendar: Spread;
  business: Spread;
}
interface Presence {
  agents: number;
  total: number;
}

/** What the queries found, by group key then fact kind; `figure` turns it into a metric's figure. */
export class FigureTable {
  readonly sums = new Map<string, Map<FactKind, Sums>>();
  readonly spreads = new Map<string, Map<FactKind, Spreads>>();
  readonly presence = new Map<string, Map<FactKind, Presence>>();

  /** The group keys that have any fact. */
  keys(): Set<string> {
    return new Set([...this.sums.keys(), ...this.spreads.keys(), ...this.presence.keys()]);
  }

  /** The figure of `aggregation` in group `key` ('' when not grouped); n 0 where nothing was found. */
  figure(key: string, aggregation: Aggregation): Figure {
    const none = { median: null, p90: null, mean: null };
    switch (aggregation.type) {
      case 'count':
        return { kind: 'count', n: this.sums.get(key)?.get(aggregation.kind)?.n ?? 0 };
      case 'ratio': {
        const sums = this.sums.get(key)?.get(aggregation.kind) ?? { n: 0, sum: 0 };
        return { kind: 'ratio', n: sums.n, hits: sums.sum, rate: sums.n === 0 ? null : sums.sum / sums.n };
      }
      case 'count_ratio': {
        const hits = this.sums.get(key)?.get(aggregation.numerator)?.n ?? 0;
        const n = this.sums.get(key)?.get(aggregation.denominator)?.n ?? 0;
        return { kind: 'ratio', n, hits, rate: n === 0 ? null : hits / n };
      }
      case 'duration': {
        const spreads = this.spreads.get(key)?.get(aggregation.kind);
        return spreads ? { kind: 'duration', ...spreads } : { kind: 'duration', n: 0, calendar: none, business: { ...none } };
      }
      case 'distribution': {
        const spreads = this.spreads.get(key)?.get(aggregation.kind);
        return spreads ? { kind: 'distribution', n: spreads.n, ...spreads.calendar } : { kind: 'distribution', n: 0, ...none };
      }
      case 'total': {
        const presence = this.presence.get(key)?.get(aggregation.kind);
        return { kind: 'total', n: presence?.agents ?? 0, totalMs: presence?.total ?? 0 };
      }
    }
  }
}

function entry<T>(table: Map<string, Map<FactKind, T>>, key: string): Map<FactKind, T> {
  let group = table.get(key);
  if (!group) table.set(key, (group = new Map()));
  return group;
}

function groupKeySql(grouping: FigureGrouping, time: 'at' | RollupPart['time'], params: SqlParams, timeZone: string): string {
  switch (grouping.by) {
    case 'none':
      return `''`;
    // The uuid itself: grouped and sorted as 16 bytes, cast to text once per group (a sort by the
    // text form compares by collation, a fifth of the time of a year's agent spreads).
    case 'team':
      return 'team_id';
    case 'agent':
      return 'agent_id';
    case 'bucket':
      // Only hourly parts and facts are split by local bucket (rollupSources).
      return bucketKeySql(time, grouping.interval, grouping.interval === 'hour' ? '' : params.add(timeZone));
  }
}

/** A part of a slice's span in one rollup table, counted with sign 1 or taken away (−1). */
export interface RollupPart {
  table: 'rollup_hourly' | 'rollup_hourly_team' | 'rollup_daily_team' | 'rollup_monthly_team' | 'rollup_monthly_agent';
  time: 'hour' | 'day' | 'month';
  start: Date;
  end: Date;
  sign: 1 | -1;
}

/**
 * Where the rollup sums of `slice` are read: parts whose signed sums make exactly the slice's
 * span. Filtered by agent, channel or topic, or split by agent: rollup_hourly (it alone keeps
 * them; the team rollups keep the agent of presence only). Split by local calendar bucket:
 * rollup_hourly_team (a local day of a zone east or west of UTC is not a UTC day). Split by agent
 * (without a channel or topic filter) over a span that holds a whole UTC month: those months from
 * rollup_monthly_agent (schema 0007), the days and hours at the edges from rollup_hourly. Otherwise the
 * team rollups (schema 0003) by the same cut as the value histograms (percentiles.ts
 * histogramSpans): whole UTC months from rollup_monthly_team, with the days (rollup_daily_team)
 * and hours (rollup_hourly_team) of the edge months added or taken away. Every part is a sum of
 * the same integers, so the figures are the same from any of them.
 */
export function rollupSources(slice: StatisticsSlice, grouping: FigureGrouping, presence = false): RollupPart[] {
  // Presence keeps its agent in the team rollups; nothing has a channel or topic there.
  const served = presence ? !slice.channels && !slice.topics : teamRollupServes(slice) && grouping.by !== 'agent';
  if (!presence && grouping.by === 'agent' && !slice.channels && !slice.topics) {
    const spans = histogramSpans(slice.start, slice.end);
    if (spans.months.length > 0) {
      return [
        ...spans.months.map((span) => ({ table: 'rollup_monthly_agent' as const, time: 'month' as const, ...span })),
        ...[...spans.days, ...spans.hours].map((span) => ({ table: 'rollup_hourly' as const, time: 'hour' as const, ...span })),
      ];
    }
  }
  if (!served) return [{ table: 'rollup_hourly', time: 'hour', start: slice.start, end: slice.end, sign: 1 }];
  if (grouping.by === 'bucket') return [{ table: 'rollup_hourly_team', time: 'hour', start: slice.start, end: slice.end, sign: 1 }];
  const spans = histogramSpans(slice.start, slice.end);
  return [
    ...spans.months.map((span) => ({ table: 'rollup_monthly_team' as const, time: 'month' as const, ...span })),
    ...spans.days.map((span) => ({ table: 'rollup_daily_team' as const, time: 'day' as const, ...span })),
    ...spans.hours.map((span) => ({ table: 'rollup_hourly_team' as const, time: 'hour' as const, ...span })),
  ];
}

const signed = (part: RollupPart, column: string) => (part.sign === 1 ? column : `-${column}`);

/** Counts and sums of value per kind (counts, ratios, both sides of a count ratio). */
async function rollupSums(db: Queryable, kinds: FactKind[], slice: StatisticsSlice, grouping: FigureGrouping, into: FigureTable): Promise<void> {
  if (kinds.length === 0) return;
  const params = new SqlParams();
  const kindList = params.add(kinds);
  const parts = rollupSources(slice, grouping).map(
    (part) =>
      `SELECT kind, ${groupKeySql(grouping, part.time, params, slice.timeZone)} AS grp, ${signed(part, 'n')} AS n, ${signed(part, 'sum_value')} AS sum_value FROM ${part.table}
        WHERE kind = ANY(${kindList}::text[]) AND ${sliceWhere({ ...slice, start: part.start, end: part.end }, params, { time: part.time })}`,
  );
  const { rows } = await db.query<{ kind: FactKind; grp: string | null; n: number; sum: number }>(
    `SELECT kind, grp::text AS grp, sum(n)::float8 AS n, sum(sum_value)::float8 AS sum
       FROM (${parts.join(' UNION ALL ')}) part
      GROUP BY 1, 2
     HAVING sum(n) <> 0 OR sum(sum_value) <> 0`,
    params.values,
  );
  for (const row of rows) if (row.grp !== null) entry(into.sums, row.grp).set(row.kind, { n: row.n, sum: row.sum });
}

/**
 * Presence time summed, over how many agents (those with a presence fact in the slice: a net
 * count above zero over the signed parts). Presence belongs to agents, not teams: grouped by team
 * it is absent (a team filter counts the teams' members, see sliceWhere).
 */
async function presenceTotals(db: Queryable, kinds: FactKind[], slice: StatisticsSlice, grouping: FigureGrouping, into: FigureTable): Promise<void> {
  if (kinds.length === 0 || grouping.by === 'team') return;
  const params = new SqlParams();
  const kindList = params.add(kinds);
  const parts = rollupSources(slice, grouping, true).map(
    (part) =>
      `SELECT kind, ${groupKeySql(grouping, part.time, params, slice.timeZone)} AS grp, agent_id, ${signed(part, 'n')} AS n, ${signed(part, 'sum_value')} AS sum_value FROM ${part.table}
        WHERE kind = ANY(${kindList}::text[]) AND ${sliceWhere({ ...slice, start: part.start, end: part.end }, params, { time: part.time, presence: true })}`,
  );
  const { rows } = await db.query<{ kind: FactKind; grp: string | null; agents: number; total: number }>(
    `SELECT kind, grp::text AS grp, count(*) FILTER (WHERE n > 0)::float8 AS agents, sum(total)::float8 AS total
       FROM (SELECT kind, grp, agent_id, sum(n) AS n, sum(sum_value) AS total FROM (${parts.join(' UNION ALL ')}) part GROUP BY 1, 2, 3) per_agent
      GROUP BY 1, 2
     HAVING count(*) FILTER (WHERE n > 0) > 0`,
    params.values,
  );
  for (const row of rows) if (row.grp !== null) entry(into.presence, row.grp).set(row.kind, { agents: row.agents, total: row.total });
}

/**
 * Median, p90 and mean of one kind, calendar and business (business = calendar where the fact has
 * none). Overall, per team or per series bucket (given its span; see seriesServed) without an
 * agent, channel or topic filter, from the value histograms (percentiles.ts: no sort); per agent
 * over a span holding a whole UTC month, from the agents' histograms (agent-spreads.ts). Otherwise one sort per ordering (percentile_cont over an array of
 * fractions); the mean is sum / n in double precision, as metrics/aggregate.ts computes it (avg() would round through numeric and
 * could differ in the last digit). Ordered-set aggregates do not run in parallel workers, so each
 * kind is its own query and the kinds run side by side on the pool.
 */
async function factSpreads(db: Queryable, kind: FactKind, slice: StatisticsSlice, grouping: FigureGrouping, into: FigureTable): Promise<void> {
  if ((grouping.by === 'none' || grouping.by === 'team') && histogramServes(kind, slice, grouping.by)) {
    for (const [group, spreads] of await histogramSpreads(db, kind, slice, grouping.by)) entry(into.spreads, group).set(kind, spreads);
    return;
  }
  if (grouping.by === 'agent' && agentHistogramServes(kind, slice)) {
    for (const [agent, spreads] of await agentHistogramSpreads(db, kind, slice)) entry(into.spreads, agent).set(kind, spreads);
    return;
  }
  // Series by day, week or month (by day or week counted by octave first: percentiles.ts
  // countSeriesOctaves); hours hold few facts each, and are sorted faster than counted.
  const seriesServed = grouping.by === 'bucket' && grouping.interval !== 'hour';
  if (grouping.by === 'bucket' && grouping.buckets && seriesServed && histogramServes(kind, slice, 'none')) {
    for (const [group, spreads] of await histogramSpreads(db, kind, slice, { buckets: grouping.buckets })) entry(into.spreads, group).set(kind, spreads);
    return;
  }
  const params = new SqlParams();
  const key = groupKeySql(grouping, 'at', params, slice.timeZone);
  const { rows } = await db.query<{ grp: string | null; n: number; calendar: [number, number]; business: [number, number]; mean: number; b_mean: number }>(
    `SELECT ${key} AS grp, count(*)::float8 AS n,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY value) AS calendar,
            sum(value)::float8 / count(*) AS mean,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY coalesce(business_value, value)) AS business,
            sum(coalesce(business_value, value))::float8 / count(*) AS b_mean
       FROM facts
      WHERE kind = ${params.add(kind)} AND ${sliceWhere(slice, params, { time: 'at' })}
      GROUP BY 1`,
    params.values,
  );
  for (const row of rows) {
    if (row.grp === null) continue;
    entry(into.spreads, row.grp).set(kind, {
      n: row.n,
      calendar: { median: row.calendar[0], p90: row.calendar[1], mean: row.mean },
      business: { median: row.business[0], p90: row.business[1], mean: row.b_mean },
    });
  }
}

/**
 * Everything the figures of `aggregations` need over `slice`, split by `grouping`: rollup sums,
 * presence totals, and the percentiles of each duration or distribution kind, queried at once.
 */
export async function figuresOf(db: Queryable, aggregations: readonly Aggregation[], slice: StatisticsSlice, grouping: FigureGrouping = { by: 'none' }): Promise<FigureTable> {
  const sums = new Set<FactKind>();
  const presence = new Set<FactKind>();
  const spreads = new Set<FactKind>();
  for (const aggregation of aggregations) {
    switch (aggregation.type) {
      case 'count':
      case 'ratio':
        sums.add(aggregation.kind);
        break;
      case 'count_ratio':
        sums.add(aggregation.numerator).add(aggregation.denominator);
        break;
      case 'total':
        presence.add(aggregation.kind);
        break;
      case 'duration':
      case 'distribution':
        spreads.add(aggregation.kind);
        break;
    }
  }
  const table = new FigureTable();
  await Promise.all([
    rollupSums(db, [...sums], slice, grouping, table),
    presenceTotals(db, [...presence], slice, grouping, table),
    ...[...spreads].map((kind) => factSpreads(db, kind, slice, grouping, table)),
  ]);
  return table;
}

/** One figure over the whole slice. */
export async function figureOf(db: Queryable, aggregation: Aggregation, slice: StatisticsSlice): Promise<Figure> {
  return (await figuresOf(db, [aggregation], slice)).figure('', aggregation);
}

