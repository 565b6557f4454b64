// @smartchat/stats: the statistics pipeline (Kafka → statistics database), its configuration, and
// helpers to fill a statistics database in tests. Metric definitions: ./metrics; reads: ./queries.
export * from './pipeline/index.js';
export { rebuildConfigSchema, statsConfigSchema, statsRoleConfigSchema, type RebuildConfig, type StatsConfig, type StatsRoleConfig } from './config.js';
export { startSearchIndexer, searchIndexerConfigSchema, reindex, MessageSource, SEARCH_CONSUMER_GROUP, type RunningSearchIndexer, type ReindexProgress } from './search/index.js';
