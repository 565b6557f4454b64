import { describe, expect, it } from 'vitest';
import { conversationEvent, OutboxRelay, writeOutbox } from '../src/conversations/outbox.js';
import { createProducer } from '../src/kafka.js';
import { migratePostgres } from '../src/migrations/postgres.js';
import { schemaDir } from '../src/paths.js';
import { eventually, isolatedResources } from '../src/testing/index.js';

describe('the event outbox', () => {
  it('relays every committed event once, also one with a lower id whose transaction commits while a later one is being relayed', async () => {
    const resources = isolatedResources();
    const { pool } = await resources.postgres();
    await migratePostgres(pool, schemaDir.postgres, resources.logger);
    const topic = await resources.kafkaTopic('outbox', 2);
    const producer = createProducer(resources.kafka());
    await producer.connect();
    resources.defer('disconnect producer', () => producer.disconnect());
    // The slow transaction commits while the relay is busy sending the batch it read before.
    let duringSend: (() => Promise<void>) | undefined;
    const sending = {
      send: async (record: Parameters<typeof producer.send>[0]) => {
        const hook = duringSend;
        duringSend = undefined;
        await hook?.();
        return producer.send(record);
      },
    } as unknown as typeof producer;
    const relay = new OutboxRelay({ pg: pool, producer: sending, logger: resources.logger, topic });
    const event = (conversationId: string) => conversationEvent('conversation.closed', conversationId, { type: 'system', id: null }, { by: 'agent', assigneeId: null });

    // The slow transaction takes the lower id but commits last.
    const slow = await pool.connect();
    await slow.query('BEGIN');
    await writeOutbox(slow, [event('00000000-0000-4000-8000-000000000001')]);
    await writeOutbox(pool, [event('00000000-0000-4000-8000-000000000002')]);
    duringSend = async () => {
      await slow.query('COMMIT');
      slow.release();
    };
    expect(await relay.relayAll()).toBe(1);
    expect(await relay.relayAll()).toBe(1);
    expect(await relay.relayAll()).toBe(0);
    expect((await pool.query('SELECT count(*)::int AS n FROM event_outbox')).rows[0].n).toBe(0);

    const consumer = resources.kafka().consumer({ groupId: `${resources.id}.outbox` });
    await consumer.connect();
    resources.defer('disconnect consumer', () => consumer.disconnect());
    const seen: string[] = [];
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.key!.toString()) });
    await eventually('both events consumed', async () => seen.length >= 2, 30_000);
    expect(seen.sort()).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
  });
});
