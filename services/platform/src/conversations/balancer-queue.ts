// Adding jobs to the balancer's BullMQ queue, typed by job name. Chat pods add work (a conversation
// entered a queue, capacity appeared, a snooze timer); balancers add timers for themselves.
import { BALANCER_QUEUE, type BalancerJobName, type BalancerJobs } from '@smartchat/contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from '../redis.js';

export interface BalancerJobOptions {
  /** Run at this time (epoch ms) instead of now. */
  runAt?: number;
  /** BullMQ priority: 1 is served first; jobs without one go before every prioritized job. */
  priority?: number;
  /** Deterministic id: adding a job whose id exists (waiting, delayed or active) adds nothing. */
  jobId?: string;
}

const DEFAULTS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
};

/** Job ids must not contain ':' (BullMQ's key separator); ours are `kind.conversation.anchor`. */
export const balancerJobId = (...parts: (string | number)[]) => parts.join('.');

export class BalancerQueue {
  readonly queue: Queue;

  /** `connection` must be a BullMQ-flavoured client (createRedis with forBullmq). */
  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(BALANCER_QUEUE, { connection, prefix, defaultJobOptions: DEFAULTS });
  }

  async add<N extends BalancerJobName>(name: N, data: BalancerJobs[N], options: BalancerJobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...(options.runAt !== undefined ? { delay: Math.max(0, options.runAt - Date.now()) } : {}),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
    });
  }

  /** Removes a waiting or delayed job; a job already running finishes (handlers re-check state). */
  async remove(jobId: string): Promise<void> {
    await this.queue.remove(jobId).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/** BullMQ priority for a conversation's effective priority: more urgent, smaller number. */
export function jobPriority(effectivePriority: number): number {
  return Math.min(1000, Math.max(1, 100 - effectivePriority));
}
