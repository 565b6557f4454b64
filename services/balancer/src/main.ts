// Entry point of the `balancer` role.
import { ConfigError, loadConfig, registerScrapeTarget } from '@smartchat/platform';
import { startBalancerProcess } from './balancer-process.js';
import { balancerConfigSchema } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig(balancerConfigSchema);
  const balancer = await startBalancerProcess(config);
  const target = config.SMARTCHAT_PROMETHEUS_SD_DIR
    ? registerScrapeTarget({ dir: config.SMARTCHAT_PROMETHEUS_SD_DIR, service: 'balancer', host: '127.0.0.1', port: balancer.port })
    : undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    balancer.logger.info({ signal }, 'shutting down');
    target?.unregister();
    await balancer.close();
    process.exit(0);
  };
  process.on('unhandledRejection', (reason) => balancer.logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
