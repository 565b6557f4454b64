// Publishes accepted messages to their delivery shard, several per RabbitMQ message. What is
// waiting for the same shard when the publisher flushes goes out in one publish (a JSON array),
// and each caller is answered when that publish is confirmed. The broker's cost is per publish, not
// per chat message (it routes, stores, confirms, delivers and takes the ack of each one, and on a
// small machine every one of those wakes a thread), so the groups are what makes it cheap.
//
// When it flushes: a send that finds the last flush older than `lingerMs` is flushed right after the
// current I/O callbacks (no timer, no added wait: the case at light load); otherwise the publisher
// flushes `lingerMs` after the last flush. Under load it therefore publishes at most once per
// `lingerMs`, with everything that arrived meanwhile, and a message waits at most that long.
// Order is kept: groups of a shard are published in order on one channel, and messages keep their
// order inside a group.
import { DELIVERY_EXCHANGE, type AcceptedMessage } from '@smartchat/contracts';
import { shardOf } from '@smartchat/core';
import { encodeDeliveryPayload, type ChannelWrapper } from '@smartchat/platform';

/** Above this many messages (or bytes of JSON) a group is published and a new one begun. */
const MAX_GROUP_MESSAGES = 64;
const MAX_GROUP_BYTES = 512 * 1024;

interface Waiting {
  message: AcceptedMessage;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface DeliveryPublisherOptions {
  publisher: ChannelWrapper;
  shards: number;
  /** The delivery exchange (tests use their own). */
  exchange?: string;
  /** How long a publish may wait for its confirm (or for the broker to come back). */
  timeoutMs: number;
  /** At most one flush per this many ms; 0 flushes once per turn of the event loop. */
  lingerMs?: number;
  /** Called once per publish, with the number of messages it carried. */
  observeGroup?: (size: number) => void;
}

export class DeliveryPublisher {
  private readonly waiting = new Map<number, Waiting[]>();
  private scheduled = false;
  private lastFlushAt = -Infinity;

  constructor(private readonly options: DeliveryPublisherOptions) {}

  /** Resolves once the broker confirmed the publish that carried `message`. */
  publish(message: AcceptedMessage): Promise<void> {
    const shard = shardOf(message.conversationId, this.options.shards);
    return new Promise<void>((resolve, reject) => {
      const group = this.waiting.get(shard);
      if (group) group.push({ message, resolve, reject });
      else this.waiting.set(shard, [{ message, resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFlushAt + (this.options.lingerMs ?? 0) - performance.now();
    if (wait <= 0) setImmediate(() => this.flush());
    else setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.scheduled = false;
    this.lastFlushAt = performance.now();
    const groups = [...this.waiting];
    this.waiting.clear();
    for (const [shard, waiting] of groups) {
      for (const group of split(waiting)) void this.publishGroup(shard, group);
    }
  }

  private async publishGroup(shard: number, group: { waiting: Waiting[]; payload: Buffer }): Promise<void> {
    const { publisher, timeoutMs, observeGroup, exchange = DELIVERY_EXCHANGE } = this.options;
    const first = group.waiting[0]!.message;
    observeGroup?.(group.waiting.length);
    try {
      await publisher.publish(exchange, String(shard), group.payload, {
        persistent: true,
        // The first message's id names the group (RabbitMQ's own logs and tools show it).
        messageId: first.id,
        contentType: 'application/json',
        timeout: timeoutMs,
      });
    } catch (error) {
      for (const waiting of group.waiting) waiting.reject(error);
      return;
    }
    for (const waiting of group.waiting) waiting.resolve();
  }
}

/** Cuts a shard's waiting messages into groups within the size limits, encoded once each. */
function split(waiting: Waiting[]): { waiting: Waiting[]; payload: Buffer }[] {
  const groups: { waiting: Waiting[]; payload: Buffer }[] = [];
  let current: Waiting[] = [];
  let parts: string[] = [];
  let bytes = 0;
  const close = () => {
    if (current.length === 0) return;
    groups.push({ waiting: current, payload: encodeDeliveryPayload(parts) });
    current = [];
    parts = [];
    bytes = 0;
  };
  for (const entry of waiting) {
    const json = JSON.stringify(entry.message);
    if (current.length >= MAX_GROUP_MESSAGES || (current.length > 0 && bytes + json.length > MAX_GROUP_BYTES)) close();
    current.push(entry);
    parts.push(json);
    bytes += json.length;
  }
  close();
  return groups;
}
