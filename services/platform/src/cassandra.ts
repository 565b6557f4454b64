// CQL client for ScyllaDB in production and Apache Cassandra 5 locally (same protocol, same
// driver). The driver reconnects to hosts by itself once connected; connectCassandra retries the
// first connection too, so a process can start before its database.
import cassandra from 'cassandra-driver';
import { backoffDelay, sleep } from './backoff.js';
import type { Logger } from './logger.js';

export type CqlClient = cassandra.Client;
export type CqlBackend = 'scylla' | 'cassandra';

export function createCassandraClient(options: { contactPoints: string[]; localDataCenter: string; keyspace?: string; credentials?: { username: string; password: string } }): cassandra.Client {
  return new cassandra.Client({
    contactPoints: options.contactPoints,
    localDataCenter: options.localDataCenter,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.keyspace ? { keyspace: options.keyspace } : {}),
    policies: {
      reconnection: new cassandra.policies.reconnection.ExponentialReconnectionPolicy(200, 5000, false),
    },
    pooling: { heartBeatInterval: 5000 },
    socketOptions: { connectTimeout: 5000, readTimeout: 12_000 },
    queryOptions: { prepare: true, consistency: cassandra.types.consistencies.localQuorum },
  });
}

/** Connects, retrying with backoff until it works or the signal aborts. */
export async function connectCassandra(client: cassandra.Client, logger: Logger, signal?: AbortSignal): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.connect();
      if (attempt > 0) logger.info({ component: 'cassandra', attempt }, 'connected to cassandra');
      return;
    } catch (error) {
      if (signal?.aborted) throw error;
      const delay = backoffDelay(attempt, 500, 5000);
      logger.warn({ component: 'cassandra', err: error, retryInMs: delay }, 'cassandra not reachable yet');
      await sleep(delay, signal);
    }
  }
}

export async function pingCassandra(client: cassandra.Client): Promise<void> {
  await client.execute('SELECT release_version FROM system.local');
}

/** ScyllaDB has its own system tables; Cassandra does not. */
export async function detectCqlBackend(client: cassandra.Client): Promise<CqlBackend> {
  const result = await client.execute(
    'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    ['system', 'scylla_local'],
  );
  return result.rowLength > 0 ? 'scylla' : 'cassandra';
}

/**
 * The keyspace statement differs by backend: ScyllaDB enables tablets by default, and tablets do
 * not support LWT, counters or CDC, so they are switched off there; Cassandra rejects the option.
 */
export function keyspaceStatement(keyspace: string, backend: CqlBackend, replicationFactor: number): string {
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(keyspace)) throw new Error(`invalid keyspace name: ${keyspace}`);
  const replication = `{'class': 'NetworkTopologyStrategy', 'replication_factor': ${replicationFactor}}`;
  const tablets = backend === 'scylla' ? " AND tablets = {'enabled': false}" : '';
  return `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${replication} AND durable_writes = true${tablets}`;
}

/** Username and password for the CQL client when the config sets them (external ScyllaDB with authentication). */
export function cassandraCredentials(config: { SMARTCHAT_CASSANDRA_USERNAME?: string | undefined; SMARTCHAT_CASSANDRA_PASSWORD?: string | undefined }): { credentials?: { username: string; password: string } } {
  return config.SMARTCHAT_CASSANDRA_USERNAME && config.SMARTCHAT_CASSANDRA_PASSWORD ? { credentials: { username: config.SMARTCHAT_CASSANDRA_USERNAME, password: config.SMARTCHAT_CASSANDRA_PASSWORD } } : {};
}
