// The Kafka side of the pipeline: one member of the consumer group reading the events topic, a
// batch of records at a time (every record already fetched, up to maxBatchSize: one when traffic is
// light, hundreds from a backlog), stored in one transaction. A batch's effects are committed in
// the store before its offsets are committed in Kafka; a crash in between redelivers it, and the
// event ids make that a no-op. A record that can never be stored is a dead letter, and its
// partition moves on; when such a record spoils a batch's transaction, that batch is stored again
// one record at a time, so that only the bad record is dead-lettered. A store that is down is
// waited for (the batch is tried again with backoff), never skipped.
import { backoffDelay, sleep, type Consumer, type EachBatchPayload, type Kafka, type Logger } from '@smartchat/platform';
import type pg from 'pg';
import { type DeadLetterReason, type ParsedRecord, parseEventRecord } from './envelope.js';
import { ingestBatch, ingestEvent, type GoodRecord, type RecordPosition, storeDeadLetter } from './ingest.js';
import { MonthPartitions } from './partitions.js';
import type { PipelineMetrics } from './pipeline-metrics.js';
import type { DerivationCache } from './derivation-cache.js';
import { DerivationError } from './subjects.js';

export const STATS_CONSUMER_GROUP = 'smartchat-stats';

export interface EventsConsumerOptions {
  kafka: Kafka;
  pool: pg.Pool;
  topic: string;
  groupId: string;
  logger: Logger;
  metrics: PipelineMetrics;
  /** false: offsets are never committed, as if the process died right after each write (tests). */
  commitOffsets?: boolean;
  /** The most records stored in one transaction (default 5000; 1: one record at a time). */
  maxBatchSize?: number;
  /** How long a batch that is not full waits for more records (default 0: none). */
  maxBatchWaitMs?: number;
  /** What this process derived before (none: every derivation reads its conversation in full). */
  cache?: DerivationCache;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

/** PostgreSQL refused the values themselves (SQLSTATE classes 22 and 23): trying again cannot help. */
function isUnstorable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/** A record of a batch as it came, and what it is. */
interface Received {
  position: RecordPosition;
  parsed: ParsedRecord;
  key: string | null;
  record: string;
}

/** Where a batch came from, for the logs: its topic and each partition's offsets. */
function describe(records: readonly Received[]): { topic: string; records: number; offsets: Record<number, string> } {
  const offsets: Record<number, string> = {};
  for (const { position } of records) {
    const first = offsets[position.partition]?.split('..')[0];
    offsets[position.partition] = first === undefined ? position.offset : `${first}..${position.offset}`;
  }
  return { topic: records[0]?.position.topic ?? '', records: records.length, offsets };
}

export class EventsConsumer {
  private readonly consumer: Consumer;
  private readonly partitions: MonthPartitions;
  private readonly stopping = new AbortController();
  private readonly log: Logger;

  constructor(private readonly options: EventsConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, sessionTimeout: options.sessionTimeoutMs, heartbeatInterval: options.heartbeatIntervalMs });
    this.partitions = new MonthPartitions(options.pool);
    this.log = options.logger.child({ component: 'stats-consumer', groupId: options.groupId, topic: options.topic });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    // A new group starts at the oldest event Kafka still has: statistics want all of them.
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      eachBatch: (payload) => this.handle(payload),
      maxBatchSize: this.options.maxBatchSize ?? 5000,
      maxBatchWaitMs: this.options.maxBatchWaitMs ?? 0,
      autoCommit: this.options.commitOffsets ?? true,
    });
  }

  /** Finishes the batch in hand (its offsets are committed), then leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('stats consumer stopping'));
    await this.consumer.disconnect();
  }

  private async handle({ topic, messages }: EachBatchPayload): Promise<void> {
    const received = performance.now();
    const records: Received[] = messages.map(({ partition, message }) => ({
      position: { topic, partition, offset: message.offset },
      parsed: parseEventRecord(message.value),
      key: message.key?.toString() ?? null,
      record: message.value?.toString() ?? '',
    }));
    await this.untilDone(records, () => this.store(records));
    const { metrics } = this.options;
    const committed = Date.now();
    const seconds = (performance.now() - received) / 1000;
    for (const { parsed } of records) {
      if (parsed.ok) {
        metrics.events.inc({ type: parsed.event.type });
        metrics.eventAge.observe(Math.max(0, committed - parsed.occurredAt.getTime()) / 1000);
      }
      metrics.processing.observe(seconds);
    }
  }

  /**
   * The records that are not events become dead letters first (each writes its partition's
   * progress, which the batch's transaction then moves past), then the events are stored together.
   */
  private async store(records: readonly Received[]): Promise<void> {
    for (const item of records) if (!item.parsed.ok) await this.deadLetter(item.position, { reason: item.parsed.reason, detail: item.parsed.detail, key: item.key, record: item.record });
    const events = records.flatMap((item) => (item.parsed.ok ? [item.parsed] : []));
    if (events.length === 0) return;
    try {
      await ingestBatch(this.options.pool, events, { partitions: this.partitions, positions: records.map((item) => item.position), cache: this.options.cache });
    } catch (error) {
      if (!(error instanceof DerivationError) && !isUnstorable(error)) throw error;
      // One record spoilt the transaction, and nothing of it was stored: one at a time, in order, so
      // that only that record is dead-lettered (the dead letters above are recorded once).
      this.log.info({ kafka: describe(records), err: error }, 'a record of the batch cannot be stored; storing the batch one record at a time');
      for (const item of records) await this.storeOne(item);
    }
  }

  private async storeOne({ position, parsed, key, record }: Received): Promise<void> {
    if (!parsed.ok) return this.deadLetter(position, { reason: parsed.reason, detail: parsed.detail, key, record });
    try {
      await ingestEvent(this.options.pool, parsed, { partitions: this.partitions, position, cache: this.options.cache });
    } catch (error) {
      if (error instanceof DerivationError) return this.deadLetter(position, { reason: 'derivation_failed', detail: error.message, key, record }, parsed);
      if (isUnstorable(error)) return this.deadLetter(position, { reason: 'unstorable', detail: (error as Error).message, key, record });
      throw error;
    }
  }

  private async deadLetter(position: RecordPosition, letter: { reason: DeadLetterReason; detail: string; key: string | null; record: string }, keep?: GoodRecord): Promise<void> {
    const stored = await storeDeadLetter(this.options.pool, letter, position, keep ? { record: keep, partitions: this.partitions } : undefined);
    if (!stored) return;
    this.options.metrics.deadLetters.inc({ reason: letter.reason });
    this.log.warn({ kafka: position, key: letter.key, reason: letter.reason, detail: letter.detail }, 'record dead-lettered; its partition moves on');
  }

  /** Runs `work` until it succeeds; while stopping, gives up so that the batch is not committed. */
  private async untilDone(records: readonly Received[], work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      // Throwing ends the consumer's loop without committing this batch: the next owner gets it.
      this.stopping.signal.throwIfAborted();
      try {
        return await work();
      } catch (error) {
        this.log.warn({ err: error, kafka: describe(records), attempt: attempt + 1 }, 'records not stored yet; trying again');
        await sleep(backoffDelay(attempt, 200, 10_000), this.stopping.signal).catch(() => undefined);
      }
    }
  }
}
