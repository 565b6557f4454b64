// The reports' BullMQ queue (REPORTS_QUEUE), typed by job name. Chat processes add custom builds;
// the stats process adds the monthly scheduler and runs every job (worker.ts).
import { REPORTS_QUEUE, type ReportJobName, type ReportJobs } from '@smartchat/contracts';
import type { Redis } from '@smartchat/platform';
import { Queue, type JobsOptions } from 'bullmq';

const DEFAULTS: JobsOptions = {
  // Done jobs go, so that their ids (build.<report>) can be used again; failed ones stay a while to be read.
  removeOnComplete: true,
  removeOnFail: { count: 200 },
  // A build that failed (the statistics database restarting, the disk full) is tried again.
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
};

export class ReportQueue {
  readonly queue: Queue;

  /** `connection`: a Redis client; BullMQ takes its own `prefix` (SMARTCHAT_QUEUE_PREFIX). */
  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(REPORTS_QUEUE, { connection, prefix, defaultJobOptions: DEFAULTS });
  }

  /** Queues a build of the report; while one is waiting for it, asking again adds nothing. */
  async requestBuild(reportId: string): Promise<void> {
    await this.add('build', { reportId }, `build.${reportId}`);
  }

  async add<N extends ReportJobName>(name: N, data: ReportJobs[N], jobId?: string): Promise<void> {
    await this.queue.add(name, data, jobId ? { jobId } : {});
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
