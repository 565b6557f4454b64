// Entry point of the `stats` role: one member of the statistics consumer group.
import { ConfigError, createPgPool, createRedis, loadConfig, registerScrapeTarget } from '@smartchat/platform';
import { statsRoleConfigSchema } from './config.js';
import { startStatsProcess } from './pipeline/stats-process.js';
import { startReports } from './reports/index.js';
import { startSearchIndexer } from './search/index.js';

async function main(): Promise<void> {
  const config = loadConfig(statsRoleConfigSchema);
  const stats = await startStatsProcess(config);
  // Monthly and on-demand reports: records in the main database, figures from the statistics store.
  const mainPg = createPgPool({ url: config.SMARTCHAT_PG_URL, logger: stats.logger, applicationName: 'smartchat-stats-main', max: 6 });
  const bullRedis = createRedis({ url: config.SMARTCHAT_REDIS_URL, logger: stats.logger, name: 'stats-reports', forBullmq: true });
  const reports = await startReports({ config, pg: mainPg, statsPg: stats.pool, bullRedis, logger: stats.logger, registry: stats.registry });
  // Search indexing: its own consumer group, writing the main database's search_messages.
  const search = config.SMARTCHAT_SEARCH_INDEXER ? await startSearchIndexer({ config, pool: mainPg, logger: stats.logger, registry: stats.registry }) : undefined;
  const target = config.SMARTCHAT_PROMETHEUS_SD_DIR
    ? registerScrapeTarget({ dir: config.SMARTCHAT_PROMETHEUS_SD_DIR, service: 'stats', host: '127.0.0.1', port: stats.port })
    : undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stats.logger.info({ signal }, 'shutting down');
    target?.unregister();
    await search?.close();
    await reports.close();
    bullRedis.disconnect();
    await mainPg.end();
    await stats.close();
    process.exit(0);
  };
  process.on('unhandledRejection', (reason) => stats.logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
