// The arithmetic and the words of PROFILE=stats: what the stats process's /metrics say about lag
// and event age, how the history generator is cut into steps, and how a report names a missed
// target and why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSteps } from '../src/statistics/history.js';
import { resolveStatsPlan } from '../src/statistics/plan.js';
import { timeCases, type QueryCase, type QueryResult } from '../src/statistics/queries.js';
import type { PgPool } from '@smartchat/platform';
import { evaluateStatsTargets, renderStatsMarkdown, type StatsReport } from '../src/statistics/report.js';
import { histogramDelta, histogramQuantile, parseStatsMetrics, shareAtOrBelow, totalEvents, totalLag } from '../src/statistics/stats-scrape.js';

const SCRAPE = `# HELP smartchat_stats_consumer_lag Records of the events topic not yet in the statistics store, per partition
# TYPE smartchat_stats_consumer_lag gauge
smartchat_stats_consumer_lag{partition="0"} 120
smartchat_stats_consumer_lag{partition="1"} 30
smartchat_stats_events_total{type="message.created"} 900
smartchat_stats_events_total{type="conversation.created"} 100
smartchat_stats_event_age_seconds_bucket{le="1"} 500
smartchat_stats_event_age_seconds_bucket{le="5"} 980
smartchat_stats_event_age_seconds_bucket{le="10"} 1000
smartchat_stats_event_age_seconds_bucket{le="+Inf"} 1000
smartchat_stats_event_age_seconds_sum 1500
smartchat_stats_event_age_seconds_count 1000
smartchat_stats_dead_letters_total{reason="not_json"} 2
smartchat_stats_dead_letters_total{reason="unknown_type"} 1
`;

describe("the stats process's metrics", () => {
  const scrape = parseStatsMetrics(SCRAPE, 0);

  it('add up the lag of every partition and the events of every type', () => {
    expect(totalLag(scrape)).toBe(150);
    expect(totalEvents(scrape)).toBe(1000);
    expect(scrape.deadLetters).toBe(3);
  });

  it('say exactly which share of the events was stored within 5 s (a bucket bound)', () => {
    expect(shareAtOrBelow(scrape.age, 5)).toBe(0.98);
  });

  it('estimate a percentile inside its bucket as PromQL does', () => {
    // rank 990 of 1,000 lies halfway through the (5, 10] bucket, which holds ranks 981..1000.
    expect(histogramQuantile(scrape.age, 0.99)).toBeCloseTo(7.5, 5);
    expect(histogramQuantile(scrape.age, 0.5)).toBeCloseTo(1, 5);
  });

  it('tell what happened between two readings', () => {
    const earlier = parseStatsMetrics(SCRAPE.replace('{le="1"} 500', '{le="1"} 400').replace(/_count 1000/, '_count 900').replace(/\{le="5"\} 980/, '{le="5"} 880').replace(/\{le="10"\} 1000/, '{le="10"} 900').replace(/\{le="\+Inf"\} 1000/, '{le="+Inf"} 900'), 0);
    const delta = histogramDelta(earlier.age, scrape.age);
    expect(delta.count).toBe(100);
    expect(shareAtOrBelow(delta, 5)).toBe(1);
  });
});

describe('the history generator', () => {
  const steps = readSteps(readFileSync(new URL('../src/statistics/history.sql', import.meta.url), 'utf8'));

  it('is a sequence of named steps, the heavy ones split into parts, ending with its clean-up', () => {
    expect(steps.map((step) => step.name)).toEqual(['helpers', 'teams and agents', 'hours', 'conversations', 'conversation rows', 'conversation facts', 'message facts', 'presence facts', 'csat answers', 'rollups', 'clean up']);
    expect(steps.filter((step) => step.inParts).map((step) => step.name)).toEqual(['conversation rows', 'conversation facts', 'message facts', 'rollups']);
    // A step in parts takes its share of the rows: the same statement on every connection.
    for (const step of steps.filter((entry) => entry.inParts)) expect(step.sql).toContain("current_setting('bench.part')");
  });
});

describe('the stats plan', () => {
  it("is the issue's desk at scale 1 and shrinks with the scale", () => {
    expect(resolveStatsPlan({})).toMatchObject({ conversations: 2_000_000, agents: 300, timeZone: 'Europe/Moscow' });
    expect(resolveStatsPlan({ STATS_BENCH_SCALE: '0.02' })).toMatchObject({ conversations: 40_000, agents: 6 });
  });

  it('refuses a part it does not know', () => {
    expect(() => resolveStatsPlan({ STATS_BENCH_PARTS: 'ingest,replay' })).toThrow(/STATS_BENCH_PARTS/);
  });
});

