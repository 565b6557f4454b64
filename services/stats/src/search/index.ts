// The search side of the stats role: the indexer (search-indexer.ts) with its message store reader
// and metrics, started next to the statistics pipeline; and the rebuild (reindex.ts).
import { cassandraCredentials, connectCassandra, createCassandraClient, createKafka, infraConfigSchema, type Logger, type Registry } from '@smartchat/platform';
import type pg from 'pg';
import { z } from 'zod';
import { MessageSource } from './message-source.js';
import { createSearchIndexerMetrics, SEARCH_CONSUMER_GROUP, SearchIndexer } from './search-indexer.js';

export { MessageSource, indexedText, type IndexDocument } from './message-source.js';
export { IndexWriter } from './index-writer.js';
export { SearchIndexer, SEARCH_CONSUMER_GROUP, createSearchIndexerMetrics } from './search-indexer.js';
export { reindex, type ReindexProgress } from './reindex.js';

/** What the indexer needs besides the stats role's own settings: the message store, and whether to run. */
export const searchIndexerConfigShape = {
  ...infraConfigSchema.pick({
    SMARTCHAT_CASSANDRA_CONTACT_POINTS: true,
    SMARTCHAT_CASSANDRA_LOCAL_DC: true,
    SMARTCHAT_CASSANDRA_KEYSPACE: true,
    SMARTCHAT_CASSANDRA_USERNAME: true,
    SMARTCHAT_CASSANDRA_PASSWORD: true,
  }).shape,
  /** Every stats process of one installation must use the same group: its members share the partitions. */
  SMARTCHAT_SEARCH_CONSUMER_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default(SEARCH_CONSUMER_GROUP),
  /** false: this stats process does not index (another deployment does, or search is not used). */
  SMARTCHAT_SEARCH_INDEXER: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
};
/** Everything the indexer reads, on its own (tests start an indexer alone). */
export const searchIndexerConfigSchema = z.object(searchIndexerConfigShape).extend(infraConfigSchema.pick({ SMARTCHAT_KAFKA_BROKERS: true, SMARTCHAT_EVENTS_TOPIC: true }).shape);
export type SearchIndexerConfig = z.infer<typeof searchIndexerConfigSchema>;

export interface RunningSearchIndexer {
  close(): Promise<void>;
}

/** Starts the indexer writing `pool` (the main database); its metrics go to `registry`. */
export async function startSearchIndexer(options: { config: SearchIndexerConfig; pool: pg.Pool; logger: Logger; registry: Registry; sessionTimeoutMs?: number; heartbeatIntervalMs?: number }): Promise<RunningSearchIndexer> {
  const { config, logger } = options;
  const cql = createCassandraClient({ contactPoints: config.SMARTCHAT_CASSANDRA_CONTACT_POINTS, localDataCenter: config.SMARTCHAT_CASSANDRA_LOCAL_DC, ...cassandraCredentials(config) });
  await connectCassandra(cql, logger);
  const kafka = createKafka({ brokers: config.SMARTCHAT_KAFKA_BROKERS, clientId: 'smartchat-search', logger });
  const indexer = new SearchIndexer({
    kafka,
    pool: options.pool,
    source: new MessageSource(cql, config.SMARTCHAT_CASSANDRA_KEYSPACE),
    topic: config.SMARTCHAT_EVENTS_TOPIC,
    groupId: config.SMARTCHAT_SEARCH_CONSUMER_GROUP,
    logger,
    metrics: createSearchIndexerMetrics(options.registry),
    sessionTimeoutMs: options.sessionTimeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
  });
  try {
    await indexer.start();
  } catch (error) {
    await cql.shutdown();
    throw error;
  }
  logger.info({ groupId: config.SMARTCHAT_SEARCH_CONSUMER_GROUP }, 'search indexer started');
  return {
    async close() {
      await indexer.stop();
      await cql.shutdown();
    },
  };
}
