// Open threads: history paged backwards over REST (far enough back to show a message a link points
// at), live messages and edits from the socket, and what a reconnect missed (conversation:join with
// the last id seen). One signal per conversation so a message in one thread never re-renders another.
import type { Conversation, Message } from '@smartchat/contracts';
import { joinAll, lastMessageId, mergeMessages, type Connection, type OutboxItem } from '@smartchat/frontend-kit';
import { createSignal, type Accessor, type Setter } from 'solid-js';
import { api, connection, onResync, onSent } from './session.js';
import { applyRead } from './live.js';

export interface Thread {
  id: string;
  messages: Accessor<readonly Message[]>;
  setMessages: Setter<readonly Message[]>;
  /** Older messages to load: the cursor, or null when the start is reached; undefined before the first page. */
  nextBefore: Accessor<string | null | undefined>;
  setNextBefore: Setter<string | null | undefined>;
  loadingOlder: Accessor<boolean>;
  setLoadingOlder: Setter<boolean>;
}

const threads = new Map<string, Thread>();
const PAGE = 100;

export function thread(id: string): Thread {
  let existing = threads.get(id);
  if (!existing) {
    const [messages, setMessages] = createSignal<readonly Message[]>([]);
    const [nextBefore, setNextBefore] = createSignal<string | null | undefined>(undefined);
    const [loadingOlder, setLoadingOlder] = createSignal(false);
    existing = { id, messages, setMessages, nextBefore, setNextBefore, loadingOlder, setLoadingOlder };
    threads.set(id, existing);
  }
  return existing;
}

/** The newest page, then joins the room (with the last id, so nothing between the two is lost). */
export async function openThread(id: string): Promise<Conversation | null> {
  await loadNewest(id);
  const live = connection();
  if (live && live.socket.connected) return join(live, id);
  return null;
}

/** The first page being loaded, per thread: the view and a jump to a message share it. */
const newestInFlight = new Map<string, Promise<void>>();

function loadNewest(id: string): Promise<void> {
  const current = thread(id);
  if (current.nextBefore() !== undefined) return Promise.resolve();
  let pending = newestInFlight.get(id);
  if (!pending) {
    pending = (async () => {
      const page = await api.get('/v1/conversations/{id}/messages', { params: { path: { id }, query: { limit: PAGE } } });
      current.setMessages((shown) => mergeMessages(shown, page.messages));
      current.setNextBefore(page.nextBefore);
      // Where the customer has read up to, as the `read` events said before this page was loaded.
      void api
        .get('/v1/conversations/{id}/reads', { params: { path: { id } } })
        .then((positions) => positions.reads.forEach(applyRead))
        .catch(() => undefined);
    })().finally(() => newestInFlight.delete(id));
    newestInFlight.set(id, pending);
  }
  return pending;
}

export async function join(live: Connection, id: string): Promise<Conversation | null> {
  const current = thread(id);
  const lastSeenId = lastMessageId(current.messages());
  // Followed through every continuation: a long absence is replayed in several pieces.
  const result = await joinAll<Conversation>(live, id, lastSeenId);
  current.setMessages((shown) => mergeMessages(shown, result.missed));
  return result.conversation;
}

export async function leaveThread(id: string): Promise<void> {
  const live = connection();
  if (live?.socket.connected) await live.request('conversation:leave', { conversationId: id }).catch(() => undefined);
}

/** The older page being loaded, per thread: one at a time, whoever asked (scrolling, a jump). */
const olderInFlight = new Map<string, Promise<number>>();

function fetchOlder(current: Thread, limit: number): Promise<number> {
  const before = current.nextBefore();
  if (!before) return Promise.resolve(0);
  current.setLoadingOlder(true);
  const request = (async () => {
    const page = await api.get('/v1/conversations/{id}/messages', { params: { path: { id: current.id }, query: { before, limit } } });
    current.setMessages((shown) => mergeMessages(shown, page.messages));
    current.setNextBefore(page.nextBefore);
    return page.messages.length;
  })().finally(() => {
    olderInFlight.delete(current.id);
    current.setLoadingOlder(false);
  });
  olderInFlight.set(current.id, request);
  return request;
}

export async function loadOlder(id: string): Promise<number> {
  const current = thread(id);
  if (!current.nextBefore() || olderInFlight.has(id)) return 0;
  return fetchOlder(current, PAGE);
}

/** The API's largest history page. */
const HISTORY_PAGE_MAX = 200;
/** How far back a jump to a message looks: this many pages of HISTORY_PAGE_MAX (4,000 messages). */
export const REVEAL_PAGES = 20;

/**
 * Loads history back until the message `messageId` is in the thread (at most REVEAL_PAGES pages),
 * then one page more, so that what led up to it can be read above it. False when it was not found
 * within that reach (or the conversation has no such message).
 */
export async function revealMessage(id: string, messageId: string): Promise<boolean> {
  await loadNewest(id);
  const current = thread(id);
  const loaded = () => current.messages().some((message) => message.id === messageId);
  let pages = 0;
  while (!loaded() && pages < REVEAL_PAGES) {
    // A page already on its way (the agent scrolled up): it may hold the message; go on from its end.
    const running = olderInFlight.get(id);
    if (running) {
      await running.catch(() => 0);
      continue;
    }
    if (!current.nextBefore()) break;
    await fetchOlder(current, HISTORY_PAGE_MAX);
    pages += 1;
  }
  if (!loaded()) return false;
  if (current.nextBefore() && !olderInFlight.has(id)) await fetchOlder(current, HISTORY_PAGE_MAX).catch(() => 0);
  return true;
}

export function applyMessage(message: Message): void {
  const current = threads.get(message.conversationId);
  if (current) current.setMessages((shown) => mergeMessages(shown, [message]));
}

export function forgetThread(id: string): void {
  threads.delete(id);
}

/** After a reconnect: the open thread rejoins its room and gets what it missed. */
let openId: string | null = null;
export function setOpenThread(id: string | null): void {
  openId = id;
}
onResync(async (live) => {
  if (openId) await join(live, openId);
});

/**
 * Sent messages the server accepted but whose delivery (message:new) has not reached this thread
 * yet: they stay on screen as "sent" so nothing flickers out between the ack and the delivery.
 */
const [acceptedAwaiting, setAcceptedAwaiting] = createSignal<readonly (OutboxItem & { messageId: string })[]>([]);
export { acceptedAwaiting };
onSent((item, messageId) => setAcceptedAwaiting([...acceptedAwaiting(), { ...item, messageId }]));
export function pruneAccepted(conversationId: string, delivered: ReadonlySet<string>): void {
  const current = acceptedAwaiting();
  const next = current.filter((item) => item.conversationId !== conversationId || !delivered.has(item.clientMessageId));
  if (next.length !== current.length) setAcceptedAwaiting(next);
}
