// The search indexer for tests, in the test's process: the stats role's own indexer (a consumer
// group of its own on the cluster's events topic), reading the cluster's keyspace and writing its
// database, as the stats pods do.
import { createLogger, createMetricsRegistry, type Registry } from '@smartchat/platform';
import type { TestResources } from '@smartchat/platform/testing';
import { searchIndexerConfigSchema, startSearchIndexer } from '@smartchat/stats';
import type { ChatCluster } from './cluster.js';

export async function startSearchIndexing(resources: TestResources, cluster: ChatCluster): Promise<{ registry: Registry; close(): Promise<void> }> {
  if (!cluster.env.SMARTCHAT_EVENTS_TOPIC?.includes(resources.id)) throw new Error('start the cluster with a topic of its own (resources.kafkaTopic) before indexing it');
  const config = searchIndexerConfigSchema.parse({ ...cluster.env, SMARTCHAT_SEARCH_CONSUMER_GROUP: `${resources.id}-search` });
  const registry = createMetricsRegistry('stats');
  const indexer = await startSearchIndexer({
    config,
    pool: cluster.pg,
    logger: createLogger({ service: 'search-indexer', level: 'warn' }),
    registry,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await indexer.close();
  };
  resources.defer('stop the search indexer', close);
  return { registry, close };
}
