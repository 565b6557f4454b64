// Entry point of the `mail` role (the e-mail channel: services/chat/src/mail/mail-process.ts).
import { ConfigError, loadConfig, registerScrapeTarget } from '@smartchat/platform';
import { chatConfigSchema } from './config.js';
import { createMailProcess } from './mail/mail-process.js';

async function main(): Promise<void> {
  const config = loadConfig(chatConfigSchema);
  const mail = await createMailProcess(config);
  const { opsPort, smtpPort } = await mail.listen(config.SMARTCHAT_HTTP_HOST, config.SMARTCHAT_OPS_PORT);
  const target = config.SMARTCHAT_PROMETHEUS_SD_DIR ? registerScrapeTarget({ dir: config.SMARTCHAT_PROMETHEUS_SD_DIR, service: 'mail', host: '127.0.0.1', port: opsPort }) : undefined;
  mail.logger.info({ opsPort, smtpPort }, 'mail process running');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    mail.logger.info({ signal }, 'shutting down');
    target?.unregister();
    await mail.close();
    process.exit(0);
  };
  process.on('unhandledRejection', (reason) => mail.logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
