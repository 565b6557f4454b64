// The `migrate` role: brings Postgres and the CQL keyspace to the latest schema, then exits.
import { cassandraCredentials, createCassandraClient, connectCassandra } from '../cassandra.js';
import { infraConfigSchema, loadConfig, ConfigError } from '../config.js';
import { createLogger } from '../logger.js';
import { migrateCql } from '../migrations/cql.js';
import { migratePostgres } from '../migrations/postgres.js';
import { schemaDir } from '../paths.js';
import { createPgPool } from '../postgres.js';

async function main(): Promise<void> {
  const config = loadConfig(infraConfigSchema);
  const logger = createLogger({ service: 'migrate', level: config.SMARTCHAT_LOG_LEVEL });
  const pool = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, max: 1, applicationName: 'smartchat-migrate' });
  const cql = createCassandraClient({ contactPoints: config.SMARTCHAT_CASSANDRA_CONTACT_POINTS, localDataCenter: config.SMARTCHAT_CASSANDRA_LOCAL_DC, ...cassandraCredentials(config) });
  try {
    const pgApplied = await migratePostgres(pool, schemaDir.postgres, logger);
    await connectCassandra(cql, logger, AbortSignal.timeout(120_000));
    const { backend, applied: cqlApplied } = await migrateCql(cql, {
      keyspace: config.SMARTCHAT_CASSANDRA_KEYSPACE,
      replicationFactor: config.SMARTCHAT_CASSANDRA_REPLICATION_FACTOR,
      dir: schemaDir.cql,
      logger,
    });
    logger.info({ postgresApplied: pgApplied, cqlApplied, cqlBackend: backend }, 'schema is up to date');
  } finally {
    await Promise.allSettled([pool.end(), cql.shutdown()]);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('migration failed:', error);
  process.exit(1);
});
