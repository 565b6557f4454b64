export { parseEventRecord, deadLetterReasons, type DeadLetterReason } from './envelope.js';
export { STATS_CONSUMER_GROUP, EventsConsumer } from './events-consumer.js';
export { ingestEvents } from './feed.js';
export { createPipelineMetrics, type PipelineMetrics } from './pipeline-metrics.js';
export { rebuildStatistics, RebuildBusyError, type RebuildOptions, type RebuildSummary } from './rebuild.js';
export { startStatsProcess, type StatsProcess, type StatsProcessOptions } from './stats-process.js';
export { createTestStatsDatabase, type TestStatsDatabase } from './testing.js';
