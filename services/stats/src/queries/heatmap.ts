// Load by hour of the week: new conversations and customer messages per local weekday and hour,
// from the hourly rollups (an hour of a whole-hour zone is one UTC hour, so each lands in one cell):
// rollup_hourly_team unless the slice filters by agent, channel or topic (a year of it is a tenth of
// rollup_hourly's rows).
import { SqlParams, sliceWhere, teamRollupServes, type Queryable, type StatisticsSlice } from './slice.js';

export interface HeatmapCell {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  hour: number;
  newConversations: number;
  customerMessages: number;
}

/** All 7 × 24 cells, Monday 00:00 first, empty ones with zeros. */
export async function heatmapOf(db: Queryable, slice: StatisticsSlice): Promise<HeatmapCell[]> {
  const params = new SqlParams();
  const zone = params.add(slice.timeZone);
  const { rows } = await db.query<{ weekday: number; hour: number; kind: string; n: number }>(
    `SELECT extract(isodow FROM hour AT TIME ZONE ${zone})::int AS weekday, extract(hour FROM hour AT TIME ZONE ${zone})::int AS hour, kind, sum(n)::float8 AS n
       FROM ${teamRollupServes(slice) ? 'rollup_hourly_team' : 'rollup_hourly'}
      WHERE kind IN ('conversation.new', 'message.customer') AND ${sliceWhere(slice, params, { time: 'hour' })}
      GROUP BY 1, 2, 3`,
    params.values,
  );
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) for (let hour = 0; hour < 24; hour += 1) cells.push({ weekday, hour, newConversations: 0, customerMessages: 0 });
  for (const row of rows) {
    const cell = cells[(row.weekday - 1) * 24 + row.hour]!;
    if (row.kind === 'conversation.new') cell.newConversations += row.n;
    else cell.customerMessages += row.n;
  }
  return cells;
}
