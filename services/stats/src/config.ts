// The stats process's configuration: the statistics database, Kafka, and its operations port.
import { infraConfigSchema, port, url } from '@smartchat/platform';
import { z } from 'zod';
import { STATS_CONSUMER_GROUP } from './pipeline/events-consumer.js';
import { reportsConfigShape } from './reports/config.js';
import { searchIndexerConfigShape } from './search/index.js';

export const statsConfigSchema = infraConfigSchema
  .pick({ SMARTCHAT_KAFKA_BROKERS: true, SMARTCHAT_EVENTS_TOPIC: true, SMARTCHAT_LOG_LEVEL: true, SMARTCHAT_PROMETHEUS_SD_DIR: true })
  .extend({
    /** The statistics database (created and migrated by the migrate command). */
    SMARTCHAT_STATS_PG_URL: url(['postgres', 'postgresql']),
    /** Every stats process of one installation must use the same group: its members share the partitions. */
    SMARTCHAT_STATS_CONSUMER_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default(STATS_CONSUMER_GROUP),
    /** Connections to the statistics database per process. */
    SMARTCHAT_STATS_PG_POOL: z.coerce.number().int().min(2).max(64).default(8),
    /**
     * Raw events of recently derived conversations kept in memory (pipeline/derivation-cache.ts),
     * so that a new event of a long conversation does not read all of its events again; about
     * 1 KB each. 0 keeps none.
     */
    SMARTCHAT_STATS_DERIVATION_CACHE_EVENTS: z.coerce.number().int().min(0).max(10_000_000).default(200_000),
    /** The most records stored in one transaction: a backlog is taken in large batches, each conversation derived once per batch. */
    SMARTCHAT_STATS_MAX_BATCH: z.coerce.number().int().min(1).max(50_000).default(5000),
    /**
     * How long a batch that is not full waits for more records before it is stored: a transaction
     * costs far more than a record in it, so under steady traffic a little latency buys much less
     * CPU. 0 stores every record as soon as it arrives.
     */
    SMARTCHAT_STATS_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(250),
    /** How often consumer lag and the rebuild gauge are refreshed. */
    SMARTCHAT_STATS_STATUS_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
    /** Health, readiness and metrics (the process has no other port). */
    SMARTCHAT_HTTP_HOST: z.string().default('0.0.0.0'),
    SMARTCHAT_OPS_PORT: port().default(8081),
  });
export type StatsConfig = z.infer<typeof statsConfigSchema>;

/**
 * What the `stats` role runs with: the pipeline's settings, plus the monthly reports' (the main
 * database holds the report records, Redis the BullMQ queue and schedulers, the blob store the files)
 * and the search indexer's (the message store it reads; it writes the main database).
 */
export const statsRoleConfigSchema = statsConfigSchema
  .extend(infraConfigSchema.pick({ SMARTCHAT_PG_URL: true, SMARTCHAT_REDIS_URL: true }).shape)
  .extend(reportsConfigShape)
  .extend(searchIndexerConfigShape);
export type StatsRoleConfig = z.infer<typeof statsRoleConfigSchema>;

/** What `stats rebuild` needs: only the statistics database. */
export const rebuildConfigSchema = statsConfigSchema.pick({ SMARTCHAT_STATS_PG_URL: true, SMARTCHAT_LOG_LEVEL: true });
export type RebuildConfig = z.infer<typeof rebuildConfigSchema>;
