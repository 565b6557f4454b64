// Redis clients (ioredis): reconnect forever with backoff. BullMQ needs its own flavour of client
// (no per-request retry limit), so callers say which they want.
import { Redis } from 'ioredis';
import { backoffDelay, sleep } from './backoff.js';
import { safeUrl, type Logger } from './logger.js';
import { coalesceWrites } from './socket-writes.js';

export type { Redis };

export function createRedis(options: { url: string; logger: Logger; keyPrefix?: string; forBullmq?: boolean; subscriber?: boolean; name?: string }): Redis {
  const log = options.logger.child({ component: 'redis', target: safeUrl(options.url), connection: options.name });
  const client = new Redis(options.url, {
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    ...(options.name ? { connectionName: options.name } : {}),
    // BullMQ workers block on Redis and must wait through outages instead of failing commands.
    maxRetriesPerRequest: options.forBullmq ? null : 3,
    // Not on subscriber connections: ioredis writes SUBSCRIBE as soon as the socket is up (it is
    // allowed while Redis loads), the ready check's INFO is then refused in subscriber mode, and
    // the connection is dropped before it was ever ready — which loses its subscriptions for good
    // (they are restored only for a connection that was ready). Whether SUBSCRIBE falls into that
    // window depends on start-up timing, so it must not be possible at all.
    enableReadyCheck: !options.subscriber,
    // Commands issued in the same tick go out in one write: on a busy process that is many fewer
    // system calls (each costs more than the command itself). Not for subscriber connections.
    enableAutoPipelining: !options.forBullmq && !options.subscriber,
    retryStrategy: (attempt) => backoffDelay(attempt, 100, 3000),
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  // A new socket on every (re)connect; the same-tick commands of auto-pipelining are one write
  // already, this also joins the writes of the several callbacks one turn of the loop runs.
  client.on('connect', () => coalesceWrites(client.stream));
  let lost = false;
  client.on('error', (error) => {
    if (!lost) log.warn({ err: error }, 'redis connection error; reconnecting');
    lost = true;
  });
  client.on('ready', () => {
    if (lost) log.info('redis connection restored');
    lost = false;
  });
  return client;
}

/**
 * Pub/sub reaches only the connections subscribed at the moment of a PUBLISH: whatever was published
 * while a subscriber connection was down (a Redis restart, or Redis closing a subscriber that fell
 * behind its output buffer limit) is gone for it, and nothing says so. Calls `restored` each time
 * `channel` is subscribed again after such a gap (the SUBSCRIBE is confirmed, so everything published
 * from then on arrives), so that the caller can catch up from where the data is kept. A SUBSCRIBE
 * that Redis refuses is retried while the connection stays up, and from its next connect otherwise.
 */
export function onResubscribed(subscriber: Redis, channel: string, restored: (gapStart: Date) => void, logger: Logger): void {
  let gap = false;
  let gapStart = new Date();
  subscriber.on('close', () => {
    if (!gap) gapStart = new Date();
    gap = true;
  });
  subscriber.on('ready', () => {
    if (!gap) return;
    void (async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await subscriber.subscribe(channel);
          break;
        } catch (error) {
          logger.warn({ err: error, channel }, 'subscribing again after a lost connection failed');
          if (subscriber.status !== 'ready') return; // its next 'ready' starts over
          await sleep(backoffDelay(attempt, 100, 3000));
        }
      }
      if (!gap) return; // another attempt finished first
      gap = false;
      restored(gapStart);
    })();
  });
}

export async function pingRedis(client: Redis): Promise<void> {
  const answer = await client.ping();
  if (answer !== 'PONG') throw new Error(`unexpected PING answer: ${answer}`);
}
