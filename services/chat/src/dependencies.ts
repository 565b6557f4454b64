// The stores and brokers a chat pod talks to, connected once at start. None of them has to be up
// for the process to start: each client reconnects by itself, and readiness reports which one is
// missing until it is back.
import {
  connectCassandra,
  cassandraCredentials,
  createCassandraClient,
  createKafka,
  createPgPool,
  createRabbitConnection,
  createRedis,
  HealthChecks,
  pingCassandra,
  pingKafka,
  pingPostgres,
  pingRabbit,
  pingRedis,
  type Admin,
  type AmqpConnectionManager,
  type CqlClient,
  type Logger,
  type PgPool,
  type Redis,
} from '@smartchat/platform';
import type { ChatConfig } from './config.js';

export interface ChatDependencies {
  pg: PgPool;
  redis: Redis;
  rabbit: AmqpConnectionManager;
  cql: CqlClient;
  kafkaAdmin: Admin;
  health: HealthChecks;
  close(): Promise<void>;
}

export function connectChatDependencies(config: ChatConfig, logger: Logger): ChatDependencies {
  const stopping = new AbortController();
  const pg = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, applicationName: 'smartchat-chat' });
  const redis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger, name: 'chat' });
  const rabbit = createRabbitConnection({ url: config.SMARTCHAT_RABBITMQ_URL, logger, name: 'chat' });
  const cql = createCassandraClient({
    contactPoints: config.SMARTCHAT_CASSANDRA_CONTACT_POINTS,
    localDataCenter: config.SMARTCHAT_CASSANDRA_LOCAL_DC,
    ...cassandraCredentials(config),
  });
  const cqlConnected = connectCassandra(cql, logger, stopping.signal).catch(() => undefined);
  // Readiness asks Kafka directly each time, with no retries of its own, so that it answers fast.
  const kafkaAdmin = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-chat-health', logger, retries: 0, quiet: true }).admin();
  let kafkaAdminConnected: Promise<void> | undefined;

  const health = new HealthChecks()
    .add('postgres', () => pingPostgres(pg))
    .add('redis', () => pingRedis(redis))
    .add('rabbitmq', () => pingRabbit(rabbit))
    .add('cassandra', () => pingCassandra(cql))
    .add('kafka', async () => {
      kafkaAdminConnected ??= kafkaAdmin.connect().catch((error: unknown) => {
        kafkaAdminConnected = undefined;
        throw error;
      });
      await kafkaAdminConnected;
      await pingKafka(kafkaAdmin);
    });

  return {
    pg,
    redis,
    rabbit,
    cql,
    kafkaAdmin,
    health,
    async close() {
      stopping.abort(new Error('shutting down'));
      await cqlConnected;
      await Promise.allSettled([pg.end(), Promise.resolve(redis.disconnect()), rabbit.close(), cql.shutdown(), kafkaAdmin.disconnect()]);
    },
  };
}
