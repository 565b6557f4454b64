// Memory of a chat process after a full garbage collection, through its inspector (the bench
// starts its chat processes with --inspect on a loopback port). Without the collection, RSS and
// heap size follow V8's garbage, which moves by more than 1,000 idle sockets cost.
import WebSocket from 'ws';

export interface MemoryAfterGc {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function debuggerUrl(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(5000) });
  const targets = (await response.json()) as { webSocketDebuggerUrl?: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  return url;
}

export async function memoryAfterGc(inspectPort: number, timeoutMs = 20_000): Promise<MemoryAfterGc> {
  const socket = new WebSocket(await debuggerUrl(inspectPort));
  const replies = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) replies.get(message.id)?.(message.result);
  });
  let nextId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      nextId += 1;
      replies.set(nextId, resolve);
      socket.send(JSON.stringify({ id: nextId, method, params }));
    });
  const run = async () => {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const evaluated = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    const usage = JSON.parse(evaluated.result.value) as { rss: number; heapUsed: number; external: number };
    return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external) };
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([run(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('inspector did not answer in time')), timeoutMs)))]);
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}
