// Entry point of the `chat` role.
import { ConfigError, createLogger, createMetricsRegistry, loadConfig, registerScrapeTarget } from '@smartchat/platform';
import { buildChatServer } from './app.js';
import { chatConfigSchema } from './config.js';
import { connectChatDependencies } from './dependencies.js';

async function main(): Promise<void> {
  const config = loadConfig(chatConfigSchema);
  const logger = createLogger({ service: 'chat', level: config.SMARTCHAT_LOG_LEVEL });
  const registry = createMetricsRegistry('chat');
  const dependencies = connectChatDependencies(config, logger);
  const app = await buildChatServer({ logger, registry, health: dependencies.health });
  await app.listen({ host: config.SMARTCHAT_HTTP_HOST, port: config.SMARTCHAT_HTTP_PORT });
  const address = app.server.address();
  const listeningPort = typeof address === 'object' && address ? address.port : config.SMARTCHAT_HTTP_PORT;
  const target = config.SMARTCHAT_PROMETHEUS_SD_DIR
    ? registerScrapeTarget({ dir: config.SMARTCHAT_PROMETHEUS_SD_DIR, service: 'chat', host: '127.0.0.1', port: listeningPort })
    : undefined;
  logger.info({ port: listeningPort }, 'chat process listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    dependencies.health.markShuttingDown();
    target?.unregister();
    await app.close();
    await dependencies.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
