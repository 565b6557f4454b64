import type { ConsumeMessage } from 'amqplib';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';
import { createConfirmChannel, pingRabbit } from '../src/rabbitmq.js';
import { eventually, isolatedResources } from '../src/testing/index.js';

describe('rabbitmq through the platform connection', () => {
  it('publishes with a publisher confirm and a consumer receives every message in order', async () => {
    const resources = isolatedResources();
    const { connection, name } = resources.rabbit();
    const exchange = name('delivery');
    const queue = name('delivery.q0');
    const channel = createConfirmChannel(connection, async (ch) => {
      await ch.assertExchange(exchange, 'direct', { durable: true });
      await ch.assertQueue(queue, { durable: true });
      await ch.bindQueue(queue, exchange, 'c-1');
      await ch.prefetch(50);
    });
    resources.defer('close channel', () => channel.close());

    const received: string[] = [];
    await channel.consume(queue, (message: ConsumeMessage) => {
      received.push(message.content.toString());
      channel.ack(message);
    });
    // publish() resolves only once the broker confirmed the message.
    for (let index = 0; index < 20; index += 1) {
      await channel.publish(exchange, 'c-1', Buffer.from(`message ${index}`), { persistent: true, messageId: `m-${index}` });
    }
    await eventually('all messages consumed', async () => received.length === 20);
    expect(received).toEqual(Array.from({ length: 20 }, (_, index) => `message ${index}`));
  });

  it('reconnects after the broker closes the connection, and consuming resumes', async () => {
    const resources = isolatedResources();
    const { connection, name } = resources.rabbit();
    const queue = name('resume.q');
    const channel = createConfirmChannel(connection, async (ch) => {
      await ch.assertQueue(queue, { durable: true });
    });
    resources.defer('close channel', () => channel.close());
    const received: string[] = [];
    await channel.consume(queue, (message: ConsumeMessage) => {
      received.push(message.content.toString());
      channel.ack(message);
    });
    await channel.sendToQueue(queue, Buffer.from('before'), { persistent: true });
    await eventually('first message', async () => received.includes('before'));

    execFileSync(join(repoRoot, 'scripts/infra/rabbitmq.sh'), ['ctl', '-q', 'close_all_connections', 'test: simulated broker-side disconnect'], { stdio: 'ignore' });
    await eventually('connection lost', async () => !connection.isConnected(), 10_000, 20).catch(() => undefined);
    await eventually('connection restored', async () => connection.isConnected(), 20_000);
    await pingRabbit(connection);

    await channel.sendToQueue(queue, Buffer.from('after'), { persistent: true });
    await eventually('message after reconnect', async () => received.includes('after'), 20_000);
    // At least once: an ack still in flight when the broker dropped the connection is lost with
    // it, and 'before' comes again. Nothing is missing, and the order holds.
    expect([...new Set(received)]).toEqual(['before', 'after']);
    expect(received.at(-1)).toBe('after');
  });
});
