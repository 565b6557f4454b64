// What a statistics query reads: a span of UTC instants and the filters a view narrows by, turned
// into one WHERE clause that facts and hourly rollups share (they have the same dimension columns),
// so that a figure from either table counts exactly the same things.
import type pg from 'pg';

/** Anything that runs a query: a pool, a client, a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

export interface StatisticsSlice {
  /** Included; on a UTC hour boundary (whole-hour zones, see range.ts). */
  start: Date;
  /** Excluded. */
  end: Date;
  /** The zone buckets and hour-of-week cells are cut in. */
  timeZone: string;
  /** null: any team, also none; a list: one of these teams. */
  teamIds: readonly string[] | null;
  agentIds: readonly string[] | null;
  channels: readonly string[] | null;
  topics: readonly string[] | null;
  /** false: customer conversations only; true: internal conversations only. Never both. */
  internal: boolean;
}

/** A slice with nothing but the span and the zone: every customer conversation of every team. */
export function wholeSlice(start: Date, end: Date, timeZone: string, internal = false): StatisticsSlice {
  return { start, end, timeZone, teamIds: null, agentIds: null, channels: null, topics: null, internal };
}

/** Collects positional parameters: `add(value)` gives its placeholder ($1, $2, ...). */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface SliceWhereOptions {
  /** The time column: `at` (facts), `hour` (hourly rollups), `day` or `month` (daily and monthly tables, UTC). */
  time: 'at' | 'hour' | 'day' | 'month';
  /**
   * Agents' presence facts belong to no team: a team filter counts the time of the teams' members
   * (as the store knows them from agent and team events). Like every fact they have no channel or
   * topic and are not internal, so a channel or topic filter, or internal=true, leaves none.
   */
  presence?: boolean;
}

/**
 * Whether the team rollups (no agent, channel or topic: schema 0003) can answer `slice`: it
 * filters by nothing they do not keep. Presence needs agents and never reads them.
 */
export function teamRollupServes(slice: StatisticsSlice): boolean {
  return !slice.agentIds && !slice.channels && !slice.topics;
}

/** The WHERE conditions (joined by AND) of `slice` on facts or a rollup, parameters added to `params`. */
export function sliceWhere(slice: StatisticsSlice, params: SqlParams, options: SliceWhereOptions): string {
  const conditions = [`${options.time} >= ${params.add(slice.start)}`, `${options.time} < ${params.add(slice.end)}`];
  if (slice.agentIds) conditions.push(`agent_id = ANY(${params.add(slice.agentIds)}::uuid[])`);
  conditions.push(`internal = ${params.add(slice.internal)}`);
  if (slice.teamIds) {
    const teams = params.add(slice.teamIds);
    conditions.push(options.presence ? `agent_id IN (SELECT agent_id FROM agents WHERE team_ids && ${teams}::uuid[])` : `team_id = ANY(${teams}::uuid[])`);
  }
  if (slice.channels) conditions.push(`channel = ANY(${params.add(slice.channels)}::text[])`);
  if (slice.topics) conditions.push(`topic = ANY(${params.add(slice.topics)}::text[])`);
  return conditions.join(' AND ');
}
