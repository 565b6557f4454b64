// The in-app statistics (the chat API's and the reports' queries, services/stats/src/queries) and
// the business dashboard's SQL give the same numbers for the same range, zone and filters: on the
// known-answer month, for views the hand-written cases do not cover (a Moscow month, a team, an
// agent, a channel, internal conversations, half a month), every metric both show, figure for figure.
import { TestResources } from '@smartchat/platform/testing';
import { ingestEvents } from '@smartchat/stats';
import type { MetricId } from '@smartchat/stats/metrics';
import { metricFigures, resolveRange, type StatisticsSlice } from '@smartchat/stats/queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownMonthEvents, knownMonthIds, sameFigure } from '../../services/stats/test/fixtures/known-month.js';
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

const { teams, agents } = knownMonthIds;

interface View {
  from: string;
  to: string;
  timeZone: string;
  teamIds?: string[];
  agentIds?: string[];
  channels?: string[];
  internal?: boolean;
}

describe('the in-app statistics and the Grafana SQL, on the same range', () => {
  it.each([
    ['October in Moscow', { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Moscow' }],
    ['the first half of October in Yekaterinburg', { from: '2026-10-01', to: '2026-10-15', timeZone: 'Asia/Yekaterinburg' }],
    ['team Sales, October in UTC', { from: '2026-10-01', to: '2026-10-31', timeZone: 'UTC', teamIds: [teams.SALES] }],
    ['both teams, October in Moscow', { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Moscow', teamIds: [teams.DE, teams.SALES] }],
    ['agent Boris, October in Moscow', { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Moscow', agentIds: [agents.BORIS] }],
    ['e-mail, October in London (the clocks go back on the 25th)', { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/London', channels: ['email'] }],
    ['internal conversations, October in Moscow', { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Moscow', internal: true }],
  ] as [string, View][])('%s', async (_name, view) => {
    const range = resolveRange(view.from, view.to, view.timeZone);
    const slice: StatisticsSlice = {
      start: range.start,
      end: range.end,
      timeZone: range.timeZone,
      teamIds: view.teamIds ?? null,
      agentIds: view.agentIds ?? null,
      channels: view.channels ?? null,
      topics: null,
      internal: view.internal ?? false,
    };
    const inApp = await metricFigures(database.reader, slice);
    const grafanaShows = await dashboardFigures(grafana, { range: { from: range.start, to: range.end }, timeZone: view.timeZone, teamIds: view.teamIds, agentIds: view.agentIds, channels: view.channels, internal: view.internal });
    let compared = 0;
    let nonEmpty = 0;
    for (const [id, figure] of inApp) {
      const metric = id as MetricId;
      if (NOT_ON_THE_DASHBOARD.includes(metric) || (view.internal && !INTERNAL_PANELS.includes(metric))) continue;
      const shown = grafanaShows.get(metric);
      expect(shown, `${metric} is not on the dashboard`).toBeDefined();
      expect(sameFigure(shown!, figure), `${metric}: Grafana shows ${JSON.stringify(shown)}, the app ${JSON.stringify(figure)}`).toBe(true);
      compared += 1;
      if (figure.n > 0) nonEmpty += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(view.internal ? 11 : 20);
    expect(nonEmpty).toBeGreaterThan(0);
  });
});
