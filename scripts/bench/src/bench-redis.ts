// The bench's Redis. By default a private redis-server (same binary and persistence settings as
// scripts/infra/redis.sh, on a free port, data in a temporary directory): Redis pub/sub ignores
// database numbers, so on the shared server every other chat process (tests, make dev) would hear
// the bench's socket.io adapter traffic under the fixed key 'smartchat-io' and the bench theirs, and
// adapter-wide requests (disconnects) would cross between them. It also leaves no dedup keys (24 h)
// behind. BENCH_SHARED_REDIS=1 uses the shared server instead, in a database of its own
// (BENCH_REDIS_DB, default 13), flushed before and after.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createRedis, type Logger } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { freePort, stopChild } from './chat-nodes.js';

export interface BenchRedis {
  url: string;
  /** The server process, for sampling (the shared server's pid when shared). */
  pid: number | undefined;
  private: boolean;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quiet = createLogger({ service: 'bench', level: 'silent' });

async function ping(url: string): Promise<boolean> {
  const client = createRedis({ url, logger: quiet, name: 'smartchat-bench' });
  try {
    return (await Promise.race([client.ping(), sleep(1000).then(() => 'timeout')])) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function flush(url: string, logger: Logger): Promise<void> {
  const client = createRedis({ url, logger, name: 'smartchat-bench' });
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
}

export async function startBenchRedis(options: { shared: boolean; sharedDb: number; sharedPid: number | undefined; logDir: string; logger: Logger }): Promise<BenchRedis> {
  const { logger } = options;
  if (options.shared) {
    const url = new URL(readLocalEnv().SMARTCHAT_REDIS_URL!);
    url.pathname = `/${options.sharedDb}`;
    await flush(url.toString(), logger);
    // The dedup keys live 24 h: never leave them behind in the shared server.
    return { url: url.toString(), pid: options.sharedPid, private: false, stop: () => flush(url.toString(), logger) };
  }

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'smartchat-bench-redis-'));
  const log = createWriteStream(join(options.logDir, 'redis.log'));
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no', '--logfile', ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child, 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (child.exitCode !== null) break;
    if (await ping(url)) return { url, pid: child.pid, private: true, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`the bench's redis-server on port ${port} did not start; see ${join(options.logDir, 'redis.log')}`);
}
