// For tests that need a statistics database (the pipeline's, the chat API's statistics, reports,
// the Grafana panels' SQL): a fresh one per test, migrated like the real one, dropped at cleanup.
import { migratePostgres, statsSchemaDir, STATS_READER_ROLE } from '@smartchat/platform';
import type { TestResources } from '@smartchat/platform/testing';
import type pg from 'pg';

export interface TestStatsDatabase {
  database: string;
  /** As the stats process connects (owner of the tables). */
  url: string;
  /** The same database as the read-only role smartchat_stats_reader (what Grafana and the API use). */
  readerUrl: string;
  /** A pool on `url`, closed at cleanup. */
  pool: pg.Pool;
}

/** A new statistics database with every migration of services/schema/stats applied. */
export async function createTestStatsDatabase(resources: TestResources): Promise<TestStatsDatabase> {
  const { database, url, pool } = await resources.postgres();
  await migratePostgres(pool, statsSchemaDir, resources.logger);
  const reader = new URL(url);
  reader.username = STATS_READER_ROLE;
  reader.password = '';
  return { database, url, readerUrl: reader.toString(), pool };
}
