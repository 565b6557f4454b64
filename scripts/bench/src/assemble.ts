// Turns what a run collected into the report: headline figures, per-process CPU and memory (over
// the measured window, and per ramp step), idle memory, CPU profiles, targets and warnings.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';
import type { ChatNode } from './chat-nodes.js';
import { mainThreadProfilePid, summarizeCpuProfile, type CpuProfileSummary } from './cpu-profile.js';
import { dependencyPid } from './dependencies.js';
import type { Collected } from './drive.js';
import { describeProfile, type Profile } from './profiles.js';
import type { LoadResult, RampStep } from './protocol.js';
import { cpuBudget, cpuPerMessageUs, evaluateTargets, type BenchReport, type ReportStep } from './report.js';
import type { Calibration } from './calibration.js';
import type { Sampler } from './sampler.js';

export function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

/** Above this much CPU of other processes (100% = one core) in the measured window, the figures are suspect. */
const OTHER_CPU_WARNING_PERCENT = 25;

function warningsFor(result: LoadResult, sampled: Map<string, number>, otherCpu: number): string[] {
  const warnings: string[] = [];
  if (otherCpu > OTHER_CPU_WARNING_PERCENT) {
    warnings.push(`processes outside the bench used ${otherCpu}% CPU (100% = one core) during the measured window: the figures are disturbed; rerun on a quiet machine.`);
  }
  for (const [name, pid] of sampled) {
    const now = dependencyPid(name);
    if (now !== pid) warnings.push(`${name} was restarted or stopped during the run (pid ${pid} -> ${now ?? 'none'}): the figures are disturbed; rerun when nothing else touches the dependencies.`);
  }
  if (result.loadgen.socketDisconnects > 0) {
    warnings.push(
      `${result.loadgen.socketDisconnects} bench sockets were disconnected during the run (see the chat logs in bench-results/logs/); the figures are disturbed.`,
    );
  }
  if (result.loadgen.heldBack > 0) warnings.push(`the load generator held back ${result.loadgen.heldBack} sends because too many were in flight.`);
  if (result.loadgen.eventLoopDelayP99Ms > 50) warnings.push(`the load generator's event loop lagged (p99 ${result.loadgen.eventLoopDelayP99Ms} ms): latencies include its own delay.`);
  return warnings;
}

/** CPU (100% = one core) that no sampled process accounts for: other work on the machine. */
function otherCpuPercent(sampler: Sampler, from: number, to: number): number {
  const { busyPercent, cores } = sampler.machineBusyPercent(from, to);
  const sampled = sampler.figures(from, to).reduce((sum, figures) => sum + figures.cpuPercentAvg, 0);
  return Math.max(0, Math.round(busyPercent * cores - sampled));
}

function withCpu(step: RampStep, loadStart: number, sampler: Sampler): ReportStep {
  const from = loadStart + step.startS * 1000;
  const to = from + step.durationS * 1000;
  const cpuPercent = Object.fromEntries(sampler.figures(from, to).map((figures) => [figures.name, figures.cpuPercentAvg]));
  cpuPercent.other = otherCpuPercent(sampler, from, to);
  return { ...step, cpuPercent, machineBusyPercent: sampler.machineBusyPercent(from, to).busyPercent };
}

export interface RunOptions {
  profileDir: string | null;
  calibration: Calibration | null;
}

/** The chat processes' CPU profiles, main threads only, over the measured window. */
function profileSummaries(dir: string, nodes: ChatNode[], from: number, to: number): CpuProfileSummary[] {
  return readdirSync(dir).flatMap((name) => {
    const node = nodes.find((candidate) => candidate.pid === mainThreadProfilePid(name));
    return node ? [summarizeCpuProfile(join(dir, name), node.name, { fromMs: from - node.spawnedAt, toMs: to - node.spawnedAt })] : [];
  });
}

export function buildReport(profile: Profile, startedAt: Date, collected: Collected, sampler: Sampler, nodes: ChatNode[], dependencies: Map<string, number>, options: RunOptions): BenchReport {
  const { result, phases, idle, server } = collected;
  const from = phases['window-start'] ?? phases['load-start'] ?? startedAt.getTime();
  const to = phases['window-end'] ?? phases['load-end'] ?? Date.now();
  const connected = idle?.connected ?? 0;
  const idleTotalMb = idle ? Object.values(idle.perProcessDeltaMb).reduce((sum, delta) => sum + delta.rss, 0) : 0;
  const machine = sampler.machineBusyPercent(from, to);
  const processes = sampler.figures(from, to);
  const otherCpu = otherCpuPercent(sampler, from, to);
  const target = profile.targets.minThroughputPerSec;
  return {
    profile: profile.name,
    description: describeProfile(profile),
    startedAt: startedAt.toISOString(),
    commit: commit(),
    durationS: result.window.durationS,
    wallClockS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    throughputPerSec: result.throughputPerSec,
    sentPerSec: result.sentPerSec,
    latencyMs: result.latencyMs,
    ackLatencyMs: result.ackLatencyMs,
    sent: result.sent,
    accepted: result.accepted,
    delivered: result.delivered,
    lost: result.lost,
    duplicated: result.duplicated,
    errors: result.errors,
    processes,
    machine: {
      cores: machine.cores,
      busyPercentAvg: machine.busyPercent,
      otherCpuPercent: otherCpu,
      cpuPerMessageUs: cpuPerMessageUs(machine.busyPercent * machine.cores, result.throughputPerSec),
      calibration: options.calibration,
    },
    idleMemoryPer1000SocketsMb: idle && connected > 0 ? Math.round((idleTotalMb / (connected / 1000)) * 10) / 10 : null,
    idleMemory: idle,
    timeline: result.timeline,
    ...(result.steps ? { steps: result.steps.map((step) => withCpu(step, phases['load-start'] ?? from, sampler)) } : {}),
    ...(result.sustain ? { sustain: result.sustain } : {}),
    window: result.window,
    conversations: result.conversations,
    agents: result.agents,
    chatProcesses: nodes.length,
    verification: result.verification,
    server,
    loadgen: result.loadgen,
    targets: evaluateTargets(profile, result),
    warnings: [
      ...(options.profileDir ? ['the chat processes ran with --cpu-prof, which costs some CPU of its own.'] : []),
      ...warningsFor(result, dependencies, otherCpu),
    ],
    cpuProfiles: options.profileDir ? profileSummaries(options.profileDir, nodes, from, to) : null,
    ...(target !== undefined
      ? { budget: cpuBudget(target, result.throughputPerSec, machine.cores, { ...Object.fromEntries(processes.map((figures) => [figures.name, figures.cpuPercentAvg])), other: otherCpu }) }
      : {}),
  };
}
