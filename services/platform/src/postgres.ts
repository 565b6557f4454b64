// PostgreSQL pool. pg's Pool opens connections on demand, so after a server restart the next
// query simply gets a fresh connection; the 'error' listener keeps a dropped idle connection from
// crashing the process.
import pg from 'pg';
import { safeUrl, type Logger } from './logger.js';

export type PgPool = pg.Pool;

export function createPgPool(options: { url: string; logger: Logger; max?: number; applicationName?: string }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'smartchat',
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  const log = options.logger.child({ component: 'postgres', target: safeUrl(options.url) });
  pool.on('error', (error) => log.warn({ err: error }, 'idle postgres connection lost; the next query reconnects'));
  return pool;
}

export async function pingPostgres(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}

/** Runs `work` in a transaction on one pooled connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
