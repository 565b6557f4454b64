// A statistics database for one test, made by the pipeline's own helper (every migration of
// services/schema/stats, with the read-only role's grants), and a pool as that role,
// smartchat_stats_reader: the one Grafana's data source connects as.
import pg from 'pg';
import { createTestStatsDatabase } from '@smartchat/stats';
import type { TestResources } from '@smartchat/platform/testing';

export interface StatisticsDatabase {
  url: string;
  readerUrl: string;
  /** The owner's pool (what the pipeline writes with). */
  owner: pg.Pool;
  /** The read-only role's pool. */
  reader: pg.Pool;
}

export async function statisticsDatabase(resources: TestResources): Promise<StatisticsDatabase> {
  const { url, readerUrl, pool } = await createTestStatsDatabase(resources);
  const reader = new pg.Pool({ connectionString: readerUrl, max: 2, application_name: `${resources.id}-grafana` });
  // Dropping the database at cleanup terminates an idle connection that is still closing (57P01);
  // anything else an idle connection reports is a real failure.
  reader.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  // Closed before the database is dropped (cleanups run in reverse order).
  resources.defer('close the reader pool', () => reader.end());
  return { url, readerUrl, owner: pool, reader };
}
