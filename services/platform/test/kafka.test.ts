import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createProducer, pingKafka } from '../src/kafka.js';
import { eventually, isolatedResources } from '../src/testing/index.js';

describe('kafka through the platform client', () => {
  it('produces keyed events and a consumer group reads each once, resuming from its committed offset', async () => {
    const resources = isolatedResources();
    const kafka = resources.kafka();
    const topic = await resources.kafkaTopic('events', 3);
    const admin = kafka.admin();
    await admin.connect();
    resources.defer('disconnect admin', () => admin.disconnect());
    await pingKafka(admin);

    const producer = createProducer(kafka);
    await producer.connect();
    resources.defer('disconnect producer', () => producer.disconnect());
    const send = (from: number, to: number) =>
      producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: to - from }, (_, offset) => ({
          key: `conversation-${(from + offset) % 4}`,
          value: JSON.stringify({ type: 'message.created', seq: from + offset }),
        })),
      });
    await send(0, 30);

    const groupId = `${resources.id}.stats`;
    const consumeAll = async (expected: number) => {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
      await consumer.connect();
      const seen: { key: string; seq: number; partition: number }[] = [];
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          seen.push({ key: message.key!.toString(), seq: JSON.parse(message.value!.toString()).seq, partition });
        },
      });
      await eventually(`${expected} events consumed`, async () => seen.length >= expected, 30_000);
      await consumer.disconnect();
      return seen;
    };

    const firstRun = await consumeAll(30);
    expect(firstRun.map((event) => event.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index));
    // Same key, same partition: per-conversation order holds.
    for (const key of new Set(firstRun.map((event) => event.key))) {
      const ofKey = firstRun.filter((event) => event.key === key);
      expect(new Set(ofKey.map((event) => event.partition)).size).toBe(1);
      expect(ofKey.map((event) => event.seq)).toEqual([...ofKey.map((event) => event.seq)].sort((a, b) => a - b));
    }

    await send(30, 35);
    const secondRun = await consumeAll(5);
    expect(secondRun.map((event) => event.seq).sort((a, b) => a - b)).toEqual([30, 31, 32, 33, 34]);
  });
});

describe('kafkajs request queues (kafka-request-queue.ts)', () => {
  const require = createRequire(import.meta.url);
  type Queue = { pending: unknown[]; checkPendingRequests(): void; maybeThrottle(ms: number): void; push(request: unknown): void; destroy(): void };
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { new (options: Record<string, unknown>): Queue; prototype: Queue };

  /** How often any request queue checked for waiting requests during `ms`. */
  async function checksDuring(ms: number): Promise<number> {
    const check = RequestQueue.prototype.checkPendingRequests;
    let checks = 0;
    RequestQueue.prototype.checkPendingRequests = function counted(this: Queue) {
      checks += 1;
      check.call(this);
    };
    try {
      await sleep(ms);
    } finally {
      RequestQueue.prototype.checkPendingRequests = check;
    }
    return checks;
  }

  it('an idle producer does not wake its process every millisecond', async () => {
    const resources = isolatedResources();
    const topic = await resources.kafkaTopic('idle', 1);
    const producer = createProducer(resources.kafka());
    await producer.connect();
    resources.defer('disconnect producer', () => producer.disconnect());
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
    // Unpatched, each connection checked its empty queue about once a millisecond (682 times in one run).
    expect(await checksDuring(400)).toBeLessThanOrEqual(2);
  });

  it('sends queued behind the in-flight limit all reach the broker', async () => {
    const resources = isolatedResources();
    const topic = await resources.kafkaTopic('queued', 1);
    const kafka = resources.kafka();
    const producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    resources.defer('disconnect producer', () => producer.disconnect());
    const sent = await Promise.all(Array.from({ length: 40 }, (_, seq) => producer.send({ topic, acks: -1, messages: [{ key: 'same', value: String(seq) }] })));
    const offsets = sent.map((records) => Number(records[0]!.baseOffset));
    expect(new Set(offsets).size).toBe(40);
  });

  it('a request held back by broker throttling goes out when the throttle ends', async () => {
    const queue = new RequestQueue({ maxInFlightRequests: 5, requestTimeout: 5000, enforceRequestTimeout: false, clientId: 'test', broker: 'test:1', logger: { debug() {}, warn() {} } });
    try {
      queue.maybeThrottle(80);
      const pushedAt = Date.now();
      let sentAt: number | undefined;
      queue.push({ entry: { correlationId: 1, apiKey: 0, apiName: 'Produce', apiVersion: 3 }, expectResponse: true, sendRequest: () => (sentAt = Date.now()) });
      expect(sentAt).toBeUndefined();
      await eventually('the throttled request was sent', async () => sentAt !== undefined, 2000);
      expect(sentAt! - pushedAt).toBeGreaterThanOrEqual(70);
    } finally {
      queue.destroy();
    }
  });
});
