// Domain events to Kafka, coalesced across the delivery shards. Every shard's settle stage hands
// its batch of events here; one produce request at a time carries everything queued so far, so
// sixteen shards settling at once cost one round trip to the broker instead of sixteen queued
// behind each other in the idempotent producer.
//
// Order: a shard hands over its next batch only after the previous one was written, and requests
// go out one after another, so the events of a conversation (which lives on one shard) stay in
// order. A failed request fails every batch it carried; each shard retries its own.
import type { Producer } from '@smartchat/platform';

export interface EventRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

interface Waiting {
  records: EventRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class EventSink {
  private queue: Waiting[] = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly maxRecordsPerRequest = 2000,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Resolves once the broker has every record (acks from all in-sync replicas). */
  write(records: EventRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const group = this.take();
        try {
          await this.producer.send({ topic: this.topic, acks: -1, timeout: this.timeoutMs, messages: group.flatMap((waiting) => waiting.records) });
          for (const waiting of group) waiting.resolve();
        } catch (error) {
          for (const waiting of group) waiting.reject(error);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** Whole batches from the head of the queue, at least one, up to the record limit. */
  private take(): Waiting[] {
    let count = 0;
    let taken = 0;
    while (taken < this.queue.length && (taken === 0 || count + this.queue[taken]!.records.length <= this.maxRecordsPerRequest)) {
      count += this.queue[taken]!.records.length;
      taken += 1;
    }
    return this.queue.splice(0, taken);
  }
}
