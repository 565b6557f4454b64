import { describe, expect, it } from 'vitest';
import { cpuBudget, renderMarkdown, stepCpuSplit, type BenchReport } from '../src/report.js';

describe('the CPU budget at a target rate', () => {
  const processes = { 'chat-1': 40, 'chat-2': 20, cassandra: 20, loadgen: 10, other: 5 };

  it('gives the chat processes what the rest leaves of the machine at the target', () => {
    // 1,000 msg/s measured: chat 400 + 200 µs, cassandra 200, loadgen 100, unsampled 50 (5% of a core).
    const budget = cpuBudget(2000, 1000, 2, processes)!;
    expect(budget.machineUsPerMessage).toBe(1000); // 2 cores = 2,000,000 µs/s over 2,000 msg/s
    expect(budget.chatUs).toBe(600);
    expect(budget.outsideChat).toEqual({ cassandra: 200, loadgen: 100, other: 50 });
    expect(budget.outsideChatUs).toBe(350);
    expect(budget.chatAllowanceUs).toBe(650);
    expect(budget.chatReductionNeeded).toBe(0.92);
  });

  it('says how many times cheaper the chat processes must be when the rest fits but they do not', () => {
    const budget = cpuBudget(4000, 1000, 2, processes)!;
    expect(budget.machineUsPerMessage).toBe(500);
    expect(budget.chatAllowanceUs).toBe(150);
    expect(budget.chatReductionNeeded).toBe(4);
  });

  it('has no allowance when everything else alone exceeds the machine at the target', () => {
    const budget = cpuBudget(8000, 1000, 2, processes)!;
    expect(budget.machineUsPerMessage).toBe(250);
    expect(budget.chatAllowanceUs).toBe(-100);
    expect(budget.chatReductionNeeded).toBeNull();
  });

  it('is not computed without a measured rate', () => {
    expect(cpuBudget(3000, 0, 2, processes)).toBeNull();
  });

  it('is written into the Markdown report with its verdict', () => {
    const budget = cpuBudget(8000, 1000, 2, processes)!;
    const text = renderMarkdown(minimalReport({ budget }));
    expect(text).toContain('## CPU budget at the target');
    expect(text).toContain('out of this machine\'s reach whatever the chat processes cost');
    expect(text).toContain('cassandra 200, loadgen 100, other 50');
    const fits = renderMarkdown(minimalReport({ budget: cpuBudget(2000, 1000, 2, processes) }));
    expect(fits).toContain('That leaves 650 µs for the chat processes, which used 600: the CPU is there.');
  });
});

function minimalReport(extra: Partial<BenchReport>): BenchReport {
  const latency = { count: 1, p50: 1, p95: 1, p99: 1, max: 1 };
  return {
    profile: 'max',
    description: 'test',
    startedAt: '2026-12-03T00:00:00.000Z',
    commit: null,
    durationS: 60,
    wallClockS: 61,
    throughputPerSec: 1000,
    sentPerSec: 1000,
    latencyMs: latency,
    ackLatencyMs: latency,
    sent: 1,
    accepted: 1,
    delivered: 1,
    lost: 0,
    duplicated: 0,
    errors: { total: 0, byCode: {} },
    window: { startS: 0, endS: 60, durationS: 60, ratePerSec: 1000 },
    verification: {
      complete: 1, lostOnSockets: 0, lostInStore: 0, duplicatedOnSockets: 0, duplicatedInStore: 0, unexpectedReceipts: 0, unknownRows: 0, idMismatches: 0,
      neverAccepted: 0, neverAcceptedButStored: 0, storedRows: 1, settledInMs: 0, problems: [],
    },
    loadgen: { eventLoopDelayP99Ms: 1, eventLoopDelayMaxMs: 1, maxInFlight: 1, heldBack: 0, socketDisconnects: 0 },
    conversations: 1,
    agents: 1,
    timeline: [],
    processes: [],
    machine: { cores: 2, busyPercentAvg: 50, otherCpuPercent: 0, cpuPerMessageUs: 1000, calibration: null },
    idleMemoryPer1000SocketsMb: null,
    idleMemory: null,
    chatProcesses: 2,
    server: null,
    targets: { met: true, checks: [] },
    warnings: [],
    cpuProfiles: null,
    ...extra,
  } as BenchReport;
}

describe('a ramp step', () => {
  it('splits its CPU per message between the chat processes and everything else', () => {
    // 1,500 msg/s: chat 52.4 + 30 % of a core = 549 µs per message, the rest 88.2 % = 588 µs.
    const step = { achievedPerSec: 1500, cpuPercent: { 'chat-1': 52.4, 'chat-2': 30, cassandra: 26.8, loadgen: 22.6, rabbitmq: 18.8, postgres: 11.6, other: 8.4 } };
    expect(stepCpuSplit(step)).toEqual({ chatUs: 549, outsideChatUs: 588 });
    expect(stepCpuSplit({ achievedPerSec: 0, cpuPercent: { 'chat-1': 1 } })).toBeNull();
  });
});
