// The known-answer month through the statistics store: its events (duplicates and redeliveries
// included) fed in by the pipeline's ingest, and every hand-written figure read back by the
// queries the API, the reports and the dashboards use.
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricDefinition, type MetricId } from '../src/metrics/index.js';
import { createTestStatsDatabase, ingestEvents, type TestStatsDatabase } from '../src/pipeline/index.js';
import { metricFigures, resolveRange, teamRows, agentRows, TEAM_COLUMNS, AGENT_COLUMNS, type StatisticsSlice } from '../src/queries/index.js';
import { expectedFigures, knownMonthEvents, knownMonthIds, sameFigure, type KnownMonthCase } from './fixtures/known-month.js';

describe('the known-answer month read back by the statistics queries', () => {
  const resources = new TestResources();
  let stats: TestStatsDatabase;

  beforeAll(async () => {
    stats = await createTestStatsDatabase(resources);
    await ingestEvents(stats.pool, knownMonthEvents);
  }, 120_000);
  afterAll(() => resources.cleanup());

  const sliceOf = (known: KnownMonthCase): StatisticsSlice => {
    const range = resolveRange(known.range.from, known.range.to, known.range.timeZone);
    return {
      start: range.start,
      end: range.end,
      timeZone: range.timeZone,
      teamIds: known.filters.teamIds ?? null,
      agentIds: known.filters.agentIds ?? null,
      channels: null,
      topics: null,
      internal: known.filters.internal ?? false,
    };
  };

  it.each(expectedFigures.map((known) => [known.name, known] as const))('%s', async (_name, known) => {
    const figures = await metricFigures(stats.pool, sliceOf(known));
    const expected = Object.entries(known.figures);
    expect(expected.length).toBeGreaterThan(0);
    for (const [metric, figure] of expected) {
      const actual = figures.get(metric)!;
      expect(sameFigure(actual, figure), `${metric}: ${JSON.stringify(actual)} is not ${JSON.stringify(figure)}`).toBe(true);
    }
  });

  it('gives the team and agent table rows the figures of the team and agent cases', async () => {
    const teamCase = expectedFigures.find((known) => known.filters.teamIds?.length === 1 && !known.filters.agentIds)!;
    const agentCase = expectedFigures.find((known) => known.filters.agentIds?.length === 1 && !known.filters.teamIds)!;
    const whole = { ...sliceOf(teamCase), teamIds: null };
    const [team] = await teamRows(stats.pool, whole, [{ id: teamCase.filters.teamIds![0]!, name: 'Support DE' }]);
    let compared = 0;
    for (const [column, metric] of Object.entries(TEAM_COLUMNS)) {
      const figure = teamCase.figures[metric as MetricId];
      if (!figure) continue;
      compared += 1;
      expect(sameFigure(team![column as keyof typeof TEAM_COLUMNS] as never, figure), `${column}`).toBe(true);
    }
    const [agent] = await agentRows(stats.pool, { ...sliceOf(agentCase), agentIds: null }, [{ id: knownMonthIds.agents.ANNA, name: 'Anna' }]);
    for (const [column, metric] of Object.entries(AGENT_COLUMNS)) {
      const figure = agentCase.figures[metric as MetricId];
      if (!figure) continue;
      compared += 1;
      expect(sameFigure(agent![column as keyof typeof AGENT_COLUMNS] as never, figure), `${column}`).toBe(true);
    }
    expect(compared).toBeGreaterThan(8);
    expect(metricDefinition('first_response_time')).toBeDefined();
  });
});
