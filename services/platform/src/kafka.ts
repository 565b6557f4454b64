// Kafka through @platformatic/kafka. Smartchat produces domain events keyed by conversation
// (idempotent producer), creates its topics, and reads them back (the stats process, tests, the
// benchmark); this file is the one place that knows the client library. What it exports is the
// small surface the code uses, in the shape it has always had (`kafka.admin()`,
// `producer.send({ topic, messages })`, `consumer.run({ eachMessage })`, and for batches
// `consumer.run({ eachBatch })`), so that callers do not depend on the library.
//
// Producers retry a failed request for ever with backoff (a send waits out a broker restart and
// never fails half-way, so the idempotent producer keeps its id and the broker drops a retried
// batch it already has); callers bound the wait with their own timeout. Other clients retry a
// few times (`retries`). Connections are opened on demand and again after a broker restart.
import {
  Admin as AdminClient,
  compatibilityPartitioner,
  Consumer as ConsumerClient,
  findErrorBy,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer as ProducerClient,
  type Message,
  type MessagesStream,
  type Serializers,
} from '@platformatic/kafka';
import { sleep } from './backoff.js';
import type { Logger } from './logger.js';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Retries of admin and consumer requests (producers retry for ever). */
  retries?: number;
  /** For clients whose failures are reported elsewhere (readiness): retries are not logged. */
  quiet?: boolean;
}

export interface ProducerMessage {
  key?: string | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

export interface ProducerRecord {
  topic: string;
  /** -1 (default): every in-sync replica has the records; 1: the leader has them. */
  acks?: number;
  /** Accepted for compatibility; the client-wide request timeout applies. */
  timeout?: number;
  messages: ProducerMessage[];
}

export interface RecordMetadata {
  topicName: string;
  partition: number;
  /** The offset of the request's first record in this partition. */
  baseOffset: string;
}

export interface Producer {
  /** Resolves once the broker answers (rejects after the client's retries). */
  connect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
  disconnect(): Promise<void>;
}

export interface TopicPartitionOffset {
  partition: number;
  offset: string;
}

export interface Admin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  describeCluster(): Promise<{ brokers: { nodeId: number; host: string; port: number }[] }>;
  listTopics(): Promise<string[]>;
  /** Resolves to false when every topic existed already. */
  createTopics(options: { topics: { topic: string; numPartitions?: number; replicationFactor?: number }[]; waitForLeaders?: boolean }): Promise<boolean>;
  deleteTopics(options: { topics: string[] }): Promise<void>;
  /** The end of each partition (the offset the next record will get). */
  fetchTopicOffsets(topic: string): Promise<TopicPartitionOffset[]>;
  /** Each partition's first offset at or after `timestamp` (epoch ms), or its end. */
  fetchTopicOffsetsByTimestamp(topic: string, timestamp: number): Promise<TopicPartitionOffset[]>;
  deleteGroups(groupIds: string[]): Promise<void>;
}

export interface KafkaMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  offset: string;
  timestamp: string;
}

