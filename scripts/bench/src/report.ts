// The bench report: JSON for tools (bench-results/<profile>-<timestamp>.json and
// <profile>-latest.json), a Markdown summary and an SVG chart next to it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './chart.js';
import type { LatencySummary, LoadResult, RampStep } from './protocol.js';
import type { Profile, ProfileName } from './profiles.js';
import type { ProcessFigures } from './sampler.js';
import type { ServerFigures } from './server-metrics.js';
import { describeCalibration, type Calibration } from './calibration.js';
import type { CpuProfileSummary } from './cpu-profile.js';

export interface TargetCheck {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface IdleMemory {
  sockets: number;
  connected: number;
  /** Change of each chat process's RSS, and of its V8 heap + external memory, both after a full GC. */
  perProcessDeltaMb: Record<string, { rss: number; heapAndExternal: number }>;
}

/** A ramp step with the CPU each process used during it (100% = one core) and the machine's busy share. */
export type ReportStep = RampStep & { cpuPercent: Record<string, number>; machineBusyPercent: number };

/** The headline figures, as the load generator measured them. */
type HeadlineFigures = Pick<
  LoadResult,
  'throughputPerSec' | 'sentPerSec' | 'latencyMs' | 'ackLatencyMs' | 'sent' | 'accepted' | 'delivered' | 'lost' | 'duplicated' | 'errors' | 'window' | 'verification' | 'loadgen' | 'sustain' | 'conversations' | 'agents' | 'timeline'
>;

export interface BenchReport extends HeadlineFigures {
  profile: ProfileName;
  description: string;
  startedAt: string;
  commit: string | null;
  /** Length of the measured window the headline figures describe. */
  durationS: number;
  wallClockS: number;
  processes: ProcessFigures[];
  /**
   * busyPercentAvg: share of all cores busy; otherCpuPercent: CPU of processes not sampled (100% =
   * one core); cpuPerMessageUs: CPU of the whole machine per message delivered in the window;
   * calibration: how fast the machine was before the run (compare runs only when these agree).
   */
  machine: { cores: number; busyPercentAvg: number; otherCpuPercent: number; cpuPerMessageUs: number | null; calibration: Calibration | null };
  idleMemoryPer1000SocketsMb: number | null;
  idleMemory: IdleMemory | null;
  steps?: ReportStep[];
  chatProcesses: number;
  /** The chat processes' own metrics over the measured window. */
  server: ServerFigures | null;
  targets: { met: boolean; checks: TargetCheck[] };
  /** Things that make the figures doubtful (a dependency restarted, sockets dropped, ...). */
  warnings: string[];
  /** BENCH_CPU_PROFILE=1: where each chat process spent its CPU. */
  cpuProfiles: CpuProfileSummary[] | null;
  /** Profiles with a throughput target: whether this machine's CPU could carry it (see cpuBudget). */
  budget?: CpuBudget | null;
}

/**
 * Whether the CPU of this machine could carry a profile's target rate, from what each process
 * used per message in the measured window. At `targetPerSec` the machine has `cores * 1e6 /
 * targetPerSec` µs of CPU per message when every core is busy all the time. The dependencies, the
 * load generator and other processes take `outsideChatUs` of that; the chat processes get what is
 * left (`chatAllowanceUs`, negative when the rest alone exceeds the machine). `chatReductionNeeded`
 * is how many times cheaper the chat processes would have to become (null: no allowance at all).
 * Per-message CPU falls as the rate rises (fewer wake-ups, bigger batches), so a window measured
 * below the target overstates what the target would cost; it is a bound, not a forecast.
 */
export interface CpuBudget {
  targetPerSec: number;
  measuredPerSec: number;
  cores: number;
  machineUsPerMessage: number;
  chatUs: number;
  outsideChatUs: number;
  /** Per process outside the chat processes, µs per message (other: processes the bench did not sample). */
  outsideChat: Record<string, number>;
  chatAllowanceUs: number;
  chatReductionNeeded: number | null;
}

const isChatProcess = (name: string) => name.startsWith('chat-');

/**
 * CPU per message (µs) at `perSec`, from each process's CPU (100% = one core; `other`: processes
 * the bench did not sample): the chat processes together, and everything else by process and in all.
 */
function splitPerMessage(cpuPercent: Record<string, number>, perSec: number): { chatUs: number; outsideChat: Record<string, number>; outsideChatUs: number } {
  const outsideChat: Record<string, number> = {};
  let chat = 0;
  for (const [name, percent] of Object.entries(cpuPercent)) {
    const us = (percent * 10_000) / perSec;
    if (isChatProcess(name)) chat += us;
    else outsideChat[name] = Math.round(us);
  }
  return { chatUs: Math.round(chat), outsideChat, outsideChatUs: Object.values(outsideChat).reduce((sum, value) => sum + value, 0) };
}

/** `cpuPercent`: each process's CPU in the measured window (100% = one core), `other` included. */
export function cpuBudget(targetPerSec: number, measuredPerSec: number, cores: number, cpuPercent: Record<string, number>): CpuBudget | null {
  if (targetPerSec <= 0 || measuredPerSec <= 0 || cores <= 0) return null;
  const { chatUs, outsideChat, outsideChatUs } = splitPerMessage(cpuPercent, measuredPerSec);
  const machineUsPerMessage = Math.round((cores * 1_000_000) / targetPerSec);
  const chatAllowanceUs = machineUsPerMessage - outsideChatUs;
  return {
    targetPerSec,
    measuredPerSec,
    cores,
    machineUsPerMessage,
    chatUs,
    outsideChatUs,
    outsideChat,
    chatAllowanceUs,
    chatReductionNeeded: chatAllowanceUs > 0 ? Math.round((chatUs / chatAllowanceUs) * 100) / 100 : null,
  };
}

/** A ramp step's CPU per delivered message: the chat processes, and everything else (other included). */
export function stepCpuSplit(step: Pick<ReportStep, 'cpuPercent' | 'achievedPerSec'>): { chatUs: number; outsideChatUs: number } | null {
  if (step.achievedPerSec <= 0) return null;
  const { chatUs, outsideChatUs } = splitPerMessage(step.cpuPercent, step.achievedPerSec);
  return { chatUs, outsideChatUs };
}

function describeBudget(budget: CpuBudget): string[] {
  const parts = Object.entries(budget.outsideChat)
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => `${name} ${us}`)
    .join(', ');
  const verdict =
    budget.chatAllowanceUs <= 0
      ? `Everything but the chat processes already used ${budget.outsideChatUs} µs, more than the whole machine has per message at the target: at the CPU cost per message of this window, the target is out of this machine's reach whatever the chat processes cost.`
      : budget.chatAllowanceUs >= budget.chatUs
        ? `That leaves ${budget.chatAllowanceUs} µs for the chat processes, which used ${budget.chatUs}: the CPU is there.`
        : `That leaves ${budget.chatAllowanceUs} µs for the chat processes, which used ${budget.chatUs}: they would have to be ${budget.chatReductionNeeded} times cheaper.`;
  return [
    `At ${budget.targetPerSec} msg/s, ${budget.cores} cores busy all the time give ${budget.machineUsPerMessage} µs of CPU per message. In the measured window (${budget.measuredPerSec} msg/s) the processes other than the chat processes used ${budget.outsideChatUs} µs per message (${parts}). ${verdict} Per-message CPU falls as the rate rises, so below the target this is a bound, not a forecast (the ramp table gives the split at each step).`,
  ];
}

