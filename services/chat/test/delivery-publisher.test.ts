// The chat pod's publisher groups what is accepted in one turn of the event loop per delivery shard.
// Against the real broker: what arrives in the shard queues, in which order, in how many messages.
import type { AcceptedMessage } from '@smartchat/contracts';
import { shardOf } from '@smartchat/core';
import { createConfirmChannel, decodeDeliveryPayload } from '@smartchat/platform';
import { eventually, isolatedResources } from '@smartchat/platform/testing';
import type { ConsumeMessage } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DeliveryPublisher } from '../src/messaging/delivery-publisher.js';
import { newMessageId } from '../src/store/messages.js';

const SHARDS = 4;

function message(conversationId: string, body: string): AcceptedMessage {
  return { id: newMessageId(), conversationId, kind: 'customer', author: { type: 'customer', id: 'c-1', name: 'Anna' }, body, attachments: [], clientMessageId: randomUUID(), acceptedAt: Date.now(), internal: false, customerId: 'c-1' };
}

/** Conversation ids that fall on `shard`. */
function conversationsOn(shard: number, count: number): string[] {
  const found: string[] = [];
  while (found.length < count) {
    const id = randomUUID();
    if (shardOf(id, SHARDS) === shard) found.push(id);
  }
  return found;
}

async function setUp(lingerMs = 0) {
  const resources = isolatedResources();
  const { connection, name } = resources.rabbit();
  const exchange = name('delivery');
  const queues = Array.from({ length: SHARDS }, (_, shard) => name(`delivery.${shard}`));
  const channel = createConfirmChannel(connection, async (ch) => {
    await ch.assertExchange(exchange, 'direct', { durable: true });
    for (const [shard, queue] of queues.entries()) {
      await ch.assertQueue(queue, { durable: true });
      await ch.bindQueue(queue, exchange, String(shard));
    }
  });
  resources.defer('close channel', () => channel.close());
  const groups: number[] = [];
  const publisher = new DeliveryPublisher({ publisher: channel, shards: SHARDS, exchange, timeoutMs: 5000, lingerMs, observeGroup: (size) => groups.push(size) });
  const received = queues.map(() => [] as AcceptedMessage[][]);
  for (const [shard, queue] of queues.entries()) {
    await channel.consume(queue, (raw: ConsumeMessage) => {
      received[shard]!.push(decodeDeliveryPayload(raw.content));
      channel.ack(raw);
    });
  }
  return { publisher, received, groups };
}

describe('publishing accepted messages to the delivery shards', () => {
  it('sends what one turn of the event loop accepted for a shard as one broker message, in order, and confirms each sender', async () => {
    const { publisher, received, groups } = await setUp();
    const [first, second] = conversationsOn(1, 2) as [string, string];
    const sent = Array.from({ length: 30 }, (_, index) => message(index % 2 === 0 ? first : second, `message ${index}`));
    // Handed over synchronously, as the sends of one busy tick are; each resolves on the confirm.
    await Promise.all(sent.map((entry) => publisher.publish(entry)));
    await eventually('the group arrived', async () => received[1]!.length === 1);
    expect(groups).toEqual([30]);
    expect(received[1]![0]!.map((entry) => entry.body)).toEqual(sent.map((entry) => entry.body));
    expect(received[1]![0]![0]).toEqual(sent[0]);
    for (const shard of [0, 2, 3]) expect(received[shard]).toEqual([]);
  });

  it('keeps shards apart, splits large groups and publishes later sends separately, all in order', async () => {
    const { publisher, received } = await setUp();
    const [onZero] = conversationsOn(0, 1) as [string];
    const [onThree] = conversationsOn(3, 1) as [string];
    const burst = Array.from({ length: 150 }, (_, index) => message(onZero, `zero ${index}`));
    const other = [message(onThree, 'three 0'), message(onThree, 'three 1')];
    await Promise.all([...burst, ...other].map((entry) => publisher.publish(entry)));
    const later = message(onZero, 'zero later');
    await publisher.publish(later);

    await eventually('everything arrived', async () => received[0]!.flat().length === 151 && received[3]!.flat().length === 2);
    // At most 64 per broker message; the later send is a message of its own, after the burst.
    expect(received[0]!.map((group) => group.length)).toEqual([64, 64, 22, 1]);
    expect(received[0]!.flat().map((entry) => entry.body)).toEqual([...burst.map((entry) => entry.body), 'zero later']);
    expect(received[3]).toEqual([[other[0], other[1]]]);
  });

  it('under load publishes at most once per linger time, with everything that arrived meanwhile; a send after a quiet spell goes out at once', async () => {
    const lingerMs = 300;
    const { publisher, received, groups } = await setUp(lingerMs);
    const [conversation] = conversationsOn(2, 1) as [string];
    const turn = () => new Promise((resolve) => setImmediate(resolve));

    // Quiet so far: the first send is published in this turn's flush, without waiting.
    const started = performance.now();
    const first = publisher.publish(message(conversation, 'first'));
    await turn();
    await turn();
    expect(groups).toEqual([1]);
    await first;
    // Sends in later turns, within the linger time: held, then published together.
    const rest: Promise<void>[] = [];
    for (let index = 0; index < 5; index += 1) {
      rest.push(publisher.publish(message(conversation, `burst ${index}`)));
      await turn();
    }
    expect(groups).toEqual([1]);
    await Promise.all(rest);
    expect(performance.now() - started).toBeGreaterThanOrEqual(lingerMs - 5);
    expect(groups).toEqual([1, 5]);
    await eventually('both groups arrived', async () => received[2]!.length === 2);
    expect(received[2]!.map((group) => group.map((entry) => entry.body))).toEqual([['first'], ['burst 0', 'burst 1', 'burst 2', 'burst 3', 'burst 4']]);

    // After a quiet spell longer than the linger time, a send is published without waiting again.
    await new Promise((resolve) => setTimeout(resolve, lingerMs + 50));
    const paused = publisher.publish(message(conversation, 'after a pause'));
    await turn();
    await turn();
    expect(groups).toEqual([1, 5, 1]);
    await paused;
  });
});
