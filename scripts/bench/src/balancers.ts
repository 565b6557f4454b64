// The balancer processes under test: `node --import tsx services/balancer/src/main.ts`, each with
// its own loopback port for /healthz, /readyz and /metrics, logs to bench-results/logs/.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pruneDeadTargets, repoRoot } from '@smartchat/platform';
import { freePort, stopChild, waitUntilReady } from './chat-nodes.js';

export interface BalancerNode {
  name: string;
  /** http://127.0.0.1:port of its ops server. */
  url: string;
  pid: number;
  logFile: string;
  /** SIGTERM (it finishes its running jobs and the outbox relay), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** `env` is the chat processes' environment: the balancer must share their stores, queue prefix and shard count. */
export async function startBalancer(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number): Promise<BalancerNode> {
  const port = await freePort();
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/balancer/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SMARTCHAT_HTTP_HOST: '127.0.0.1', SMARTCHAT_HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = async () => {
    await stopChild(child, 15_000);
    // A killed balancer leaves its Prometheus target file behind.
    if (env.SMARTCHAT_PROMETHEUS_SD_DIR) pruneDeadTargets(env.SMARTCHAT_PROMETHEUS_SD_DIR);
  };
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady({ name, child, url, logFile, readyTimeoutMs, stop });
  return { name, url, pid: child.pid!, logFile, stop };
}
