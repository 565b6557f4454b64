// Isolated resources for one test: its own Postgres database, CQL keyspace, Redis key prefix,
// RabbitMQ queue/exchange names and Kafka topics, all on the real local servers, all removed by
// cleanup(). Names share one random id, so a leftover is easy to attribute.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import amqplib from 'amqplib';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { connectCassandra, createCassandraClient, detectCqlBackend, keyspaceStatement, type CqlClient } from '../cassandra.js';
import { infraConfigSchema, loadConfig, type InfraConfig } from '../config.js';
import { createKafka, type Admin, type Kafka } from '../kafka.js';
import { createLogger, type Logger } from '../logger.js';
import { repoRoot } from '../paths.js';
import { createPgPool } from '../postgres.js';
import { createRabbitConnection, type AmqpConnectionManager } from '../rabbitmq.js';
import { createRedis, type Redis } from '../redis.js';

const execFileAsync = promisify(execFile);

export class TestResources {
  /** Lowercase, starts with a letter: valid as a database, keyspace, topic and queue name. */
  readonly id = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  readonly config: InfraConfig = loadConfig(infraConfigSchema);
  readonly logger: Logger = createLogger({ service: 'test', level: process.env.SMARTCHAT_TEST_LOG_LEVEL ?? 'error' });
  private readonly cleanups: { what: string; run: () => Promise<unknown> }[] = [];
  private kafkaClient?: Kafka;
  private kafkaAdminClient?: Admin;

  /** A fresh database, created and dropped for this test. */
  async postgres(): Promise<{ database: string; url: string; pool: pg.Pool }> {
    const admin = new pg.Client({ connectionString: this.config.SMARTCHAT_PG_URL });
    await admin.connect();
    const database = `${this.id}_${this.cleanups.length}`;
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const url = new URL(this.config.SMARTCHAT_PG_URL);
    url.pathname = `/${database}`;
    const pool = createPgPool({ url: url.toString(), logger: this.logger, max: 5, applicationName: this.id });
    this.defer(`drop database ${database}`, async () => {
      await pool.end();
      const dropper = new pg.Client({ connectionString: this.config.SMARTCHAT_PG_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    });
    return { database, url: url.toString(), pool };
  }

  /** A connected CQL client without a keyspace, closed at cleanup. */
  async cqlClient(keyspace?: string): Promise<CqlClient> {
    const client = createCassandraClient({
      contactPoints: this.config.SMARTCHAT_CASSANDRA_CONTACT_POINTS,
      localDataCenter: this.config.SMARTCHAT_CASSANDRA_LOCAL_DC,
      ...(keyspace ? { keyspace } : {}),
    });
    await connectCassandra(client, this.logger, AbortSignal.timeout(30_000));
    this.defer('close cql client', () => client.shutdown());
    return client;
  }

  /** A fresh keyspace (created with the statement for the detected backend), dropped at cleanup. */
  async keyspace(): Promise<{ keyspace: string; client: CqlClient }> {
    const admin = await this.cqlClient();
    const keyspace = `${this.id}_${this.cleanups.length}`;
    await admin.execute(keyspaceStatement(keyspace, await detectCqlBackend(admin), 1));
    this.defer(`drop keyspace ${keyspace}`, () => admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`));
    return { keyspace, client: await this.cqlClient(keyspace) };
  }

  /** A key prefix of its own; every key under it is deleted at cleanup. */
  redis(options: { forBullmq?: boolean } = {}): { prefix: string; client: Redis } {
    const prefix = `${this.id}:`;
    // BullMQ forbids ioredis' keyPrefix; it takes its own `prefix` option instead.
    const client = createRedis({ url: this.config.SMARTCHAT_REDIS_URL, logger: this.logger, ...(options.forBullmq ? { forBullmq: true } : { keyPrefix: prefix }), name: this.id });
    this.defer(`delete redis keys ${prefix}*`, async () => {
      const cleaner = createRedis({ url: this.config.SMARTCHAT_REDIS_URL, logger: this.logger });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await cleaner.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          if (keys.length > 0) await cleaner.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        cleaner.disconnect();
        client.disconnect();
      }
    });
    return { prefix, client };
  }

  /** A RabbitMQ connection plus a namer; queues and exchanges named through it are deleted at cleanup. */
  rabbit(): { connection: AmqpConnectionManager; name: (suffix: string) => string } {
    const connection = createRabbitConnection({ url: this.config.SMARTCHAT_RABBITMQ_URL, logger: this.logger, name: this.id });
    const names = new Set<string>();
    this.defer('delete rabbitmq queues and exchanges', async () => {
      await connection.close();
      const admin = await amqplib.connect(this.config.SMARTCHAT_RABBITMQ_URL);
      try {
        const channel = await admin.createChannel();
        for (const name of names) {
          await channel.deleteQueue(name);
          await channel.deleteExchange(name);
        }
      } finally {
        await admin.close();
      }
    });
    return { connection, name: (suffix) => { const name = `${this.id}.${suffix}`; names.add(name); return name; } };
  }

  /** A RabbitMQ virtual host of its own (for code whose queue names are fixed), deleted at cleanup. */
  async rabbitVhost(): Promise<string> {
    const vhost = `${this.id}_${this.cleanups.length}`;
    const ctl = (...args: string[]) => execFileAsync(join(repoRoot, 'scripts/infra/rabbitmq.sh'), ['ctl', '-q', ...args]);
    await ctl('add_vhost', vhost);
    await ctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
    this.defer(`delete vhost ${vhost}`, () => ctl('delete_vhost', vhost));
    const url = new URL(this.config.SMARTCHAT_RABBITMQ_URL);
    url.pathname = `/${encodeURIComponent(vhost)}`;
    return url.toString();
  }

  kafka(): Kafka {
    this.kafkaClient ??= createKafka({ brokers: this.config.SMARTCHAT_KAFKA_BROKERS, clientId: this.id, logger: this.logger });
    return this.kafkaClient;
  }

  /** A new topic of its own, deleted at cleanup. */
  async kafkaTopic(suffix: string, numPartitions = 1): Promise<string> {
    if (!this.kafkaAdminClient) {
      const admin = this.kafka().admin();
      await admin.connect();
      this.kafkaAdminClient = admin;
      this.defer('disconnect kafka admin', () => admin.disconnect());
    }
    const admin = this.kafkaAdminClient;
    const topic = `${this.id}.${suffix}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions, replicationFactor: 1 }] });
    this.defer(`delete topic ${topic}`, () => admin.deleteTopics({ topics: [topic] }));
    return topic;
  }

  /** Registers an extra cleanup step (runs in reverse order of registration). */
  defer(what: string, run: () => Promise<unknown>): void {
    this.cleanups.push({ what, run });
  }

  async cleanup(): Promise<void> {
    const failures: string[] = [];
    for (const step of this.cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.what}: ${(error as Error).message}`);
      }
    }
    this.cleanups.length = 0;
    if (failures.length > 0) throw new Error(`test cleanup failed:\n  ${failures.join('\n  ')}`);
  }
}

/** Resources for the current test, cleaned up when it finishes (call inside a test). */
export function isolatedResources(): TestResources {
  const resources = new TestResources();
  onTestFinished(() => resources.cleanup());
  return resources;
}
