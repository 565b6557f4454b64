// Kafka through kafkajs. Producers reconnect on the next send and retry with backoff; consumers
// restart themselves after a crash (kafkajs' restartOnFailure). kafkajs' own logs go through pino.
import { Kafka, logLevel as KafkaLogLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import { connect } from 'node:net';
import { stopIdleRequestQueuePolling } from './kafka-request-queue.js';
import type { Logger } from './logger.js';

stopIdleRequestQueuePolling();

export type { Admin, Consumer, Kafka, Producer };

export function createKafka(options: { brokers: string[]; clientId: string; logger: Logger; retries?: number; quiet?: boolean }): Kafka {
  const log = options.logger.child({ component: 'kafka' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: options.retries ?? 8 },
    // kafkajs leaves Nagle's algorithm on; small produce requests would wait for delayed ACKs.
    socketFactory: ({ host, port, onConnect }) => {
      const socket = connect({ host, port }, onConnect);
      socket.setKeepAlive(true, 30_000);
      socket.setNoDelay(true);
      return socket;
    },
    // quiet: for clients whose failures are reported elsewhere (readiness), not logged per attempt.
    logLevel: options.quiet ? KafkaLogLevel.NOTHING : KafkaLogLevel.WARN,
    logCreator: () => ({ level, log: entry }) => {
      const { message, ...rest } = entry;
      const fields = { kafka: { namespace: entry.namespace, ...rest } };
      if (level === KafkaLogLevel.ERROR) log.error(fields, message);
      else if (level === KafkaLogLevel.WARN) log.warn(fields, message);
      else log.debug(fields, message);
    },
  });
}

/** An idempotent producer: a retried send never writes a message twice into a partition. */
export function createProducer(kafka: Kafka): Producer {
  // kafkajs requires unlimited retries for idempotence; callers bound the wait with their own timeout.
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
  });
}

export async function pingKafka(admin: Admin): Promise<void> {
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length === 0) throw new Error('kafka cluster has no brokers');
}

/** Creates the topics that do not exist yet (idempotent; racing creators are fine). */
export async function ensureTopics(admin: Admin, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic.topic));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ ...topic, replicationFactor: -1 })) });
  } catch (error) {
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  }
}
