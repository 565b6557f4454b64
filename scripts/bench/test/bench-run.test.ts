// `make bench` end to end, small: the real orchestrator starts two chat processes against the
// local dependencies, the load generator drives a few conversations over socket.io, everything is
// read back from Cassandra, and the report lands where tools look for it. PROFILE=stats adds a stats
// process consuming the load's events, a tiny synthetic history in a database of its own (dropped
// after), every dashboard query and the monthly report over it. This guards the bench itself (a
// broken bench would report nothing, or wrongly); its figures are not judged here. One file, so
// that the two runs, which share the bench's database, keyspace and vhost, never run at once.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/report.js';
import type { StatsReport } from '../src/statistics/report.js';

const resultsDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-test-'));

afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

function runBench(env: Record<string, string>, timeoutMs = 240_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'scripts/bench/src/run.ts')],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe('make bench', () => {
  it('runs the seed profile against two chat processes and reports every message stored once and delivered once', async () => {
    const { code, output } = await runBench({
      PROFILE: 'seed',
      BENCH_RESULTS_DIR: resultsDir,
      BENCH_RATE: '20',
      BENCH_WARMUP_S: '2',
      BENCH_DURATION_S: '6',
      BENCH_CONVERSATIONS: '8',
      BENCH_AGENTS: '2',
      BENCH_OPEN_PER_SEC: '8',
      BENCH_IDLE_SOCKETS: '50',
    });
    expect(code, output.slice(-3000)).toBe(0);
    const report = JSON.parse(readFileSync(join(resultsDir, 'seed-latest.json'), 'utf8')) as BenchReport;
    // The fields tools compare runs by.
    expect(report.throughputPerSec).toBeGreaterThan(0);
    for (const key of ['p50', 'p95', 'p99', 'max'] as const) expect(report.latencyMs[key]).toBeGreaterThan(0);
    expect(report.accepted).toBeGreaterThan(100);
    expect(report.errors.total).toBe(0);
    expect([report.lost, report.duplicated]).toEqual([0, 0]);
    // Every accepted message was read back from Cassandra and reached both sockets of its conversation.
    expect(report.verification.storedRows).toBe(report.accepted);
    expect(report.verification.complete).toBe(report.accepted);
    expect(report.delivered).toBe(report.accepted);
    expect(report.chatProcesses).toBe(2);
    // In the measured window both chat processes took sends (customers are on one, agents on the
    // other) and the delivery queues were consumed.
    expect(report.server!.processes.map((view) => view.accepted > 0)).toEqual([true, true]);
    expect(report.server!.processes.reduce((sum, view) => sum + view.persisted, 0)).toBeGreaterThan(0);
    const names = report.processes.map((process) => process.name);
    expect(names).toEqual(expect.arrayContaining(['chat-1', 'chat-2', 'loadgen', 'cassandra', 'rabbitmq', 'postgres', 'kafka']));
    expect(report.idleMemory?.connected).toBe(50);
    expect(report.targets.checks.map((check) => check.name)).toEqual(['p99 accept→deliver', 'lost', 'duplicated']);
    const markdown = readFileSync(join(resultsDir, 'seed-latest.md'), 'utf8');
    expect(markdown).toContain('| lost / duplicated | 0 / 0 |');
    expect(readFileSync(join(resultsDir, 'seed-latest.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });
});

describe('make bench PROFILE=stats', () => {
  it('stores every message event of the load, times every dashboard query over a history and builds the monthly report', { timeout: 480_000 }, async () => {
    const { code, output } = await runBench(
      {
        PROFILE: 'stats',
        BENCH_RESULTS_DIR: resultsDir,
        BENCH_AGENTS: '2',
        BENCH_CONVERSATIONS: '8',
        BENCH_OPEN_PER_SEC: '8',
        BENCH_WARMUP_S: '2',
        BENCH_WARMUP_RATE: '20',
        BENCH_RAMP_START: '20',
        BENCH_RAMP_STEP: '20',
        BENCH_MAX_STEPS: '1',
        BENCH_STEP_S: '3',
        BENCH_SUSTAIN_S: '3',
        BENCH_RAMP_REFINE: '0',
        STATS_BENCH_SCALE: '0.001',
        STATS_BENCH_HISTORY_DB: 'smartchat_stats_bench_history_test',
        STATS_BENCH_DROP_HISTORY: '1',
        STATS_BENCH_RUNS: '2',
        STATS_BENCH_QUERY_BUDGET_S: '30',
        STATS_BENCH_REPORT_BUILDS: '2',
      },
      420_000,
    );
    expect(code, output.slice(-4000)).toBe(0);
    const report = JSON.parse(readFileSync(join(resultsDir, 'stats-latest.json'), 'utf8')) as StatsReport;
    const load = JSON.parse(readFileSync(join(resultsDir, 'stats-load-latest.json'), 'utf8')) as BenchReport;

    // Every message the chat processes accepted reached the statistics store (the group started
    // at the topic's end and the store was fresh), and the stats process caught up.
    expect(load.accepted).toBeGreaterThan(0);
    expect(report.ingest!.storedByType['message.created']).toBeGreaterThanOrEqual(load.accepted);
    // The outbox's events too (the balancer relays them): every conversation the load opened.
    expect(report.ingest!.storedByType['conversation.created']).toBeGreaterThanOrEqual(load.conversations);
    expect(report.ingest!.caughtUpAfterS).not.toBeNull();
    expect(report.ingest!.age.count).toBeGreaterThan(0);
    expect(report.ingest!.timeline.length).toBeGreaterThan(0);
    expect(report.ingest!.messageLoad.cpuPercent.stats).toBeGreaterThan(0);

    // The history says what it is and how big; every case of every range and scope ran.
    expect(report.history!.synthetic).toMatch(/^Synthetic facts, not replayed events/);
    expect(report.history!.tables.facts!.rows).toBeGreaterThan(1000);
    expect(report.history!.tables.rollup_hourly!.rows).toBeGreaterThan(0);
    const results = report.queries!.results;
    expect(results.filter((result) => result.error !== null)).toEqual([]);
    const overview = results.filter((result) => result.query === 'overview').map((result) => `${result.range}, ${result.scope}`);
    expect(overview).toEqual(['12 months, desk', '12 months, team Support', 'last month, desk', 'last month, team Support', '7 days, desk', '7 days, team Support', 'today, desk', 'today, team Support']);
    for (const query of ['heatmap', 'teams', 'agents', 'sla', 'csat']) expect(results.filter((result) => result.query === query)).toHaveLength(8);
    expect(results.every((result) => result.runs >= 1 && result.p95Ms > 0)).toBe(true);

    // The monthly report of the history's last month was built, twice, with both files.
    const monthly = report.monthlyReport!;
    expect(monthly.error).toBeNull();
    expect(monthly.builds).toHaveLength(2);
    for (const build of monthly.builds) expect(build.xlsxBytes > 0 && build.pdfBytes > 0).toBe(true);

    expect(report.targets.checks.map((check) => check.name.split(':')[0])).toEqual(['ingest', 'ingest', 'queries', `monthly report of ${monthly.period}`]);
    const markdown = readFileSync(join(resultsDir, 'stats-latest.md'), 'utf8');
    for (const section of ['## Ingest under the max message load', '## The synthetic history', '## Dashboard and report queries', '## Monthly report']) expect(markdown).toContain(section);
    for (const chart of ['stats-latest.svg', 'stats-queries-latest.svg', 'stats-load-latest.svg']) expect(readFileSync(join(resultsDir, chart), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(existsSync(join(resultsDir, 'logs', 'stats', 'stats.log'))).toBe(true);
  });
});
