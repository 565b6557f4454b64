import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createRedis, pingRedis } from '../src/redis.js';
import { eventually, isolatedResources } from '../src/testing/index.js';

describe('redis through the platform client', () => {
  it('keeps each test under its own key prefix and removes its keys afterwards', async () => {
    const resources = isolatedResources();
    const { client, prefix } = resources.redis();
    await client.set('presence:agent-1', 'online');
    const raw = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
    resources.defer('close raw client', async () => raw.disconnect());
    expect(await raw.get(`${prefix}presence:agent-1`)).toBe('online');
    expect(await raw.get('presence:agent-1')).toBeNull();
  });

  it('reconnects by itself after the server drops the connection', async () => {
    const resources = isolatedResources();
    const { client } = resources.redis();
    await pingRedis(client);
    const killer = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
    resources.defer('close killer', async () => killer.disconnect());
    const killed = await killer.client('KILL', 'USER', 'default', 'SKIPME', 'yes');
    expect(Number(killed)).toBeGreaterThan(0);
    await eventually('redis answers again', async () => (await client.set('after-kill', '1')) === 'OK');
    expect(await client.get('after-kill')).toBe('1');
  });

  it('keeps a subscription made the moment the connection comes up', async () => {
    const resources = isolatedResources();
    const channel = `${resources.id}:announcements`;
    const subscriber = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger, subscriber: true, name: 'test-sub' });
    const publisher = createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger });
    resources.defer('close clients', async () => {
      subscriber.disconnect();
      publisher.disconnect();
    });
    const received: string[] = [];
    subscriber.on('message', (_channel: string, message: string) => received.push(message));
    // Connected but not yet ready: where a process's start-up may happen to subscribe.
    await new Promise<void>((resolve) =>
      subscriber.once('connect', () => {
        subscriber.subscribe(channel).catch(() => undefined);
        resolve();
      }),
    );
    await eventually('the announcement arrives', async () => {
      await publisher.publish(channel, 'hello');
      return received.includes('hello');
    });
  });
});

describe('BullMQ on the platform redis client', () => {
  it('runs a job and stores its result in redis', async () => {
    const resources = isolatedResources();
    const { prefix } = resources.redis({ forBullmq: true });
    const connect = () => createRedis({ url: resources.config.SMARTCHAT_REDIS_URL, logger: resources.logger, forBullmq: true });
    const queueConnection = connect();
    const workerConnection = connect();
    const queue = new Queue('assignments', { connection: queueConnection, prefix });
    const seen: string[] = [];
    const worker = new Worker(
      'assignments',
      async (job) => {
        seen.push(job.data.conversationId as string);
        return { assignedTo: `agent-for-${job.data.conversationId}` };
      },
      { connection: workerConnection, prefix },
    );
    resources.defer('close bullmq', async () => {
      await worker.close();
      await queue.close();
      queueConnection.disconnect();
      workerConnection.disconnect();
    });

    const added = await queue.add('assign', { conversationId: 'c-42' }, { priority: 1 });
    await eventually('the job to complete', async () => (await queue.getJobState(added.id!)) === 'completed');
    const stored = await queue.getJob(added.id!);
    expect(stored?.returnvalue).toEqual({ assignedTo: 'agent-for-c-42' });
    expect(seen).toEqual(['c-42']);
    expect(await queue.getJobCounts('completed', 'failed', 'wait')).toEqual({ completed: 1, failed: 0, wait: 0 });
  });
});
