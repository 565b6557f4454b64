// The bench's own, isolated environment on the local servers: a fresh Postgres database and CQL
// keyspace (dropped and migrated), a fresh RabbitMQ vhost, and the agents; Redis comes from
// bench-redis.ts. Removed again at the end unless BENCH_KEEP=1.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectCassandra, createCassandraClient, createPgPool, migrateCql, migratePostgres, repoRoot, schemaDir, type Logger } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { hashPassword } from '../../../services/chat/src/auth/passwords.js';

const execFileAsync = promisify(execFile);

export const BENCH_DATABASE = 'smartchat_bench';
export const BENCH_KEYSPACE = 'smartchat_bench';
export const BENCH_VHOST = 'smartchat-bench';
export const BENCH_QUEUE_PREFIX = 'smartchat-bench';

export interface BenchEnvironment {
  /** SMARTCHAT_* for the chat and balancer processes (the port is added per process). */
  chatEnv: Record<string, string>;
  agents: { email: string; password: string }[];
  customerTokenSecret: string;
  cassandra: { contactPoints: string[]; localDataCenter: string; keyspace: string };
  /** Drops what prepare created, unless kept. */
  teardown(keep: boolean): Promise<void>;
}

function withPath(url: string, path: string): string {
  const parsed = new URL(url);
  parsed.pathname = path;
  return parsed.toString();
}

const rabbitCtl = (...args: string[]) => execFileAsync(join(repoRoot, 'scripts/infra/rabbitmq.sh'), ['ctl', '-q', ...args], { timeout: 60_000 });

async function freshDatabase(adminUrl: string, logger: Logger): Promise<string> {
  const admin = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  return withPath(adminUrl, `/${BENCH_DATABASE}`);
}

async function dropDatabase(adminUrl: string, logger: Logger): Promise<void> {
  const admin = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function withCql<T>(local: Record<string, string>, logger: Logger, run: (client: ReturnType<typeof createCassandraClient>) => Promise<T>): Promise<T> {
  const client = createCassandraClient({
    contactPoints: local.SMARTCHAT_CASSANDRA_CONTACT_POINTS!.split(','),
    localDataCenter: local.SMARTCHAT_CASSANDRA_LOCAL_DC!,
  });
  await connectCassandra(client, logger, AbortSignal.timeout(30_000));
  try {
    return await run(client);
  } finally {
    await client.shutdown();
  }
}

export async function prepareEnvironment(options: { agents: number; redisUrl: string; logger: Logger; log: (text: string) => void }): Promise<BenchEnvironment> {
  const { logger, log } = options;
  const local = readLocalEnv();
  const pgAdminUrl = local.SMARTCHAT_PG_URL!;
  const rabbitUrl = withPath(local.SMARTCHAT_RABBITMQ_URL!, `/${encodeURIComponent(BENCH_VHOST)}`);

  log(`postgres: fresh database ${BENCH_DATABASE}`);
  const pgUrl = await freshDatabase(pgAdminUrl, logger);
  const pool = createPgPool({ url: pgUrl, logger, max: 2, applicationName: 'smartchat-bench' });
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const agents: { email: string; password: string }[] = [];
  try {
    await migratePostgres(pool, schemaDir.postgres, logger);
    const passwordHash = await hashPassword(password);
    for (let index = 0; index < options.agents; index += 1) {
      const email = `bench-agent-${index}@bench.test`;
      await pool.query('INSERT INTO agents (email, name, password_hash) VALUES ($1, $2, $3)', [email, `Bench Agent ${index}`, passwordHash]);
      agents.push({ email, password });
    }
  } finally {
    await pool.end();
  }

  log(`cassandra: fresh keyspace ${BENCH_KEYSPACE}`);
  await withCql(local, logger, async (client) => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${BENCH_KEYSPACE}`, [], { readTimeout: 120_000 });
    await migrateCql(client, { keyspace: BENCH_KEYSPACE, replicationFactor: 1, dir: schemaDir.cql, logger });
  });

  log(`rabbitmq: fresh vhost ${BENCH_VHOST}`);
  await rabbitCtl('delete_vhost', BENCH_VHOST).catch(() => undefined); // absent on the first run
  await rabbitCtl('add_vhost', BENCH_VHOST);
  await rabbitCtl('set_permissions', '-p', BENCH_VHOST, 'guest', '.*', '.*', '.*');

  const chatEnv: Record<string, string> = {
    ...local,
    SMARTCHAT_PG_URL: pgUrl,
    SMARTCHAT_CASSANDRA_KEYSPACE: BENCH_KEYSPACE,
    SMARTCHAT_RABBITMQ_URL: rabbitUrl,
    SMARTCHAT_REDIS_URL: options.redisUrl,
    SMARTCHAT_HTTP_HOST: '127.0.0.1',
    SMARTCHAT_LOG_LEVEL: 'warn',
    // Limits exist against abuse; the bench's few identities send far more than a person would.
    SMARTCHAT_SEND_LIMIT_PER_10S: '1000000',
    SMARTCHAT_RATE_LIMIT_PER_MINUTE: '1000000',
    // A bench agent's socket has many sends in flight at once (message:send's socket budget follows
    // SMARTCHAT_SEND_LIMIT_PER_10S above).
    SMARTCHAT_SOCKET_MAX_IN_FLIGHT: '1000000',
    // The balancer's BullMQ keys: chat processes add jobs and balancers take them under this prefix,
    // never the installation's own (BENCH_SHARED_REDIS=1 shares a server with make dev).
    SMARTCHAT_QUEUE_PREFIX: BENCH_QUEUE_PREFIX,
    // No webhook fan-out (a consumer group reading the shared events topic from its start): the
    // profile that measures webhooks turns it on, on a topic of its own.
    SMARTCHAT_WEBHOOKS: 'false',
    // Tuning experiments: the delivery layout can be overridden from the bench's environment.
    ...pick(process.env, ['SMARTCHAT_DELIVERY_SHARDS', 'SMARTCHAT_DELIVERY_LANES']),
  };

  return {
    chatEnv,
    agents,
    customerTokenSecret: local.SMARTCHAT_CUSTOMER_TOKEN_SECRET!,
    cassandra: { contactPoints: local.SMARTCHAT_CASSANDRA_CONTACT_POINTS!.split(','), localDataCenter: local.SMARTCHAT_CASSANDRA_LOCAL_DC!, keyspace: BENCH_KEYSPACE },
    async teardown(keep) {
      // The dedup keys live 24 h: never leave them behind in the shared Redis.
          if (keep) return;
      await dropDatabase(pgAdminUrl, logger);
      await withCql(local, logger, (client) => client.execute(`DROP KEYSPACE IF EXISTS ${BENCH_KEYSPACE}`, [], { readTimeout: 120_000 }));
      await rabbitCtl('delete_vhost', BENCH_VHOST);
    },
  };
}

function pick(source: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (source[name] ? [[name, source[name]]] : [])));
}
