// Entry of the demo site: configuration from the environment, one log line with its URL. The
// back-office data answers only chat's service token (signed with the shared secret).
import { verifyChatServiceToken } from '@smartchat/chat/tokens';
import { ConfigError, createLogger, loadConfig, port, repoRoot, url } from '@smartchat/platform';
import { join } from 'node:path';
import { DemoBackoffice } from './backoffice.js';
import { z } from 'zod';
import { startDemoSite } from './server.js';

const demoConfigSchema = z.object({
  SMARTCHAT_DEMO_HOST: z.string().min(1).default('127.0.0.1'),
  SMARTCHAT_DEMO_PORT: port().default(17330),
  /** Where browsers reach chat (the widget's loader and frame). */
  SMARTCHAT_CHAT_PUBLIC_URL: url(['http', 'https']).default('http://127.0.0.1:17300'),
  SMARTCHAT_CUSTOMER_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** The integration's credentials, written by the seed (make dev); the back-office's buttons use them. */
  SMARTCHAT_DEMO_INTEGRATION_FILE: z.string().min(1).default(join(repoRoot, 'var/dev/demo-integration.json')),
});

async function main(): Promise<void> {
  const config = loadConfig(demoConfigSchema);
  const logger = createLogger({ service: 'demo-site' });
  const secret = config.SMARTCHAT_CUSTOMER_TOKEN_SECRET;
  const site = await startDemoSite({
    host: config.SMARTCHAT_DEMO_HOST,
    port: config.SMARTCHAT_DEMO_PORT,
    chatUrl: config.SMARTCHAT_CHAT_PUBLIC_URL,
    customerTokenSecret: secret,
    backoffice: new DemoBackoffice(DemoBackoffice.fromFile(config.SMARTCHAT_DEMO_INTEGRATION_FILE)),
    authorizeBackoffice: (header) => verifyChatServiceToken(header?.match(/^Bearer (\S+)$/i)?.[1], secret).then(
      () => true,
      () => false,
    ),
  });
  logger.info({ url: site.url, chat: config.SMARTCHAT_CHAT_PUBLIC_URL }, `demo site at ${site.url}`);
  const stop = () => void site.close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
