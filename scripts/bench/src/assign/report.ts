// The assign profile's report, in the conventions of ../report.ts: JSON for tools
// (bench-results/assign-<timestamp>.json and assign-latest.json), a Markdown summary and an SVG chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCalibration, type Calibration } from '../calibration.js';
import type { LatencySummary } from '../protocol.js';
import type { ProcessFigures } from '../sampler.js';
import type { BalancerStepFigures } from './balancer-metrics.js';
import { renderAssignChart } from './chart.js';
import type { StepKind } from './plan.js';

export interface AssignStep {
  kind: StepKind;
  ratePerSec: number;
  ratePerHour: number;
  durationS: number;
  /** Seconds since the first step started. */
  startS: number;
  scheduled: number;
  /** Conversations opened (POST answered 201). */
  conversations: number;
  /** Assigned by the time the step was judged. */
  assigned: number;
  /** Assigned at most assignedWithinMs after the step's schedule ended, and that share of `conversations`. */
  assignedWithinLimit: number;
  assignedWithinLimitShare: number;
  /** Still in the queue when the step was judged; they count in timeToAssignMs with their age then. */
  stillQueued: number;
  /** Assigned, but the outbox relay had not carried the event to Kafka in time: time taken from Postgres. */
  fromPostgres: number;
  /** Of those, events still missing at the end of the run: lost, not late. */
  eventsNeverArrived: number;
  /** The first 20 of those conversations' ids, to look for their events. */
  withoutEvent: string[];
  /** occurredAt - data.queuedAt of each conversation.assigned event. */
  timeToAssignMs: LatencySummary;
  /** Client-side POST /v1/conversations, successful ones. */
  openLatencyMs: LatencySummary;
  errors: { total: number; byCode: Record<string, number> };
  /** The balancers' own metrics over the step (a cross-check), null when one did not answer. */
  balancers: BalancerStepFigures | null;
  /** CPU over the step's schedule, 100% = one core; `other` = processes not sampled. */
  cpuPercent: Record<string, number>;
  machineBusyPercent: number;
  generatorMaxLagMs: number;
  /** How long the bench waited, before the step, for the previous steps' conversations to leave the queue. */
  queueDrainedInS: number;
  /** The warm-up is not judged and not reported as a figure. */
  judged: boolean;
  good: boolean;
  reason: string | null;
}

export interface AssignHeadline {
  ratePerSec: number;
  ratePerHour: number;
  durationS: number;
  conversations: number;
  assigned: number;
  assignedWithinLimitShare: number;
  timeToAssignMs: LatencySummary;
  openLatencyMs: LatencySummary;
}

export interface AssignReport {
  profile: 'assign';
  description: string;
  startedAt: string;
  commit: string | null;
  wallClockS: number;
  setup: {
    chatProcesses: number;
    balancerProcesses: number;
    agents: number;
    capacity: number;
    limits: { p99Ms: number; assignedWithinMs: number; minAssignedShare: number };
  };
  /** The 5,500/h step, judged like the others. */
  atCasePeak: (AssignHeadline & { good: boolean; reason: string | null }) | null;
  /** The highest-rate good step (the case's peak included); null when none was good. */
  highestSustained: AssignHeadline | null;
  /** The lowest-rate bad step, for the bracket: the limit lies between the two. */
  firstBad: { ratePerSec: number; reason: string } | null;
  stoppedBecause: string;
  steps: AssignStep[];
  /** CPU over all judged steps, peak memory over the run. */
  processes: ProcessFigures[];
  /** calibration: how fast the machine was before the run (compare runs only when these agree). */
  machine: { cores: number; busyPercentAvg: number; calibration: Calibration | null };
  warnings: string[];
}

export function headlineOf(step: AssignStep): AssignHeadline {
  const { ratePerSec, ratePerHour, durationS, conversations, assigned, assignedWithinLimitShare, timeToAssignMs, openLatencyMs } = step;
  return { ratePerSec, ratePerHour, durationS, conversations, assigned, assignedWithinLimitShare, timeToAssignMs, openLatencyMs };
}

const rate = (perSec: number, perHour: number) => `${perSec < 10 ? perSec.toFixed(2) : perSec}/s (${perHour.toLocaleString('en-US')}/h)`;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const ms = (summary: LatencySummary) => `${summary.p50} / ${summary.p95} / ${summary.p99} / ${summary.max} ms`;

