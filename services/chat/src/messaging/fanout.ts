// How a delivered message reaches sockets on every chat process: the delivery consumer emits a
// batch to its own sockets, then publishes the whole batch once on a Redis channel (retried until
// Redis takes it, before the batch is acknowledged); every other chat process emits it to its own
// sockets. Through the socket.io Redis adapter each message was
// one PUBLISH, decoded by every process, so each chat process paid per message and per peer; per
// batch it pays one JSON parse for up to a couple of hundred messages. Which rooms a message goes
// to (who may see it), and in which shape (a customer never gets an agent's id), is decided in
// rooms.ts for both: a batch carries each message once, in the agents' shape, and every process
// derives the customer's shape as it emits.
//
// Gaps: Redis pub/sub does not keep what a disconnected subscriber missed. After one, this process
// asks its sockets to `resync` (resume from their last-seen ids, from Cassandra); the first catch-up
// of each conversation then reads from a minute before the gap began, since a message that reached
// a socket live just before the `resync` can be newer than those it missed (replay.ts).
//
// Order: a process publishes its batches in order on one connection and Redis delivers them in
// that order, so sockets see a conversation's messages in order wherever the consumer runs (only a
// publish that failed and was retried can arrive after a later batch; clients order by id).
import { MESSAGE_FANOUT_CHANNEL, type Message } from '@smartchat/contracts';
import { onResubscribed, type Logger, type Redis } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { ChatSocketServer } from '../gateway/socket-server.js';
import { rewindAfterGap } from '../gateway/replay.js';
import { audiencesOf } from './rooms.js';

export interface FanoutItem {
  rooms: string[];
  message: Message;
}

interface FanoutBatch {
  /** The publishing process, which has emitted to its own sockets already. */
  from: string;
  items: FanoutItem[];
}

export class MessageFanout {
  private readonly processId = randomUUID();
  private readonly channel = Buffer.from(MESSAGE_FANOUT_CHANNEL);

  constructor(private readonly options: { io: ChatSocketServer; publisher: Redis; subscriber: Redis; logger: Logger }) {}

  async start(): Promise<void> {
    this.options.subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      if (!this.channel.equals(channel)) return;
      let batch: FanoutBatch;
      try {
        batch = JSON.parse(payload.toString()) as FanoutBatch;
      } catch (error) {
        // Only chat processes publish here; log loudly rather than fail the subscriber.
        this.options.logger.error({ err: error, bytes: payload.length }, 'unreadable message fan-out batch');
        return;
      }
      if (batch.from === this.processId || !Array.isArray(batch.items)) return;
      this.emitLocally(batch.items);
    });
    // Batches published while this process's subscriber connection was down never reach it, and
    // its sockets stay connected, so their clients would not notice: once subscribed again, every
    // local socket is asked to catch up as after a reconnect (what it missed is stored already).
    onResubscribed(
      this.options.subscriber,
      MESSAGE_FANOUT_CHANNEL,
      (gapStart) => {
        this.options.logger.warn({ gapStart }, 'message fan-out subscribed again after a lost Redis connection; asking every socket here to resync');
        // Their first catch-up of each conversation reads from before the gap (replay.ts Rewind).
        const rewind = rewindAfterGap(gapStart);
        for (const socket of this.options.io.of('/').sockets.values()) socket.data.rewind = { ...rewind, done: new Set() };
        this.options.io.local.emit('resync');
      },
      this.options.logger,
    );
    await this.options.subscriber.subscribe(MESSAGE_FANOUT_CHANNEL);
  }

  /** Emits to this process's sockets, in order, at once; customers' rooms get the customer's shape. */
  emitLocally(items: FanoutItem[]): void {
    const { io } = this.options;
    for (const { rooms, message } of items) {
      for (const audience of audiencesOf(rooms, message)) io.local.to(audience.rooms).emit('message:new', audience.message);
    }
  }

  /**
   * Hands a batch this process emitted to the other processes. Resolves when Redis took it; the
   * caller retries a failure (the other processes' sockets have not seen the batch yet), never
   * the local emit.
   */
  async publish(items: FanoutItem[]): Promise<void> {
    if (items.length === 0) return;
    const batch: FanoutBatch = { from: this.processId, items };
    await this.options.publisher.publish(MESSAGE_FANOUT_CHANNEL, JSON.stringify(batch));
  }
}
