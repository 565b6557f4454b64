// Index lag at the seed load, into the 10-million-message index: a real chat process on the corpus
// database (its own keyspace, vhost and events topic), the stats role's search indexer consuming
// that topic, and customers writing through the REST API at 27.8 messages/s (the case's 100,000
// messages an hour), then at five times that. A message's lag is exact, from the index itself:
// indexed_at (PostgreSQL's clock when the indexer wrote the row) minus created_at (the message's
// time, from its timeuuid: when chat accepted it). Every message must arrive, and one is searched
// for through the API's code. What the run wrote is removed from the corpus afterwards.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { signCustomerToken } from '@smartchat/chat/tokens';
import { createKafka, createLogger, createMetricsRegistry, type Logger, type PgPool } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { searchIndexerConfigSchema, startSearchIndexer } from '@smartchat/stats';
import { startBenchRedis } from '../bench-redis.js';
import { startChatNode } from '../chat-nodes.js';
import { prepareEnvironment } from '../environment.js';
import { log, sleep } from '../orchestration.js';

export interface LagStep {
  targetPerSec: number;
  durationS: number;
  sent: number;
  achievedPerSec: number;
  indexed: number;
  lagMs: { p50: number; p95: number; p99: number; max: number };
}

export interface LiveFigures {
  steps: LagStep[];
  targetP99Ms: number;
  met: boolean;
  /** A message of the run, searched for by its unique word through the API's code, was found. */
  searchable: boolean;
}

const CUSTOMERS = 40;

