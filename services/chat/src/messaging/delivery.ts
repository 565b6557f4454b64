// The delivery consumer: takes accepted messages off the shard queues and, per batch, persists
// them (idempotent on the message id), emits them to exactly the rooms that may see them, updates
// their conversations, produces the domain events, and only then acks. Any failure before the ack is
// retried with backoff while the messages stay unacked; if this process dies, RabbitMQ redelivers
// them to the next consumer. Nothing accepted is lost; a redelivery writes the same rows again.
import { deliveryQueue, type MessageCreatedEvent } from '@smartchat/contracts';
import { backoffDelay, balancerJobId, decodeDeliveryPayload, sleep, type AmqpConnectionManager, type BalancerQueue, type ChannelWrapper, type Logger, type PgPool, type Redis } from '@smartchat/platform';
import type { Channel, ConsumeMessage } from 'amqplib';
import { messageTime, toMessageDto, type AcceptedMessage, type MessageStore } from '../store/messages.js';
import type { EventSink } from './event-sink.js';
import type { FanoutItem, MessageFanout } from './fanout.js';
import type { MessagingMetrics } from './metrics.js';
import { isPublicKind, messagePreview } from './preview.js';
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
  pg: PgPool;
  redis: Redis;
  /** Emits to sockets here and hands each batch to the other chat processes. */
  fanout: MessageFanout;
  events: EventSink;
  /** Where woken conversations and SLA timers go (the balancer's queue). */
  queue: BalancerQueue;
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
    // The conversation rows are updated after the emit: clients do not wait for them, and a
    // redelivery updates them again (the update only moves forward).
    if (!(await this.retry('conversation', batch, () => this.updateConversations(this.live(batch))))) return;
    // Another process's sockets have the batch only once Redis took it: until then it is not acked.
    if (!(await this.retry('fanout', batch, firstThen(delivered.published, () => this.options.fanout.publish(delivered.items))))) return;
    if (!(await this.retry('emitted', batch, firstThen(delivered.marked, () => this.markEmitted(this.live(batch)))))) return;
    if (!(await this.retry('events', batch, () => this.produceEvents(this.live(batch))))) return;
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

  private async updateConversations(batch: Delivery[]): Promise<void> {
    // One row per conversation: its newest message, the agent's latest reply in this batch, the
    // first customer message after the last reply (from then on the customer is waiting), whether
    // a note arrived (a note or mention wakes a snoozed conversation), and the newest message the
    // customer can see, for the inbox preview (computed here, so it costs no extra round trip).
    const byConversation = new Map<
      string,
      { lastAt: Date; lastId: string; repliedAt: Date | null; waitingFrom: Date | null; noted: boolean; publicAt: Date | null; publicMessage: AcceptedMessage | null }
    >();
    for (const message of messagesOf(batch)) {
      const at = messageTime(message.id);
      const entry = byConversation.get(message.conversationId) ?? { lastAt: at, lastId: message.id, repliedAt: null, waitingFrom: null, noted: false, publicAt: null, publicMessage: null };
      if (at >= entry.lastAt) {
        entry.lastAt = at;
        entry.lastId = message.id;
      }
      if (isPublicKind(message.kind) && (entry.publicAt === null || at >= entry.publicAt)) {
        entry.publicAt = at;
        entry.publicMessage = message;
      }
      if (message.kind === 'reply') {
        entry.repliedAt = at;
        entry.waitingFrom = null;
      } else if (message.kind === 'customer' && entry.waitingFrom === null) {
        entry.waitingFrom = at;
      } else if (message.kind === 'note') {
        entry.noted = true;
      }
      byConversation.set(message.conversationId, entry);
    }
    const ids = [...byConversation.keys()];
    const rows = ids.map((id) => byConversation.get(id)!);
    const newerPublic = 'v.public_at IS NOT NULL AND (c.last_public_at IS NULL OR v.public_at >= c.last_public_at)';
    // Named, so each connection plans it once: planning this statement cost a quarter of its
    // execution time again on every delivery batch.
    const { rows: changed } = await this.options.pg.query<{ id: string; old_status: string; status: string; old_snoozed_until: Date | null; waiting_flipped: boolean; replied: boolean; team_id: string | null; last_message_id: string }>({
      name: 'delivery-update-conversations',
      text: `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[], $7::timestamptz[], $8::text[], $9::text[], $10::text[])
                    AS v(id, last_at, last_id, replied_at, waiting_from, noted, public_at, public_id, public_kind, public_preview)),
            old AS (SELECT c.id, c.status, c.snoozed_until, c.waiting_since FROM conversations c JOIN v ON v.id = c.id FOR UPDATE OF c)
       UPDATE conversations c SET
         last_message_at = GREATEST(c.last_message_at, v.last_at),
         last_message_id = CASE WHEN c.last_message_at IS NULL OR v.last_at >= c.last_message_at THEN v.last_id ELSE c.last_message_id END,
         updated_at = now(),
         waiting_since = CASE WHEN v.replied_at IS NOT NULL THEN v.waiting_from ELSE COALESCE(c.waiting_since, v.waiting_from) END,
         first_replied_at = COALESCE(c.first_replied_at, v.replied_at),
         last_replied_at = GREATEST(c.last_replied_at, v.replied_at),
         -- a customer writing into a snoozed or closed conversation reopens it; a note wakes a snoozed one
         status = CASE WHEN v.waiting_from IS NOT NULL OR (v.noted AND c.status = 'snoozed') THEN 'open' ELSE c.status END,
         snoozed_until = CASE WHEN v.waiting_from IS NOT NULL OR v.noted THEN NULL ELSE c.snoozed_until END,
         closed_at = CASE WHEN v.waiting_from IS NOT NULL THEN NULL ELSE c.closed_at END,
         -- the inbox preview only moves forward, so a redelivered older message leaves it alone
         last_public_id = CASE WHEN ${newerPublic} THEN v.public_id ELSE c.last_public_id END,
         last_public_kind = CASE WHEN ${newerPublic} THEN v.public_kind ELSE c.last_public_kind END,
         last_public_preview = CASE WHEN ${newerPublic} THEN v.public_preview ELSE c.last_public_preview END,
         last_public_at = CASE WHEN ${newerPublic} THEN v.public_at ELSE c.last_public_at END
       FROM v JOIN old ON old.id = v.id
       WHERE c.id = v.id
       RETURNING c.id, old.status AS old_status, c.status, old.snoozed_until AS old_snoozed_until,
                 (old.waiting_since IS NULL) <> (c.waiting_since IS NULL) AS waiting_flipped, v.replied_at IS NOT NULL AS replied, c.team_id, c.last_message_id`,
      values: [
        ids,
        rows.map((row) => row.lastAt),
        rows.map((row) => row.lastId),
        rows.map((row) => row.repliedAt),
        rows.map((row) => row.waitingFrom),
        rows.map((row) => row.noted),
        rows.map((row) => row.publicAt),
        rows.map((row) => row.publicMessage?.id ?? null),
        rows.map((row) => row.publicMessage?.kind ?? null),
        // Only the newest public message of each conversation is rendered to preview text.
        rows.map((row) => (row.publicMessage ? messagePreview(row.publicMessage) : null)),
      ],
    });
    // The rows are updated now: a failure from here on must not re-run the update (which would no
    // longer see the change), so the jobs are retried on their own.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.tellBalancer(changed);
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.options.logger.error({ err: error, conversations: changed.length }, 'could not tell the balancer about woken conversations; the sweep picks up SLA timers');
          return;
        }
        await sleep(backoffDelay(attempt, 100, 2000));
      }
    }
  }

  /**
   * Conversations a message brought back (woken, reopened) return to their assignee or their
   * team's queue; in teams with SLA or auto-close, a change of who waits for whom restarts the
   * timers. Only those rows make jobs: most messages change neither.
   */
  private async tellBalancer(changed: { id: string; old_status: string; status: string; old_snoozed_until: Date | null; waiting_flipped: boolean; replied: boolean; team_id: string | null; last_message_id: string }[]): Promise<void> {
    const { queue } = this.options;
    for (const row of changed) {
      if (row.old_status !== 'open' && row.status === 'open') {
        if (row.old_snoozed_until) await queue.remove(balancerJobId('wake', row.id, row.old_snoozed_until.getTime()));
        await queue.add('returned', { conversationId: row.id, how: row.old_status === 'snoozed' ? 'woken' : 'reopened' }, { jobId: balancerJobId('returned', row.id, row.last_message_id) });
      }
      if (row.team_id && (row.waiting_flipped || row.replied) && (await this.teamHasTimers(row.team_id))) {
        await queue.add('timers', { conversationId: row.id }, { jobId: balancerJobId('timers', row.id, row.last_message_id) });
      }
    }
  }

  private readonly teamTimers = new Map<string, { has: boolean; until: number }>();

  /** Whether a team has SLA or auto-close times (cached for a few seconds: checked per message). */
  private async teamHasTimers(teamId: string): Promise<boolean> {
    const cached = this.teamTimers.get(teamId);
    if (cached && cached.until > Date.now()) return cached.has;
    const { rows } = await this.options.pg.query<{ has: boolean }>(
      'SELECT first_response_minutes IS NOT NULL OR next_response_minutes IS NOT NULL OR auto_close_after_minutes IS NOT NULL AS has FROM teams WHERE id = $1',
      [teamId],
    );
    const has = rows[0]?.has ?? false;
    this.teamTimers.set(teamId, { has, until: Date.now() + 5000 });
    return has;
  }

  private async produceEvents(batch: Delivery[]): Promise<void> {
    const events = messagesOf(batch).map((message): MessageCreatedEvent => ({
      // Deterministic, so a redelivered message produces an event consumers recognise as seen.
      eventId: `message.created:${message.id}`,
      type: 'message.created',
      version: 1,
      occurredAt: messageTime(message.id).toISOString(),
      conversationId: message.conversationId,
      actor: { type: message.author.type, id: message.author.id },
      data: { messageId: message.id, kind: message.kind, acceptedAt: new Date(message.acceptedAt).toISOString(), internal: message.internal },
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
