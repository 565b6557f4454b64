// The composition root of a stats pod: a member of the consumer group on the events topic writing
// the statistics database, the lag and rebuild gauges, and the health and metrics endpoints.
import {
  createKafka,
  createLogger,
  createMetricsRegistry,
  createPgPool,
  ensureTopics,
  HealthChecks,
  pingKafka,
  pingPostgres,
  startOpsServer,
  type Logger,
  type Registry,
} from '@smartchat/platform';
import type pg from 'pg';
import type { StatsConfig } from '../config.js';
import { EventsConsumer } from './events-consumer.js';
import { DerivationCache } from './derivation-cache.js';
import { createPipelineMetrics, watchDerivationCache, type PipelineMetrics } from './pipeline-metrics.js';
import { PipelineStatus } from './pipeline-status.js';

// As many as the chat process creates the topic with, should the stats process come first.
const EVENTS_TOPIC_PARTITIONS = 12;

export interface StatsProcess {
  logger: Logger;
  registry: Registry;
  metrics: PipelineMetrics;
  pool: pg.Pool;
  /** The operations port (/healthz, /readyz, /metrics). */
  port: number;
  /** Refreshes consumer lag and the rebuild gauge now (they refresh by themselves every few seconds). */
  refreshStatus(): Promise<void>;
  close(): Promise<void>;
}

export interface StatsProcessOptions {
  logger?: Logger;
  /** Tests: false never commits offsets, as if the process died right after each write. */
  commitOffsets?: boolean;
  /** The most records stored in one transaction (default SMARTCHAT_STATS_MAX_BATCH; measurements compare 1). */
  maxBatchSize?: number;
  /** Tests: a short session lets a group notice a member that died quickly. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

export async function startStatsProcess(config: StatsConfig, options: StatsProcessOptions = {}): Promise<StatsProcess> {
  const logger = options.logger ?? createLogger({ service: 'stats', level: config.SMARTCHAT_LOG_LEVEL });
  const registry = createMetricsRegistry('stats');
  const metrics = createPipelineMetrics(registry);
  const pool = createPgPool({ url: config.SMARTCHAT_STATS_PG_URL, logger, max: config.SMARTCHAT_STATS_PG_POOL, applicationName: 'smartchat-stats' });
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-stats', logger });
  const admin = kafka.admin();
  const topic = config.SMARTCHAT_EVENTS_TOPIC;
  const cache = config.SMARTCHAT_STATS_DERIVATION_CACHE_EVENTS > 0 ? new DerivationCache(config.SMARTCHAT_STATS_DERIVATION_CACHE_EVENTS) : undefined;
  if (cache) watchDerivationCache(registry, cache);

  const consumer = new EventsConsumer({
    kafka,
    pool,
    topic,
    groupId: config.SMARTCHAT_STATS_CONSUMER_GROUP,
    logger,
    metrics,
    commitOffsets: options.commitOffsets,
    maxBatchSize: options.maxBatchSize ?? config.SMARTCHAT_STATS_MAX_BATCH,
    maxBatchWaitMs: config.SMARTCHAT_STATS_BATCH_WAIT_MS,
    cache,
    sessionTimeoutMs: options.sessionTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  const status = new PipelineStatus({ admin, pool, topic, metrics, logger, everyMs: config.SMARTCHAT_STATS_STATUS_MS });
  const health = new HealthChecks().add('postgres', () => pingPostgres(pool)).add('kafka', () => pingKafka(admin));
  const ops = await startOpsServer({ host: config.SMARTCHAT_HTTP_HOST, port: config.SMARTCHAT_OPS_PORT, health, registry });

  try {
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: EVENTS_TOPIC_PARTITIONS }]);
    await consumer.start();
  } catch (error) {
    await new Promise((resolve) => ops.server.close(resolve));
    await admin.disconnect().catch(() => undefined);
    await pool.end();
    throw error;
  }
  status.start();
  logger.info({ port: ops.port, topic, groupId: config.SMARTCHAT_STATS_CONSUMER_GROUP }, 'stats started');

  return {
    logger,
    registry,
    metrics,
    pool,
    port: ops.port,
    refreshStatus: () => status.refresh(),
    async close() {
      health.markShuttingDown();
      await status.stop();
      await consumer.stop();
      await new Promise((resolve) => ops.server.close(resolve));
      await admin.disconnect().catch(() => undefined);
      await pool.end();
    },
  };
}
