// The delivery consumer: takes accepted messages off the shard queues and, per batch, persists
// them (idempotent on the message id), emits them to exactly the rooms that may see them, has their
// conversations updated (MessageBookkeeping in platform/src/conversations: this consumer keeps no
// conversation state of its own), produces the domain events, and only then acks. Any failure before the ack is
// retried with backoff while the messages stay unacked; if this process dies, RabbitMQ redelivers
// them to the next consumer. Nothing accepted is lost; a redelivery writes the same rows again.
import { deliveryQueue, domainEventVersions, type MessageCreatedEvent } from '@smartchat/contracts';
import { backoffDelay, decodeDeliveryPayload, sleep, type AmqpConnectionManager, type ChannelWrapper, type ConversationHolder, type Logger, type MessageBookkeeping, type Redis } from '@smartchat/platform';
import type { Channel, ConsumeMessage } from 'amqplib';
import { messageTime, toMessageDto, type AcceptedMessage, type MessageStore } from '../store/messages.js';
import type { EventSink } from './event-sink.js';
import type { FanoutItem, MessageFanout } from './fanout.js';
import type { MessagingMetrics } from './metrics.js';
import { roomsForMessage } from './rooms.js';
import { declareDeliveryTopology } from '@smartchat/platform';

/** Messages per batch; a delivery (one publish group) is never split, so a batch may hold a few more. */
const MAX_BATCH = 200;
const EMITTED_TTL_SECONDS = 3600;
/**
 * How many of its latest emits a process remembers itself, besides the marks in Redis: a few
 * seconds' worth at full load, which covers a copy of a message (a retried publish) in one of
 * the next batches, whose check in Redis may be answered before the marks of the batch before it
 * are written.
 */
const RECENT_EMITS = 20_000;
/**
 * Which messages were emitted: one Redis set per minute of message time (read from the
 * time-ordered id), so that a batch costs one SADD and one EXPIRE per minute it spans instead of a
 * key per message. A set lives an hour past its last addition.
 */
const emittedKey = (minute: number) => `emitted:${minute}`;
const minuteOf = (messageId: string) => Math.floor(messageTime(messageId).getTime() / 60_000);
/** The set that marks `messageId` as emitted once it was. */
export const emittedMarkKey = (messageId: string) => emittedKey(minuteOf(messageId));
function byMinute(ids: readonly string[]): Map<number, string[]> {
  const minutes = new Map<number, string[]>();
  for (const id of ids) {
    const minute = minuteOf(id);
    const members = minutes.get(minute);
    if (members) members.push(id);
    else minutes.set(minute, [id]);
  }
  return minutes;
}

/** One RabbitMQ delivery: a publish group of one or more messages, acknowledged as a whole. */
interface Delivery {
  channel: Channel;
  raw: ConsumeMessage;
  messages: AcceptedMessage[];
}

export interface DeliveryConsumerOptions {
  connection: AmqpConnectionManager;
  shards: number;
  /** Pipelines per process; shard s belongs to lane s % lanes. Fewer lanes: bigger batches. */
  lanes: number;
  prefetch: number;
  messages: MessageStore;
  redis: Redis;
  /** Emits to sockets here and hands each batch to the other chat processes. */
  fanout: MessageFanout;
  events: EventSink;
  /** What the messages do to their conversations (one statement per batch). */
  bookkeeping: MessageBookkeeping;
  metrics: MessagingMetrics;
  logger: Logger;
}

export class DeliveryConsumer {
  private readonly channels: ChannelWrapper[] = [];
  private readonly pending = new Map<number, Delivery[]>();
  private readonly running = new Set<number>();
  private readonly settling = new Map<number, Promise<void>>();
  private readonly closedChannels = new WeakSet<Channel>();
  /** The ids this process emitted last (at most RECENT_EMITS), oldest first. */
  private readonly recentEmits = new Map<string, Emission>();
  /** Batches taken off `pending` and not yet acked or given up (their channel closed). */
  private readonly unsettled = new Set<Delivery[]>();
  private stopping = false;

  constructor(private readonly options: DeliveryConsumerOptions) {
    options.metrics.deliveryBacklog.oldestUnackedSeconds = () => this.oldestUnackedSeconds();
  }

