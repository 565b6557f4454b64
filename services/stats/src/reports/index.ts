// The reports part of the stats process: a BullMQ worker on REPORTS_QUEUE (custom builds that chat
// processes queue, the monthly scheduler's jobs) and the two monthly job schedulers. main.ts
// starts it with startReports() and closes it on shutdown.
import { access } from 'node:fs/promises';
import { REPORTS_QUEUE, type ReportJobName, type ReportJobs } from '@smartchat/contracts';
import type { Logger, PgPool, Redis, Registry } from '@smartchat/platform';
import { Worker, type Job } from 'bullmq';
import type { ReportsConfig } from './config.js';
import { MonthlyReports, scheduleMonthlyReports } from './monthly.js';
import { QueryReportSource } from './query-source.js';
import { ReportBuilder } from './report-builder.js';
import type { ReportSource } from './report-data.js';
import { ReportFiles } from './report-files.js';
import { createReportMetrics } from './report-metrics.js';
import { ReportQueue } from './report-queue.js';
import { monthRange, previousMonth } from './report-range.js';
import { ReportRecords } from './report-records.js';

export { reportsConfigSchema, reportsConfigShape, type ReportsConfig } from './config.js';
// What builds one report, for callers that build without the worker (the benchmark).
export { QueryReportSource, ReportBuilder, createReportMetrics, type ReportSource };

export interface ReportsDeps {
  config: ReportsConfig;
  /** The main database (the reports table). */
  pg: PgPool;
  /** The statistics store (the figures). */
  statsPg: PgPool;
  /** A BullMQ-flavoured Redis client (createRedis with forBullmq); the worker takes a duplicate. */
  bullRedis: Redis;
  logger: Logger;
  registry: Registry;
  /** Where figures come from; the statistics query layer unless a test says otherwise. */
  source?: ReportSource;
  /** Builds at once; 1 keeps a build from starving the pipeline of the process's CPU. */
  concurrency?: number;
}

export interface ReportsRuntime {
  queue: ReportQueue;
  builder: ReportBuilder;
  monthly: MonthlyReports;
  records: ReportRecords;
  close(): Promise<void>;
}

/** When a job should be taken to run: its `at`, else the time its scheduler planned it for. */
export function scheduledTime(job: Pick<Job, 'opts' | 'timestamp'>, at: number | undefined): Date {
  return new Date(at ?? job.opts.prevMillis ?? job.timestamp);
}

export async function startReports(deps: ReportsDeps): Promise<ReportsRuntime> {
  const { config, logger } = deps;
  const log = logger.child({ component: 'reports' });
  // Refuse to start rather than fail every build: a missing font or a desk zone that the hourly
  // statistics cannot slice is a configuration error.
  for (const font of [config.SMARTCHAT_REPORT_FONT, config.SMARTCHAT_REPORT_FONT_BOLD]) {
    await access(font).catch(() => {
      throw new Error(`report font ${font} not found: install fonts-dejavu-core or set SMARTCHAT_REPORT_FONT / SMARTCHAT_REPORT_FONT_BOLD`);
    });
  }
  monthRange(previousMonth(new Date(), config.SMARTCHAT_DESK_TIME_ZONE), config.SMARTCHAT_DESK_TIME_ZONE);

  const records = new ReportRecords(deps.pg);
  const files = new ReportFiles(config.SMARTCHAT_BLOB_DIR);
  const builder = new ReportBuilder({
    pg: deps.pg,
    records,
    files,
    source: deps.source ?? new QueryReportSource(deps.statsPg),
    locale: config.SMARTCHAT_REPORT_LOCALE,
    fonts: { regular: config.SMARTCHAT_REPORT_FONT, bold: config.SMARTCHAT_REPORT_FONT_BOLD },
    metrics: createReportMetrics(deps.registry),
    logger: log,
  });
  const monthly = new MonthlyReports({ records, builder, timeZone: config.SMARTCHAT_DESK_TIME_ZONE });
  const queue = new ReportQueue(deps.bullRedis, config.SMARTCHAT_QUEUE_PREFIX);

  const worker = new Worker(
    REPORTS_QUEUE,
    async (job: Job) => {
      const name = job.name as ReportJobName;
      if (name === 'build') {
        const { reportId } = job.data as ReportJobs['build'];
        const outcome = await builder.build(reportId);
        // Someone else holds the build: this job's turn comes again (retried with backoff).
        if (outcome === 'busy') throw new Error(`report ${reportId} is being built by another process`);
        return outcome;
      }
      if (name === 'monthly') {
        const { step, at } = job.data as ReportJobs['monthly'];
        const outcome = await monthly.run(step, scheduledTime(job, at));
        log.info({ step, ...outcome }, 'monthly report step done');
        return `${outcome.result} ${outcome.period}`;
      }
      throw new Error(`unknown report job "${String(name)}"`);
    },
    // A build may keep the event loop busy for seconds (writing a large workbook): a generous lock.
    { connection: deps.bullRedis.duplicate(), prefix: config.SMARTCHAT_QUEUE_PREFIX, concurrency: deps.concurrency ?? 1, lockDuration: 120_000, autorun: false },
  );
  worker.on('error', (error) => log.warn({ err: error }, 'reports worker error'));
  worker.on('failed', (job, error) => log.warn({ err: error, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'report job failed'));

  await scheduleMonthlyReports(queue.queue, config.SMARTCHAT_DESK_TIME_ZONE);
  // Builds asked for while no stats process ran, or cut short by a crash: queued again (a build
  // still running elsewhere keeps its job id, so nothing runs twice).
  const { rows } = await deps.pg.query<{ id: string }>("SELECT id FROM reports WHERE status IN ('queued', 'building')");
  for (const { id } of rows) await queue.requestBuild(id);
  void worker.run().catch((error: unknown) => log.error({ err: error }, 'reports worker stopped'));
  log.info({ timeZone: config.SMARTCHAT_DESK_TIME_ZONE, requeued: rows.length }, 'reports started');

  return {
    queue,
    builder,
    monthly,
    records,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
