// RabbitMQ through amqp-connection-manager (on amqplib): the connection and its channels come back
// by themselves after a broker restart or a dropped socket; channel setup (topology, consumers)
// is replayed on every reconnect. Publishing on a confirm channel resolves only after the broker's
// publisher confirm, which is what "accepted" means on the message path.
import amqp, { type AmqpConnectionManager, type ChannelWrapper, type SetupFunc } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { Socket } from 'node:net';
import { safeUrl, type Logger } from './logger.js';
import { coalesceWrites } from './socket-writes.js';

export type { AmqpConnectionManager, ChannelWrapper, ConfirmChannel };

export function createRabbitConnection(options: { url: string; logger: Logger; name: string }): AmqpConnectionManager {
  const log = options.logger.child({ component: 'rabbitmq', target: safeUrl(options.url) });
  const connection = amqp.connect([options.url], {
    heartbeatIntervalInSeconds: 5,
    reconnectTimeInSeconds: 1,
    // noDelay: without it Nagle's algorithm and delayed ACKs hold small frames (a publish, its
    // confirm) for up to 40 ms.
    connectionOptions: { noDelay: true, keepAlive: true, clientProperties: { connection_name: options.name } },
  });
  let lost = false;
  connection.on('connect', ({ connection: model }) => {
    // amqplib writes every frame (a publish is one, a multiple-ack another) as its own write.
    const stream = (model as unknown as { connection?: { stream?: unknown } }).connection?.stream;
    if (stream instanceof Socket) coalesceWrites(stream);
    if (lost) log.info('rabbitmq connection restored');
    lost = false;
  });
  connection.on('disconnect', ({ err }) => {
    lost = true;
    log.warn({ err }, 'rabbitmq connection lost; reconnecting');
  });
  connection.on('connectFailed', ({ err }) => {
    if (!lost) log.warn({ err }, 'rabbitmq not reachable; retrying');
    lost = true;
  });
  return connection;
}

/** A confirm channel whose `setup` (exchanges, queues, bindings, prefetch) runs on every (re)connect. */
export function createConfirmChannel(connection: AmqpConnectionManager, setup: (channel: ConfirmChannel) => Promise<void>, publishTimeoutMs = 10_000): ChannelWrapper {
  return connection.createChannel({ confirm: true, json: false, publishTimeout: publishTimeoutMs, setup: setup as SetupFunc });
}

export async function pingRabbit(connection: AmqpConnectionManager): Promise<void> {
  if (!connection.isConnected()) throw new Error('not connected to rabbitmq');
}