export function evaluateTargets(profile: Profile, result: LoadResult): { met: boolean; checks: TargetCheck[] } {
  const checks: TargetCheck[] = [
    { name: 'lost', target: '0', actual: String(result.lost), met: result.lost === 0 },
    { name: 'duplicated', target: '0', actual: String(result.duplicated), met: result.duplicated === 0 },
  ];
  if (profile.targets.p99Ms !== undefined) {
    checks.unshift({ name: 'p99 accept→deliver', target: `<= ${profile.targets.p99Ms} ms`, actual: `${result.latencyMs.p99} ms`, met: result.latencyMs.p99 <= profile.targets.p99Ms && result.latencyMs.count > 0 });
  }
  if (profile.targets.minThroughputPerSec !== undefined) {
    const sustainS = profile.targets.sustainS ?? 0;
    checks.unshift(
      { name: 'sustained throughput', target: `>= ${profile.targets.minThroughputPerSec} msg/s`, actual: `${result.throughputPerSec} msg/s`, met: result.throughputPerSec >= profile.targets.minThroughputPerSec },
      { name: 'sustained for', target: `>= ${sustainS} s`, actual: `${result.window.durationS} s`, met: result.window.durationS >= sustainS - 0.5 },
      { name: 'sustained rate stayed good (p99 <= limit, no errors)', target: 'yes', actual: result.sustain?.good ? 'yes' : `no${result.sustain?.reason ? ` (${result.sustain.reason})` : ''}`, met: result.sustain?.good === true },
    );
  }
  return { met: checks.every((check) => check.met), checks };
}

/** CPU (100% = one core) spent per message at a throughput, in microseconds; null without throughput. */
export function cpuPerMessageUs(cpuPercent: number, throughputPerSec: number): number | null {
  return throughputPerSec > 0 ? Math.round((cpuPercent * 10_000) / throughputPerSec) : null;
}

const ms = (summary: LatencySummary) => `${summary.p50} / ${summary.p95} / ${summary.p99} / ${summary.max} ms`;

