// The delivery pipeline's RabbitMQ topology, declared by publishers and consumers alike (idempotent).
import { DELIVERY_EXCHANGE, deliveryQueue } from '@smartchat/contracts';
import type { Channel } from 'amqplib';

export async function declareDeliveryTopology(channel: Channel, shards: number): Promise<void> {
  await channel.assertExchange(DELIVERY_EXCHANGE, 'direct', { durable: true });
  for (let shard = 0; shard < shards; shard += 1) {
    // Single active consumer: with several chat pods consuming, one at a time takes a shard, so a
    // conversation's messages are processed in order; another takes over if it goes away.
    await channel.assertQueue(deliveryQueue(shard), { durable: true, arguments: { 'x-single-active-consumer': true } });
    await channel.bindQueue(deliveryQueue(shard), DELIVERY_EXCHANGE, String(shard));
  }
}
