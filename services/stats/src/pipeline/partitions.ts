// raw_events has one partition per UTC month of occurred_at (raw_events_yYYYYmMM), created the
// first time an event of that month arrives; so has the main database's search_messages (by the
// month of the message). Creating a partition locks the whole table, so it
// happens in a short transaction of its own before the event's, serialised between processes by
// an advisory lock; months known to exist are remembered.
import type pg from 'pg';
import { lockPartitionCreation } from './locks.js';

export function monthPartitionName(at: Date, table = 'raw_events'): string {
  return `${table}_y${at.getUTCFullYear()}m${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

export class MonthPartitions {
  private readonly known = new Set<string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly table: 'raw_events' | 'search_messages' = 'raw_events',
  ) {}

  /** The partition that holds `at` exists when this resolves. */
  async ensure(at: Date): Promise<void> {
    const name = monthPartitionName(at, this.table);
    if (this.known.has(name)) return;
    const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await lockPartitionCreation(client);
      const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name]);
      if (!exists.rows[0]!.found) {
        await client.query(`CREATE TABLE ${name} PARTITION OF ${this.table} FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.known.add(name);
  }

  /** After an insert found no partition (someone dropped it): look again next time. */
  forget(at: Date): void {
    this.known.delete(monthPartitionName(at, this.table));
  }
}

/** PostgreSQL's answer to a row whose partition does not exist. */
export function isMissingPartition(error: unknown): boolean {
  return (error as { code?: string }).code === '23514' && /no partition/.test((error as Error).message);
}
