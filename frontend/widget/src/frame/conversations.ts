// The customer's conversations and their threads as the widget holds them: REST pages, live socket
// events and the replay after each reconnect, all merged by message id (kit mergeMessages); the
// customer's own messages on their way (the outbox, then "accepted, not delivered back yet");
// agent typing and read positions; and which messages the customer has seen (for unread counts).
import type { Attachment, CustomerConversation, Message, ReadEvent, ReplyExpectationBody, SendMessageResult, TypingEvent } from '@smartchat/contracts';
import { compareMessageIds, joinAll, lastMessageId, mergeMessages, newClientMessageId, resumeAll, type Api, type Connection, type Outbox, type OutboxItem } from '@smartchat/frontend-kit';
import { createMemo, createSignal } from 'solid-js';
import type { LocalMessage } from './thread-items.js';
import { unreadCount } from './unread.js';

/**
 * The widget is for customers, and the server answers a customer in the customers' shape; the
 * document's lists also carry the agents' shape (the same routes serve the console).
 */
function inCustomersShape<T extends object>(conversation: T): conversation is Exclude<T, { channel: unknown }> {
  return !('channel' in conversation);
}

const PAGE_SIZE = 30;
/** Conversations whose newest page is fetched (and room joined) up front, for unread counts. */
const PRELOADED_CONVERSATIONS = 10;
/** An agent's "typing" fades by itself if its "stopped" never arrives (a closed console tab). */
const AGENT_TYPING_TIMEOUT_MS = 8_000;
const MAX_SEEN_ENTRIES = 200;

export interface Thread {
  messages: readonly Message[];
  /** `before` of the next older page; null once the start is reached; undefined before the first page. */
  olderCursor: string | null | undefined;
  loadingOlder: boolean;
  /** The newest message id an agent has read (live `read` events; may be a note the customer never sees). */
  agentReadId: string | null;
}

const emptyThread: Thread = { messages: [], olderCursor: undefined, loadingOlder: false, agentReadId: null };

/** Accepted by the server (it has an id) but not yet back through `message:new`. */
interface AcceptedMessage {
  clientMessageId: string;
  conversationId: string;
  id: string;
  body: string;
  attachments: string[];
  queuedAt: number;
}

export interface ConversationStoreOptions {
  api: Api;
  connection: Connection;
  outbox: Outbox;
  /** localStorage key of the "seen" marks, per customer. */
  seenKey: string;
}

export type ConversationStore = ReturnType<typeof createConversationStore>;

