// The chat process's way into the statistics database (SMARTCHAT_STATS_PG_URL): optional, so that a
// desk without statistics runs the rest of the API as before. Without it, or while it does not
// answer, statistics routes say so with one stable code instead of a 500.
import { SmartchatError } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';
import type { Queryable } from '@smartchat/stats/queries';

/**
 * A database that cannot be reached, refuses the connection, does not exist, is not migrated yet or
 * does not let the reader in (no grants): not set up, as opposed to errors in a query (those stay
 * 500s: they are bugs).
 */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P03', '3D000', '28P01', '28000', '53300', '42P01', '42501']);

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE.has(code)) return true;
  return error instanceof Error && /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}

/**
 * Per connection: no JIT (compiling costs a tenth of a second per query and gains nothing on
 * these short aggregates), room to sort a month of durations in memory, and a bound on how long
 * one request may hold a connection.
 */
const SESSION_SETTINGS = "SET jit = off; SET work_mem = '64MB'; SET statement_timeout = '30s'";

export class StatisticsStore {
  constructor(private readonly pool: PgPool | undefined) {
    pool?.on('connect', (client) => void client.query(SESSION_SETTINGS).catch(() => undefined));
  }

  get configured(): boolean {
    return this.pool !== undefined;
  }

  /** Runs `read` on the statistics database; SC_ERR_STATISTICS_UNAVAILABLE when there is none or it does not answer. */
  async read<T>(read: (db: Queryable) => Promise<T>): Promise<T> {
    if (!this.pool) throw new SmartchatError('SC_ERR_STATISTICS_UNAVAILABLE', 'Statistics are not set up on this server (no statistics database)');
    try {
      return await read(this.pool);
    } catch (error) {
      if (isUnavailable(error)) throw new SmartchatError('SC_ERR_STATISTICS_UNAVAILABLE', undefined, { reason: 'the statistics database does not answer' });
      if ((error as { code?: unknown }).code === '57014') throw new SmartchatError('SC_ERR_STATISTICS_UNAVAILABLE', 'The statistics database took too long to answer; narrow the range or retry later', { reason: 'timeout' });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}
