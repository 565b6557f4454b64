// The known-answer month (services/stats/test/fixtures/known-month.ts: October 2026 scripted event
// by event, duplicates and redeliveries included, every figure worked out by hand) fed through the
// pipeline's own ingest into a statistics database; then every case of it read through the
// business dashboard's panels, expanded as Grafana would expand them for the case's range, zone and
// filters, as the read-only role. Each figure the dashboard shows must be the hand-written one.
import type { Figure } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { ingestEvents } from '@smartchat/stats';
import type { MetricId } from '@smartchat/stats/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFigures, knownMonthEvents, knownMonthIds, rangeInstants, sameFigure } from '../../services/stats/test/fixtures/known-month.js';
import { dashboardFigures, INTERNAL_PANELS, NOT_ON_THE_DASHBOARD } from './support/dashboard-figures.js';
import { GrafanaSql } from './support/grafana-sql.js';
import { statisticsDatabase, type StatisticsDatabase } from './support/stats-database.js';

let resources: TestResources;
let database: StatisticsDatabase;
let grafana: GrafanaSql;

beforeAll(async () => {
  resources = new TestResources();
  database = await statisticsDatabase(resources);
  await ingestEvents(database.owner, knownMonthEvents);
  grafana = new GrafanaSql(database.reader);
}, 120_000);

afterAll(async () => {
  await resources?.cleanup();
});

describe('the business dashboard on the known-answer month, fed through the pipeline', () => {
  it.each(expectedFigures.map((known) => [known.name, known] as const))('%s', async (_name, known) => {
    const shown = await dashboardFigures(grafana, { range: rangeInstants(known.range), timeZone: known.range.timeZone, ...known.filters });
    const expected = Object.entries(known.figures) as [MetricId, Figure][];
    let compared = 0;
    for (const [metric, figure] of expected) {
      if (NOT_ON_THE_DASHBOARD.includes(metric)) continue;
      if (known.filters.internal && !INTERNAL_PANELS.includes(metric)) continue;
      const actual = shown.get(metric);
      expect(actual, `${metric} is not on the dashboard`).toBeDefined();
      expect(sameFigure(actual!, figure), `${metric}: the dashboard shows ${JSON.stringify(actual)}, the month's answer is ${JSON.stringify(figure)}`).toBe(true);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('the Teams table gives the team case its figures, and the time series sum to the month', async () => {
    const teamCase = expectedFigures.find((known) => known.filters.teamIds?.length === 1 && !known.filters.agentIds)!;
    const range = rangeInstants(teamCase.range);
    const rows = await grafana.rows('Teams · $tz', range, { tz: teamCase.range.timeZone });
    const de = rows.find((row) => row.Team === 'Support DE')!;
    const figures = teamCase.figures;
    expect(de).toMatchObject({ New: (figures.conversations_new as { n: number }).n, Closed: (figures.conversations_closed as { n: number }).n, Reopened: (figures.conversations_reopened as { n: number }).n });
    const firstResponse = figures.first_response_time as Extract<Figure, { kind: 'duration' }>;
    expect(de['First response (n)']).toBe(firstResponse.n);
    expect(de['First response median']).toBeCloseTo(firstResponse.calendar.median!, 3);
    expect(de['First response p90']).toBeCloseTo(firstResponse.calendar.p90!, 3);
    const sla = figures.sla_first_response_hit_rate as Extract<Figure, { kind: 'ratio' }>;
    expect(de['SLA (n)']).toBe(sla.n);
    expect(de['SLA first response']).toBeCloseTo(sla.rate!, 9);

    const month = expectedFigures.find((known) => known.name.includes('customer conversations: every metric'))!;
    const perDay = await grafana.rows('Customer conversations per day · $tz', rangeInstants(month.range), { tz: month.range.timeZone });
    expect(perDay.reduce((sum, row) => sum + Number(row.New), 0)).toBe((month.figures.conversations_new as { n: number }).n);
    const load = await grafana.rows('New conversations by hour of week · $tz', rangeInstants(month.range), { tz: month.range.timeZone });
    expect(load.reduce((sum, row) => sum + ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].reduce((cells, day) => cells + Number(row[day]), 0), 0)).toBe((month.figures.conversations_new as { n: number }).n);
    expect((await grafana.variableOptions('agent', { team: [knownMonthIds.teams.DE] })).map((option) => option.text)).toEqual(['Anna', 'Boris']);
  });
});
