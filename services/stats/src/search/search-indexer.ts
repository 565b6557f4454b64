// The search indexer: its own consumer group on the events topic (smartchat-search), in the stats
// role. A message event (created, edited, deleted, restored) makes it read that message from the
// message store as it is now and write it into search_messages; a message the store does not have
// is removed. Writing the current state makes every event idempotent and replayable: a redelivered
// batch, or the whole topic read again, leaves the same index. A batch is written before its
// offsets are committed; a store that is down is waited for (with backoff), never skipped.
import { backoffDelay, Counter, Histogram, sleep, type Consumer, type EachBatchPayload, type Kafka, type Logger, type Registry } from '@smartchat/platform';
import type pg from 'pg';
import { parseEventRecord } from '../pipeline/envelope.js';
import { eachLimited } from './each-limited.js';
import { IndexWriter } from './index-writer.js';
import { messageTime, type IndexDocument, type MessageSource } from './message-source.js';

export const SEARCH_CONSUMER_GROUP = 'smartchat-search';

const MESSAGE_EVENTS = new Set(['message.created', 'message.edited', 'message.deleted', 'message.restored']);
/** Messages read from the store at once. */
const READ_CONCURRENCY = 16;

export interface SearchIndexerMetrics {
  /** The message's time (a new message) or the change's (an edit, a deletion) → searchable. */
  lag: Histogram;
  indexed: Counter<'action'>;
  skipped: Counter<'reason'>;
}

export function createSearchIndexerMetrics(registry: Registry): SearchIndexerMetrics {
  const metrics: SearchIndexerMetrics = {
    lag: new Histogram({
      name: 'smartchat_search_index_lag_seconds',
      help: 'A message accepted (or changed) until it is searchable: the search index committed it',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
      registers: [registry],
    }),
    indexed: new Counter({ name: 'smartchat_search_indexed_total', help: 'Messages written to (upsert) or removed from (remove) the search index', labelNames: ['action'], registers: [registry] }),
    skipped: new Counter({ name: 'smartchat_search_skipped_records_total', help: 'Records of the events topic the search indexer could not read, by reason', labelNames: ['reason'], registers: [registry] }),
  };
  for (const action of ['upsert', 'remove']) metrics.indexed.inc({ action }, 0);
  return metrics;
}

export interface SearchIndexerOptions {
  kafka: Kafka;
  /** The main database (search_messages lives next to conversations). */
  pool: pg.Pool;
  source: MessageSource;
  topic: string;
  groupId?: string;
  logger: Logger;
  metrics: SearchIndexerMetrics;
  /** How long a batch that is not full waits for more records (ms). */
  maxBatchWaitMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

interface Wanted {
  conversationId: string;
  messageId: string;
  /** When it became true (accepted, or changed): the lag is measured from here. */
  since: number;
}

export class SearchIndexer {
  private readonly consumer: Consumer;
  private readonly writer: IndexWriter;
  private readonly stopping = new AbortController();
  private readonly log: Logger;

  constructor(private readonly options: SearchIndexerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId ?? SEARCH_CONSUMER_GROUP, sessionTimeout: options.sessionTimeoutMs, heartbeatInterval: options.heartbeatIntervalMs });
    this.writer = new IndexWriter(options.pool);
    this.log = options.logger.child({ component: 'search-indexer' });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    // A new group reads every event Kafka still has; older messages come from a rebuild (search-reindex).
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({ eachBatch: (payload) => this.handle(payload), maxBatchSize: 2000, maxBatchWaitMs: this.options.maxBatchWaitMs ?? 50, autoCommit: true });
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error('search indexer stopping'));
    await this.consumer.disconnect();
  }

  private async handle({ messages }: EachBatchPayload): Promise<void> {
    const wanted = new Map<string, Wanted>();
    for (const { message } of messages) {
      const parsed = parseEventRecord(message.value);
      if (!parsed.ok) {
        // The statistics pipeline keeps these as dead letters; search has nothing to index in them.
        this.options.metrics.skipped.inc({ reason: parsed.reason });
        continue;
      }
      const { event } = parsed;
      if (!MESSAGE_EVENTS.has(event.type) || !('conversationId' in event)) continue;
      const data = event.data as { messageId?: unknown; acceptedAt?: unknown };
      if (typeof data.messageId !== 'string') continue;
      const since = event.type === 'message.created' && typeof data.acceptedAt === 'string' ? Date.parse(data.acceptedAt) : parsed.occurredAt.getTime();
      const earlier = wanted.get(data.messageId);
      wanted.set(data.messageId, { conversationId: event.conversationId, messageId: data.messageId, since: Math.min(earlier?.since ?? Infinity, Number.isNaN(since) ? parsed.occurredAt.getTime() : since) });
    }
    if (wanted.size === 0) return;
    await this.untilDone(() => this.index([...wanted.values()]));
    const now = Date.now();
    for (const item of wanted.values()) this.options.metrics.lag.observe(Math.max(0, now - item.since) / 1000);
  }

  private async index(items: readonly Wanted[]): Promise<void> {
    const found = await eachLimited(items, READ_CONCURRENCY, async (item) => ({ item, document: await this.readMessage(item) }));
    const documents = found.flatMap(({ document }) => (document ? [document] : []));
    const missing = found.filter(({ document }) => document === undefined).map(({ item }) => item);
    await this.writer.upsert(documents);
    // Not in the store: nothing to find (a message id that is not a message's is never indexed).
    await this.writer.remove(missing.flatMap((item) => (isTimeUuid(item.messageId) ? [{ messageId: item.messageId, createdAt: messageTime(item.messageId) }] : [])));
    this.options.metrics.indexed.inc({ action: 'upsert' }, documents.length);
    this.options.metrics.indexed.inc({ action: 'remove' }, missing.length);
  }

  private async readMessage(item: Wanted): Promise<IndexDocument | undefined> {
    if (!isTimeUuid(item.messageId)) return undefined;
    return this.options.source.get(item.conversationId, item.messageId);
  }

  private async untilDone(work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      this.stopping.signal.throwIfAborted();
      try {
        return await work();
      } catch (error) {
        this.log.warn({ err: error, attempt: attempt + 1 }, 'search index batch not written yet; trying again');
        await sleep(backoffDelay(attempt, 200, 10_000), this.stopping.signal).catch(() => undefined);
      }
    }
  }
}

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const isTimeUuid = (id: string): boolean => TIME_UUID.test(id);
