// The team and agent tables: each row's main figures (metrics of the catalogue), computed for all
// rows at once, grouped by team or agent, for the rows the caller names (those in the viewer's
// scope, with the names to show).
import type { AgentStatisticsRow, TeamStatisticsRow } from '@smartchat/contracts';
import { metricDefinition, type MetricId } from '../metrics/definitions.js';
import { figuresOf, type FigureTable } from './figures.js';
import type { Queryable, StatisticsSlice } from './slice.js';

/** A row to compute: a team or an agent, by id, with the name to show. */
export interface NamedSubject {
  id: string;
  name: string;
}

/** The team table's columns and the metric each shows. */
export const TEAM_COLUMNS = {
  newConversations: 'conversations_new',
  closedConversations: 'conversations_closed',
  reopenedConversations: 'conversations_reopened',
  firstResponse: 'first_response_time',
  nextResponse: 'next_response_time',
  resolution: 'resolution_time',
  slaFirstResponse: 'sla_first_response_hit_rate',
  slaNextResponse: 'sla_next_response_hit_rate',
  csatSatisfied: 'csat_score',
} as const satisfies Record<string, MetricId>;

/** The agent table's columns and the metric each shows. */
export const AGENT_COLUMNS = {
  online: 'agent_online_time',
  away: 'agent_away_time',
  replies: 'messages_reply',
  closedConversations: 'conversations_closed',
  firstResponse: 'first_response_time',
  handling: 'handling_time',
  csatSatisfied: 'csat_score',
  csatRating: 'csat_average_rating',
} as const satisfies Record<string, MetricId>;

const aggregationOf = (id: MetricId) => metricDefinition(id)!.aggregation;

/** The figures of `columns` for group `key`, as a row's fields. */
function columnsOf<C extends Record<string, MetricId>>(figures: FigureTable, key: string, columns: C): { [K in keyof C]: ReturnType<FigureTable['figure']> } {
  return Object.fromEntries(Object.entries(columns).map(([column, id]) => [column, figures.figure(key, aggregationOf(id))])) as { [K in keyof C]: ReturnType<FigureTable['figure']> };
}

/**
 * One row per team of `teams`, in the order given. Each column's figure has the kind its metric's
 * aggregation gives (figure()), which is the kind the row's type names for that column.
 */
export async function teamRows(db: Queryable, slice: StatisticsSlice, teams: readonly NamedSubject[]): Promise<TeamStatisticsRow[]> {
  const figures = await figuresOf(db, Object.values(TEAM_COLUMNS).map(aggregationOf), slice, { by: 'team' });
  return teams.map(({ id, name }) => ({ teamId: id, name, ...columnsOf(figures, id, TEAM_COLUMNS) }) as TeamStatisticsRow);
}

/** One row per agent of `agents`, in the order given (as teamRows). */
export async function agentRows(db: Queryable, slice: StatisticsSlice, agents: readonly NamedSubject[]): Promise<AgentStatisticsRow[]> {
  const figures = await figuresOf(db, Object.values(AGENT_COLUMNS).map(aggregationOf), slice, { by: 'agent' });
  return agents.map(({ id, name }) => ({ agentId: id, name, ...columnsOf(figures, id, AGENT_COLUMNS) }) as AgentStatisticsRow);
}

/** Teams as the statistics store knows them (from team.* events), for callers without the desk's database (reports, dashboards). */
export async function storedTeams(db: Queryable): Promise<NamedSubject[]> {
  const { rows } = await db.query<NamedSubject>('SELECT team_id::text AS id, name FROM teams WHERE deleted_at IS NULL ORDER BY name, team_id');
  return rows;
}

/** Agents as the statistics store knows them (from agent.* events), optionally members of one of `teamIds`. */
export async function storedAgents(db: Queryable, teamIds: readonly string[] | null = null): Promise<NamedSubject[]> {
  const { rows } = await db.query<NamedSubject>(`SELECT agent_id::text AS id, name FROM agents ${teamIds ? 'WHERE team_ids && $1::uuid[]' : ''} ORDER BY name, agent_id`, teamIds ? [teamIds] : []);
  return rows;
}
