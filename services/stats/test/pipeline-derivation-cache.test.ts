// The derivation cache (pipeline/derivation-cache.ts): a stats process derives a conversation from
// the events it kept plus the new ones, but only while nobody else has touched the conversation. The
// store must come out exactly as when every conversation is read again from the store, whichever
// process wrote last, also after a transaction that failed.
import { isolatedResources } from '@smartchat/platform/testing';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DerivationCache } from '../src/pipeline/derivation-cache.js';
import { ingestEvents } from '../src/pipeline/feed.js';
import { rebuildStatistics } from '../src/pipeline/rebuild.js';
import { createTestStatsDatabase } from '../src/pipeline/testing.js';
import { knownMonthEvents } from './fixtures/known-month.js';
import { storePicture } from './pipeline-support.js';

const BATCH = 7;
// In the order they happened, so that conversations take turns and most batches continue some.
const events = [...knownMonthEvents].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : 1));

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/** A pool whose transactions fail at their write of the facts, `times` times. */
function failingWrites(pool: pg.Pool, times: number): pg.Pool {
  let left = times;
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== 'connect') return Reflect.get(target, property, receiver);
      return async () => {
        const client = await target.connect();
        return new Proxy(client, {
          get(inner, name, innerReceiver) {
            if (name !== 'query') return Reflect.get(inner, name, innerReceiver);
            return (text: unknown, ...rest: unknown[]) => {
              if (typeof text === 'string' && text.includes('INSERT INTO rollup_hourly') && left > 0) {
                left -= 1;
                return Promise.reject(new Error('the connection was lost (test)'));
              }
              return (inner.query as (...args: unknown[]) => unknown).call(inner, text, ...rest);
            };
          },
        });
      };
    },
  });
}

describe('the derivation cache', () => {
  it('stores what reading every conversation again stores, with two processes taking turns, a failed transaction and a rebuild between', async () => {
    const resources = isolatedResources();
    const plain = await createTestStatsDatabase(resources);
    const cached = await createTestStatsDatabase(resources);
    await ingestEvents(plain.pool, events, { batchSize: BATCH });

    // Process A takes two batches, process B the third, and so on: B's writes make A's kept
    // conversations stale, which A must notice (their versions moved on).
    const first = new DerivationCache(100_000);
    const second = new DerivationCache(100_000);
    const batches = batchesOf(events, BATCH);
    const half = Math.floor(batches.length / 2);
    for (const [index, batch] of batches.slice(0, half).entries()) await ingestEvents(cached.pool, batch, { batchSize: BATCH, cache: index % 3 === 2 ? second : first });

    // A transaction that fails after deriving: nothing it derived may stay in the cache, and the
    // batch stored again afterwards gives the same store.
    const failing = batches[half]!;
    await expect(ingestEvents(failingWrites(cached.pool, 1), failing, { batchSize: BATCH, cache: first })).rejects.toThrow(/connection was lost/);
    await ingestEvents(cached.pool, failing, { batchSize: BATCH, cache: first });

    // A rebuild derives every conversation again (as after a fix of the derivation), from nothing.
    await cached.pool.query('TRUNCATE facts, rollup_hourly');
    await rebuildStatistics(cached.pool, { from: new Date('2026-09-01T00:00:00Z'), logger: resources.logger });
    for (const [index, batch] of batches.slice(half + 1).entries()) await ingestEvents(cached.pool, batch, { batchSize: BATCH, cache: index % 3 === 2 ? second : first });

    expect(await storePicture(cached.pool)).toEqual(await storePicture(plain.pool));
    // Both ways were taken: conversations derived from kept events, and kept ones found stale.
    const conversations = new Set(events.filter((event) => 'conversationId' in event).map((event) => (event as { conversationId: string }).conversationId)).size;
    // (172 events of 13 conversations spread over a month: a batch continues a conversation of the
    // batch before it now and then.)
    expect(first.hits + second.hits).toBeGreaterThanOrEqual(5);
    // Every conversation is read when first seen, and again when the other process or the rebuild
    // wrote it last.
    expect(first.misses + second.misses).toBeGreaterThan(2 * conversations);
  }, 120_000);

  it('keeps the most recently derived conversations within its bound of events', () => {
    const cache = new DerivationCache(10);
    const events = (n: number) => Array.from({ length: n }, () => ({}) as never);
    cache.put('a', { version: '1', events: events(4), facts: [] });
    cache.put('b', { version: '1', events: events(4), facts: [] });
    cache.put('a', { version: '2', events: events(5), facts: [] });
    cache.put('c', { version: '1', events: events(3), facts: [] });
    // 'b' was derived least recently: it went to make room.
    expect(cache.take('b', '1')).toBeUndefined();
    expect(cache.take('a', '2')?.events).toHaveLength(5);
    expect(cache.take('c', '1')?.events).toHaveLength(3);
    // Another version is stale: forgotten.
    expect(cache.take('a', '3')).toBeUndefined();
    expect(cache.size).toEqual({ subjects: 1, events: 3 });
    // Longer than the whole bound: not kept.
    cache.put('d', { version: '1', events: events(11), facts: [] });
    expect(cache.take('d', '1')).toBeUndefined();
  });
});