export interface EachMessagePayload {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** One record of a batch, with the partition it came from. */
export interface BatchMessage {
  partition: number;
  message: KafkaMessage;
}

export interface EachBatchPayload {
  topic: string;
  /**
   * Records of one topic, of one or more of its partitions: each partition's records in their
   * order, consecutive offsets unless the partition was compacted or held transaction markers.
   */
  messages: BatchMessage[];
}

/** How `run()` consumes: one record at a time, or every record already fetched at once. */
export type RunOptions = { autoCommit?: boolean } & (
  | { eachMessage: (payload: EachMessagePayload) => Promise<void>; eachBatch?: never; maxBatchSize?: never; maxBatchWaitMs?: never }
  | {
      eachBatch: (payload: EachBatchPayload) => Promise<void>;
      /** The most records of a batch (default 500). */
      maxBatchSize?: number;
      /**
       * After the first record of a batch, how long to let more arrive before handing it over,
       * unless the batch is full already (default 0: never wait). A handler with a high cost per
       * batch and little per record takes a few hundred milliseconds of latency for far fewer batches.
       */
      maxBatchWaitMs?: number;
      eachMessage?: never;
    }
);

export interface ConsumerOptions {
  groupId: string;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  maxWaitTimeInMs?: number;
  /** Accepted for compatibility: topics are never created by consumers. */
  allowAutoTopicCreation?: boolean;
}

export interface Consumer {
  connect(): Promise<void>;
  subscribe(options: { topic: string; fromBeginning?: boolean }): Promise<void>;
  /**
   * Consumes the subscribed topics. Without seeks a partition starts at the group's committed
   * offset, or at the start (fromBeginning) or the end of the partition. Seeks made right after
   * `run()` resolves decide where their partitions start.
   *
   * `eachMessage` gets one record at a time; with autoCommit (the default) its offset is committed
   * once `eachMessage` resolved. `eachBatch` gets the record that arrived together with every record
   * already fetched behind it (of the same topic, at most `maxBatchSize`): without
   * `maxBatchWaitMs` it never waits for more, so a lone record comes at once and a backlog comes in
   * large batches; with it, a batch that is not full waits that long for more first. With autoCommit, each
   * partition's last offset in the batch is committed once `eachBatch` resolved. A handler that
   * throws stops the consumer without committing what it was given: the partitions' next owner
   * (after `disconnect()`) gets those records again.
   */
  run(options: RunOptions): Promise<void>;
  seek(options: { topic: string; partition: number; offset: string }): void;
  disconnect(): Promise<void>;
}

export interface Kafka {
  admin(): Admin;
  producer(): Producer;
  consumer(options: ConsumerOptions): Consumer;
}

// Records are strings or Buffers one way, Buffers the other (what readers decode is theirs).
const toBuffer = (data?: string | Buffer | null): Buffer | undefined => (data === undefined || data === null ? undefined : Buffer.isBuffer(data) ? data : Buffer.from(data));
const serializers: Serializers<string | Buffer | null, string | Buffer | null, string, string> = {
  key: toBuffer,
  value: toBuffer,
  headerKey: toBuffer,
  headerValue: toBuffer,
};

/** 200 ms, doubling, at most 5 s, with jitter so that restarted clients do not retry in step. */
export function retryDelayMs(attempt: number): number {
  const delay = Math.min(5000, 200 * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** What a failed request's error says, down its chain of causes (the library nests them). */
export function describeKafkaError(error: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || parts.length >= 6 || !(value instanceof Error)) return;
    const code = (value as Error & { apiId?: string; code?: string }).apiId ?? (value as Error & { code?: string }).code;
    parts.push(code ? `${value.message} [${code}]` : value.message);
    const nested = (value as Error & { errors?: unknown[] }).errors;
    // A retried request keeps every earlier failure; the newest says what is wrong now.
    if (Array.isArray(nested) && nested.length > 0) visit(nested[nested.length - 1], depth + 1);
    else visit(value.cause, depth + 1);
  };
  visit(error, 0);
  return parts.join(' <- ');
}

export function createKafka(options: KafkaOptions): Kafka {
  const log = options.logger.child({ component: 'kafka' });
  const base = {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    connectTimeout: 3000,
    timeout: 10_000,
    retries: options.retries ?? 8,
    // The library asks for the delay before each retry, with the error that caused it: the one
    // place that sees why a request is retried, so the retry is logged here.
    retryDelay: (_client: unknown, operation: string, attempt: number, _retries: number, error?: unknown): number => {
      const delay = retryDelayMs(attempt);
      if (!options.quiet) log.warn({ kafka: { clientId: options.clientId, operation, attempt, delayMs: delay, error: describeKafkaError(error) } }, 'kafka request failed; retrying');
      return delay;
    },
  };
  return {
    admin: () => new KafkaAdmin(() => {
      const client = new AdminClient(base);
      return client;
    }),
    producer: () => {
      const client = new ProducerClient({
        ...base,
        retries: Number.MAX_SAFE_INTEGER,
        idempotent: true,
        acks: ProduceAcks.ALL,
        // Java's (and kafkajs') murmur2 partitioner: a key keeps the partition it always had.
        partitioner: compatibilityPartitioner,
        serializers,
      });
      return new KafkaProducer(client, options.retries ?? 8);
    },
    consumer: (consumerOptions) => new GroupConsumer(consumerOptions, () => {
      const client = new ConsumerClient({
        ...base,
        groupId: consumerOptions.groupId,
        sessionTimeout: consumerOptions.sessionTimeout ?? 30_000,
        heartbeatInterval: consumerOptions.heartbeatInterval ?? 3000,
        maxWaitTime: consumerOptions.maxWaitTimeInMs ?? 5000,
      });
      return client;
    }, log),
  };
}

/** An idempotent producer: a retried send never writes a message twice into a partition. */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer();
}

export async function pingKafka(admin: Admin): Promise<void> {
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length === 0) throw new Error('kafka cluster has no brokers');
}

/** Creates the topics that do not exist yet (idempotent; racing creators are fine). */
export async function ensureTopics(admin: Admin, topics: { topic: string; numPartitions: number }[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic.topic));
  if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ ...topic, replicationFactor: -1 })) });
}

class KafkaProducer implements Producer {
  constructor(
    private readonly client: ProducerClient<string | Buffer | null, string | Buffer | null, string, string>,
    private readonly connectRetries: number,
  ) {}

