// The stats process under test: `node --import tsx services/stats/src/main.ts`, its operations port
// (/healthz, /readyz, /metrics) on a free loopback port, logs to bench-results/logs/stats/.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pruneDeadTargets, repoRoot } from '@smartchat/platform';
import { freePort, stopChild, waitUntilReady } from '../chat-nodes.js';

export interface StatsNode {
  name: string;
  /** http://127.0.0.1:port of its operations server. */
  opsUrl: string;
  pid: number;
  logFile: string;
  /** Whether it is still running (it may have died during the run). */
  running(): boolean;
  /** SIGTERM (it finishes the record in hand and leaves the group), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** `env`: the SMARTCHAT_* settings (statistics database, Kafka, consumer group). */
export async function startStatsNode(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number): Promise<StatsNode> {
  const opsPort = await freePort();
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/stats/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SMARTCHAT_HTTP_HOST: '127.0.0.1', SMARTCHAT_OPS_PORT: String(opsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const stop = async () => {
    await stopChild(child, 15_000);
    if (env.SMARTCHAT_PROMETHEUS_SD_DIR) pruneDeadTargets(env.SMARTCHAT_PROMETHEUS_SD_DIR);
  };
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  await waitUntilReady({ name, child, url: opsUrl, logFile, readyTimeoutMs, stop });
  return { name, opsUrl, pid: child.pid!, logFile, running: () => child.exitCode === null && child.signalCode === null, stop };
}
