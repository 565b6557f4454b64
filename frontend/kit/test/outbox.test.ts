import type { SendMessageResult } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem, type OutboxStorage, type SendError } from '../src/outbox.js';

class MemoryStorage implements OutboxStorage {
  saved: OutboxItem[] = [];
  constructor(initial: OutboxItem[] = []) {
    this.saved = initial;
  }
  load() {
    return this.saved;
  }
  save(items: readonly OutboxItem[]) {
    this.saved = [...items];
  }
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly retriable: boolean,
  ) {
    super(code);
  }
}
const toSendError = (error: unknown): SendError => (error instanceof Refusal ? { code: error.code, message: error.message, retriable: error.retriable } : { code: 'SC_ERR_NETWORK', message: String(error), retriable: true });
const accepted = (id: string): SendMessageResult => ({ id, status: 'accepted' });
const message = (n: number) => ({ clientMessageId: `client-${n}-xxxx`, conversationId: 'c1', body: `text ${n}`, attachments: [] });

describe('the outbox', () => {
  it('persists a message before the first attempt and removes it once accepted', async () => {
    const storage = new MemoryStorage();
    let release!: (result: SendMessageResult) => void;
    const sent: string[] = [];
    const outbox = new Outbox({ storage, toSendError, send: () => new Promise((resolve) => (release = resolve)), onSent: (item) => sent.push(item.clientMessageId) });
    outbox.enqueue(message(1));
    expect(storage.saved.map((item) => [item.clientMessageId, item.state])).toEqual([['client-1-xxxx', 'sending']]);
    release(accepted('m1'));
    await outbox.flush();
    expect(storage.saved).toEqual([]);
    expect(sent).toEqual(['client-1-xxxx']);
  });

  it('keeps everything queued while offline and sends it in order, with the same ids, once back', async () => {
    const storage = new MemoryStorage();
    let online = false;
    const attempts: string[] = [];
    const outbox = new Outbox({
      storage,
      toSendError,
      send: async (item) => {
        attempts.push(item.clientMessageId);
        if (!online) throw new Refusal('SC_ERR_NETWORK', true);
        return accepted(item.clientMessageId);
      },
    });
    outbox.enqueue(message(1));
    outbox.enqueue(message(2));
    outbox.enqueue(message(3));
    await outbox.flush();
    expect(outbox.list().map((item) => item.state)).toEqual(['queued', 'queued', 'queued']);
    // Only the head of the queue is tried while the connection is down: order is kept.
    expect(new Set(attempts)).toEqual(new Set(['client-1-xxxx']));
    attempts.length = 0;
    online = true;
    await outbox.flush();
    expect(attempts).toEqual(['client-1-xxxx', 'client-2-xxxx', 'client-3-xxxx']);
    expect(outbox.list()).toEqual([]);
  });

  it('marks a refused message failed, goes on with the rest, and retries it on request', async () => {
    const storage = new MemoryStorage();
    let refuse = true;
    const outbox = new Outbox({
      storage,
      toSendError,
      send: async (item) => {
        if (item.clientMessageId === 'client-1-xxxx' && refuse) throw new Refusal('SC_ERR_VALIDATION', false);
        return accepted(item.clientMessageId);
      },
    });
    outbox.enqueue(message(1));
    outbox.enqueue(message(2));
    await outbox.flush();
    expect(outbox.list()).toMatchObject([{ clientMessageId: 'client-1-xxxx', state: 'failed', error: { code: 'SC_ERR_VALIDATION' } }]);
    refuse = false;
    outbox.retry('client-1-xxxx');
    await outbox.flush();
    expect(outbox.list()).toEqual([]);
  });

  it('after a reload, sends again what was caught mid-send (the server deduplicates it)', async () => {
    const storage = new MemoryStorage([{ ...message(7), queuedAt: 1, attempts: 1, state: 'sending' }]);
    const attempts: OutboxItem[] = [];
    const outbox = new Outbox({ storage, toSendError, send: async (item) => (attempts.push(item), accepted('m7')) });
    expect(outbox.list()[0]!.state).toBe('queued');
    await outbox.flush();
    expect(attempts.map((item) => [item.clientMessageId, item.attempts])).toEqual([['client-7-xxxx', 2]]);
  });
});
