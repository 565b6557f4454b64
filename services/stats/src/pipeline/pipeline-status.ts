// The gauges that describe the pipeline as a whole, refreshed every few seconds: consumer lag per
// partition (the partition's end offset minus the next offset the store has, from kafka_progress,
// which is written in the transaction of each record; so every stats process reports every
// partition, whichever process owns it: aggregate with max by (partition)), and whether a rebuild
// is running (rebuild_runs, whose runs keep a heartbeat).
import type { Admin, Logger } from '@smartchat/platform';
import type pg from 'pg';
import type { PipelineMetrics } from './pipeline-metrics.js';

export interface PipelineStatusOptions {
  admin: Admin;
  pool: pg.Pool;
  topic: string;
  metrics: PipelineMetrics;
  logger: Logger;
  everyMs: number;
}

/** A run whose heartbeat is older than this died without saying so. */
export const REBUILD_HEARTBEAT_STALE_SECONDS = 60;

export class PipelineStatus {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: PipelineStatusOptions) {}

  start(): void {
    const tick = () => {
      this.running = this.refresh()
        .catch((error: unknown) => this.options.logger.warn({ err: error, component: 'stats-status' }, 'consumer lag not refreshed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.everyMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async refresh(): Promise<void> {
    const { admin, pool, topic, metrics } = this.options;
    const [ends, starts, progress, rebuilds] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      // Where a partition the store has not seen yet starts: its oldest record still kept.
      admin.fetchTopicOffsetsByTimestamp(topic, 0),
      pool.query<{ kafka_partition: number; next_offset: string }>('SELECT kafka_partition, next_offset FROM kafka_progress WHERE topic = $1', [topic]),
      pool.query<{ running: number }>(
        `SELECT count(*)::int AS running FROM rebuild_runs WHERE finished_at IS NULL AND heartbeat_at > now() - make_interval(secs => $1)`,
        [REBUILD_HEARTBEAT_STALE_SECONDS],
      ),
    ]);
    const next = new Map(progress.rows.map((row) => [row.kafka_partition, BigInt(row.next_offset)]));
    const first = new Map(starts.map((entry) => [entry.partition, BigInt(entry.offset)]));
    for (const { partition, offset } of ends) {
      const from = next.get(partition) ?? first.get(partition) ?? 0n;
      const lag = BigInt(offset) - from;
      metrics.consumerLag.set({ partition: String(partition) }, lag > 0n ? Number(lag) : 0);
    }
    metrics.rebuildRunning.set(rebuilds.rows[0]!.running > 0 ? 1 : 0);
  }
}
