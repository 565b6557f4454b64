// Entry point of the `chat` role.
import { ConfigError, loadConfig, registerScrapeTarget } from '@smartchat/platform';
import { createChatProcess } from './chat-process.js';
import { chatConfigSchema } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig(chatConfigSchema);
  const chat = await createChatProcess(config);
  const { port, opsPort } = await chat.listen(config.SMARTCHAT_HTTP_HOST, config.SMARTCHAT_HTTP_PORT, config.SMARTCHAT_OPS_PORT);
  // Prometheus scrapes the operations port: /metrics is not on the public one.
  const target = config.SMARTCHAT_PROMETHEUS_SD_DIR
    ? registerScrapeTarget({ dir: config.SMARTCHAT_PROMETHEUS_SD_DIR, service: 'chat', host: '127.0.0.1', port: opsPort })
    : undefined;
  chat.logger.info({ port, opsPort }, 'chat process listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    chat.logger.info({ signal }, 'shutting down');
    target?.unregister();
    await chat.close();
    process.exit(0);
  };
  // A library promise nobody awaits (the socket.io Redis adapter publishes without a catch while
  // Redis is down) must not take the process with it: log it and carry on.
  process.on('unhandledRejection', (reason) => chat.logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
