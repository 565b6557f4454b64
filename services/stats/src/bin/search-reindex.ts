// `search-reindex [--after CONVERSATION_ID]`: rebuilds the search index from the message store
// (search/reindex.ts) while search keeps working, printing its progress to stderr every few
// seconds. Exit status 0 done, 1 failed, 2 wrong usage.
import { cassandraCredentials, ConfigError, connectCassandra, createCassandraClient, createLogger, createPgPool, infraConfigSchema, loadConfig } from '@smartchat/platform';
import { MessageSource } from '../search/message-source.js';
import { reindex, type ReindexProgress } from '../search/reindex.js';

const USAGE = 'usage: search-reindex [--after CONVERSATION_ID]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const configSchema = infraConfigSchema.pick({
  SMARTCHAT_PG_URL: true,
  SMARTCHAT_CASSANDRA_CONTACT_POINTS: true,
  SMARTCHAT_CASSANDRA_LOCAL_DC: true,
  SMARTCHAT_CASSANDRA_KEYSPACE: true,
  SMARTCHAT_CASSANDRA_USERNAME: true,
  SMARTCHAT_CASSANDRA_PASSWORD: true,
  SMARTCHAT_LOG_LEVEL: true,
});

/** One line of progress: how far, how fast, how long still. */
export function progressLine(progress: ReindexProgress): string {
  const share = progress.conversationsTotal === 0 ? 100 : (100 * progress.conversationsDone) / progress.conversationsTotal;
  const rate = progress.elapsedMs > 0 ? (progress.messages * 1000) / progress.elapsedMs : 0;
  const perConversation = progress.conversationsDone > 0 ? progress.elapsedMs / progress.conversationsDone : 0;
  const leftSeconds = Math.round((perConversation * (progress.conversationsTotal - progress.conversationsDone)) / 1000);
  return `search-reindex: ${progress.conversationsDone}/${progress.conversationsTotal} conversations (${share.toFixed(1)}%), ${progress.messages} messages (${Math.round(rate)}/s), ${progress.removed} removed, about ${leftSeconds} s left; last ${progress.lastConversationId ?? '-'}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let after: string | undefined;
  if (args.length === 2 && args[0] === '--after' && UUID.test(args[1]!)) after = args[1];
  else if (args.length !== 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(configSchema);
  const logger = createLogger({ service: 'search-reindex', level: config.SMARTCHAT_LOG_LEVEL });
  const pool = createPgPool({ url: config.SMARTCHAT_PG_URL, logger, max: 10, applicationName: 'smartchat-search-reindex' });
  const cql = createCassandraClient({ contactPoints: config.SMARTCHAT_CASSANDRA_CONTACT_POINTS, localDataCenter: config.SMARTCHAT_CASSANDRA_LOCAL_DC, ...cassandraCredentials(config) });
  try {
    await connectCassandra(cql, logger);
    let printed = 0;
    const result = await reindex({
      pool,
      source: new MessageSource(cql, config.SMARTCHAT_CASSANDRA_KEYSPACE),
      ...(after ? { after } : {}),
      onProgress: (progress) => {
        if (performance.now() - printed < 2000) return;
        printed = performance.now();
        console.error(progressLine(progress));
      },
    });
    console.error(`${progressLine(result)}\nsearch-reindex: done in ${(result.elapsedMs / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  } finally {
    await cql.shutdown();
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