export function createConversationStore(options: ConversationStoreOptions) {
  const { api, connection, outbox } = options;
  const socket = connection.socket;
  const [conversations, setConversations] = createSignal<readonly CustomerConversation[]>([]);
  const [listLoaded, setListLoaded] = createSignal(false);
  const [listError, setListError] = createSignal<unknown>(null);
  const [threads, setThreads] = createSignal<Readonly<Record<string, Thread>>>({});
  const [outboxItems, setOutboxItems] = createSignal<readonly OutboxItem[]>(outbox.list());
  const [accepted, setAccepted] = createSignal<readonly AcceptedMessage[]>([]);
  const [seen, setSeen] = createSignal<Readonly<Record<string, string>>>(loadSeen(options.seenKey));
  const [agentTyping, setAgentTyping] = createSignal<ReadonlySet<string>>(new Set());
  /** What the server said to expect when this tab opened a conversation (until an agent replies). */
  const [expectations, setExpectations] = createSignal<Readonly<Record<string, ReplyExpectationBody>>>({});
  /** Names of files the customer attached in this page, to show on their messages still on the way. */
  const attachmentsById = new Map<string, Attachment>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Rooms this socket is in since its last connect (a new socket starts in none). */
  const joined = new Set<string>();
  const readSent = new Map<string, string>();
  let openId: string | null = null;

  const thread = (id: string): Thread => threads()[id] ?? emptyThread;
  const updateThread = (id: string, change: (current: Thread) => Thread) => {
    const current = thread(id);
    const next = change(current);
    if (next !== current) setThreads((all) => ({ ...all, [id]: next }));
  };
  const merge = (id: string, incoming: readonly Message[]) =>
    updateThread(id, (current) => {
      const messages = mergeMessages(current.messages, incoming);
      return messages === current.messages ? current : { ...current, messages };
    });

  const sortConversations = (list: readonly CustomerConversation[]) =>
    [...list].sort((a, b) => (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt));
  const upsertConversation = (conversation: CustomerConversation) =>
    setConversations((list) => sortConversations([...list.filter((item) => item.id !== conversation.id), conversation]));
  const touchConversation = (message: Message) =>
    setConversations((list) => {
      const current = list.find((item) => item.id === message.conversationId);
      if (!current || (current.lastMessageAt && current.lastMessageAt >= message.createdAt)) return list;
      // A customer's message reopens a closed conversation (the server does the same).
      const status = message.kind === 'customer' && current.status === 'closed' ? 'open' : current.status;
      return sortConversations(list.map((item) => (item === current ? { ...current, lastMessageAt: message.createdAt, status } : item)));
    });

  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** A message for a conversation not in the list (opened in another tab): fetch the list again, once. */
  const refreshListSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      loadList().then(catchUp).catch(() => undefined);
    }, 500);
  };

  async function loadList(): Promise<readonly CustomerConversation[]> {
    try {
      const list = (await api.get('/v1/conversations')).conversations.filter(inCustomersShape);
      setConversations(sortConversations(list));
      setListLoaded(true);
      setListError(null);
      return list;
    } catch (error) {
      setListError(error);
      throw error;
    }
  }

  function applyAgentRead(event: ReadEvent): void {
    if (event.who.type !== 'agent') return;
    updateThread(event.conversationId, (current) =>
      current.agentReadId !== null && compareMessageIds(current.agentReadId, event.messageId) >= 0 ? current : { ...current, agentReadId: event.messageId },
    );
  }

  async function loadNewestPage(id: string): Promise<void> {
    const page = await api.get('/v1/conversations/{id}/messages', { params: { path: { id }, query: { limit: PAGE_SIZE } } });
    merge(id, page.messages);
    updateThread(id, (current) => (current.olderCursor === undefined ? { ...current, olderCursor: page.nextBefore } : current));
    // How far an agent has read, as the `read` events said before this page was loaded.
    const positions = await api.get('/v1/conversations/{id}/reads', { params: { path: { id } } }).catch(() => null);
    for (const event of positions?.reads ?? []) applyAgentRead(event);
  }

  async function join(id: string): Promise<void> {
    const lastSeenId = lastMessageId(thread(id).messages);
    // Followed through every continuation: a long absence is replayed in several pieces.
    const result = await joinAll<CustomerConversation>(connection, id, lastSeenId);
    joined.add(id);
    upsertConversation(pickCustomerFields(result.conversation));
    merge(id, result.missed);
  }

  /**
   * Runs on every (re)connect before the connection is live: the list again (statuses change),
   * `resume` with the newest message of every loaded thread, `conversation:join` for the open one,
   * then the recent conversations not loaded yet.
   */
  async function resync(live: Connection): Promise<void> {
    joined.clear();
    const list = await loadList();
    const lastSeen: Record<string, string> = {};
    for (const conversation of list) {
      const last = lastMessageId(thread(conversation.id).messages);
      if (last && conversation.id !== openId) lastSeen[conversation.id] = last;
    }
    const work: Promise<unknown>[] = [];
    if (Object.keys(lastSeen).length) {
      work.push(
        resumeAll(live, lastSeen).then(({ missed }) => {
          for (const id of Object.keys(lastSeen)) joined.add(id);
          for (const [id, messages] of Object.entries(missed)) merge(id, messages);
        }),
      );
    }
    const open = openId;
    if (open) work.push(join(open).then(() => (thread(open).olderCursor === undefined ? loadNewestPage(open) : undefined)));
    work.push(catchUp(list));
    const results = await Promise.allSettled(work);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /**
   * Recent conversations with nothing loaded yet (new, or opened in another tab): their room
   * first, then their newest page, so that nothing falls between the two and unread counts hold.
   */
  async function catchUp(list: readonly CustomerConversation[]): Promise<void> {
    const fresh = list
      .slice(0, PRELOADED_CONVERSATIONS)
      .filter((conversation) => conversation.id !== openId && !joined.has(conversation.id) && thread(conversation.id).olderCursor === undefined);
    if (!socket.connected) return;
    await Promise.all(fresh.map((conversation) => join(conversation.id).then(() => loadNewestPage(conversation.id))));
  }

  // Live events.
  const onMessage = (message: Message) => {
    merge(message.conversationId, [message]);
    if (message.clientMessageId) setAccepted((list) => list.filter((item) => item.clientMessageId !== message.clientMessageId));
    if (message.kind === 'reply') setTyping(message.conversationId, false);
    if (!conversations().some((item) => item.id === message.conversationId)) refreshListSoon();
    touchConversation(message);
  };
  const onUpdated = (message: Message) => {
    // Only what is shown: an edit of an old message outside the loaded pages would leave a gap.
    if (thread(message.conversationId).messages.some((item) => item.id === message.id)) merge(message.conversationId, [message]);
  };
  const onTyping = (event: TypingEvent) => {
    if (event.who.type === 'agent' && event.kind === 'reply') setTyping(event.conversationId, event.typing);
  };
  const onRead = (event: ReadEvent) => applyAgentRead(event);
  const onConversation = (conversation: CustomerConversation) => upsertConversation(pickCustomerFields(conversation));
  socket.on('message:new', onMessage);
  socket.on('message:updated', onUpdated);
  socket.on('typing', onTyping);
  socket.on('read', onRead);
  socket.on('conversation:updated', onConversation);

  function setTyping(id: string, typing: boolean) {
    const timer = typingTimers.get(id);
    if (timer) clearTimeout(timer);
    typingTimers.delete(id);
    if (typing) typingTimers.set(id, setTimeout(() => setTyping(id, false), AGENT_TYPING_TIMEOUT_MS));
    setAgentTyping((current) => {
      if (current.has(id) === typing) return current;
      const next = new Set(current);
      if (typing) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  const attachmentOf = (id: string): Attachment => attachmentsById.get(id) ?? { id, name: '…', contentType: 'application/octet-stream', size: 0 };

  /** The customer's messages still on their way, per conversation, oldest first. */
  const locals = createMemo(() => {
    const byConversation = new Map<string, LocalMessage[]>();
    const add = (local: LocalMessage) => {
      const list = byConversation.get(local.conversationId) ?? [];
      list.push(local);
      byConversation.set(local.conversationId, list);
    };
    for (const item of accepted()) add({ clientMessageId: item.clientMessageId, conversationId: item.conversationId, id: item.id, body: item.body, attachments: item.attachments.map(attachmentOf), queuedAt: item.queuedAt, state: 'pending' });
    for (const item of outboxItems()) {
      add({
        clientMessageId: item.clientMessageId,
        conversationId: item.conversationId,
        id: null,
        body: item.body,
        attachments: item.attachments.map(attachmentOf),
        queuedAt: item.queuedAt,
        state: item.state === 'failed' ? 'failed' : 'pending',
        ...(item.state === 'failed' && item.error ? { error: item.error.code } : {}),
      });
    }
    for (const list of byConversation.values()) list.sort((a, b) => a.queuedAt - b.queuedAt);
    return byConversation;
  });

  const unread = createMemo(() => {
    const counts = new Map<string, number>();
    const marks = seen();
    for (const conversation of conversations()) counts.set(conversation.id, unreadCount(thread(conversation.id).messages, marks[conversation.id]));
    return counts;
  });

  return {
    conversations,
    listLoaded,
    listError,
    thread,
    locals: (id: string): readonly LocalMessage[] => locals().get(id) ?? [],
    agentTyping: (id: string) => agentTyping().has(id),
    expectation: (id: string): ReplyExpectationBody | null => expectations()[id] ?? null,
    unreadOf: (id: string) => unread().get(id) ?? 0,
    unreadTotal: createMemo(() => [...unread().values()].reduce((sum, count) => sum + count, 0)),
    resync,
    /** The list again (the panel opened, a retry), and what is new in it. */
    refresh: () => loadList().then(catchUp),

    /** The outbox changed (kit Outbox onChange). */
    outboxChanged(items: readonly OutboxItem[]) {
      setOutboxItems(items);
    },
    /** The server accepted an outbox item (kit Outbox onSent): it stays pending until delivered back. */
    outboxSent(item: OutboxItem, result: SendMessageResult) {
      if (thread(item.conversationId).messages.some((message) => message.id === result.id)) return;
      setAccepted((list) => [...list, { clientMessageId: item.clientMessageId, conversationId: item.conversationId, id: result.id, body: item.body, attachments: item.attachments, queuedAt: item.queuedAt }]);
    },

    /** The customer opened a thread: be in its room, have its newest page. */
    async open(id: string): Promise<void> {
      openId = id;
      // Join before reading the page, so that nothing falls between the two. Not connected: the
      // resync on connect joins the open thread.
      if (socket.connected && !joined.has(id)) await join(id).catch(() => undefined);
      if (thread(id).olderCursor === undefined) await loadNewestPage(id);
    },
    close(id: string) {
      if (openId === id) openId = null;
    },
    async loadOlder(id: string): Promise<void> {
      const current = thread(id);
      if (!current.olderCursor || current.loadingOlder) return;
      updateThread(id, (value) => ({ ...value, loadingOlder: true }));
      try {
        const page = await api.get('/v1/conversations/{id}/messages', { params: { path: { id }, query: { before: current.olderCursor, limit: PAGE_SIZE } } });
        merge(id, page.messages);
        updateThread(id, (value) => ({ ...value, olderCursor: page.nextBefore }));
      } finally {
        updateThread(id, (value) => ({ ...value, loadingOlder: false }));
      }
    },

    send(conversationId: string, body: string, attachments: readonly Attachment[]) {
      for (const attachment of attachments) attachmentsById.set(attachment.id, attachment);
      outbox.enqueue({ clientMessageId: newClientMessageId(), conversationId, body, attachments: attachments.map((attachment) => attachment.id) });
    },
    retry: (clientMessageId: string) => outbox.retry(clientMessageId),
    discard: (clientMessageId: string) => outbox.discard(clientMessageId),

    /**
     * A new conversation with its first message, in one request (the server routes it by topic).
     * The same clientMessageId on a retry keeps the message from being sent twice.
     */
    async start(topic: string, body: string, clientMessageId: string): Promise<string> {
      const queuedAt = Date.now();
      const created = await api.post('/v1/conversations', { body: { topic, body, clientMessageId } });
      const id = created.conversation.id;
      upsertConversation(created.conversation);
      const { expectation } = created;
      if (expectation) setExpectations((known) => ({ ...known, [id]: expectation }));
      if (created.message) setAccepted((list) => [...list, { clientMessageId, conversationId: id, id: created.message!.id, body, attachments: [], queuedAt }]);
      return id;
    },

    /**
     * The thread is on screen and the window has focus: everything in it is seen (unread counts
     * drop) and the server hears `read` for the newest message.
     */
    markSeen(id: string) {
      const last = lastMessageId(thread(id).messages);
      if (!last) return;
      if (seen()[id] !== last) {
        const next = { ...seen(), [id]: last };
        setSeen(next);
        saveSeen(options.seenKey, next);
      }
      if (readSent.get(id) !== last && connection.state() === 'live') {
        readSent.set(id, last);
        connection.request('read', { conversationId: id, messageId: last }).catch(() => readSent.delete(id));
      }
    },

    dispose() {
      socket.off('message:new', onMessage);
      socket.off('message:updated', onUpdated);
      socket.off('typing', onTyping);
      socket.off('read', onRead);
      socket.off('conversation:updated', onConversation);
      for (const timer of typingTimers.values()) clearTimeout(timer);
      if (refreshTimer) clearTimeout(refreshTimer);
    },
  };
}

/** The server sends customers CustomerConversation; never keep more than its fields. */
function pickCustomerFields(conversation: CustomerConversation): CustomerConversation {
  return { id: conversation.id, status: conversation.status, topic: conversation.topic, subject: conversation.subject ?? null, createdAt: conversation.createdAt, lastMessageAt: conversation.lastMessageAt };
}

function loadSeen(key: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function saveSeen(key: string, marks: Record<string, string>): void {
  try {
    const entries = Object.entries(marks);
    localStorage.setItem(key, JSON.stringify(Object.fromEntries(entries.slice(-MAX_SEEN_ENTRIES))));
  } catch {
    // Not remembered: unread counts start over on the next page load.
  }
}
