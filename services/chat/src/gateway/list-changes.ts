// Live inbox lists: how a change of a conversation reaches every open list that may show it.
//
// Whoever changes a conversation row (a chat process, the balancer's assignment and timers, the
// message bookkeeping) needs to do nothing: a trigger announces each committed change on the
// PostgreSQL channel smartchat_list_changes (schema 0013). Every chat process listens on one
// connection of its own, gathers the ids of a short window, reads their list rows once, and
// sends `inbox:changed` (the row, as GET /v1/conversations gives it) to each of its agent sockets
// that may see the conversation now, by the one visibility rule (canSeeConversation). An agent
// who could see it only through the team or assignee it just left gets `inbox:removed`. A
// customer socket never gets either.
//
// A lost connection is opened again (backing off up to 10 s); what was announced meanwhile did
// not arrive, so every agent socket here is told to reload its lists (`access:changed`, reason
// "resync"). The console also re-reads its list slowly as a safety net.
import { canSeeConversation, type ConversationAccessFacts, type Viewer } from '@smartchat/core';
import type { InboxConversation } from '@smartchat/contracts';
import type { Logger } from '@smartchat/platform';
import pg from 'pg';
import type { AccessStore } from '../access/access-store.js';
import type { ConversationFacts } from '../store/conversation-facts.js';
import type { InboxStore } from '../store/inbox.js';
import { AGENTS_ROOM } from './presence.js';
import type { ChatSocket, ChatSocketServer } from './socket-server.js';

export const LIST_CHANGES_CHANNEL = 'smartchat_list_changes';

/** An announced change: the conversation, and where it was before when it moved (team or assignee changed). */
export interface ListChange {
  conversationId: string;
  moved?: { teamId: string | null; assigneeId: string | null };
  /** Only its activity changed (a message: preview, waiting time): may wait a moment on a busy conversation. */
  activity?: true;
}

/** A busy conversation's activity reaches the lists at most this often (its first change after a quiet spell at once). */
export const ACTIVITY_INTERVAL_MS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A notification's payload: entries "id", "~id" (activity only) or "id:oldTeam:oldAssignee" (empty for none), comma-separated. Anything else is skipped. */
export function parseListChanges(payload: string): ListChange[] {
  const changes: ListChange[] = [];
  for (const entry of payload.split(',')) {
    if (entry.startsWith('~')) {
      const id = entry.slice(1);
      if (UUID.test(id)) changes.push({ conversationId: id, activity: true });
      continue;
    }
    const [id, team, assignee, ...rest] = entry.split(':');
    if (!id || !UUID.test(id) || rest.length > 0) continue;
    if (team === undefined) {
      changes.push({ conversationId: id });
      continue;
    }
    const old = (value: string | undefined) => (value && UUID.test(value) ? value : null);
    changes.push({ conversationId: id, moved: { teamId: old(team), assigneeId: old(assignee) } });
  }
  return changes;
}

/** What the list change means to one viewer: show the row, take it out, or nothing (never theirs to see). */
export function listUpdateFor(viewer: Viewer, row: ConversationAccessFacts, moved: ListChange['moved']): 'changed' | 'removed' | null {
  if (canSeeConversation(viewer, row)) return 'changed';
  if (moved && canSeeConversation(viewer, { ...row, teamId: moved.teamId, assigneeId: moved.assigneeId })) return 'removed';
  return null;
}

export interface ListChangesOptions {
  /** The main database; one connection of its own is kept for LISTEN. */
  url: string;
  io: () => ChatSocketServer | undefined;
  inbox: InboxStore;
  access: AccessStore;
  facts: ConversationFacts;
  logger: Logger;
  /** How long changes are gathered before their rows are read (several changes of one conversation in a burst are one read). */
  windowMs?: number;
  /** Called for each push (metrics). */
  onPush?: (kind: 'changed' | 'removed', sockets: number) => void;
}

export class ListChanges {
  private client?: pg.Client;
  private stopped = false;
  private retryMs = 250;
  private readonly pending = new Map<string, ListChange['moved'] | null>();
  private timer?: NodeJS.Timeout;
  /** Activity of busy conversations held back: id → when it may go out. */
  private readonly deferred = new Map<string, number>();
  private deferredTimer?: NodeJS.Timeout;
  private deferredAt = 0;
  /** When each conversation's activity was last pushed (kept for ACTIVITY_INTERVAL_MS). */
  private readonly lastPush = new Map<string, number>();
  /** Pending ids that carry activity (the interval starts when they go out; a structural push alone starts none). */
  private readonly pendingActivity = new Set<string>();
  private reconnectTimer?: NodeJS.Timeout;
  private readonly log: Logger;

  constructor(private readonly options: ListChangesOptions) {
    this.log = options.logger.child({ component: 'list-changes' });
  }

