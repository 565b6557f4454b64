// The migrate command's part for statistics: the database is created when missing, migrated with
// its own bookkeeping, and the read-only role reads it and nothing more.
import { migrateStatsDatabase, STATS_READER_ROLE } from '@smartchat/platform';
import { isolatedResources } from '@smartchat/platform/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

describe('the statistics database migration', () => {
  it('creates the database when missing, applies every migration once even when two migrate at once, and the reader may only read', async () => {
    const resources = isolatedResources();
    const mainUrl = resources.config.SMARTCHAT_PG_URL;
    const statsUrl = new URL(mainUrl);
    statsUrl.pathname = `/${resources.id}_stats`;
    resources.defer('drop the statistics database', async () => {
      const admin = new pg.Client({ connectionString: mainUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${resources.id}_stats WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    });

    const options = { mainUrl, statsUrl: statsUrl.toString(), logger: resources.logger };
    const [first, second] = await Promise.all([migrateStatsDatabase(options), migrateStatsDatabase(options)]);
    expect([...first, ...second].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await migrateStatsDatabase(options)).toEqual([]);

    const owner = new pg.Client({ connectionString: statsUrl.toString() });
    await owner.connect();
    resources.defer('close the owner connection', () => owner.end());
    const versions = await owner.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(versions.rows).toEqual([
      { version: 1, name: 'statistics' },
      { version: 2, name: 'pipeline' },
      { version: 3, name: 'team_rollups' },
      { version: 4, name: 'value_histograms' },
      { version: 5, name: 'subject_versions' },
      { version: 6, name: 'dashboard_functions' },
      { version: 7, name: 'agent_rollups' },
      { version: 8, name: 'daily_octaves' },
    ]);
    await owner.query("INSERT INTO teams (team_id, name) VALUES ('5a1e5000-0000-4000-8000-000000000001', 'Sales')");
    // A table of a later migration is readable too (default privileges).
    await owner.query('CREATE TABLE later_table (id int)');

    const readerUrl = new URL(statsUrl);
    readerUrl.username = STATS_READER_ROLE;
    const reader = new pg.Client({ connectionString: readerUrl.toString() });
    await reader.connect();
    resources.defer('close the reader connection', () => reader.end());
    expect((await reader.query('SELECT name FROM teams')).rows).toEqual([{ name: 'Sales' }]);
    expect((await reader.query('SELECT count(*)::int AS n FROM raw_events')).rows).toEqual([{ n: 0 }]);
    expect((await reader.query('SELECT count(*)::int AS n FROM later_table')).rows).toEqual([{ n: 0 }]);
    expect((await reader.query('SELECT count(*)::int AS n FROM rollup_daily_team')).rows).toEqual([{ n: 0 }]);
    expect((await reader.query('SELECT count(*)::int AS n FROM rollup_monthly_team')).rows).toEqual([{ n: 0 }]);
    // The statistics database's own defaults for its short analytical reads (0003).
    expect((await reader.query('SHOW jit')).rows).toEqual([{ jit: 'off' }]);
    expect((await reader.query('SHOW work_mem')).rows).toEqual([{ work_mem: '64MB' }]);
    await expect(reader.query("INSERT INTO teams (team_id, name) VALUES ('5a1e5000-0000-4000-8000-000000000002', 'Support')")).rejects.toMatchObject({ code: '42501' });
    await expect(reader.query('DELETE FROM facts')).rejects.toMatchObject({ code: '42501' });
    await expect(reader.query('CREATE TABLE mine (id int)')).rejects.toMatchObject({ code: '42501' });
  });
});
