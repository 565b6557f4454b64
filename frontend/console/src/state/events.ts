// The socket's events, wired once per connection into the stores: messages into threads, list rows
// pushed by the server (inbox:changed / inbox:removed, for every change of a conversation this
// agent may see) into the lists and counts, typing/viewers/read/presence into live state, access
// changes into lists that reload and conversations that close. A slow poll of the counts and the
// first page is only a safety net (a push lost with a dropped connection).
import type { Conversation } from '@smartchat/contracts';
import { createEffect, createSignal, onCleanup } from 'solid-js';
import { conversationChanged, items, listChanged, listRemoved, refreshCounts, reload, removeConversation, view } from './inbox.js';
import { applyPresence, applyRead, applyTyping, applyViewers, expireTyping } from './live.js';
import { connection, me, onResync, reloadTeams } from './session.js';
import { applyMessage } from './threads.js';

const [revoked, setRevoked] = createSignal<ReadonlySet<string>>(new Set());
const [lastMention, setLastMention] = createSignal<{ conversationId: string; by: string } | null>(null);
export { revoked, lastMention };

const POLL_MS = 30_000;

export function startLiveEvents(): void {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // Several events about one conversation in a burst cause one fetch.
  const changed = (id: string) => {
    clearTimeout(pending.get(id));
    pending.set(
      id,
      setTimeout(() => {
        pending.delete(id);
        void conversationChanged(id).catch(() => undefined);
      }, 150),
    );
  };

  createEffect(() => {
    const live = connection();
    if (!live) return;
    const socket = live.socket;
    const selfId = me()?.id ?? '';
    // The list row of a new message (preview, order) arrives as inbox:changed.
    socket.on('message:new', (message) => applyMessage(message));
    socket.on('inbox:changed', (row) => listChanged(row));
    socket.on('inbox:removed', (event) => listRemoved(event.conversationId));
    socket.on('message:updated', (message) => applyMessage(message));
    socket.on('typing', (event) => applyTyping(event, selfId));
    socket.on('read', (event) => applyRead(event));
    socket.on('viewers', (event) => applyViewers(event));
    socket.on('presence', (event) => applyPresence(event));
    socket.on('conversation:updated', (conversation: Conversation | { id: string }) => changed(conversation.id));
    socket.on('access:revoked', (event) => {
      setRevoked(new Set([...revoked(), event.conversationId]));
      removeConversation(event.conversationId);
      void refreshCounts(200);
    });
    socket.on('access:granted', (event) => {
      const next = new Set(revoked());
      next.delete(event.conversationId);
      setRevoked(next);
      changed(event.conversationId);
    });
    socket.on('access:changed', () => {
      void reloadTeams();
      void reload();
    });
    socket.on('mention', (event) => {
      setLastMention({ conversationId: event.conversationId, by: event.by.name });
      if (view() === 'mentions') void reload();
      else void refreshCounts(200);
    });
    onCleanup(() => socket.removeAllListeners());
  });

  // List rows pushed while the socket was away are lost: after every reconnect (not the first
  // connect, which the list's own first load covers) the list and counts are read again.
  let connects = 0;
  const stopResync = onResync(async () => {
    if (connects++ > 0) await reload();
  });

  const typingTimer = setInterval(expireTyping, 1_000);
  const poll = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    // The first page again (a reload counts too), but only while it is all that is shown: a
    // reload would throw away paged-in rows.
    if (items().length <= 200) void reload();
    else void refreshCounts();
  }, POLL_MS);
  onCleanup(() => {
    stopResync();
    clearInterval(typingTimer);
    clearInterval(poll);
  });
}

export function clearRevoked(id: string): void {
  if (!revoked().has(id)) return;
  const next = new Set(revoked());
  next.delete(id);
  setRevoked(next);
}
