// Message ids: time-ordered (the order of a conversation's thread) and unique without a draw from the
// system's random source per id.
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { messageTime, newMessageId } from '../src/store/messages.js';

const { TimeUuid } = cassandra.types;

describe('message ids', () => {
  it('increase strictly within a process, also many within one millisecond, and carry the time of their creation', () => {
    const before = Date.now();
    const ids = Array.from({ length: 25_000 }, () => newMessageId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    const parsed = ids.map((id) => TimeUuid.fromString(id));
    for (let index = 1; index < parsed.length; index += 1) {
      // Time first, then the sub-millisecond counter: compare the full 60-bit timestamp.
      const previous = parsed[index - 1]!;
      const current = parsed[index]!;
      const order = current.getDate().getTime() - previous.getDate().getTime() || ticksOf(current) - ticksOf(previous);
      expect(order, `${ids[index - 1]} then ${ids[index]}`).toBeGreaterThan(0);
    }
    // 25,000 ids may borrow a few milliseconds ahead (10,000 per millisecond), never more.
    expect(messageTime(ids[0]!).getTime()).toBeGreaterThanOrEqual(before);
    expect(messageTime(ids.at(-1)!).getTime()).toBeLessThanOrEqual(after + 3);
  });

  it('are version-1 time UUIDs with a node id that is the same within a process', () => {
    const [a, b] = [newMessageId(), newMessageId()];
    expect(a[14]).toBe('1');
    expect(a.slice(19)).toBe(b.slice(19));
  });
});

function ticksOf(id: cassandra.types.TimeUuid): number {
  return id.getDatePrecision().ticks;
}
