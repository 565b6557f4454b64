// The chat processes under test: `node --import tsx services/chat/src/main.ts`, each on a free
// loopback port (and its inspector on another, for inspector-memory.ts), logs to
// bench-results/logs/, ready when /readyz answers 200 (waitUntilReady serves the balancers too).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pruneDeadTargets, repoRoot } from '@smartchat/platform';

export interface ChatNode {
  name: string;
  url: string;
  /** /healthz, /readyz and /metrics: a chat process serves them on its operations port only. */
  opsUrl: string;
  pid: number;
  /** Date.now() when it was spawned. */
  spawnedAt: number;
  /** Its inspector's loopback port (for the memory figure). */
  inspectPort: number;
  child: ChildProcess;
  logFile: string;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return Promise.race([exited, sleep(graceMs)]).then(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(5000)]);
    }
  });
}

/** SIGTERM (the process drains and closes its own sockets), SIGKILL after the grace period; a
 * Prometheus target file left by a killed process is pruned. */
async function stopChatNode(child: ChildProcess, targetsDir: string | undefined): Promise<void> {
  await stopChild(child, 15_000);
  if (targetsDir) pruneDeadTargets(targetsDir);
}

export async function startChatNode(name: string, env: Record<string, string>, logDir: string, readyTimeoutMs: number, nodeArgs: string[] = []): Promise<ChatNode> {
  const port = await freePort();
  const opsPort = await freePort();
  const inspectPort = await freePort();
  const spawnedAt = Date.now();
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', `--inspect=127.0.0.1:${inspectPort}`, ...nodeArgs, join(repoRoot, 'services/chat/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, SMARTCHAT_HTTP_PORT: String(port), SMARTCHAT_OPS_PORT: String(opsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const node: ChatNode = { name, url, opsUrl, pid: child.pid!, spawnedAt, inspectPort, child, logFile, stop: () => stopChatNode(child, env.SMARTCHAT_PROMETHEUS_SD_DIR) };

  await waitUntilReady({ name, child, url: opsUrl, logFile, readyTimeoutMs, stop: node.stop });
  return node;
}

/** Polls `<url>/readyz` (the operations port) until it answers 200; stops the process and throws when it exits first or the time is up. */
export async function waitUntilReady(target: { name: string; child: ChildProcess; url: string; logFile: string; readyTimeoutMs: number; stop: () => Promise<void> }): Promise<void> {
  const { name, child, url, logFile, readyTimeoutMs } = target;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited during start-up (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) {
      await target.stop();
      throw new Error(`${name} was not ready within ${readyTimeoutMs} ms; see ${logFile}`);
    }
    await sleep(250);
  }
}
