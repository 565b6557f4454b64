// Postgres migrations: one transaction per file, serialised across processes by an advisory lock
// (several pods may start at once), recorded in schema_migrations.
import type pg from 'pg';
import type { Logger } from '../logger.js';
import { assertUnchanged, readMigrationFiles } from './files.js';

const LOCK_KEY = 72_417_001; // arbitrary, fixed: "smartchat migrations"

export async function migratePostgres(pool: pg.Pool, dir: string, logger: Logger): Promise<number[]> {
  const files = readMigrationFiles(dir, 'sql');
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map<number, string>(
      (await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map((row) => [row.version, row.checksum]),
    );
    for (const file of files) {
      const checksum = done.get(file.version);
      if (checksum !== undefined) {
        assertUnchanged(file, checksum);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.text);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [file.version, file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`postgres migration ${file.label} failed: ${(error as Error).message}`, { cause: error });
      }
      logger.info({ component: 'migrations', store: 'postgres', version: file.version, name: file.name }, 'applied migration');
      applied.push(file.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}
