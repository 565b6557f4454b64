// Real time around the open conversation: who types (and whether a reply or a note), who else is
// viewing, up to which message the customer has read, and agents' presence. Typing expires by
// itself so a lost "typing: false" never leaves an indicator on.
import type { PresenceEvent, ReadEvent, TypingEvent, ViewersEvent } from '@smartchat/contracts';
import { createSignal } from 'solid-js';

const TYPING_TTL_MS = 6_000;

export interface Typist {
  id: string;
  type: 'agent' | 'customer';
  name: string | null;
  kind: 'reply' | 'note';
  until: number;
}

const [typing, setTyping] = createSignal<Record<string, Typist[]>>({});
const [viewers, setViewers] = createSignal<Record<string, ViewersEvent['viewers']>>({});
const [customerRead, setCustomerRead] = createSignal<Record<string, string>>({});
const [presence, setPresence] = createSignal<Record<string, PresenceEvent['status']>>({});

export { typing, viewers, customerRead, presence };

export function applyTyping(event: TypingEvent, selfId: string): void {
  if (event.who.type === 'agent' && event.who.id === selfId) return;
  const now = Date.now();
  const others = (typing()[event.conversationId] ?? []).filter((typist) => typist.id !== event.who.id && typist.until > now);
  const next = event.typing ? [...others, { id: event.who.id, type: event.who.type, name: event.who.name, kind: event.kind, until: now + TYPING_TTL_MS }] : others;
  setTyping({ ...typing(), [event.conversationId]: next });
}

export function expireTyping(): void {
  const now = Date.now();
  const current = typing();
  let changed = false;
  const next: Record<string, Typist[]> = {};
  for (const [id, typists] of Object.entries(current)) {
    const alive = typists.filter((typist) => typist.until > now);
    if (alive.length !== typists.length) changed = true;
    next[id] = alive;
  }
  if (changed) setTyping(next);
}

export function applyViewers(event: ViewersEvent): void {
  setViewers({ ...viewers(), [event.conversationId]: event.viewers });
}

export function applyRead(event: ReadEvent): void {
  if (event.who.type !== 'customer') return;
  setCustomerRead({ ...customerRead(), [event.conversationId]: event.messageId });
}

export function applyPresence(event: PresenceEvent): void {
  setPresence({ ...presence(), [event.agentId]: event.status });
}
