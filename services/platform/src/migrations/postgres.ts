// Postgres migrations: one transaction per file, serialised across processes by an advisory lock
// (several pods may start at once), recorded in schema_migrations.
import { fileURLToPath } from 'node:url';
import pg from 'pg';
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

// --- the statistics database (services/stats writes it; Grafana and the chat API read it) -------

/** Migrations of the statistics database, applied by the same runner into its own schema_migrations. */
export const statsSchemaDir = fileURLToPath(new URL('../../../schema/stats/', import.meta.url));
export const STATS_READER_ROLE = 'smartchat_stats_reader';

/**
 * Creates the database `url` names when it does not exist, connected through `adminUrl` (a
 * database on the same server whose user may create databases). Racing creators are fine.
 * Resolves to true when it created it.
 */
export async function ensurePostgresDatabase(adminUrl: string, url: string): Promise<boolean> {
  const database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) throw new Error(`database name "${database}" is not a plain identifier`);
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'smartchat-migrate' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      return true;
    } catch (error) {
      // 42P04 duplicate_database, or 23505 when another creator's insert committed first.
      if (['42P04', '23505'].includes((error as { code?: string }).code ?? '')) return false;
      throw error;
    }
  } finally {
    await admin.end();
  }
}

/**
 * The statistics database brought to the latest schema: created when missing (through the main
 * database's connection when both are on one server; elsewhere it must exist), migrated, and the
 * read-only role's password set from `readerPassword` when one is given.
 */
export async function migrateStatsDatabase(options: { mainUrl: string; statsUrl: string; readerPassword?: string; logger: Logger }): Promise<number[]> {
  const main = new URL(options.mainUrl);
  const stats = new URL(options.statsUrl);
  if (main.host === stats.host && (await ensurePostgresDatabase(options.mainUrl, options.statsUrl))) {
    options.logger.info({ component: 'migrations', store: 'postgres-stats', database: stats.pathname.slice(1) }, 'created the statistics database');
  }
  const pool = new pg.Pool({ connectionString: options.statsUrl, max: 1, application_name: 'smartchat-migrate' });
  try {
    const applied = await migratePostgres(pool, statsSchemaDir, options.logger.child({ database: 'stats' }));
    if (options.readerPassword) {
      const client = await pool.connect();
      try {
        // ALTER ROLE takes no parameters: the password goes in as a quoted literal.
        await client.query(`ALTER ROLE ${STATS_READER_ROLE} LOGIN PASSWORD ${client.escapeLiteral(options.readerPassword)}`);
      } finally {
        client.release();
      }
    }
    return applied;
  } finally {
    await pool.end();
  }
}
