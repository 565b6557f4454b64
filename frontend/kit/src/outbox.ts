// Nothing typed is lost: every message goes through this queue, persisted (localStorage) before
// the first attempt, with its clientMessageId fixed at that moment. It is sent in order, one at a
// time; a retriable failure (offline, timeout, SC_ERR_UNAVAILABLE) stops the flush and keeps the
// item for the next one (on reconnect); a refusal (validation, forbidden) marks it failed for the
// person to see. The server deduplicates on clientMessageId, so sending twice is harmless.
import type { SendMessageResult } from '@smartchat/contracts';

export interface OutboxItem {
  clientMessageId: string;
  conversationId: string;
  /** Agents: reply or note. Absent for customers. */
  kind?: 'reply' | 'note';
  body: string;
  attachments: string[];
  queuedAt: number;
  attempts: number;
  state: 'queued' | 'sending' | 'failed';
  error?: { code: string; message: string };
}

export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: readonly OutboxItem[]): void;
}

export interface SendError {
  code: string;
  message: string;
  retriable: boolean;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  send: (item: OutboxItem) => Promise<SendMessageResult>;
  /** Called when the server accepted an item (it then leaves the queue). */
  onSent?: (item: OutboxItem, result: SendMessageResult) => void;
  onChange?: (items: readonly OutboxItem[]) => void;
  toSendError: (error: unknown) => SendError;
}

export class Outbox {
  private items: OutboxItem[];
  private flushing: Promise<void> | null = null;
  private again = false;

  constructor(private readonly options: OutboxOptions) {
    // An item caught mid-send by a reload is queued again: the server deduplicates it if it had arrived.
    this.items = options.storage.load().map((item) => (item.state === 'sending' ? { ...item, state: 'queued' } : item));
  }

  list(): readonly OutboxItem[] {
    return this.items;
  }

  pending(conversationId: string): OutboxItem[] {
    return this.items.filter((item) => item.conversationId === conversationId);
  }

  /** Queues a message (persisted at once) and starts a flush. */
  enqueue(input: Pick<OutboxItem, 'clientMessageId' | 'conversationId' | 'body' | 'attachments'> & { kind?: 'reply' | 'note' }): OutboxItem {
    const item: OutboxItem = { ...input, queuedAt: Date.now(), attempts: 0, state: 'queued' };
    this.update([...this.items, item]);
    void this.flush();
    return item;
  }

  /** A failed item tried again (same clientMessageId). */
  retry(clientMessageId: string): void {
    this.update(this.items.map((item) => (item.clientMessageId === clientMessageId && item.state === 'failed' ? { ...item, state: 'queued', error: undefined } : item)));
    void this.flush();
  }

  discard(clientMessageId: string): void {
    this.update(this.items.filter((item) => item.clientMessageId !== clientMessageId));
  }

  /** Sends what is queued, in order; resolves when the queue is empty or blocked by a retriable failure. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = this.items.find((item) => item.state === 'queued');
      if (!next) return;
      this.replace(next.clientMessageId, { state: 'sending', attempts: next.attempts + 1 });
      try {
        const result = await this.options.send({ ...next, attempts: next.attempts + 1 });
        const sent = this.items.find((item) => item.clientMessageId === next.clientMessageId) ?? next;
        this.update(this.items.filter((item) => item.clientMessageId !== next.clientMessageId));
        this.options.onSent?.(sent, result);
      } catch (error) {
        const failure = this.options.toSendError(error);
        if (failure.retriable) {
          this.replace(next.clientMessageId, { state: 'queued', error: { code: failure.code, message: failure.message } });
          return;
        }
        this.replace(next.clientMessageId, { state: 'failed', error: { code: failure.code, message: failure.message } });
      }
    }
  }

  private replace(clientMessageId: string, change: Partial<OutboxItem>): void {
    this.update(this.items.map((item) => (item.clientMessageId === clientMessageId ? { ...item, ...change } : item)));
  }

  private update(items: OutboxItem[]): void {
    this.items = items;
    this.options.storage.save(items);
    this.options.onChange?.(items);
  }
}

/** Persists the queue under one key per identity, so two people on one browser never mix queues. */
export function localStorageOutbox(key: string): OutboxStorage {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        if (items.length) localStorage.setItem(key, JSON.stringify(items));
        else localStorage.removeItem(key);
      } catch {
        // Storage full or blocked: the queue still lives in memory for this page.
      }
    },
  };
}
