// The `migrate` role: brings Postgres, the statistics database and the CQL keyspace to the latest
// schema, then exits.
import { z } from 'zod';
import { cassandraCredentials, createCassandraClient, connectCassandra } from '../cassandra.js';
import { infraConfigSchema, loadConfig, ConfigError, url } from '../config.js';
import { createLogger } from '../logger.js';
import { migrateCql } from '../migrations/cql.js';
import { migratePostgres, migrateStatsDatabase } from '../migrations/postgres.js';
import { schemaDir } from '../paths.js';
import { createPgPool } from '../postgres.js';

const migrateConfigSchema = infraConfigSchema.extend({
  /** The statistics database (created when missing if it is on the main database's server); unset: not migrated. */
  SMARTCHAT_STATS_PG_URL: url(['postgres', 'postgresql']).optional(),
  /** The password of the read-only role smartchat_stats_reader (Grafana, the chat API); unset: none. */
  SMARTCHAT_STATS_READER_PASSWORD: z.string().min(8).optional(),
});

async function main(): Promise<void> {
  const config = loadConfig(migrateConfigSchema);
  const logger = createLogger({ service: 'migrate', level: config.SMARTCHAT_LOG_LEVEL });
  const pool = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, max: 1, applicationName: 'smartchat-migrate' });
  const cql = createCassandraClient({ contactPoints: config.SMARTCHAT_CASSANDRA_CONTACT_POINTS, localDataCenter: config.SMARTCHAT_CASSANDRA_LOCAL_DC, ...cassandraCredentials(config) });
  try {
    const pgApplied = await migratePostgres(pool, schemaDir.postgres, logger);
    const statsApplied = config.SMARTCHAT_STATS_PG_URL
      ? await migrateStatsDatabase({ mainUrl: config.SMARTCHAT_PG_URL, statsUrl: config.SMARTCHAT_STATS_PG_URL, readerPassword: config.SMARTCHAT_STATS_READER_PASSWORD, logger })
      : 'not configured (SMARTCHAT_STATS_PG_URL unset)';
    await connectCassandra(cql, logger, AbortSignal.timeout(120_000));
    const { backend, applied: cqlApplied } = await migrateCql(cql, {
      keyspace: config.SMARTCHAT_CASSANDRA_KEYSPACE,
      replicationFactor: config.SMARTCHAT_CASSANDRA_REPLICATION_FACTOR,
      dir: schemaDir.cql,
      logger,
    });
    logger.info({ postgresApplied: pgApplied, statsApplied, cqlApplied, cqlBackend: backend }, 'schema is up to date');
  } finally {
    await Promise.allSettled([pool.end(), cql.shutdown()]);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('migration failed:', error);
  process.exit(1);
});
