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
