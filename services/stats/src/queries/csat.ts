// CSAT: how the answers are spread over 1..5, the satisfied share (4 and 5 among the answers), the
// response rate (metric csat_response_rate) and the comments, for drill-down in
// keyset pages like SLA breaches. A survey's answer counts at its first answer with its latest
// rating (metrics: csat.rating); its comment is the one given with the latest answer.
import type { DistributionFigure, RatioFigure } from '@smartchat/contracts';
import { metricDefinition } from '../metrics/definitions.js';
import { figuresOf } from './figures.js';
import { SqlParams, sliceWhere, type Queryable, type StatisticsSlice } from './slice.js';

export interface CsatSummary {
  /** Ratings 1..5 with how many answers gave each. */
  distribution: { rating: number; n: number }[];
  satisfied: RatioFigure;
  responseRate: RatioFigure;
  rating: DistributionFigure;
}

const satisfied = metricDefinition('csat_score')!.aggregation;
const rating = metricDefinition('csat_average_rating')!.aggregation;
const responseRate = metricDefinition('csat_response_rate')!.aggregation;

export async function csatSummary(db: Queryable, slice: StatisticsSlice): Promise<CsatSummary> {
  const [figures, distribution] = await Promise.all([figuresOf(db, [satisfied, rating, responseRate], slice), ratingDistribution(db, slice)]);
  return {
    distribution,
    satisfied: figures.figure('', satisfied) as RatioFigure,
    responseRate: figures.figure('', responseRate) as RatioFigure,
    rating: figures.figure('', rating) as DistributionFigure,
  };
}

async function ratingDistribution(db: Queryable, slice: StatisticsSlice): Promise<{ rating: number; n: number }[]> {
  const params = new SqlParams();
  const { rows } = await db.query<{ rating: number; n: number }>(
    `SELECT value::int AS rating, count(*)::float8 AS n FROM facts WHERE kind = 'csat.rating' AND ${sliceWhere(slice, params, { time: 'at' })} GROUP BY 1`,
    params.values,
  );
  const counts = new Map(rows.map((row) => [row.rating, row.n]));
  return [1, 2, 3, 4, 5].map((rating) => ({ rating, n: counts.get(rating) ?? 0 }));
}

export interface CsatComment {
  conversationId: string;
  rating: number;
  comment: string;
  /** When the survey was first answered. */
  at: Date;
  teamId: string | null;
  agentId: string | null;
}

export interface CsatCommentCursor {
  at: Date;
  subjectId: string;
  key: string;
}

/** Answers with a comment in the slice, newest first, at most `limit`, after `cursor`. */
export async function csatComments(db: Queryable, slice: StatisticsSlice, limit: number, cursor?: CsatCommentCursor): Promise<{ comments: CsatComment[]; next: CsatCommentCursor | null }> {
  const params = new SqlParams();
  const after = cursor ? ` AND (at, subject_id, key) < (${params.add(cursor.at)}, ${params.add(cursor.subjectId)}, ${params.add(cursor.key)})` : '';
  const { rows } = await db.query<{ subject_id: string; key: string; value: string; at: Date; team_id: string | null; agent_id: string | null; comment: string }>(
    `SELECT f.subject_id, f.key, f.value, f.at, f.team_id, f.agent_id, answer.comment
       FROM (SELECT subject_id, key, value, at, team_id, agent_id FROM facts
              WHERE kind = 'csat.rating' AND ${sliceWhere(slice, params, { time: 'at' })}${after}) f
       CROSS JOIN LATERAL (
         SELECT payload->'data'->>'comment' AS comment FROM raw_events
          WHERE subject_id = f.subject_id AND type = 'csat.submitted' AND payload->'data'->>'surveyId' = substr(f.key, length('csat.rating:') + 1)
          ORDER BY occurred_at DESC, event_id DESC LIMIT 1) answer
      WHERE answer.comment IS NOT NULL AND btrim(answer.comment) <> ''
      ORDER BY f.at DESC, f.subject_id DESC, f.key DESC
      LIMIT ${params.add(limit)}`,
    params.values,
  );
  const last = rows.at(-1);
  return {
    comments: rows.map((row) => ({ conversationId: row.subject_id, rating: Number(row.value), comment: row.comment, at: row.at, teamId: row.team_id, agentId: row.agent_id })),
    next: rows.length === limit && last ? { at: last.at, subjectId: last.subject_id, key: last.key } : null,
  };
}
