// The PROFILE=stats report: bench-results/stats-<timestamp>.json and stats-latest.json (for tools),
// stats-latest.md (printed at the end) and two charts: stats-latest.svg (ingest over the message
// load) and stats-queries-latest.svg (each query's p95 against the target). The message load's
// own report is stats-load-latest.*.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Calibration } from '../calibration.js';
import { targetsHead, type TargetCheck } from '../report.js';
import type { ProcessFigures } from '../sampler.js';
import { renderIngestChart, renderQueryChart } from './chart.js';
import { describeExplain } from './explain.js';
import type { HistorySummary } from './history.js';
import type { IngestFigures } from './ingest.js';
import type { MonthlyFigures } from './monthly.js';
import type { StatsPlan } from './plan.js';
import type { QueryResult } from './queries.js';

export interface StatsReport {
  profile: 'stats';
  description: string;
  startedAt: string;
  commit: string | null;
  wallClockS: number;
  machine: { cores: number; calibration: Calibration | null };
  plan: { scale: number; conversations: number; agents: number; timeZone: string; runsPerQuery: number; queryBudgetS: number; parts: string[] };
  ingest: (IngestFigures & { messageLoad: MessageLoadSummary }) | null;
  history: (HistorySummary & { reused: boolean; synthetic: string }) | null;
  queries: { targetMs: number; results: QueryResult[]; durationS: number } | null;
  monthlyReport: MonthlyFigures | null;
  targets: { met: boolean; checks: TargetCheck[] };
  warnings: string[];
}

/** What the message load did, from its own report (stats-load-latest.json). */
export interface MessageLoadSummary {
  sustainedPerSec: number;
  sustainedGood: boolean;
  p99Ms: number;
  lost: number;
  duplicated: number;
  /** CPU in the sustained window (100% = one core): the stats process, PostgreSQL, the chat processes together. */
  cpuPercent: Record<string, number>;
  machineBusyPercent: number;
  /** The load's conversations and the messages each had by the end (the max profile's are long). */
  conversations: number;
  messagesPerConversation: number;
}

export function messageLoadSummary(report: {
  sustain?: { ratePerSec: number; good: boolean };
  window: { ratePerSec: number };
  latencyMs: { p99: number };
  accepted: number;
  conversations: number;
  lost: number;
  duplicated: number;
  processes: ProcessFigures[];
  machine: { busyPercentAvg: number };
}): MessageLoadSummary {
  const cpu = (name: string) => report.processes.filter((process) => process.name === name || (name === 'chat' && process.name.startsWith('chat-'))).reduce((sum, process) => sum + process.cpuPercentAvg, 0);
  return {
    sustainedPerSec: report.sustain?.ratePerSec ?? report.window.ratePerSec,
    sustainedGood: report.sustain?.good ?? false,
    p99Ms: report.latencyMs.p99,
    lost: report.lost,
    duplicated: report.duplicated,
    cpuPercent: { stats: cpu('stats'), postgres: cpu('postgres'), chat: Math.round(cpu('chat') * 10) / 10, kafka: cpu('kafka') },
    machineBusyPercent: report.machine.busyPercentAvg,
    conversations: report.conversations,
    messagesPerConversation: report.conversations > 0 ? Math.round(report.accepted / report.conversations) : 0,
  };
}

