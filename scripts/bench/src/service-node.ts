// A Smartchat process under test whose one port answers /healthz, /readyz and /metrics (a balancer,
// a stats process): `node --import tsx <entry>` on a free loopback port, output to a log file,
// resolved once ready.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pruneDeadTargets, repoRoot } from '@smartchat/platform';
import { freePort, stopChild, waitUntilReady } from './chat-nodes.js';

export interface ServiceNode {
  name: string;
  /** http://127.0.0.1:port of its operations server. */
  url: string;
  pid: number;
  logFile: string;
  /** Whether it is still running (it may have died during the run). */
  running(): boolean;
  /** SIGTERM (it finishes what it has in hand), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

export async function startServiceNode(options: {
  name: string;
  /** The entry point, relative to the repository. */
  entry: string;
  /** The variable naming its port. */
  portVariable: 'SMARTCHAT_HTTP_PORT' | 'SMARTCHAT_OPS_PORT';
  env: Record<string, string>;
  logDir: string;
  readyTimeoutMs: number;
}): Promise<ServiceNode> {
  const { name, env } = options;
  const port = await freePort();
  const logFile = join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, options.entry)], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SMARTCHAT_HTTP_HOST: '127.0.0.1', [options.portVariable]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = async () => {
    await stopChild(child, 15_000);
    // A killed process leaves its Prometheus target file behind.
    if (env.SMARTCHAT_PROMETHEUS_SD_DIR) pruneDeadTargets(env.SMARTCHAT_PROMETHEUS_SD_DIR);
  };
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady({ name, child, url, logFile, readyTimeoutMs: options.readyTimeoutMs, stop });
  return { name, url, pid: child.pid!, logFile, running: () => child.exitCode === null && child.signalCode === null, stop };
}