describe('the query timings', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** A database whose statements take what the case says; EXPLAIN answers with a one-node plan. */
  const database = {
    query: async (text: string, values: unknown[] = []) => {
      if (text.startsWith('EXPLAIN')) return { rows: [{ 'QUERY PLAN': [{ Plan: { 'Node Type': 'Sort', 'Actual Total Time': 5, 'Actual Rows': 9, 'Actual Loops': 1 }, 'Planning Time': 0.1, 'Execution Time': 5 }] }] };
      await sleep(Number(values[0]));
      return { rows: [] };
    },
  } as unknown as PgPool;
  const taking = (query: string, ms: number): QueryCase => ({ query, source: 'api', range: '12 months', scope: 'desk', run: (db) => db.query('SELECT pg_sleep($1)', [ms]) });

  it('gives quick cases all their runs, slow ones at least three, and keeps a very slow first run as its measurement', async () => {
    const results = await timeCases(database, [taking('quick', 1), taking('slow', 25), taking('very slow', 120)], { runs: 12, budgetMs: 250, targetMs: 10 });
    const [quick, slow, verySlow] = results;
    expect(quick).toMatchObject({ runs: 12, short: false, met: true, explain: null });
    expect(slow!.runs).toBeGreaterThanOrEqual(3);
    expect(slow!.runs).toBeLessThan(12);
    expect(slow).toMatchObject({ met: false, short: true, cold: false });
    // Over ten times the target: its first run is its measurement, and it is explained.
    expect(verySlow).toMatchObject({ runs: 1, cold: true, met: false });
    expect(verySlow!.explain?.top?.[0]).toMatchObject({ node: 'Sort', selfMs: 5 });
    // Its one run (a 120 ms timer: libuv's cached loop time lets it end a little early by the
    // performance clock) is over ten times the target.
    expect(verySlow!.p95Ms).toBeGreaterThan(100);
  });

  it('reports a case that fails with its error, and goes on with the others', async () => {
    const failing: QueryCase = { ...taking('broken', 1), query: 'broken', run: () => Promise.reject(new Error('relation "facts" does not exist')) };
    const [broken, quick] = await timeCases(database, [failing, taking('quick', 1)], { runs: 3, budgetMs: 100, targetMs: 10 });
    expect(broken).toMatchObject({ runs: 0, met: false, error: 'relation "facts" does not exist' });
    expect(quick).toMatchObject({ runs: 3, met: true });
  });
});

describe('the stats report', () => {
  const plan = resolveStatsPlan({});
  const result = (query: string, p95Ms: number, extra: Partial<QueryResult> = {}): QueryResult => ({
    query,
    source: 'api',
    range: '12 months',
    scope: 'desk',
    runs: 20,
    p50Ms: p95Ms / 2,
    p95Ms,
    maxMs: p95Ms,
    statements: 2,
    met: p95Ms <= 300,
    short: false,
    cold: false,
    error: null,
    explain: null,
    ...extra,
  });

  it('misses the query target when any case misses, and says which and why', () => {
    const slow = result('overview', 2400, {
      runs: 3,
      short: true,
      explain: { executionMs: 2390, planningMs: 1, workers: 2, sharedHitBlocks: 10, sharedReadBlocks: 5, tempWrittenBlocks: 0, top: [{ node: 'Sort', selfMs: 1800, rows: 2_000_000, loops: 1, detail: 'sort quicksort (Memory 90000 kB)' }] },
    });
    const queries = { targetMs: 300, durationS: 100, results: [result('heatmap', 120), slow] };
    const targets = evaluateStatsTargets({ ingest: null, queries, monthlyReport: null }, plan);
    expect(targets.met).toBe(false);
    expect(targets.checks[0]!.actual).toBe('1 missed (worst 2400 ms: overview, 12 months, desk)');
    const report: StatsReport = {
      profile: 'stats',
      description: 'test',
      startedAt: '2026-12-06T00:00:00.000Z',
      commit: null,
      wallClockS: 1,
      machine: { cores: 2, calibration: null },
      plan: { scale: 1, conversations: 2_000_000, agents: 300, timeZone: 'Europe/Moscow', runsPerQuery: 20, queryBudgetS: 360, parts: ['queries'] },
      ingest: null,
      history: null,
      queries,
      monthlyReport: null,
      targets,
      warnings: [],
    };
    const text = renderStatsMarkdown(report);
    expect(text).toContain('| overview | 12 months | desk | 3* | 1200 | 2400 | 2400 | **no** |');
    expect(text).toContain('**overview** (12 months, desk, p95 2400 ms): execution 2390 ms');
    expect(text).toContain('Sort 1800 ms (2000000 rows × 1; sort quicksort (Memory 90000 kB))');
  });

  it('judges the monthly report by its slowest build', () => {
    const monthlyReport = { period: '2026-11', timeZone: 'Europe/Moscow', targetS: 60, met: false, error: null, builds: [{ totalS: 70, figuresS: 65, xlsxBytes: 1, pdfBytes: 1 }, { totalS: 20, figuresS: 15, xlsxBytes: 1, pdfBytes: 1 }] };
    const targets = evaluateStatsTargets({ ingest: null, queries: null, monthlyReport }, plan);
    expect(targets.checks).toEqual([{ name: 'monthly report of 2026-11', target: '< 60 s', actual: '70 s', met: false }]);
  });
});