export function evaluateStatsTargets(report: Pick<StatsReport, 'ingest' | 'queries' | 'monthlyReport'>, plan: StatsPlan): { met: boolean; checks: TargetCheck[] } {
  const checks: TargetCheck[] = [];
  const { ingest, queries, monthlyReport } = report;
  if (ingest) {
    checks.push({
      name: `ingest: event age p99 at the highest sustained rate (${ingest.window.messagesPerSec} msg/s)`,
      target: `<= ${plan.targets.lagS} s`,
      actual: ingest.age.p99S === null ? 'no events' : `${ingest.age.p99S} s (max ${ingest.age.maxS} s)`,
      met: ingest.age.p99S !== null && ingest.age.p99S <= plan.targets.lagS,
    });
    checks.push({
      name: 'ingest: caught up after the load',
      target: `within ${plan.drainS} s`,
      actual: ingest.caughtUpAfterS === null ? `no (${ingest.lagAtEnd} records behind)` : `after ${ingest.caughtUpAfterS} s`,
      met: ingest.caughtUpAfterS !== null,
    });
  }
  if (queries) {
    const missed = queries.results.filter((result) => !result.met);
    const worst = [...queries.results].sort((a, b) => b.p95Ms - a.p95Ms)[0];
    checks.push({
      name: `queries: p95 of every dashboard query (${queries.results.length} cases)`,
      target: `<= ${queries.targetMs} ms`,
      actual: missed.length === 0 ? `all met (worst ${worst?.p95Ms ?? 0} ms: ${worst ? `${worst.query}, ${worst.range}, ${worst.scope}` : '-'})` : `${missed.length} missed (worst ${worst!.p95Ms} ms: ${worst!.query}, ${worst!.range}, ${worst!.scope})`,
      met: missed.length === 0,
    });
  }
  if (monthlyReport) {
    const slowest = Math.max(0, ...monthlyReport.builds.map((build) => build.totalS));
    checks.push({
      name: `monthly report of ${monthlyReport.period}`,
      target: `< ${monthlyReport.targetS} s`,
      actual: monthlyReport.error ? `failed: ${monthlyReport.error}` : `${slowest} s`,
      met: monthlyReport.met,
    });
  }
  return { met: checks.every((check) => check.met), checks };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const thousands = (value: number) => value.toLocaleString('en');

export function renderStatsMarkdown(report: StatsReport): string {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push('# Smartchat bench: `stats`', '');
  lines.push(`${report.startedAt} · commit ${report.commit ?? 'unknown'} · ${report.machine.cores} cores · ${report.wallClockS} s in all`, '');
  lines.push(...targetsHead(report));

  const { ingest } = report;
  if (ingest) {
    const load = ingest.messageLoad;
    lines.push('', '## Ingest under the max message load', '');
    lines.push(
      `A stats process (services/stats/src/main.ts, consumer group \`${ingest.groupId}\`, fresh database \`${ingest.database}\`) consumed smartchat.events while the max profile's load ran (report: stats-load-latest.md). ` +
        `Highest rate sustained: ${load.sustainedPerSec} msg/s for ${ingest.window.durationS} s (${load.sustainedGood ? 'good' : 'not good'}; accept→deliver p99 ${load.p99Ms} ms; lost ${load.lost}, duplicated ${load.duplicated}). ${ingest.verdict}. ` +
          `The load's ${load.conversations} conversations had about ${load.messagesPerConversation} messages each by its end (real ones have a few); the pipeline derives a conversation's facts again from all of its events on each event, so an event costs more as its conversation grows (one event's time per step below).`,
      '',
    );
    row('figure (sustained window)', 'value');
    row('---', '---');
    row('events written to the topic / stored', `${ingest.producedPerSec} / ${ingest.ingestedPerSec} events/s`);
    row('stored by type', Object.entries(ingest.ingestedPerSecByType).sort((a, b) => b[1] - a[1]).map(([type, rate]) => `${type} ${rate}/s`).join(', ') || '–');
    row('consumer lag (records) p50 / p99 / max; at the window\'s start → end', `${ingest.lagRecords.p50} / ${ingest.lagRecords.p99} / ${ingest.lagRecords.max}; ${ingest.lagAtWindow.start} → ${ingest.lagAtWindow.end}`);
    row('the highest rate it stored over a ramp step (catching up a backlog shows its capacity)', `${ingest.bestStoredPerSec} events/s`);
    row('one event, received → committed (smartchat_stats_processing_seconds) p50 / p99', `${ingest.processingMs.p50 ?? '–'} / ${ingest.processingMs.p99 ?? '–'} ms`);
    row('event age, occurredAt → stored, of the events that occurred in the window (raw_events): p50 / p99 / max', `${ingest.age.p50S ?? '–'} / ${ingest.age.p99S ?? '–'} / ${ingest.age.maxS ?? '–'} s over ${thousands(ingest.age.count)} events`);
    row(
      'event age, occurredAt → committed, of the events committed in the window (smartchat_stats_event_age_seconds)',
      `p50 ≈ ${ingest.ageHistogram.p50S ?? '–'} s, p99 ≈ ${ingest.ageHistogram.p99S ?? '–'} s (bucket estimates); within ${ingest.limitS} s: ${ingest.ageHistogram.shareWithinLimit === null ? '–' : `${Math.round(ingest.ageHistogram.shareWithinLimit * 10000) / 100}%`} of ${thousands(ingest.ageHistogram.count)}`,
    );
    row('after the load', ingest.caughtUpAfterS === null ? `not caught up (${ingest.lagAtEnd} records behind)` : `caught up in ${ingest.caughtUpAfterS} s`);
    row('CPU (100% = one core): stats process / PostgreSQL / chat processes / Kafka', `${load.cpuPercent.stats}% / ${load.cpuPercent.postgres}% / ${load.cpuPercent.chat}% / ${load.cpuPercent.kafka}%; machine ${load.machineBusyPercent}% busy`);
    row('events stored in the whole run', Object.entries(ingest.storedByType).map(([type, n]) => `${type} ${thousands(n)}`).join(', ') || '–');
    row('dead letters', ingest.deadLetters);
    if (ingest.steps.length > 0) {
      lines.push('', 'Per ramp step (event age from the store, of the events that occurred in the step):', '');
      row('target msg/s', 'delivered msg/s', 'events written/s', 'events stored/s', 'one event p50 / p99 ms', 'lag max (records)', 'age p50 s', 'age p99 s', 'age max s', 'message step');
      row('---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---');
      for (const step of ingest.steps) {
        row(step.targetPerSec, step.achievedPerSec, step.producedPerSec, step.ingestedPerSec, `${step.processingMs.p50 ?? '–'} / ${step.processingMs.p99 ?? '–'}`, step.lagRecordsMax, step.age.p50S ?? '–', step.age.p99S ?? '–', step.age.maxS ?? '–', step.good ? 'good' : 'stop');
      }
    }
    lines.push('', '![events stored per second and consumer lag over the load](stats-latest.svg)');
  }

  const { history } = report;
  if (history) {
    lines.push('', '## The synthetic history', '');
    lines.push(
      `${history.synthetic} ${history.reused ? `Reused from an earlier run (generated ${history.generatedAt} in ${history.generationS} s; key ${history.key}).` : `Generated in this run in ${history.generationS} s.`}`,
      '',
    );
    row('table', 'rows', 'table MB', 'indexes MB');
    row('---', '---:', '---:', '---:');
    for (const [name, size] of Object.entries(history.tables).sort((a, b) => b[1].totalBytes - a[1].totalBytes)) {
      if (size.rows === 0 && size.totalBytes < 1_000_000) continue;
      row(name, thousands(size.rows), Math.round(size.heapBytes / 2 ** 20), Math.round(size.indexBytes / 2 ** 20));
    }
    const later = history.laterMigrations.map((migration) => `${migration.version} in ${migration.seconds} s`).join(', ');
    lines.push(
      '',
      `Database size ${gib(history.databaseBytes)}; schema: migrations ${history.migrations.join(', ')}${later ? `, of which ${history.laterMigrations.map((migration) => migration.version).join(', ')} applied after the data was loaded, deriving what they add from it as on a live store (${later})` : ''}. Facts by kind: ${Object.entries(history.factsByKind).map(([kind, n]) => `${kind} ${thousands(n)}`).join(', ')}.`,
    );
    if (!history.reused) lines.push('', `Generation steps: ${history.steps.map((step) => `${step.step} ${step.seconds} s`).join(', ')}.`);
  }

  const { queries } = report;
  if (queries) {
    lines.push('', '## Dashboard and report queries', '');
    lines.push(
      `Each case is what one endpoint (or Grafana panel) asks of the statistics store, timed as a whole (its queries, in the order the API runs them), after one unmeasured run; p50 and p95 by nearest rank over the runs. Target p95 ≤ ${queries.targetMs} ms. ${queries.durationS} s in all.`,
      '',
    );
    row('query', 'range', 'scope', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'met');
    row('---', '---', '---', '---:', '---:', '---:', '---:', '---');
    for (const result of queries.results) {
      const runs = `${result.runs}${result.cold ? '†' : result.short ? '*' : ''}`;
      row(result.query, result.range, result.scope, runs, result.p50Ms, result.p95Ms, result.maxMs, result.error ? `error: ${result.error.slice(0, 80)}` : result.met ? 'yes' : '**no**');
    }
    if (queries.results.some((result) => result.short && !result.cold)) lines.push('', '\\* fewer runs than asked: the time budget is shared by cost (cheapest first, at least three runs each), and a case over twice the target in three runs stops there; the p95 of few runs is close to their maximum.');
    if (queries.results.some((result) => result.cold)) lines.push('', `† one run, the first: it took over ten times the target, so it was neither repeated as a warm-up nor measured again.`);
    const missed = queries.results.filter((result) => !result.met && result.explain);
    if (missed.length > 0) {
      lines.push('', '### Why the slow ones are slow (EXPLAIN ANALYZE of the slowest statement of the slowest run)', '');
      for (const result of missed) lines.push(`- **${result.query}** (${result.range}, ${result.scope}, p95 ${result.p95Ms} ms): ${describeExplain(result.explain!)}`);
    }
    lines.push('', '![p95 per query against the target](stats-queries-latest.svg)');
  }

  const { monthlyReport } = report;
  if (monthlyReport) {
    lines.push('', '## Monthly report', '');
    if (monthlyReport.error) lines.push(`The report of ${monthlyReport.period} (${monthlyReport.timeZone}) failed: ${monthlyReport.error}`);
    else {
      lines.push(`The report builder (services/stats/src/reports) built the report of ${monthlyReport.period} (${monthlyReport.timeZone}) for the whole desk: XLSX workbook and PDF summary, written to a blob directory.`, '');
      row('build', 'total s', 'of which figures (queries) s', 'XLSX KB', 'PDF KB');
      row('---:', '---:', '---:', '---:', '---:');
      monthlyReport.builds.forEach((build, index) => row(index + 1, build.totalS, build.figuresS, Math.round(build.xlsxBytes / 1024), Math.round(build.pdfBytes / 1024)));
    }
  }
  lines.push('');
  return lines.join('\n');
}

export function writeStatsReport(dir: string, report: StatsReport): { json: string; latest: string; markdown: string; svgs: string[]; text: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = { json: join(dir, `stats-${stamp}.json`), latest: join(dir, 'stats-latest.json'), markdown: join(dir, 'stats-latest.md') };
  writeFileSync(paths.json, json);
  writeFileSync(paths.latest, json);
  const text = renderStatsMarkdown(report);
  writeFileSync(paths.markdown, text);
  const svgs: string[] = [];
  if (report.ingest) {
    const path = join(dir, 'stats-latest.svg');
    writeFileSync(path, renderIngestChart(report.ingest, `Smartchat bench stats — ingest — ${report.startedAt}`));
    svgs.push(path);
  }
  if (report.queries) {
    const path = join(dir, 'stats-queries-latest.svg');
    writeFileSync(path, renderQueryChart(report.queries.results, report.queries.targetMs, `Smartchat bench stats — query p95 — ${report.startedAt}`));
    svgs.push(path);
  }
  return { ...paths, svgs, text };
}
