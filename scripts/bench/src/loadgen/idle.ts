// Idle customer sockets (new customers, no conversation) spread over the chat processes, to measure
// what a connected socket costs a chat process in memory (the orchestrator reads it after a full GC,
// see inspector-memory.ts). A first batch of sockets warms the connection path before the baseline.
import type { OrchestratorMessage } from '../protocol.js';
import { connectSocket, mapLimit, type BenchSocket } from './clients.js';
import type { Participants } from './participants.js';

const WARM_UP_SOCKETS = 100;

export interface IdleProbe {
  send: (message: { type: 'idle-ready' } | { type: 'idle-connected'; connected: number; failed: number }) => void;
  next: (type: Exclude<OrchestratorMessage['type'], 'start'>, timeoutMs: number) => Promise<unknown>;
}

/** The handshake with the orchestrator, which reads the memory: ready -> connect -> connected -> release. */
export async function measureIdleSockets(participants: Participants, nodes: string[], runId: string, count: number, probe: IdleProbe): Promise<{ sockets: number; connected: number; failed: number }> {
  const warm = await connectIdleSockets(participants, nodes, `${runId}w`, WARM_UP_SOCKETS);
  probe.send({ type: 'idle-ready' });
  await probe.next('idle-connect', 60_000);
  const { sockets, failed } = await connectIdleSockets(participants, nodes, runId, count);
  probe.send({ type: 'idle-connected', connected: sockets.length, failed });
  await probe.next('idle-release', 60_000);
  for (const socket of [...warm.sockets, ...sockets]) socket.disconnect();
  return { sockets: count, connected: sockets.length, failed };
}

async function connectIdleSockets(participants: Participants, nodes: string[], runId: string, count: number): Promise<{ sockets: BenchSocket[]; failed: number }> {
  const sockets: BenchSocket[] = [];
  let failed = 0;
  await mapLimit(
    Array.from({ length: count }, (_, index) => index),
    50,
    async (index) => {
      try {
        const token = await participants.customerToken(`bench-${runId}-idle${index}`);
        sockets.push(await connectSocket(nodes[index % nodes.length]!, token));
      } catch {
        failed += 1;
      }
    },
  );
  return { sockets, failed };
}
