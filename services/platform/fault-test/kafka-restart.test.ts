// Runs in the serial fault phase of `make test` (vitest.faults.config.ts): it kills and restarts
// the shared Kafka broker, which would disturb tests running beside it.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createProducer } from '../src/kafka.js';
import { eventually, infraScript, isolatedResources, killDependency } from '../src/testing/index.js';

describe('kafka killed and restarted under a producer', () => {
  it('every send resolves once the broker is back, and each event is on the topic once, in order per key', async () => {
    const resources = isolatedResources();
    const kafka = resources.kafka();
    const topic = await resources.kafkaTopic('restart', 3);
    const producer = createProducer(kafka);
    await producer.connect();
    resources.defer('disconnect producer', () => producer.disconnect());

    // As the event sink writes: one request at a time, each carrying a few keyed events.
    const acknowledged: number[] = [];
    const failures: unknown[] = [];
    let seq = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const batch = Array.from({ length: 5 }, () => seq++);
        try {
          await producer.send({ topic, acks: -1, messages: batch.map((n) => ({ key: `conversation-${n % 4}`, value: String(n) })) });
          acknowledged.push(...batch);
        } catch (error) {
          failures.push(error);
        }
        await sleep(20);
      }
    })();

    try {
      await eventually('events flowing before the kill', async () => acknowledged.length >= 100, 20_000);
      await killDependency('kafka');
      const outageFrom = acknowledged.length;
      const restart = await infraScript('kafka', 'up');
      // A new broker, not the old one still dying ("already running" would leave Kafka down).
      expect(restart).toContain('kafka: starting');
      await eventually('events flowing again after the restart', async () => acknowledged.length >= outageFrom + 100, 90_000, 100).catch((error: Error) => {
        throw new Error(`${error.message}; ${acknowledged.length - outageFrom} acknowledged since the kill, ${failures.length} sends failed; kafka.sh up said: ${restart.trim()}`);
      });
    } finally {
      writing = false;
      // A send still waiting for a broker that never came back ends when its producer closes.
      const stopped = await Promise.race([writer.then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) await producer.disconnect();
    }
    // A send that was in flight when the broker died waited for it: none failed.
    expect(failures).toEqual([]);

    const seen = new Map<string, number[]>();
    let total = 0;
    const consumer = kafka.consumer({ groupId: `${resources.id}.check` });
    await consumer.connect();
    resources.defer('disconnect consumer', () => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key!.toString();
        seen.set(key, [...(seen.get(key) ?? []), Number(message.value!.toString())]);
        total += 1;
      },
    });
    await eventually(`all ${acknowledged.length} events read back`, async () => total >= acknowledged.length, 60_000);
    await sleep(500);
    // Each acknowledged event once (the idempotent producer's retries wrote nothing twice), and a
    // key's events in the order they were sent.
    expect(total).toBe(acknowledged.length);
    expect([...seen.values()].flat().sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
    for (const values of seen.values()) expect(values).toEqual([...values].sort((a, b) => a - b));
  }, 240_000);
});
