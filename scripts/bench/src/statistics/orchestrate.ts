// `make bench PROFILE=stats`: the statistics half of the system under load and over a year.
//   1. ingest: the max message load with a stats process consuming the domain events (ingest.ts);
//   2. the synthetic history of the desk, generated or reused (history.ts);
//   3. every dashboard query over it, p50/p95 against the target (queries.ts, grafana.ts);
//   4. the monthly report of its last month (monthly.ts).
// Each phase's processes and databases are gone before the next one measures. Resolves with the
// exit code: 0 when the run completed (whatever the figures say), 2 when the bench itself failed.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createLogger, createPgPool, repoRoot, STATS_READER_ROLE, type Logger, type PgPool } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { storedAgents } from '@smartchat/stats/queries';
import { commit } from '../assemble.js';
import { measureMachine, type Calibration } from '../calibration.js';
import { dependencyPid } from '../dependencies.js';
import { runMessageLoad } from '../message-load.js';
import { CleanupStack, log } from '../orchestration.js';
import { resolveProfile } from '../profiles.js';
import { Sampler } from '../sampler.js';
import { dashboardPanels, grafanaCases } from './grafana.js';
import { ensureHistory, historySpan } from './history.js';
import { IngestRun, type IngestFigures } from './ingest.js';
import { timeMonthlyReport } from './monthly.js';
import { describeStatsPlan, resolveStatsPlan, type StatsPlan } from './plan.js';
import { apiCases, queryRanges, storedDirectory, timeCases, type QueryScope } from './queries.js';
import { evaluateStatsTargets, messageLoadSummary, writeStatsReport, type StatsReport } from './report.js';

const SYNTHETIC =
  'Synthetic facts, not replayed events: one year of the facts and hourly rollups the pipeline would have derived for the desk, written set-based by SQL (scripts/bench/src/statistics/history.sql: load by local hour and weekday, six teams with their hours, SLA targets and topics, lognormal waits growing with the load, transfers, reopens, CSAT answers, agents on shifts); raw_events holds only the CSAT answers (their comments are read from there). Facts and rollups are unlogged tables (no WAL for the load; reads are the same), built without indexes and indexed afterwards, then vacuumed and analyzed.';
/** Above this much CPU of processes outside the bench during the queries (100% = one core), their figures are suspect. */
const OTHER_CPU_WARNING_PERCENT = 25;

/** A pool of the read-only role, as the chat API and Grafana read the store, each statement bounded. */
function readerPool(url: string, logger: Logger, timeoutS: number): PgPool {
  const reader = new URL(url);
  reader.username = STATS_READER_ROLE;
  reader.password = '';
  // Set at connection start (a startup option), before any query of the benchmark.
  reader.searchParams.set('options', `-c statement_timeout=${Math.round(timeoutS * 1000)}`);
  return createPgPool({ url: reader.toString(), logger, max: 10, applicationName: 'smartchat-bench-queries' });
}

function lastMonthOf(until: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(until.getTime() - 1));
  return day.slice(0, 7);
}

async function queryPhase(plan: StatsPlan, pool: PgPool, span: { since: Date; until: Date }, warnings: string[]): Promise<NonNullable<StatsReport['queries']>> {
  const startedAt = Date.now();
  const { teams, agents } = await storedDirectory(pool);
  const team = teams.find((entry) => entry.name === 'Support') ?? teams[0];
  const scopes: { scope: QueryScope; agents: { id: string; name: string }[] }[] = [{ scope: { name: 'desk', teamIds: null }, agents }];
  if (team) scopes.push({ scope: { name: `team ${team.name}`, teamIds: [team.id] }, agents: await storedAgents(pool, [team.id]) });
  const dashboard = dashboardPanels();
  if (!dashboard) warnings.push('dashboards/grafana/statistics.json is not rendered (make dashboards): the Grafana panels were not timed.');
  const cases = queryRanges(span.since, span.until, plan.timeZone).flatMap((range) =>
    scopes.flatMap(({ scope, agents: inScope }) => [...apiCases(range, scope, teams, inScope), ...(dashboard ? grafanaCases(range, scope, dashboard) : [])]),
  );
  // What else used the machine meanwhile: the queries run in PostgreSQL and this process.
  const sampler = new Sampler();
  const postgres = dependencyPid('postgres');
  if (postgres) sampler.track('postgres', postgres);
  sampler.track('bench', process.pid);
  sampler.start();
  const results = await timeCases(pool, cases, { runs: plan.runsPerQuery, budgetMs: plan.queryBudgetS * 1000, targetMs: plan.targets.queryP95Ms });
  sampler.stop();
  const now = Date.now();
  const machine = sampler.machineBusyPercent(startedAt, now);
  const other = Math.max(0, Math.round(machine.busyPercent * machine.cores - sampler.figures(startedAt, now).reduce((sum, entry) => sum + entry.cpuPercentAvg, 0)));
  if (other > OTHER_CPU_WARNING_PERCENT) warnings.push(`processes outside the bench used ${other}% CPU (100% = one core) while the queries ran: their times are disturbed; rerun on a quiet machine.`);
  return { targetMs: plan.targets.queryP95Ms, results, durationS: Math.round((now - startedAt) / 1000) };
}

