// What a thread shows, in order: day separators, the messages the server has, then the customer's
// own messages still on their way (queued, sending, accepted but not delivered back, or failed).
// A local message disappears the moment the server's copy (same clientMessageId) is in the list.
import type { Attachment, Message } from '@smartchat/contracts';

export interface LocalMessage {
  clientMessageId: string;
  conversationId: string;
  /** The server's id, once it accepted the message (it is still on its way back). */
  id: string | null;
  body: string;
  attachments: Attachment[];
  queuedAt: number;
  state: 'pending' | 'failed';
  /** Why it failed, from the error catalogue. */
  error?: string;
}

export type ThreadEntry =
  | { type: 'day'; key: string; at: string }
  | { type: 'message'; key: string; message: Message; read: boolean }
  | { type: 'local'; key: string; local: LocalMessage };

export interface ThreadEntryOptions {
  /** The calendar day of an instant (kit dayKey), in the viewer's time zone. */
  dayOf(iso: string): string;
  /** Message id order (kit compareMessageIds). */
  compareIds(a: string, b: string): number;
  /** The newest message id an agent has read, from `read` events. */
  agentReadId: string | null;
}

export function threadEntries(messages: readonly Message[], locals: readonly LocalMessage[], options: ThreadEntryOptions): ThreadEntry[] {
  const delivered = new Set<string>();
  let lastCustomerId: string | null = null;
  for (const message of messages) {
    if (message.clientMessageId) delivered.add(message.clientMessageId);
    if (message.kind === 'customer') lastCustomerId = message.id;
  }
  const readId = lastCustomerId !== null && options.agentReadId !== null && options.compareIds(options.agentReadId, lastCustomerId) >= 0 ? lastCustomerId : null;

  const entries: ThreadEntry[] = [];
  let day: string | null = null;
  const separate = (at: string) => {
    const key = options.dayOf(at);
    if (key === day) return;
    day = key;
    entries.push({ type: 'day', key: `day:${key}`, at });
  };
  for (const message of messages) {
    separate(message.createdAt);
    entries.push({ type: 'message', key: `message:${message.id}`, message, read: message.id === readId });
  }
  for (const local of locals) {
    if (delivered.has(local.clientMessageId)) continue;
    separate(new Date(local.queuedAt).toISOString());
    entries.push({ type: 'local', key: `local:${local.clientMessageId}`, local });
  }
  return entries;
}

/**
 * `next` with every entry that did not change replaced by the previous object, so that a keyed
 * list (Solid's <For>) keeps its DOM (and loaded images) for them.
 */
export function reuseEntries(previous: readonly ThreadEntry[], next: ThreadEntry[]): ThreadEntry[] {
  if (!previous.length) return next;
  const byKey = new Map(previous.map((entry) => [entry.key, entry]));
  return next.map((entry) => {
    const old = byKey.get(entry.key);
    return old && sameEntry(old, entry) ? old : entry;
  });
}

function sameEntry(a: ThreadEntry, b: ThreadEntry): boolean {
  if (a.type === 'day' && b.type === 'day') return true;
  if (a.type === 'message' && b.type === 'message') return a.message === b.message && a.read === b.read;
  if (a.type === 'local' && b.type === 'local') {
    return a.local.state === b.local.state && a.local.error === b.local.error && a.local.id === b.local.id && a.local.body === b.local.body && sameAttachments(a.local, b.local);
  }
  return false;
}

function sameAttachments(a: LocalMessage, b: LocalMessage): boolean {
  return a.attachments.length === b.attachments.length && a.attachments.every((attachment, index) => attachment.id === b.attachments[index]?.id && attachment.name === b.attachments[index]?.name);
}

/** The label of a day separator: today, yesterday, or the date. */
export function dayLabel(at: string, now: Date, dayOf: (iso: string) => string): 'today' | 'yesterday' | null {
  const key = dayOf(at);
  if (key === dayOf(now.toISOString())) return 'today';
  if (key === dayOf(new Date(now.getTime() - 86_400_000).toISOString())) return 'yesterday';
  return null;
}
