import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migratePostgres } from '../src/migrations/postgres.js';
import { schemaDir } from '../src/paths.js';
import { pingPostgres } from '../src/postgres.js';
import { eventually, isolatedResources, type TestResources } from '../src/testing/index.js';

function migrationDir(resources: TestResources, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-pg-migrations-'));
  resources.defer(`remove ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('postgres through the platform pool', () => {
  it('applies versioned migrations once, then writes and reads rows', async () => {
    const resources = isolatedResources();
    const { pool } = await resources.postgres();
    const { logger } = resources;
    const dir = migrationDir(resources, {
      '0001_notes.sql': 'CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);',
      '0002_note_author.sql': "ALTER TABLE notes ADD COLUMN author text NOT NULL DEFAULT 'system';",
    });
    expect(await migratePostgres(pool, dir, logger)).toEqual([1, 2]);
    expect(await migratePostgres(pool, dir, logger)).toEqual([]);

    await pool.query('INSERT INTO notes (body, author) VALUES ($1, $2)', ['Привет, это заметка', 'agent-1']);
    const { rows } = await pool.query('SELECT body, author FROM notes');
    expect(rows).toEqual([{ body: 'Привет, это заметка', author: 'agent-1' }]);
  });

  it('refuses to continue when an applied migration was edited, and rolls back a failing one', async () => {
    const resources = isolatedResources();
    const { pool } = await resources.postgres();
    const { logger } = resources;
    const dir = migrationDir(resources, { '0001_a.sql': 'CREATE TABLE a (id int);' });
    await migratePostgres(pool, dir, logger);
    writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (id bigint);');
    await expect(migratePostgres(pool, dir, logger)).rejects.toThrow(/was changed after it was applied/);

    const broken = migrationDir(resources, { '0001_ok.sql': 'CREATE TABLE ok (id int);', '0002_bad.sql': 'CREATE TABLE half (id int); SELECT no_such_column FROM ok;' });
    const other = await resources.postgres();
    await expect(migratePostgres(other.pool, broken, logger)).rejects.toThrow(/0002_bad failed/);
    const tables = await other.pool.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.rows.map((row) => row.tablename)).toEqual(['ok', 'schema_migrations']);
  });

  it('applies the repository schema', async () => {
    const resources = isolatedResources();
    const { pool } = await resources.postgres();
    const { logger } = resources;
    const applied = await migratePostgres(pool, schemaDir.postgres, logger);
    expect(applied.length).toBeGreaterThan(0);
    const { rows } = await pool.query("SELECT 'A@Example.com'::citext = 'a@example.COM' AS same");
    expect(rows[0].same).toBe(true);
  });

  it('keeps working after the server drops its connections', async () => {
    const resources = isolatedResources();
    const { pool, database } = await resources.postgres();
    await pingPostgres(pool);
    const admin = await resources.postgres();
    const killed = await admin.pool.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    expect(killed.rows[0].n).toBeGreaterThan(0);
    // The pool notices the dead connection and opens a new one; no restart needed.
    const answer = await eventually('a query after the connections were killed', async () => (await pool.query('SELECT 42 AS answer')).rows[0].answer);
    expect(answer).toBe(42);
  });
});