export async function runStatsBench(): Promise<number> {
  const plan = resolveStatsPlan(process.env);
  const profile = resolveProfile({ ...process.env, PROFILE: 'stats' });
  const resultsDir = process.env.BENCH_RESULTS_DIR || join(repoRoot, 'bench-results');
  const keep = process.env.BENCH_KEEP === '1';
  const startedAt = new Date();
  const cleanups = new CleanupStack();
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const local = readLocalEnv();
  const adminUrl = local.SMARTCHAT_PG_URL!;
  const warnings: string[] = [];
  let calibration: Calibration | null = null;
  let ingest: StatsReport['ingest'] = null;
  let history: StatsReport['history'] = null;
  let queries: StatsReport['queries'] = null;
  let monthlyReport: StatsReport['monthlyReport'] = null;

  try {
    log(`profile stats: ${describeStatsPlan(plan)}`);
    if (plan.parts.has('ingest')) {
      const run = new IngestRun({ local, logger, keep, drainS: plan.drainS, limitS: plan.targets.lagS });
      let figures: IngestFigures | undefined;
      const { report } = await runMessageLoad(profile, {
        resultsDir,
        reportName: 'stats-load',
        cleanups,
        hooks: {
          beforeLoad: (context) => run.start(context),
          afterLoad: async ({ collected, report: loadReport }) => {
            figures = await run.finish(collected, loadReport);
          },
        },
      });
      calibration = report.machine.calibration;
      if (!figures) throw new Error('the ingest figures are missing');
      ingest = { ...figures, messageLoad: messageLoadSummary(report) };
      warnings.push(...figures.warnings.map((warning) => `ingest: ${warning}`), ...report.warnings.map((warning) => `message load: ${warning}`));
      // Nothing of the load may run while the queries are timed.
      await cleanups.flush();
    }
    calibration ??= await measureMachine(log);

    if (plan.parts.has('history')) {
      const span = await historySpan(adminUrl, plan.timeZone, 12, logger);
      const generated = await ensureHistory({ adminUrl, database: plan.historyDatabase, parameters: { conversations: plan.conversations, agents: plan.agents, zone: plan.timeZone, ...span }, parts: 2, logger, log });
      history = { ...generated.summary, reused: generated.reused, synthetic: SYNTHETIC };
      if (plan.dropHistory) cleanups.push('dropping the history database', () => generated.drop());
      const owner = createPgPool({ url: generated.url, logger, max: 4, applicationName: 'smartchat-bench-reports' });
      cleanups.push('closing the history pool', () => owner.end());
      if (plan.parts.has('queries')) {
        const pool = readerPool(generated.url, logger, plan.queryTimeoutS);
        try {
          queries = await queryPhase(plan, pool, span, warnings);
        } finally {
          await pool.end();
        }
      }
      if (plan.parts.has('report')) {
        monthlyReport = await timeMonthlyReport({ adminUrl, statsPool: owner, period: lastMonthOf(span.until, plan.timeZone), timeZone: plan.timeZone, builds: plan.reportBuilds, targetS: plan.targets.reportS, keep });
      }
    }

    const partial: Pick<StatsReport, 'ingest' | 'queries' | 'monthlyReport'> = { ingest, queries, monthlyReport };
    const report: StatsReport = {
      profile: 'stats',
      description: describeStatsPlan(plan),
      startedAt: startedAt.toISOString(),
      commit: commit(),
      wallClockS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      machine: { cores: cpus().length, calibration },
      plan: { scale: plan.scale, conversations: plan.conversations, agents: plan.agents, timeZone: plan.timeZone, runsPerQuery: plan.runsPerQuery, queryBudgetS: plan.queryBudgetS, parts: [...plan.parts] },
      ingest,
      history,
      queries,
      monthlyReport,
      targets: evaluateStatsTargets(partial, plan),
      warnings,
    };
    const written = writeStatsReport(resultsDir, report);
    process.stdout.write(`\n${written.text}\n`);
    log(`reports: ${written.json}, ${written.latest}, ${written.markdown}, ${written.svgs.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}