  /**
   * Seconds since the oldest message this process holds unacknowledged was accepted: a few
   * milliseconds when delivery flows, growing for as long as a step keeps failing (an alert
   * watches it). Computed when metrics are scraped.
   */
  oldestUnackedSeconds(now = Date.now()): number {
    let oldest = now;
    const consider = (deliveries: Iterable<Delivery>) => {
      for (const delivery of deliveries) {
        if (this.closedChannels.has(delivery.channel)) continue;
        for (const message of delivery.messages) if (message.acceptedAt > 0 && message.acceptedAt < oldest) oldest = message.acceptedAt;
      }
    };
    for (const batch of this.unsettled) consider(batch);
    for (const queue of this.pending.values()) consider(queue);
    return (now - oldest) / 1000;
  }

  async start(): Promise<void> {
    const { connection, shards, lanes, prefetch } = this.options;
    // One channel per lane: its deliveries settle strictly in order, so one multiple-ack per batch
    // acknowledges exactly that batch.
    for (let lane = 0; lane < lanes; lane += 1) {
      const channel = connection.createChannel({
        json: false,
        setup: async (amqp: Channel) => {
          amqp.on('close', () => this.closedChannels.add(amqp));
          await declareDeliveryTopology(amqp, shards);
          await amqp.prefetch(prefetch);
          for (let shard = lane; shard < shards; shard += lanes) {
            await amqp.consume(deliveryQueue(shard), (raw) => raw && this.receive(lane, amqp, raw), { noAck: false });
          }
        },
      });
      this.channels.push(channel);
    }
    await Promise.all(this.channels.map((channel) => channel.waitForConnect()));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.channels.map((channel) => channel.close()));
  }

  private receive(lane: number, channel: Channel, raw: ConsumeMessage): void {
    let messages: AcceptedMessage[];
    try {
      messages = decodeDeliveryPayload(raw.content);
    } catch (error) {
      // Only our own publisher writes here, after validation; an unreadable payload cannot be a
      // message anyone was told was accepted. Keep it out of the way, loudly. Rejected before any
      // later delivery of this channel is acked, so the multiple-ack below never covers it.
      this.options.logger.error({ err: error, messageId: raw.properties.messageId }, 'unreadable delivery payload; dropping it');
      channel.nack(raw, false, false);
      return;
    }
    const queue = this.pending.get(lane) ?? [];
    queue.push({ channel, raw, messages });
    this.pending.set(lane, queue);
    if (!this.running.has(lane)) void this.drain(lane);
  }

  // Two stages per lane, pipelined: "deliver" (persist, then emit) runs batch after batch in
  // order, so a conversation's messages reach sockets in order; "settle" (conversation rows,
  // emitted marks, domain events, acks) of one batch overlaps the delivery of the next, and
  // settles also run in order, so events keep their order per conversation. A batch mixes the
  // lane's shards: the busier the process, the bigger the batches and the fewer the round trips.
  private async drain(lane: number): Promise<void> {
    this.running.add(lane);
    try {
      for (;;) {
        const queue = this.pending.get(lane);
        if (!queue || queue.length === 0) return;
        const batch = takeBatch(queue);
        this.unsettled.add(batch);
        this.options.metrics.deliveryBatch.observe(messagesOf(batch).length);
        const delivered = await this.deliver(batch);
        if (!delivered) {
          this.unsettled.delete(batch);
          continue;
        }
        const previous = this.settling.get(lane) ?? Promise.resolve();
        const settled = previous.then(() => this.settle(batch, delivered)).finally(() => this.unsettled.delete(batch));
        this.settling.set(lane, settled);
        // At most one batch settles while the next is delivered.
        await previous;
      }
    } finally {
      this.running.delete(lane);
    }
  }

  private live(batch: Delivery[]): Delivery[] {
    // A batch whose channel closed will be redelivered as a whole to whoever consumes next.
    return batch.filter((delivery) => !this.closedChannels.has(delivery.channel));
  }

  /**
   * Persists and emits; gives the (already started) hand-over to the other chat processes and
   * write of the emitted marks, or null.
   */
  private async deliver(batch: Delivery[]): Promise<Delivered | null> {
    const { metrics } = this.options;
    if (!(await this.retry('persist', batch, () => this.persist(this.live(batch))))) return null;
    for (const message of messagesOf(batch)) {
      metrics.persisted.inc({ kind: message.kind });
      metrics.acceptToPersist.observe((Date.now() - message.acceptedAt) / 1000);
    }
    // A message may have been emitted already: redelivered after its consumer died, or published
    // twice because a client retried after a confirm it never heard of (copies can meet in one
    // batch). Skip those, so sockets get it once: one SMISMEMBER per minute the batch spans, and
    // this process's own latest emits (clients also render by id).
    const alreadyEmitted = await this.emittedBefore(batch);
    const items: FanoutItem[] = [];
    const emittedNow = new Set<string>();
    for (const message of messagesOf(batch)) {
      if (alreadyEmitted.has(message.id) || emittedNow.has(message.id)) continue;
      // Emitted here a moment ago: skipped once the other processes have it too (awaited, which
      // is only ever for a copy); a copy of one whose hand-over failed is emitted again.
      const earlier = this.recentEmits.get(message.id);
      if (earlier && (await earlier.handedOver)) continue;
      emittedNow.add(message.id);
      items.push({ rooms: roomsForMessage(message), message: toMessageDto(message) });
      metrics.delivered.inc({ kind: message.kind });
      metrics.acceptToDeliver.observe((Date.now() - message.acceptedAt) / 1000);
    }
    const { fanout } = this.options;
    fanout.emitLocally(items);
    // The hand-over starts in the same tick as the emits, and the emitted marks right after Redis
    // took it: a mark written before the other processes had the batch would make a successor skip
    // messages their sockets never got, should this process die in between (a loss, where dying
    // after the hand-over and before the marks only emits again, which clients absorb by id). The
    // settle stage waits for both and retries each.
    const published = fanout.publish(items);
    const marked = published.then(() => this.markEmitted(batch));
    // The process remembers what it emitted last, whether or not the marks are in Redis yet: the
    // SMISMEMBER of the next batch may be answered before the marks of this one are written.
    const emission: Emission = { handedOver: published.then(() => true, () => false) };
    for (const id of emittedNow) this.remember(id, emission);
    marked.catch(() => undefined);
    return { items, published, marked };
  }

  private async settle(batch: Delivery[], delivered: Delivered): Promise<void> {
    // The conversations' bookkeeping (platform's MessageBookkeeping: latest message, preview,
    // waiting, status through the state machine, balancer jobs) comes after the emit: clients do
    // not wait for it, and a redelivery records the batch again (the update only moves forward).
    // It also gives who held each conversation then: message.created carries it.
    let holders = new Map<string, ConversationHolder>();
    const recorded = await this.retry('conversation', batch, async () => {
      holders = await this.options.bookkeeping.record(messagesOf(this.live(batch)));
    });
    if (!recorded) return;
    // Another process's sockets have the batch only once Redis took it: until then it is not acked.
    if (!(await this.retry('fanout', batch, firstThen(delivered.published, () => this.options.fanout.publish(delivered.items))))) return;
    if (!(await this.retry('emitted', batch, firstThen(delivered.marked, () => this.markEmitted(this.live(batch)))))) return;
    if (!(await this.retry('events', batch, () => this.produceEvents(this.live(batch), holders)))) return;
    // Every earlier delivery of the lane's channel is settled already (batches settle in order,
    // and a batch is a prefix of what the channel delivered), so one multiple-ack per channel
    // acknowledges this batch. A batch spans two channels only around a reconnect.
    const last = new Map<Channel, ConsumeMessage>();
    for (const delivery of this.live(batch)) last.set(delivery.channel, delivery.raw);
    for (const [channel, raw] of last) {
      try {
        channel.ack(raw, true);
      } catch {
        // channel closed between the check and the ack: its deliveries come again
      }
    }
  }

  /** Runs `step` until it succeeds; false when every delivery's channel closed meanwhile. */
  private async retry(stage: string, batch: Delivery[], step: () => Promise<unknown>): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      const live = this.live(batch);
      if (live.length === 0 || this.stopping) return false;
      const started = performance.now();
      try {
        await step();
        this.options.metrics.deliveryStage.observe({ stage }, (performance.now() - started) / 1000);
        return true;
      } catch (error) {
        this.options.metrics.consumeErrors.inc({ stage });
        if (stage === 'events') this.options.metrics.produceErrors.inc();
        const first = live[0]?.messages[0];
        this.options.logger.warn({ err: error, stage, attempt, conversationId: first?.conversationId, messageId: first?.id }, 'delivery step failed; retrying');
        await sleep(backoffDelay(attempt, 100, 5000));
      }
    }
  }

  private remember(id: string, emission: Emission): void {
    this.recentEmits.delete(id);
    this.recentEmits.set(id, emission);
    if (this.recentEmits.size > RECENT_EMITS) this.recentEmits.delete(this.recentEmits.keys().next().value!);
  }

  private async emittedBefore(batch: Delivery[]): Promise<Set<string>> {
    const seen = new Set<string>();
    try {
      await Promise.all(
        [...byMinute(messagesOf(batch).map((message) => message.id))].map(async ([minute, ids]) => {
          const flags = await this.options.redis.smismember(emittedKey(minute), ...ids);
          ids.forEach((id, index) => flags[index] === 1 && seen.add(id));
        }),
      );
      return seen;
    } catch {
      return new Set(); // emitting twice is better than not at all; clients render by id
    }
  }

  private async markEmitted(batch: Delivery[]): Promise<void> {
    const pipeline = this.options.redis.pipeline();
    for (const [minute, ids] of byMinute(messagesOf(batch).map((message) => message.id))) {
      pipeline.sadd(emittedKey(minute), ...ids).expire(emittedKey(minute), EMITTED_TTL_SECONDS);
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  private async persist(batch: Delivery[]): Promise<void> {
    await this.options.messages.insertMany(messagesOf(batch));
  }

  private async produceEvents(batch: Delivery[], holders: ReadonlyMap<string, ConversationHolder>): Promise<void> {
    const events = messagesOf(batch).map((message): MessageCreatedEvent => ({
      // Deterministic, so a redelivered message produces an event consumers recognise as seen.
      eventId: `message.created:${message.id}`,
      type: 'message.created',
      version: domainEventVersions['message.created'],
      occurredAt: messageTime(message.id).toISOString(),
      conversationId: message.conversationId,
      actor: { type: message.author.type, id: message.author.id },
      data: {
        messageId: message.id,
        kind: message.kind,
        acceptedAt: new Date(message.acceptedAt).toISOString(),
        internal: message.internal,
        teamId: holders.get(message.conversationId)?.teamId ?? null,
        assigneeId: holders.get(message.conversationId)?.assigneeId ?? null,
      },
    }));
    await this.options.events.write(events.map((event) => ({ key: event.conversationId, value: JSON.stringify(event), headers: { type: event.type } })));
  }
}

/** One batch's emit: whether Redis took its first hand-over to the other processes. */
interface Emission {
  handedOver: Promise<boolean>;
}

interface Delivered {
  /** What was emitted here, for the other processes. */
  items: FanoutItem[];
  /** The first hand-over of `items` to the other processes, started with the emit. */
  published: Promise<void>;
  /** The first write of the emitted marks, started once `published` resolved. */
  marked: Promise<void>;
}

/** A retry step that awaits an attempt already under way first, and makes new ones after that. */
function firstThen(started: Promise<void>, again: () => Promise<void>): () => Promise<void> {
  let first: Promise<void> | undefined = started;
  return () => {
    const attempt = first ?? again();
    first = undefined;
    return attempt;
  };
}

function messagesOf(batch: Delivery[]): AcceptedMessage[] {
  return batch.length === 1 ? batch[0]!.messages : batch.flatMap((delivery) => delivery.messages);
}

/** Takes whole deliveries off the front of the queue until about MAX_BATCH messages. */
function takeBatch(queue: Delivery[]): Delivery[] {
  let count = 0;
  let take = 0;
  while (take < queue.length && (take === 0 || count + queue[take]!.messages.length <= MAX_BATCH)) {
    count += queue[take]!.messages.length;
    take += 1;
  }
  return queue.splice(0, take);
}
