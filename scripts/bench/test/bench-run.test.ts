// `make bench` end to end, small: the real orchestrator starts two chat processes against the
// local dependencies, the load generator drives a few conversations over socket.io, everything is
// read back from Cassandra, and the report lands where tools look for it. This guards the bench
// itself (a broken bench would report nothing, or wrongly); its figures are not judged here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/report.js';

const resultsDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-test-'));

afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

function runBench(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'scripts/bench/src/run.ts')],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
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