  async connect(): Promise<void> {
    await this.client.metadata({ topics: [], forceUpdate: true, retries: this.connectRetries });
  }

  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const result = await this.client.send({
      acks: record.acks ?? ProduceAcks.ALL,
      messages: record.messages.map((message) => ({ topic: record.topic, key: message.key, value: message.value, headers: message.headers })),
    });
    return (result.offsets ?? []).map((entry) => ({ topicName: entry.topic, partition: entry.partition, baseOffset: String(entry.offset) }));
  }

  async disconnect(): Promise<void> {
    await this.client.close();
  }
}

class KafkaAdmin implements Admin {
  private client?: AdminClient;

  constructor(private readonly create: () => AdminClient) {}

  private get admin(): AdminClient {
    this.client ??= this.create();
    return this.client;
  }

  async connect(): Promise<void> {
    await this.admin.metadata({ topics: [], forceUpdate: true });
  }

  async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }

  async describeCluster(): Promise<{ brokers: { nodeId: number; host: string; port: number }[] }> {
    const metadata = await this.admin.metadata({ topics: [], forceUpdate: true });
    return { brokers: [...metadata.brokers].map(([nodeId, broker]) => ({ nodeId, host: broker.host, port: broker.port })) };
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async createTopics(options: { topics: { topic: string; numPartitions?: number; replicationFactor?: number }[]; waitForLeaders?: boolean }): Promise<boolean> {
    let created = false;
    for (const topic of options.topics) {
      try {
        await this.admin.createTopics({ topics: [topic.topic], partitions: topic.numPartitions ?? -1, replicas: topic.replicationFactor ?? -1 });
        created = true;
      } catch (error) {
        if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) throw error;
      }
    }
    if (options.waitForLeaders ?? true) await this.waitForLeaders(options.topics.map((topic) => topic.topic));
    return created;
  }

  /** A new topic takes a moment to get a leader for every partition; until then produce fails. */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        if (topics.every((topic) => metadata.topics.get(topic)?.partitions.every((partition) => partition.leader >= 0))) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`kafka: no leader for every partition of ${topics.join(', ')} after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async deleteTopics(options: { topics: string[] }): Promise<void> {
    await this.admin.deleteTopics({ topics: options.topics });
  }

  fetchTopicOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    return this.offsetsAt(topic, -1n);
  }

  async fetchTopicOffsetsByTimestamp(topic: string, timestamp: number): Promise<TopicPartitionOffset[]> {
    const [atTime, end] = await Promise.all([this.offsetsAt(topic, BigInt(timestamp)), this.offsetsAt(topic, -1n)]);
    // A partition with nothing at or after the timestamp answers -1: start at its end.
    return atTime.map((entry) => (entry.offset === '-1' ? end.find((last) => last.partition === entry.partition)! : entry));
  }

  /** timestamp -1: each partition's end; otherwise the first offset at or after it (or -1). */
  private async offsetsAt(topic: string, timestamp: bigint): Promise<TopicPartitionOffset[]> {
    const metadata = await this.admin.metadata({ topics: [topic] });
    const partitions = metadata.topics.get(topic)?.partitionsCount ?? 0;
    const listed = await this.admin.listOffsets({
      topics: [{ name: topic, partitions: Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp })) }],
    });
    return listed.flatMap((entry) => entry.partitions.map((partition) => ({ partition: partition.partitionIndex, offset: String(partition.offset) })));
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    await this.admin.deleteGroups({ groups: groupIds });
  }
}

class GroupConsumer implements Consumer {
  private client?: ConsumerClient;
  private readonly topics = new Set<string>();
  private fromBeginning = false;
  private readonly seeks = new Map<string, { topic: string; partition: number; offset: bigint }>();
  private stream?: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  private started?: Promise<void>;
  private consuming?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly create: () => ConsumerClient,
    private readonly log: Logger,
  ) {}

  private get consumer(): ConsumerClient {
    this.client ??= this.create();
    return this.client;
  }

  async connect(): Promise<void> {
    await this.consumer.metadata({ topics: [], forceUpdate: true });
  }

  async subscribe(options: { topic: string; fromBeginning?: boolean }): Promise<void> {
    this.topics.add(options.topic);
    this.fromBeginning = options.fromBeginning ?? false;
  }

  seek(options: { topic: string; partition: number; offset: string }): void {
    if (this.stream) throw new Error('kafka consumer: seek() after consuming started');
    this.seeks.set(`${options.topic}:${options.partition}`, { topic: options.topic, partition: options.partition, offset: BigInt(options.offset) });
  }

  async run(options: RunOptions): Promise<void> {
    const maxBatchSize = options.maxBatchSize ?? 500;
    if (options.eachBatch && !(Number.isInteger(maxBatchSize) && maxBatchSize >= 1)) throw new Error(`kafka consumer: maxBatchSize must be a whole number of at least 1, not ${maxBatchSize}`);
    const maxBatchWaitMs = options.maxBatchWaitMs ?? 0;
    if (options.eachBatch && !(Number.isFinite(maxBatchWaitMs) && maxBatchWaitMs >= 0)) throw new Error(`kafka consumer: maxBatchWaitMs must be 0 or more, not ${maxBatchWaitMs}`);
    const consumer = this.consumer;
    // Seeks made right after run() resolves (in the caller's continuation) are in by the next turn.
    const started = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      if (this.stopped) return undefined;
      const seeks = [...this.seeks.values()];
      const stream = await consumer.consume({
        topics: [...this.topics],
        autocommit: false,
        // A batch is what the stream has buffered: let it buffer a whole batch's worth.
        ...(options.eachBatch ? { highWaterMark: Math.max(1024, maxBatchSize) } : {}),
        ...(seeks.length > 0
          ? { mode: MessagesStreamModes.MANUAL, offsets: seeks }
          : { mode: MessagesStreamModes.COMMITTED, fallbackMode: this.fromBeginning ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST }),
      });
      this.stream = stream;
      return stream;
    });
    this.started = started.then(() => undefined, () => undefined);
    const autoCommit = options.autoCommit ?? true;
    // Commits of a partition are coalesced by the client (one request in flight, the highest
    // offset wins); close() sends what is left.
    const commit = (message: Message<Buffer, Buffer, Buffer, Buffer>) =>
      Promise.resolve(message.commit()).catch((error: unknown) => this.log.warn({ err: error, kafka: { groupId: this.options.groupId } }, 'kafka offset commit failed'));
    this.consuming = started.then(async (stream) => {
      if (!stream) return;
      if (options.eachBatch) {
        for await (const batch of fetchedBatches(stream, maxBatchSize, maxBatchWaitMs, () => this.stopped)) {
          if (this.stopped) break;
          await options.eachBatch({ topic: batch[0]!.topic, messages: batch.map((message) => ({ partition: message.partition, message: toKafkaMessage(message) })) });
          if (autoCommit) for (const last of lastOfEachPartition(batch)) void commit(last);
        }
        return;
      }
      for await (const message of stream) {
        if (this.stopped) break;
        await options.eachMessage({ topic: message.topic, partition: message.partition, message: toKafkaMessage(message) });
        if (autoCommit) void commit(message);
      }
    });
    this.consuming.catch((error: unknown) => {
      if (!this.stopped) this.log.error({ err: error, kafka: { groupId: this.options.groupId } }, 'kafka consumer stopped');
    });
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    await this.started;
    // Closing the stream ends the loop (after the message or batch in hand) and commits what is left.
    await this.stream?.close().catch(() => undefined);
    await this.consuming?.catch(() => undefined);
    await this.client?.close(true).catch(() => undefined);
  }
}

type StreamMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/**
 * The stream's records in batches: the next record, waited for, and then whatever the stream holds
 * already (an object-mode Readable: `readableLength` counts records; a fetch response is pushed
 * whole, so a backlog is there at once), up to `max`, all of one topic. A record of another topic
 * starts the next batch. Leaving the loop early ends the stream, as `for await` over it does.
 */
async function* fetchedBatches(stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>, max: number, waitMs: number, stopped: () => boolean): AsyncGenerator<StreamMessage[]> {
  for await (const first of stream) {
    // The stream keeps fetching into its buffer (up to its high-water mark) meanwhile.
    for (const until = Date.now() + waitMs; stream.readableLength + 1 < max && Date.now() < until && !stopped(); ) await sleep(Math.min(25, until - Date.now()));
    let batch: StreamMessage[] = [first as StreamMessage];
    while (batch.length < max && stream.readableLength > 0) {
      const next = stream.read() as StreamMessage | null;
      if (next === null) break;
      if (next.topic !== batch[0]!.topic) {
        yield batch;
        batch = [];
      }
      batch.push(next);
    }
    yield batch;
  }
}

/** Each partition's last record of the batch (records of a partition come in offset order). */
function lastOfEachPartition(batch: readonly StreamMessage[]): StreamMessage[] {
  const last = new Map<number, StreamMessage>();
  for (const message of batch) last.set(message.partition, message);
  return [...last.values()];
}

function toKafkaMessage(message: Message<Buffer, Buffer, Buffer, Buffer>): KafkaMessage {
  const headers: Record<string, Buffer> = {};
  for (const [key, value] of message.headers) headers[key.toString()] = value;
  return {
    key: message.key && message.key.length > 0 ? message.key : null,
    value: message.value ?? null,
    headers,
    offset: String(message.offset),
    timestamp: String(message.timestamp),
  };
}
