// The orchestrator's side of the IPC conversation with the load generator: relays its log,
// records the phases (and snapshots the chat processes' metrics at the window's edges), takes the
// idle-socket memory readings when asked, and resolves with the result.
import type { ChildProcess } from 'node:child_process';
import type { ChatNode } from './chat-nodes.js';
import { memoryAfterGc, type MemoryAfterGc } from './inspector-memory.js';
import type { LoadgenConfig, LoadgenMessage, LoadResult, OrchestratorMessage, PhaseName } from './protocol.js';
import type { IdleMemory } from './report.js';
import { fetchMetrics, serverFigures, type MetricsSnapshot, type ServerFigures } from './server-metrics.js';

const log = (text: string) => process.stdout.write(`[bench] ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (value: number) => Math.round(value * 10) / 10;

export interface Collected {
  result: LoadResult;
  phases: Partial<Record<PhaseName, number>>;
  idle: IdleMemory | null;
  server: ServerFigures | null;
}

/** Talks to the load generator until it reports its result (or fails). */
export function drive(loadgen: ChildProcess, config: LoadgenConfig, nodes: ChatNode[]): Promise<Collected> {
  const phases: Partial<Record<PhaseName, number>> = {};
  const tell = (message: OrchestratorMessage) => loadgen.send(message);
  const memory = () => Promise.all(nodes.map((node) => memoryAfterGc(node.inspectPort)));
  let baseline: MemoryAfterGc[] = [];
  let idle: IdleMemory | null = null;
  const snapshots: Partial<Record<'from' | 'to', Promise<(MetricsSnapshot | undefined)[]>>> = {};
  const snapshot = () => Promise.all(nodes.map((node) => fetchMetrics(node.opsUrl)));

  return new Promise<Collected>((resolve, reject) => {
    loadgen.on('message', (message: LoadgenMessage) => {
      switch (message.type) {
        case 'log':
          process.stdout.write(`[loadgen] ${message.text}\n`);
          break;
        case 'phase':
          phases[message.phase] = Date.now();
          if (message.phase === 'window-start') snapshots.from = snapshot();
          if (message.phase === 'window-end') snapshots.to = snapshot();
          break;
        case 'idle-ready':
          void (async () => {
            await sleep(2000);
            baseline = await memory().catch((error: unknown) => {
              log(`idle sockets: no memory figure (${(error as Error).message})`);
              return [];
            });
            tell({ type: 'idle-connect' });
          })();
          break;
        case 'idle-connected':
          void (async () => {
            await sleep(3000);
            const after = baseline.length > 0 ? await memory().catch(() => []) : [];
            if (after.length === 0) return tell({ type: 'idle-release' });
            const perProcessDeltaMb: IdleMemory['perProcessDeltaMb'] = {};
            nodes.forEach((node, index) => {
              const [before, now] = [baseline[index]!, after[index]!];
              perProcessDeltaMb[node.name] = { rss: round1(now.rssMb - before.rssMb), heapAndExternal: round1(now.heapUsedMb + now.externalMb - before.heapUsedMb - before.externalMb) };
            });
            idle = { sockets: config.profile.idleSockets, connected: message.connected, perProcessDeltaMb };
            log(`idle sockets: ${message.connected} connected (${message.failed} failed); RSS change ${JSON.stringify(perProcessDeltaMb)} MB`);
            tell({ type: 'idle-release' });
          })();
          break;
        case 'result':
          void (async () => {
            const from = (await snapshots.from) ?? [];
            const to = (await snapshots.to) ?? [];
            resolve({ result: message.result, phases, idle, server: serverFigures(nodes.map((node) => node.name), from, to) });
          })();
          break;
        case 'fatal':
          reject(new Error(`load generator failed: ${message.error}`));
          break;
      }
    });
    loadgen.once('exit', (code, signal) => reject(new Error(`load generator exited (${code ?? signal}) before reporting a result`)));
    tell({ type: 'start', config });
  });
}
