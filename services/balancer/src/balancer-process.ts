// The composition root of a balancer pod: a BullMQ worker on the balancer queue, the outbox relay
// that carries conversation events to Kafka, the sweep, and the health and metrics endpoints.
import { BALANCER_QUEUE, type BalancerJobName } from '@smartchat/contracts';
import {
  BalancerQueue,
  createConfirmChannel,
  createKafka,
  createLogger,
  createMetricsRegistry,
  createPgPool,
  createProducer,
  createRabbitConnection,
  createRedis,
  declareDeliveryTopology,
  HealthChecks,
  OutboxRelay,
  pingPostgres,
  pingRabbit,
  pingRedis,
  startOpsServer,
  type Logger,
  type Registry,
} from '@smartchat/platform';
import { Worker } from 'bullmq';
import { AccessAnnouncer } from './access-announcer.js';
import { QueueStore } from './assignment/queue-store.js';
import { Returns } from './assignment/returns.js';
import { TeamMatcher } from './assignment/team-matcher.js';
import type { BalancerConfig } from './config.js';
import { runJob } from './jobs.js';
import { createBalancerMetrics } from './metrics.js';
import { Sweeper } from './sweep.js';
import { ConversationTimers } from './timers/conversation-timers.js';

export interface BalancerProcess {
  logger: Logger;
  registry: Registry;
  port: number;
  close(): Promise<void>;
}

export async function startBalancerProcess(config: BalancerConfig, options: { logger?: Logger } = {}): Promise<BalancerProcess> {
  const logger = options.logger ?? createLogger({ service: 'balancer', level: config.SMARTCHAT_LOG_LEVEL });
  const registry = createMetricsRegistry('balancer');
  const pg = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, applicationName: 'smartchat-balancer' });
  const redis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'balancer' });
  const bullRedis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'balancer-queue', forBullmq: true });
  const rabbit = createRabbitConnection({ url: config.SMARTCHAT_RABBITMQ_URL, logger, name: 'balancer' });
  const publisher = createConfirmChannel(rabbit, (channel) => declareDeliveryTopology(channel, config.SMARTCHAT_DELIVERY_SHARDS));
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-balancer', logger });
  const producer = createProducer(kafka);

  const queue = new BalancerQueue(bullRedis, config.SMARTCHAT_QUEUE_PREFIX);
  const metrics = createBalancerMetrics(registry, { pg, redis, queue: queue.queue });
  const announcer = new AccessAnnouncer(redis, logger);
  const store = new QueueStore(pg);
  const matcher = new TeamMatcher({ redis, store, queue, announcer, metrics, logger });
  const returns = new Returns({ pg, redis, announcer, metrics });
  const timers = new ConversationTimers({ pg, queue, publisher, shards: config.SMARTCHAT_DELIVERY_SHARDS, announcer, metrics, logger });
  const handlers = { pg, queue, matcher, returns, timers };

  const worker = new Worker(
    BALANCER_QUEUE,
    async (job) => {
      const started = performance.now();
      const name = job.name as BalancerJobName;
      try {
        const result = await runJob(handlers, name, job.data as never);
        metrics.jobs.inc({ job: name, outcome: result.split(' ')[0]! });
        return result;
      } catch (error) {
        metrics.jobs.inc({ job: name, outcome: 'error' });
        logger.warn({ err: error, job: name, jobId: job.id, conversationId: (job.data as { conversationId?: string }).conversationId, attempt: job.attemptsMade }, 'balancer job failed; it is retried');
        throw error;
      } finally {
        metrics.jobDuration.observe({ job: name }, (performance.now() - started) / 1000);
      }
    },
    { connection: bullRedis.duplicate(), prefix: config.SMARTCHAT_QUEUE_PREFIX, concurrency: config.SMARTCHAT_BALANCER_CONCURRENCY, autorun: false },
  );
  worker.on('error', (error) => logger.warn({ err: error }, 'balancer worker error'));

  const relay = new OutboxRelay({ pg, producer, logger, topic: config.SMARTCHAT_EVENTS_TOPIC });
  const sweeper = new Sweeper({ pg, redis, queue, everyMs: config.SMARTCHAT_BALANCER_SWEEP_MS, logger, queuePrefix: config.SMARTCHAT_QUEUE_PREFIX });
  const health = new HealthChecks()
    .add('postgres', () => pingPostgres(pg))
    .add('redis', () => pingRedis(redis))
    .add('rabbitmq', () => pingRabbit(rabbit));
  const ops = await startOpsServer({ host: config.SMARTCHAT_HTTP_HOST, port: config.SMARTCHAT_HTTP_PORT, health, registry });

  void worker.run().catch((error: unknown) => logger.error({ err: error }, 'balancer worker stopped'));
  await producer.connect().catch((error: unknown) => logger.warn({ err: error }, 'kafka producer not connected yet; the relay retries'));
  relay.start();
  sweeper.start();
  logger.info({ port: ops.port, concurrency: config.SMARTCHAT_BALANCER_CONCURRENCY }, 'balancer started');

  return {
    logger,
    registry,
    port: ops.port,
    async close() {
      health.markShuttingDown();
      sweeper.stop();
      await worker.close();
      await relay.stop();
      await queue.close();
      await new Promise((resolve) => ops.server.close(resolve));
      await publisher.close().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await rabbit.close().catch(() => undefined);
      redis.disconnect();
      bullRedis.disconnect();
      await pg.end();
    },
  };
}