export function renderAssignMarkdown(report: AssignReport): string {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const { setup } = report;
  lines.push('# Smartchat bench: `assign`', '');
  lines.push(
    `${report.startedAt} · commit ${report.commit ?? 'unknown'} · ${setup.chatProcesses} chat process, ${setup.balancerProcesses} balancer processes · ${report.machine.cores} cores, busy ${report.machine.busyPercentAvg}% on average over the judged steps · run ${report.wallClockS} s`,
    '',
  );
  if (report.machine.calibration) lines.push(describeCalibration(report.machine.calibration), '');
  lines.push(`${report.description}.`, '');
  for (const warning of report.warnings) lines.push(`> **Warning:** ${warning}`, '');
  lines.push('## Time to assign', '');
  row('', 'rate', 'conversations', `assigned ≤ ${setup.limits.assignedWithinMs / 1000} s after the step`, 'time-to-assign p50 / p95 / p99 / max', 'open (POST) p50 / p95 / p99 / max');
  row('---', '---:', '---:', '---:', '---:', '---:');
  const headline = (name: string, figures: AssignHeadline | null) => {
    if (!figures) row(name, '—', '—', '—', '—', '—');
    else row(name, rate(figures.ratePerSec, figures.ratePerHour), figures.conversations, percent(figures.assignedWithinLimitShare), ms(figures.timeToAssignMs), ms(figures.openLatencyMs));
  };
  headline(`**10x the case's peak**${report.atCasePeak && !report.atCasePeak.good ? ` (not good: ${report.atCasePeak.reason})` : ''}`, report.atCasePeak);
  headline('**highest sustained**', report.highestSustained);
  lines.push('');
  const bracket = report.firstBad && report.highestSustained ? ` The sustained rate lies between ${report.highestSustained.ratePerSec}/s and ${report.firstBad.ratePerSec}/s.` : '';
  lines.push(`Stopped: ${report.stoppedBecause}.${bracket}`, '');
  lines.push(
    `A step is good when the p99 time-to-assign is at most ${setup.limits.p99Ms} ms, at least ${percent(setup.limits.minAssignedShare)} of its conversations were assigned within ${setup.limits.assignedWithinMs / 1000} s after its schedule ended, and no POST failed. ` +
      `Time-to-assign is \`occurredAt − data.queuedAt\` of each \`conversation.assigned\` event on Kafka (the balancer writes it in the assigning transaction; \`queuedAt\` is Postgres' \`now()\` of the opening transaction); ` +
      `a conversation still queued at the judgement counts with its age then. Arrivals are open-loop: one new customer token and one \`POST /v1/conversations\` each, evenly spaced. ` +
      `${setup.agents} agents of capacity ${setup.capacity} are online the whole time, so assignment never waits for staff.`,
    '',
  );
  lines.push('## Steps', '');
  row('step', 'rate/s', 'conversations', 'errors', 'assigned ≤ limit', 'time-to-assign p50 / p95 / p99 / max ms', "balancers' histogram p50 / p99 ms", 'assignments per balancer', 'POST p50 / p99 ms', 'machine busy', 'busiest processes (CPU %)', 'verdict');
  row('---', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---', '---');
  for (const step of report.steps) {
    const t = step.timeToAssignMs;
    const busiest = Object.entries(step.cpuPercent)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, cpu]) => `${name} ${cpu}`)
      .join(', ');
    const errors = step.errors.total > 0 ? `${step.errors.total} (${Object.entries(step.errors.byCode).map(([code, count]) => `${code} ${count}`).join(', ')})` : '0';
    const balancers = step.balancers ? `${step.balancers.histogram.p50Ms} / ${step.balancers.histogram.p99Ms}` : '—';
    const perBalancer = step.balancers ? Object.entries(step.balancers.assignmentsByBalancer).map(([name, count]) => `${name} ${count}`).join(', ') : '—';
    const verdict = !step.judged ? 'warm-up' : step.good ? 'good' : `**stop**: ${step.reason}`;
    const drained = step.queueDrainedInS >= 1 ? ` (after ${step.queueDrainedInS} s waiting for an empty queue)` : '';
    row(
      `${step.kind === 'ramp' ? '' : step.kind}${drained}`,
      step.ratePerSec < 10 ? step.ratePerSec.toFixed(2) : step.ratePerSec,
      step.conversations,
      errors,
      `${step.assignedWithinLimit} (${percent(step.assignedWithinLimitShare)})`,
      `${t.p50} / ${t.p95} / ${t.p99} / ${t.max}`,
      balancers,
      perBalancer,
      `${step.openLatencyMs.p50} / ${step.openLatencyMs.p99}`,
      `${step.machineBusyPercent}%`,
      busiest,
      verdict,
    );
  }
  lines.push('', '## Processes', '', 'CPU: 100% = one core, averaged over the judged steps (max = busiest second). Memory: peak over the run (process + private memory of its children).', '');
  row('process', 'pid', 'CPU avg %', 'CPU max %', 'peak RSS MB');
  row('---', '---:', '---:', '---:', '---:');
  for (const process of [...report.processes].sort((a, b) => b.cpuPercentAvg - a.cpuPercentAvg)) row(process.name, process.pid, process.cpuPercentAvg, process.cpuPercentMax, process.peakRssMb);
  lines.push('', '![time-to-assign per step](assign-latest.svg)', '');
  return lines.join('\n');
}

export function writeAssignReport(dir: string, report: AssignReport): { json: string; latest: string; markdown: string; svg: string; text: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = {
    json: join(dir, `assign-${stamp}.json`),
    latest: join(dir, 'assign-latest.json'),
    markdown: join(dir, 'assign-latest.md'),
    svg: join(dir, 'assign-latest.svg'),
  };
  writeFileSync(paths.json, json);
  writeFileSync(paths.latest, json);
  const text = renderAssignMarkdown(report);
  writeFileSync(paths.markdown, text);
  writeFileSync(paths.svg, renderAssignChart({ title: `Smartchat bench assign — ${report.startedAt}`, steps: report.steps.filter((step) => step.judged), limitMs: report.setup.limits.p99Ms }));
  return { ...paths, text };
}
