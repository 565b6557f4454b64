// Real balancer processes for tests (node services/balancer/src/main.ts), sharing a chat cluster's
// database, Redis queue prefix and RabbitMQ vhost.
import { repoRoot } from '@smartchat/platform';
import { eventually, type TestResources } from '@smartchat/platform/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, stopNode, type ChatCluster, type ChatNode } from './cluster.js';

export async function startBalancer(resources: TestResources, cluster: ChatCluster, extraEnv: Record<string, string> = {}): Promise<ChatNode> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/balancer/src/main.ts')], {
    env: { ...cluster.env, SMARTCHAT_HTTP_PORT: String(port), SMARTCHAT_BALANCER_SWEEP_MS: '2000', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const node = { url: `http://127.0.0.1:${port}`, port, child, output };
  resources.defer(`stop balancer on ${port}`, () => stopNode(node));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`balancer exited (${code}): ${output.join('').slice(-3000)}`))));
  exited.catch(() => undefined);
  await Promise.race([exited, eventually(`balancer on port ${port} ready`, async () => (await fetch(`${node.url}/readyz`).catch(() => undefined))?.status === 200, 60_000, 200)]);
  return node;
}
