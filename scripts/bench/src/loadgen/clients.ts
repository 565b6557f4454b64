// How the load generator talks to a chat process: agent login and conversation opening over REST,
// socket.io connections, and acknowledged socket calls. Every call has a time limit.
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@smartchat/contracts';
import { io, type Socket } from 'socket.io-client';

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CALL_TIMEOUT_MS = 15_000;

async function post<T>(url: string, token: string | undefined, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`POST ${new URL(url).pathname}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function login(node: string, email: string, password: string): Promise<string> {
  return (await post<{ token: string }>(`${node}/v1/auth/login`, undefined, { email, password })).token;
}

export async function openConversation(node: string, customerToken: string, topic: string): Promise<string> {
  return (await post<{ conversation: { id: string } }>(`${node}/v1/conversations`, customerToken, { topic })).conversation.id;
}

/** A connected socket (websocket only, no automatic reconnection: a drop is a finding, not noise). */
export function connectSocket(node: string, token: string): Promise<BenchSocket> {
  const socket: BenchSocket = io(node, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: CALL_TIMEOUT_MS });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(new Error(`socket to ${node} did not connect: ${error.message}`));
    });
  });
}

export async function joinConversation(socket: BenchSocket, conversationId: string): Promise<void> {
  const result = (await socket.timeout(CALL_TIMEOUT_MS).emitWithAck('conversation:join', { conversationId })) as Ack<unknown>;
  if (!result.ok) throw new Error(`conversation:join failed: ${result.error.code} ${result.error.message}`);
}

/** Runs fn over items with at most `limit` at a time; resolves with the results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