export async function measureIndexLag(options: { corpusUrl: string; corpusPool: PgPool; resultsDir: string; steps: { perSec: number; seconds: number }[]; targetP99Ms: number; logger: Logger }): Promise<LiveFigures> {
  const { corpusPool: pool, logger } = options;
  const local = readLocalEnv();
  const runId = randomBytes(4).toString('hex');
  const logDir = join(options.resultsDir, 'logs', 'search');
  mkdirSync(logDir, { recursive: true });
  const redis = await startBenchRedis({ shared: false, sharedDb: 13, sharedPid: undefined, logDir, logger });
  const environment = await prepareEnvironment({ agents: 0, redisUrl: redis.url, logger, log });
  const topic = `smartchat.search-bench.${runId}`;
  const admin = createKafka({ brokers: local.SMARTCHAT_KAFKA_BROKERS!.split(','), clientId: 'smartchat-bench-search', logger }).admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 12, replicationFactor: -1 }] });
  const env = { ...environment.chatEnv, SMARTCHAT_PG_URL: options.corpusUrl, SMARTCHAT_EVENTS_TOPIC: topic };
  const chat = await startChatNode('search-chat', env, logDir, 120_000);
  const indexer = await startSearchIndexer({
    config: searchIndexerConfigSchema.parse({ ...env, SMARTCHAT_SEARCH_CONSUMER_GROUP: `smartchat-search-bench-${runId}` }),
    pool,
    logger: createLogger({ service: 'search-indexer', level: 'warn' }),
    registry: createMetricsRegistry('stats'),
  });
  const conversations: string[] = [];
  const customers: string[] = [];
  try {
    await sleep(3000); // the consumers join their groups
    const tokens = await Promise.all(
      Array.from({ length: CUSTOMERS }, (_, index) => signCustomerToken(environment.customerTokenSecret, { externalId: `search-bench-${runId}-${index}`, name: `Клиент ${index}`, email: `search-bench-${runId}-${index}@bench.test` }, 3600)),
    );
    for (const token of tokens) {
      const response = await fetch(`${chat.url}/v1/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ topic: 'Поиск: замер' }) });
      if (response.status !== 201) throw new Error(`opening a conversation: ${response.status} ${await response.text()}`);
      conversations.push(((await response.json()) as { conversation: { id: string } }).conversation.id);
    }
    customers.push(...(await pool.query<{ customer_id: string }>('SELECT DISTINCT customer_id FROM conversations WHERE id = ANY($1::uuid[])', [conversations])).rows.map((row) => row.customer_id));
    const { rows: sentences } = await pool.query<{ body: string }>('SELECT body FROM bench.sentences WHERE id % 997 = 0 ORDER BY id');

    const steps: LagStep[] = [];
    let sequence = 0;
    for (const step of options.steps) {
      const ids: string[] = [];
      const failures: string[] = [];
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      const total = Math.round(step.perSec * step.seconds);
      for (let index = 0; index < total; index += 1) {
        const due = started + (index * 1000) / step.perSec;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const slot = sequence++;
        const body = `${sentences[slot % sentences.length]!.body} метка${runId}n${slot}`;
        const send = fetch(`${chat.url}/v1/conversations/${conversations[slot % CUSTOMERS]}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[slot % CUSTOMERS]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientMessageId: randomUUID(), body }),
        }).then(async (response) => {
          if (response.status !== 202) failures.push(`${response.status} ${await response.text()}`);
          else ids.push(((await response.json()) as { id: string }).id);
        });
        inFlight.add(send);
        void send.finally(() => inFlight.delete(send));
        if (inFlight.size > 200) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      const elapsedS = (performance.now() - started) / 1000;
      if (failures.length > 0) throw new Error(`${failures.length} messages refused, e.g. ${failures[0]}`);
      // Every accepted message must reach the index.
      const deadline = Date.now() + 60_000;
      let indexed = 0;
      while (Date.now() < deadline) {
        indexed = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM search_messages WHERE message_id = ANY($1::uuid[])', [ids])).rows[0]!.n);
        if (indexed === ids.length) break;
        await sleep(250);
      }
      const { rows } = await pool.query<{ p50: number; p95: number; p99: number; max: number }>(
        `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
                percentile_disc(0.99) WITHIN GROUP (ORDER BY lag) AS p99, max(lag) AS max
           FROM (SELECT extract(epoch FROM indexed_at - created_at) * 1000 AS lag FROM search_messages WHERE message_id = ANY($1::uuid[])) lags`,
        [ids],
      );
      const lag = rows[0]!;
      const round = (value: number) => Math.round(Number(value));
      steps.push({ targetPerSec: step.perSec, durationS: Math.round(elapsedS), sent: ids.length, achievedPerSec: Math.round((ids.length / elapsedS) * 10) / 10, indexed, lagMs: { p50: round(lag.p50), p95: round(lag.p95), p99: round(lag.p99), max: round(lag.max) } });
      log(`search lag: ${step.perSec}/s for ${Math.round(elapsedS)} s: ${indexed}/${ids.length} indexed, lag p50 ${round(lag.p50)} ms, p99 ${round(lag.p99)} ms, max ${round(lag.max)} ms`);
    }
    const probe = `метка${runId}n${Math.max(0, sequence - 1)}`;
    const found = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM search_messages WHERE tsv @@ phraseto_tsquery('smartchat_search', $1)`, [probe]);
    const seedStep = steps[0];
    return {
      steps,
      targetP99Ms: options.targetP99Ms,
      met: seedStep !== undefined && seedStep.indexed === seedStep.sent && seedStep.lagMs.p99 <= options.targetP99Ms,
      searchable: Number(found.rows[0]!.n) === 1,
    };
  } finally {
    await indexer.close().catch(() => undefined);
    await chat.stop();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    // The corpus stays as it was generated.
    await pool.query('DELETE FROM search_messages WHERE conversation_id = ANY($1::uuid[])', [conversations]);
    await pool.query('DELETE FROM conversations WHERE id = ANY($1::uuid[])', [conversations]).catch((error: unknown) => log(`search lag: the run's conversations stay in the corpus: ${String(error)}`));
    await pool.query('DELETE FROM customers WHERE id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = customers.id)', [customers]).catch(() => undefined);
    await environment.teardown(false);
    await redis.stop();
  }
}