  /** Listens; resolves once the first LISTEN is in place (later losses reconnect by themselves). */
  async start(): Promise<void> {
    await this.connect(false);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.deferredTimer);
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(resync: boolean): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'smartchat-list-changes', keepAlive: true, connectionTimeoutMillis: 5000 });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || this.stopped) return;
      lost = true;
      this.log.warn({ err: error }, 'the list changes connection was lost; listening again');
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== LIST_CHANGES_CHANNEL || !message.payload) return;
      for (const change of parseListChanges(message.payload)) this.add(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIST_CHANGES_CHANNEL}`);
    } catch (error) {
      void client.end().catch(() => undefined);
      this.log.warn({ err: error }, 'listening for list changes failed; trying again');
      // Once it listens, every agent socket reloads: what was announced meanwhile is lost.
      this.scheduleReconnect();
      if (!resync) throw error;
      return;
    }
    this.client = client;
    this.retryMs = 250;
    if (resync) this.resyncSockets();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(true), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
  }

  /** Changes announced while nobody listened are lost: every agent socket here reloads its lists. */
  private resyncSockets(): void {
    const io = this.options.io();
    if (!io) return;
    io.local.to(AGENTS_ROOM).emit('access:changed', { reason: 'resync' });
  }

  private add(change: ListChange): void {
    const id = change.conversationId;
    // The facts cache must not answer from before the change (visibility of messages and joins).
    this.options.facts.forget(id);
    if (change.activity && !this.pending.has(id)) {
      // A message in a conversation whose activity was pushed less than ACTIVITY_INTERVAL_MS ago
      // waits for the interval's end (the row then read has every message of the interval). A
      // new conversation's first message after its creation goes out at once.
      const due = (this.lastPush.get(id) ?? 0) + ACTIVITY_INTERVAL_MS;
      if (due > Date.now()) {
        if (!this.deferred.has(id)) {
          this.deferred.set(id, due);
          if (!this.deferredTimer || due < this.deferredAt) this.armDeferred(due);
        }
        return;
      }
    }
    this.deferred.delete(id);
    if (change.activity) this.pendingActivity.add(id);
    const known = this.pending.get(id);
    // The earliest place a conversation moved from in the window is where the lists had it.
    this.pending.set(id, known ?? change.moved ?? null);
    this.armFlush();
  }

  private armFlush(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.options.windowMs ?? 50);
  }

  /** Arms the timer of held-back activity for `next` (default: the earliest due). */
  private armDeferred(next = this.earliestDeferred()): void {
    if (next === Infinity) return;
    clearTimeout(this.deferredTimer);
    this.deferredAt = next;
    this.deferredTimer = setTimeout(() => {
      this.deferredTimer = undefined;
      const now = Date.now();
      for (const [id, due] of this.deferred) {
        if (due > now) continue;
        this.deferred.delete(id);
        this.pendingActivity.add(id);
        if (!this.pending.has(id)) this.pending.set(id, null);
      }
      if (this.pending.size > 0) this.armFlush();
      this.armDeferred();
    }, Math.max(0, next - Date.now()));
  }

  private earliestDeferred(): number {
    let next = Infinity;
    for (const due of this.deferred.values()) next = Math.min(next, due);
    return next;
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = new Map(this.pending);
    this.pending.clear();
    const now = Date.now();
    if (this.lastPush.size > 10_000) for (const [id, at] of this.lastPush) if (now - at >= ACTIVITY_INTERVAL_MS) this.lastPush.delete(id);
    for (const id of this.pendingActivity) {
      this.lastPush.delete(id);
      this.lastPush.set(id, now);
    }
    this.pendingActivity.clear();
    const io = this.options.io();
    const sockets = io ? agentSockets(io) : [];
    if (sockets.length === 0 || batch.size === 0) return;
    try {
      const rows = await this.options.inbox.rows([...batch.keys()]);
      // Each socket's viewer once per flush (cached by the access store between flushes).
      const viewers = new Map<ChatSocket, Viewer | null>();
      for (const socket of sockets) {
        const { identity } = socket.data;
        if (identity.type !== 'agent') continue;
        viewers.set(socket, await this.options.access.viewerOf(identity).catch(() => null));
      }
      for (const row of rows) this.push(io!, row, batch.get(row.id) ?? undefined, viewers);
    } catch (error) {
      this.log.warn({ err: error, conversations: batch.size }, 'pushing list changes failed; the lists catch up on their next reload');
    }
  }

  private push(io: ChatSocketServer, row: InboxConversation, moved: ListChange['moved'], viewers: Map<ChatSocket, Viewer | null>): void {
    const facts: ConversationAccessFacts = { customerId: row.customerId, internal: row.internal, teamId: row.teamId, assigneeId: row.assigneeId, participantIds: row.participants };
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [socket, viewer] of viewers) {
      if (!viewer || !socket.connected) continue;
      const update = listUpdateFor(viewer, facts, moved);
      if (update === 'changed') changed.push(socket.id);
      else if (update === 'removed') removed.push(socket.id);
    }
    // One broadcast to the chosen sockets (each is in a room of its own id): the row is encoded
    // once, not once per socket. Local only: every process pushes to its own sockets.
    if (changed.length) {
      io.local.to(changed).emit('inbox:changed', row);
      this.options.onPush?.('changed', changed.length);
    }
    if (removed.length) {
      io.local.to(removed).emit('inbox:removed', { conversationId: row.id });
      this.options.onPush?.('removed', removed.length);
    }
  }
}

function agentSockets(io: ChatSocketServer): ChatSocket[] {
  const namespace = io.of('/');
  return [...(namespace.adapter.rooms.get(AGENTS_ROOM) ?? [])].flatMap((id) => {
    const socket = namespace.sockets.get(id);
    return socket ? [socket] : [];
  });
}
