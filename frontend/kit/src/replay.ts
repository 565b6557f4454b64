// Catching up after a (re)connect in as many calls as the server needs. The server replays a
// bounded piece per call and says where to go on (`more`: conversation id -> message id); these
// helpers send `resume {lastSeen: more}` until nothing is left, wait out SC_ERR_RATE_LIMITED as
// the server asks (details.retryAfterMs), and hand back everything at once, each message once.
import { MAX_RESUME_CONVERSATIONS, type ClientEventInput, type ClientEventResult, type JoinResult, type Message, type ReplayContinuation } from '@smartchat/contracts';
import { ApiError } from './api.js';
import type { Connection } from './connection.js';

type Requester = Pick<Connection, 'request'>;

/** Refusals for the rate waited out, per call, before the error is passed on. */
const RATE_LIMITED_ATTEMPTS = 5;
/** Longest wait for one refusal, whatever the server says: the connection's state is "catching up" meanwhile. */
const MAX_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that waits and tries again when the server says "too many" (SC_ERR_RATE_LIMITED). */
async function patiently<E extends 'resume' | 'conversation:join'>(connection: Requester, event: E, input: ClientEventInput<E>): Promise<ClientEventResult<E>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connection.request(event, input);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'SC_ERR_RATE_LIMITED' || attempt >= RATE_LIMITED_ATTEMPTS) throw error;
      const asked = (error.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      await sleep(Math.min(MAX_WAIT_MS, typeof asked === 'number' && asked > 0 ? asked : 1000));
    }
  }
}

/**
 * `resume` for every conversation in `lastSeen` (conversation id -> newest message id the client
 * has), followed through every continuation. `missed` has a key for each conversation the server
 * still shows this client (a conversation missing from it is no longer visible: drop it), with
 * every message after the given id, oldest first.
 */
export async function resumeAll(connection: Requester, lastSeen: Readonly<Record<string, string>>): Promise<{ missed: Record<string, Message[]> }> {
  const missed: Record<string, Message[]> = {};
  const entries = Object.entries(lastSeen);
  for (let from = 0; from < entries.length; from += MAX_RESUME_CONVERSATIONS) {
    await follow(connection, Object.fromEntries(entries.slice(from, from + MAX_RESUME_CONVERSATIONS)), missed);
  }
  return { missed };
}

/** Sends `resume` from `pending` until the answer has no `more`; adds what comes back to `missed`. */
async function follow(connection: Requester, start: ReplayContinuation, missed: Record<string, Message[]>): Promise<void> {
  let pending = start;
  while (Object.keys(pending).length > 0) {
    const result = await patiently(connection, 'resume', { lastSeen: pending });
    for (const [id, messages] of Object.entries(result.missed)) (missed[id] ??= []).push(...messages);
    const next = result.more ?? {};
    // A server that answers nothing, drops nothing and moves no position on would be asked for ever.
    const stuck = Object.keys(result.missed).length === 0 && Object.keys(next).length === Object.keys(pending).length && Object.entries(next).every(([id, after]) => pending[id] === after);
    if (stuck) throw new ApiError(0, undefined, 'The replay made no progress');
    pending = next;
  }
}

/**
 * `conversation:join` with the newest message id the client has, followed through its
 * continuation: `missed` holds every message after `lastSeenId` (none without one).
 */
export async function joinAll<C = JoinResult['conversation']>(connection: Requester, conversationId: string, lastSeenId: string | undefined): Promise<{ conversation: C; missed: Message[] }> {
  const result = await patiently(connection, 'conversation:join', { conversationId, ...(lastSeenId ? { lastSeenId } : {}) });
  const missed = [...result.missed];
  if (result.more) {
    const rest: Record<string, Message[]> = {};
    await follow(connection, result.more, rest);
    missed.push(...(rest[conversationId] ?? []));
  }
  return { conversation: result.conversation as C, missed };
}
