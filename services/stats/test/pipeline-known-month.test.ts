// The known-answer month (fixtures/known-month.ts) through the real pipeline: every event, with its
// duplicates and redeliveries, produced to Kafka and consumed by a stats process; the store must
// hold exactly the facts the definitions derive, and its hourly rollups must give the figures
// written by hand. A rebuild from the raw events must give the same store again.
import type { Figure } from '@smartchat/contracts';
import { isolatedResources } from '@smartchat/platform/testing';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { computeFigure, deriveHistoryFacts, metricDefinition, selectFacts, type Aggregation, type Fact } from '../src/metrics/index.js';
import { rebuildStatistics } from '../src/pipeline/rebuild.js';
import { expectedFigures, knownMonthAgentTeams, knownMonthCalendar, knownMonthEvents, rangeInstants, sameFigure, type KnownMonthCase } from './fixtures/known-month.js';
import { pipelineEnvironment, rollupsFromFacts, teamRollupsFromFacts, agentRollupsFromFacts, histogramsFromFacts, sortedFacts, storedFacts, storePicture } from './pipeline-support.js';

interface RollupSums {
  n: number;
  sumValue: number;
  sumBusiness: number;
  agents: number;
}

/** Sums of rollup_hourly rows of `kind` in a case's range and filters (presence under a team filter: its members, from the agents table). */
async function rollupSums(pool: pg.Pool, kind: string, known: KnownMonthCase): Promise<RollupSums> {
  const { from, to } = rangeInstants(known.range);
  const presence = kind === 'agent.online' || kind === 'agent.away';
  const result = await pool.query<{ n: number; sum_value: number; sum_business: number; agents: number }>(
    `SELECT coalesce(sum(n), 0)::float8 AS n, coalesce(sum(sum_value), 0)::float8 AS sum_value, coalesce(sum(sum_business), 0)::float8 AS sum_business,
            count(DISTINCT agent_id)::int AS agents
       FROM rollup_hourly
      WHERE kind = $1 AND hour >= $2 AND hour < $3 AND internal = $4
        AND ($5::uuid[] IS NULL OR ${presence ? 'agent_id IN (SELECT agent_id FROM agents WHERE team_ids && $5::uuid[])' : 'team_id = ANY($5::uuid[])'})
        AND ($6::uuid[] IS NULL OR agent_id = ANY($6::uuid[]))`,
    [kind, from, to, known.filters.internal ?? false, known.filters.teamIds ?? null, known.filters.agentIds ?? null],
  );
  const row = result.rows[0]!;
  return { n: row.n, sumValue: row.sum_value, sumBusiness: row.sum_business, agents: row.agents };
}

/** What the hourly rollups alone tell of a figure: every count, hit and total, and the means. */
async function fromRollups(pool: pg.Pool, aggregation: Aggregation, known: KnownMonthCase): Promise<Record<string, unknown>> {
  const mean = (sum: number, n: number) => (n === 0 ? null : sum / n);
  switch (aggregation.type) {
    case 'count':
      return { kind: 'count', n: (await rollupSums(pool, aggregation.kind, known)).n };
    case 'ratio': {
      const sums = await rollupSums(pool, aggregation.kind, known);
      return { kind: 'ratio', n: sums.n, hits: sums.sumValue };
    }
    case 'count_ratio':
      return { kind: 'ratio', n: (await rollupSums(pool, aggregation.denominator, known)).n, hits: (await rollupSums(pool, aggregation.numerator, known)).n };
    case 'total': {
      const sums = await rollupSums(pool, aggregation.kind, known);
      return { kind: 'total', n: sums.agents, totalMs: sums.sumValue };
    }
    case 'distribution': {
      const sums = await rollupSums(pool, aggregation.kind, known);
      return { kind: 'distribution', n: sums.n, mean: mean(sums.sumValue, sums.n) };
    }
    case 'duration': {
      const sums = await rollupSums(pool, aggregation.kind, known);
      return { kind: 'duration', n: sums.n, calendar: { mean: mean(sums.sumValue, sums.n) }, business: { mean: mean(sums.sumBusiness, sums.n) } };
    }
  }
}

/** The part of a hand-written figure the rollups can give (medians and p90 need the facts). */
function rollupPart(expected: Figure): Record<string, unknown> {
  switch (expected.kind) {
    case 'count':
      return { kind: 'count', n: expected.n };
    case 'ratio':
      return { kind: 'ratio', n: expected.n, hits: expected.hits };
    case 'total':
      return { kind: 'total', n: expected.n, totalMs: expected.totalMs };
    case 'distribution':
      return { kind: 'distribution', n: expected.n, mean: expected.mean };
    case 'duration':
      return { kind: 'duration', n: expected.n, calendar: { mean: expected.calendar.mean }, business: { mean: expected.business.mean } };
  }
}

/** Numbers to 1e-9 relative (hand-written decimals against doubles, as sameFigure), the rest exactly. */
function alike(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    return [...keys].every((key) => alike((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
  }
  return actual === expected;
}

describe('the known-answer month through the pipeline', () => {
  it('is stored as the definitions derive it, its rollups give the figures written by hand, and a rebuild gives the same', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 4);
    await env.start();
    await env.produce(knownMonthEvents);
    await env.caughtUp();
    const { pool } = env.stats;

    const derived = deriveHistoryFacts(knownMonthEvents, knownMonthCalendar());
    const stored = await storedFacts(pool);
    expect(stored).toEqual(sortedFacts(derived));
    expect((await storePicture(pool)).rollups).toEqual(await rollupsFromFacts(pool));
    expect((await storePicture(pool)).teamRollups).toEqual(await teamRollupsFromFacts(pool));
    expect((await storePicture(pool)).agentRollups).toEqual(await agentRollupsFromFacts(pool));
    expect((await storePicture(pool)).histograms).toEqual(await histogramsFromFacts(pool));
    // The agents table holds the same teams the fixture reads from agent.created.
    const agents = await pool.query<{ agent_id: string; team_ids: string[] }>('SELECT agent_id, team_ids FROM agents');
    expect(new Map(agents.rows.map((row) => [row.agent_id, row.team_ids]))).toEqual(new Map([...knownMonthAgentTeams].map(([agentId, teams]) => [agentId, [...teams].sort()])));

    const mismatches: unknown[] = [];
    for (const known of expectedFigures) {
      const selected = selectFacts(stored as unknown as Fact[], { ...rangeInstants(known.range), ...known.filters, agentTeams: knownMonthAgentTeams });
      for (const [id, expected] of Object.entries(known.figures) as [string, Figure][]) {
        const definition = metricDefinition(id)!;
        // From the stored facts, everything: medians, p90, means, counts.
        const actual = computeFigure(definition, selected);
        if (!sameFigure(actual, expected)) mismatches.push({ case: known.name, id, source: 'facts', expected, actual });
        // From the hourly rollups, what sums give.
        const summed = await fromRollups(pool, definition.aggregation, known);
        if (!alike(summed, rollupPart(expected))) {
          mismatches.push({ case: known.name, id, source: 'rollups', expected: rollupPart(expected), actual: summed });
        }
      }
    }
    expect(mismatches).toEqual([]);

    const live = await storePicture(pool);
    await pool.query('TRUNCATE facts, rollup_hourly, teams, agents, team_settings');
    await rebuildStatistics(pool, { from: new Date('2026-01-01T00:00:00Z'), logger: resources.logger });
    expect(await storePicture(pool)).toEqual(live);
  });
});
