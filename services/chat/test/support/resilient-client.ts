// A test client that behaves like the console and widget should: it retries a send with the same
// clientMessageId until it is accepted, fails over to another chat process as soon as its socket
// drops (not only when it next sends: an agent who only reads must get back too), resumes from the
// last message it saw (also when the server asks it to resync), and counts every raw receipt to
// detect duplicates.
import type { Message } from '@smartchat/contracts';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { api, clientMessageId, type ChatNode } from './cluster.js';

export class ResilientClient {
  private socket?: Socket;
  private nodeIndex: number;
  readonly received = new Map<string, Message>();
  readonly receipts = new Map<string, number>();
  readonly joined = new Set<string>();
  reconnects = 0;
  /** How often the server asked this client to catch up. */
  resyncs = 0;
  /** Why catch-ups after a resync failed (each was tried again). */
  readonly resumeFailures: string[] = [];
  /** The fail-over under way since the socket dropped, if any. */
  private reconnecting?: Promise<void>;
  private closed = false;

  constructor(private readonly urls: string[], private readonly token: string, startAt = 0) {
    this.nodeIndex = startAt;
  }

  async connect(): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const url = this.urls[this.nodeIndex % this.urls.length]!;
      const socket = connectSocket(url, { auth: { token: this.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 3000 });
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
      if (connected) {
        socket.on('message:new', (message: Message) => this.record(message, true));
        // The process may have missed batches for this socket (it lost its Redis subscription):
        // catch up as after a reconnect, as the console and the widget do.
        socket.on('resync', () => {
          this.resyncs += 1;
          void this.resumeRetrying(socket);
        });
        socket.on('disconnect', () => {
          if (this.socket !== socket) return;
          this.socket = undefined;
          if (this.closed || this.reconnecting) return;
          this.reconnecting = this.failOver()
            .catch(() => undefined)
            .finally(() => {
              this.reconnecting = undefined;
            });
        });
        this.socket = socket;
        if (this.joined.size > 0) await this.resumeRetrying(socket);
        return;
      }
      socket.disconnect();
      this.nodeIndex += 1;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('could not connect to any chat process');
  }

  async join(conversationId: string): Promise<void> {
    const result = await this.call<{ missed: Message[] }>('conversation:join', { conversationId });
    this.joined.add(conversationId);
    for (const message of result.missed) this.record(message, false);
  }

  /** Sends until accepted; returns the message id. */
  async send(conversationId: string, body: string, kind?: 'reply' | 'note'): Promise<string> {
    const input = { conversationId, clientMessageId: clientMessageId(), body, ...(kind ? { kind } : {}) };
    const result = await this.call<{ id: string }>('message:send', input);
    return result.id;
  }

  /** Whether the client has a connected socket now. */
  get connected(): boolean {
    return this.socket?.connected === true;
  }

  disconnect(): void {
    this.closed = true;
    this.socket?.disconnect();
  }

  /** To the next chat process, resuming what it had joined. */
  private async failOver(): Promise<void> {
    this.nodeIndex += 1;
    this.reconnects += 1;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await this.connect();
  }

  /** Calls an event until it succeeds, reconnecting (to the next process) when the socket is gone. */
  private async call<T>(event: string, input: unknown): Promise<T> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (!this.socket?.connected) {
        if (this.reconnecting) await this.reconnecting;
        if (!this.socket?.connected) await this.connect();
      }
      try {
        const result = await this.socket!.timeout(5000).emitWithAck(event, input);
        if (result.ok) return result.data as T;
        if (!['SC_ERR_UNAVAILABLE', 'SC_ERR_INTERNAL', 'SC_ERR_RATE_LIMITED'].includes(result.error.code)) {
          throw Object.assign(new Error(`${event} failed: ${result.error.code}`), { fatal: true });
        }
      } catch (error) {
        if ((error as { fatal?: boolean }).fatal) throw error;
        // timeout or disconnect: retry below with the same input
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${event} did not succeed after 200 attempts`);
  }

  /** As the console and widget do: a catch-up that failed is tried again, a few times. */
  private async resumeRetrying(socket: Socket): Promise<void> {
    for (let attempt = 0; attempt < 5 && socket.connected; attempt += 1) {
      try {
        await this.resume(socket);
        return;
      } catch (error) {
        this.resumeFailures.push(error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }
  }

  private async resume(socket: Socket): Promise<void> {
    const lastSeen: Record<string, string> = {};
    for (const conversationId of this.joined) {
      const ids = [...this.received.values()].filter((message) => message.conversationId === conversationId).map((message) => message.id);
      const newest = ids.sort((a, b) => timeOf(a) - timeOf(b)).at(-1);
      if (newest) lastSeen[conversationId] = newest;
      else await socket.timeout(5000).emitWithAck('conversation:join', { conversationId });
    }
    // A replay comes in pieces: go on from `more` until the server has nothing left.
    let pending: Record<string, string> | undefined = lastSeen;
    while (pending && Object.keys(pending).length > 0) {
      const result = await socket.timeout(10_000).emitWithAck('resume', { lastSeen: pending });
      if (!result.ok) throw new Error(`resume failed: ${result.error.code}`);
      const data = result.data as { missed: Record<string, Message[]>; more?: Record<string, string> };
      for (const messages of Object.values(data.missed)) for (const message of messages) this.record(message, false);
      pending = data.more;
    }
  }

  /** Live receipts are counted; replays (join, resume) may overlap live ones by design and are not. */
  private record(message: Message, live: boolean): void {
    if (live) this.receipts.set(message.id, (this.receipts.get(message.id) ?? 0) + 1);
    this.received.set(message.id, message);
  }

  /** Live receipts beyond the first of each message id. */
  duplicates(): number {
    let extra = 0;
    for (const count of this.receipts.values()) extra += Math.max(0, count - 1);
    return extra;
  }
}

/** Milliseconds of a timeuuid (v1) string, for ordering. */
export function timeOf(id: string): number {
  const [low, mid, high] = id.split('-') as [string, string, string];
  const ticks = (BigInt(`0x${high.slice(1)}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
  return Number((ticks - 122_192_928_000_000_000n) / 10_000n);
}

/**
 * `count` customers, each with a new conversation opened on `homeOf(index)` and joined by a
 * ResilientClient starting there; the agent client joins every conversation too.
 */
export async function customersWithConversations(
  cluster: { nodes: ChatNode[]; customerToken(externalId: string): Promise<string> },
  agent: ResilientClient,
  options: { count: number; label: string; homeOf: (index: number) => number },
): Promise<{ client: ResilientClient; conversationId: string; accepted: string[] }[]> {
  const urls = cluster.nodes.map((node) => node.url);
  return Promise.all(
    Array.from({ length: options.count }, async (_, index) => {
      const home = options.homeOf(index);
      const token = await cluster.customerToken(`${options.label}-${index}`);
      const created = await api<{ conversation: { id: string } }>(cluster.nodes[home]!, 'POST', '/v1/conversations', token, { topic: `${options.label} ${index}` });
      const client = new ResilientClient(urls, token, home);
      await client.connect();
      await client.join(created.body.conversation.id);
      await agent.join(created.body.conversation.id);
      return { client, conversationId: created.body.conversation.id, accepted: [] as string[] };
    }),
  );
}