/**
 * What a report says after its first line: the machine's speed before the run, what was run,
 * whether the targets were met (warnings, then one row per target).
 */
export function targetsHead(report: { machine: { calibration: Calibration | null }; description: string; targets: { met: boolean; checks: TargetCheck[] }; warnings: string[] }): string[] {
  const lines: string[] = [];
  if (report.machine.calibration) lines.push(describeCalibration(report.machine.calibration), '');
  lines.push(`${report.description}.`, '');
  lines.push(`**Targets ${report.targets.met ? 'met' : 'NOT met'}.**`, '');
  for (const warning of report.warnings) lines.push(`> **Warning:** ${warning}`, '');
  lines.push('| target | required | actual | met |', '| --- | --- | --- | --- |');
  for (const check of report.targets.checks) lines.push(`| ${check.name} | ${check.target} | ${check.actual} | ${check.met ? 'yes' : '**no**'} |`);
  return lines;
}

export function renderMarkdown(report: BenchReport, svgName?: string): string {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(`# Smartchat bench: \`${report.profile}\``, '');
  lines.push(`${report.startedAt} · commit ${report.commit ?? 'unknown'} · ${report.chatProcesses} chat processes · ${report.machine.cores} cores, busy ${report.machine.busyPercentAvg}% on average in the measured window (processes outside the bench: ${report.machine.otherCpuPercent}% of a core)`, '');
  lines.push(...targetsHead(report));
  lines.push('', '## Figures', '');
  row('figure', 'value');
  row('---', '---');
  row('measured window', `${report.durationS} s at ${report.window.ratePerSec} msg/s target (t = ${report.window.startS}–${report.window.endS} s)`);
  row('throughput (sent in the window and delivered to the other party)', `${report.throughputPerSec} msg/s (sent ${report.sentPerSec} msg/s)`);
  row('accept→deliver p50 / p95 / p99 / max', ms(report.latencyMs));
  row('ack (accept) p50 / p95 / p99 / max', ms(report.ackLatencyMs));
  row('messages sent / accepted / delivered (whole run)', `${report.sent} / ${report.accepted} / ${report.delivered}`);
  row('lost / duplicated', `${report.lost} / ${report.duplicated}`);
  const codes = Object.entries(report.errors.byCode).map(([code, count]) => `${code} ${count}`).join(', ');
  row('errors', `${report.errors.total}${codes ? ` (${codes})` : ''}`);
  row('conversations / agents', `${report.conversations} / ${report.agents}`);
  const idle = report.idleMemory;
  const heapPer1000 = idle && idle.connected > 0 ? Math.round((Object.values(idle.perProcessDeltaMb).reduce((sum, delta) => sum + delta.heapAndExternal, 0) / (idle.connected / 1000)) * 10) / 10 : null;
  row('CPU per message (whole machine, measured window)', report.machine.cpuPerMessageUs === null ? 'not measured' : `${report.machine.cpuPerMessageUs} µs`);
  row(
    'idle memory per 1,000 sockets',
    report.idleMemoryPer1000SocketsMb === null ? 'not measured' : `${report.idleMemoryPer1000SocketsMb} MB RSS (of which V8 heap + external ${heapPer1000} MB), both chat processes together, after a full GC`,
  );
  row('load generator', `event loop delay p99 ${report.loadgen.eventLoopDelayP99Ms} ms, max ${report.loadgen.eventLoopDelayMaxMs} ms; max in flight ${report.loadgen.maxInFlight}; held back ${report.loadgen.heldBack}`);
  const v = report.verification;
  row('verification', `settled in ${v.settledInMs} ms; ${v.storedRows} rows read back; lost on sockets ${v.lostOnSockets}, in store ${v.lostInStore}; duplicated on sockets ${v.duplicatedOnSockets}, in store ${v.duplicatedInStore}; unexpected receipts ${v.unexpectedReceipts}; unknown rows ${v.unknownRows}; id mismatches ${v.idMismatches}; never accepted ${v.neverAccepted} (stored anyway ${v.neverAcceptedButStored})`);
  lines.push('', '## Processes', '', 'CPU: 100% = one core, averaged over the measured window (max = busiest second). Memory: peak over the run (process + private memory of its children).', '');
  row('process', 'pid', 'CPU avg %', 'CPU max %', 'CPU µs per message', 'peak RSS MB');
  row('---', '---:', '---:', '---:', '---:', '---:');
  for (const process of [...report.processes].sort((a, b) => b.cpuPercentAvg - a.cpuPercentAvg)) {
    row(process.name, process.pid, process.cpuPercentAvg, process.cpuPercentMax, cpuPerMessageUs(process.cpuPercentAvg, report.throughputPerSec) ?? '–', process.peakRssMb);
  }
  if (report.budget) lines.push('', '## CPU budget at the target', '', ...describeBudget(report.budget));
  if (report.server) {
    const { server } = report;
    lines.push('', "## The chat processes' own metrics (measured window)", '');
    lines.push(
      `Server-side, from accept (before the publish) to stored / to emitted, estimated from histogram buckets: accept→persist p50 ${server.acceptToPersist.p50Ms} ms, p99 ${server.acceptToPersist.p99Ms} ms; accept→deliver p50 ${server.acceptToDeliver.p50Ms} ms, p99 ${server.acceptToDeliver.p99Ms} ms. Delivery batches: ${server.batches}, ${server.meanBatchSize} messages on average. Publishes to the delivery queues: ${server.publishes}, ${server.meanPublishGroup} messages each on average.`,
      '',
    );
    row('process', 'accepted', 'persisted + delivered (consumes the delivery queues)');
    row('---', '---:', '---:');
    for (const view of server.processes) row(view.process, view.accepted, `${view.persisted} + ${view.delivered}`);
    if (server.stages.length > 0) {
      lines.push('');
      row('delivery stage (per batch)', 'batches', 'p50 ms', 'p99 ms');
      row('---', '---:', '---:', '---:');
      for (const stage of server.stages) row(stage.stage, stage.count, stage.p50Ms, stage.p99Ms);
    }
  }
  if (report.steps && report.steps.length > 0) {
    lines.push('', '## Ramp', '');
    row('target msg/s', 'sent/s', 'delivered/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'machine busy', 'busiest processes (CPU %)', 'CPU µs/message: chat processes + everything else', 'verdict');
    row('---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---');
    for (const step of report.steps) {
      const busiest = Object.entries(step.cpuPercent)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, percent]) => `${name} ${percent}`)
        .join(', ');
      const split = stepCpuSplit(step);
      const perMessage = split ? `${split.chatUs} + ${split.outsideChatUs}` : '–';
      row(step.targetPerSec, step.sentPerSec, step.achievedPerSec, step.latencyMs.p50, step.latencyMs.p99, step.latencyMs.max, step.errors, `${step.machineBusyPercent}%`, busiest, perMessage, step.good ? 'good' : `stop: ${step.reason}`);
    }
    if (report.sustain) {
      const tried = report.sustain.earlier.map((attempt) => `${attempt.ratePerSec} msg/s did not hold for ${report.durationS} s (${attempt.reason}), so `).join('');
      lines.push('', `Sustained: ${tried}${report.sustain.ratePerSec} msg/s for ${report.durationS} s — ${report.sustain.good ? 'good' : `not good (${report.sustain.reason})`}.`);
    }
  }
  for (const profile of report.cpuProfiles ?? []) {
    lines.push('', `## CPU profile of ${profile.process} over the measured window (${profile.busyMs} ms on CPU; ${profile.file.split('/').pop()})`, '');
    lines.push(`By package: ${profile.byPackage.map((entry) => `${entry.name} ${entry.percent}%`).join(', ')}.`, '');
    row('function', 'where', 'self %');
    row('---', '---', '---:');
    for (const entry of profile.byFunction) row(`\`${entry.name}\``, entry.where, entry.percent);
  }
  if (v.problems.length > 0) {
    lines.push('', '## First problems', '');
    for (const problem of v.problems) lines.push(`- ${problem.kind}: ${problem.clientMessageId} in ${problem.conversationId} — ${problem.detail}`);
  }
  lines.push('', `![throughput and p99 latency over time](${svgName ?? `${report.profile}-latest.svg`})`, '');
  return lines.join('\n');
}

/** `name`: the files' stem (`<name>-latest.json` etc.), the profile's name unless a profile writes more than one report. */
export function writeReport(dir: string, report: BenchReport, profile: Profile, name: string = report.profile): { json: string; latest: string; markdown: string; svg: string; text: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = {
    json: join(dir, `${name}-${stamp}.json`),
    latest: join(dir, `${name}-latest.json`),
    markdown: join(dir, `${name}-latest.md`),
    svg: join(dir, `${name}-latest.svg`),
  };
  writeFileSync(paths.json, json);
  writeFileSync(paths.latest, json);
  const text = renderMarkdown(report, `${name}-latest.svg`);
  writeFileSync(paths.markdown, text);
  const latencyLimitMs = profile.ramp?.p99LimitMs ?? profile.targets.p99Ms;
  writeFileSync(
    paths.svg,
    renderChart({
      title: `Smartchat bench ${report.profile} — ${report.startedAt}`,
      timeline: report.timeline,
      window: report.window,
      ...(latencyLimitMs !== undefined ? { latencyLimitMs } : {}),
      ...(report.steps ? { steps: report.steps } : {}),
    }),
  );
  return { ...paths, text };
}
