// SLA: the hit rate of each kind of clock (first response, next response), overall and per team,
// and the breached clocks themselves for drill-down, newest first, in keyset pages (the caller
// keeps those of conversations the viewer may open, and asks for more until it has enough).
import type { RatioFigure } from '@smartchat/contracts';
import { metricDefinition } from '../metrics/definitions.js';
import type { FactKind } from '../metrics/fact.js';
import { figuresOf, type FigureTable } from './figures.js';
import { SqlParams, sliceWhere, type Queryable, type StatisticsSlice } from './slice.js';

export const SLA_FACT_KINDS = { first_response: 'sla.first_response', next_response: 'sla.next_response' } as const satisfies Record<string, FactKind>;
export type SlaClockKind = keyof typeof SLA_FACT_KINDS;

export interface SlaHitRates {
  firstResponse: RatioFigure;
  nextResponse: RatioFigure;
}

const kinds = Object.values(SLA_FACT_KINDS);
const firstResponse = metricDefinition('sla_first_response_hit_rate')!.aggregation;
const nextResponse = metricDefinition('sla_next_response_hit_rate')!.aggregation;
const aggregations = [firstResponse, nextResponse];
const ratesOf = (figures: FigureTable, key: string): SlaHitRates => ({
  firstResponse: figures.figure(key, firstResponse) as RatioFigure,
  nextResponse: figures.figure(key, nextResponse) as RatioFigure,
});

/** Hit rates over the whole slice. */
export async function slaHitRates(db: Queryable, slice: StatisticsSlice): Promise<SlaHitRates> {
  return ratesOf(await figuresOf(db, aggregations, slice), '');
}

/** Hit rates per team id (every id asked for; teams without clocks have n 0). */
export async function slaHitRatesByTeam(db: Queryable, slice: StatisticsSlice, teamIds: readonly string[]): Promise<Map<string, SlaHitRates>> {
  const figures = await figuresOf(db, aggregations, slice, { by: 'team' });
  return new Map(teamIds.map((teamId) => [teamId, ratesOf(figures, teamId)]));
}

export interface SlaBreach {
  conversationId: string;
  kind: SlaClockKind;
  /** When the clock was due and ran out (the fact's time). */
  at: Date;
  teamId: string | null;
  agentId: string | null;
}

/** Where a page of breaches ends; the next page starts after it. */
export interface SlaBreachCursor {
  at: Date;
  subjectId: string;
  key: string;
}

/** Breached clocks of the slice, newest first, at most `limit`, after `cursor`. */
export async function slaBreaches(db: Queryable, slice: StatisticsSlice, limit: number, cursor?: SlaBreachCursor): Promise<{ breaches: SlaBreach[]; next: SlaBreachCursor | null }> {
  const params = new SqlParams();
  const after = cursor ? ` AND (at, subject_id, key) < (${params.add(cursor.at)}, ${params.add(cursor.subjectId)}, ${params.add(cursor.key)})` : '';
  const { rows } = await db.query<{ subject_id: string; key: string; kind: string; at: Date; team_id: string | null; agent_id: string | null }>(
    `SELECT subject_id, key, kind, at, team_id, agent_id
       FROM facts
      WHERE kind = ANY(${params.add(kinds)}::text[]) AND value = 0 AND ${sliceWhere(slice, params, { time: 'at' })}${after}
      ORDER BY at DESC, subject_id DESC, key DESC
      LIMIT ${params.add(limit)}`,
    params.values,
  );
  const last = rows.at(-1);
  return {
    breaches: rows.map((row) => ({
      conversationId: row.subject_id,
      kind: row.kind === SLA_FACT_KINDS.first_response ? 'first_response' : 'next_response',
      at: row.at,
      teamId: row.team_id,
      agentId: row.agent_id,
    })),
    next: rows.length === limit && last ? { at: last.at, subjectId: last.subject_id, key: last.key } : null,
  };
}
