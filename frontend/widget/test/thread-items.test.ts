import type { Message } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { dayLabel, reuseEntries, threadEntries, type LocalMessage } from '../src/frame/thread-items.js';

const dayOf = (iso: string) => iso.slice(0, 10);
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const options = { dayOf, compareIds, agentReadId: null };

function message(id: string, kind: Message['kind'], createdAt: string, clientMessageId: string | null = null): Message {
  return { id, conversationId: 'c', kind, author: { type: kind === 'customer' ? 'customer' : 'agent', id: null, name: null }, body: id, clientMessageId, createdAt, editedAt: null, deleted: false, attachments: [] };
}
function local(clientMessageId: string, queuedAt: string, state: LocalMessage['state'] = 'pending'): LocalMessage {
  return { clientMessageId, conversationId: 'c', id: null, body: 'x', attachments: [], queuedAt: Date.parse(queuedAt), state };
}

describe('what a thread shows', () => {
  it('a day separator before the first message of each day', () => {
    const entries = threadEntries([message('a1', 'customer', '2026-11-23T10:00:00Z'), message('a2', 'reply', '2026-11-23T11:00:00Z'), message('a3', 'reply', '2026-11-24T09:00:00Z')], [], options);
    expect(entries.map((entry) => entry.key)).toEqual(['day:2026-11-23', 'message:a1', 'message:a2', 'day:2026-11-24', 'message:a3']);
  });

  it("the customer's messages on their way come last, until the server's copy arrives", () => {
    const messages = [message('a1', 'customer', '2026-11-24T10:00:00Z', 'client-1')];
    const entries = threadEntries(messages, [local('client-1', '2026-11-24T10:00:00Z'), local('client-2', '2026-11-24T10:01:00Z', 'failed')], options);
    expect(entries.map((entry) => entry.key)).toEqual(['day:2026-11-24', 'message:a1', 'local:client-2']);
  });

  it("marks the customer's last message read once an agent has read up to it or beyond", () => {
    const messages = [message('a1', 'customer', '2026-11-24T10:00:00Z'), message('a2', 'customer', '2026-11-24T10:01:00Z'), message('a3', 'reply', '2026-11-24T10:02:00Z')];
    const read = (agentReadId: string | null) =>
      threadEntries(messages, [], { ...options, agentReadId })
        .filter((entry) => entry.type === 'message' && entry.read)
        .map((entry) => entry.key);
    expect(read(null)).toEqual([]);
    expect(read('a1')).toEqual([]);
    expect(read('a2')).toEqual(['message:a2']);
    // An agent's read position may be a note the customer never sees.
    expect(read('a2-note')).toEqual(['message:a2']);
  });

  it('keeps the previous objects of entries that did not change', () => {
    const messages = [message('a1', 'customer', '2026-11-24T10:00:00Z')];
    const first = threadEntries(messages, [], options);
    const second = reuseEntries(first, threadEntries([...messages, message('a2', 'reply', '2026-11-24T10:05:00Z')], [], options));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second).toHaveLength(3);
    const edited = { ...messages[0]!, body: 'changed' };
    expect(reuseEntries(first, threadEntries([edited], [], options))[1]).not.toBe(first[1]);
  });

  it('labels today and yesterday', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(dayLabel('2026-11-24T01:00:00Z', now, dayOf)).toBe('today');
    expect(dayLabel('2026-11-23T23:00:00Z', now, dayOf)).toBe('yesterday');
    expect(dayLabel('2026-11-20T10:00:00Z', now, dayOf)).toBeNull();
  });
});
