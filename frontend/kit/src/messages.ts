// A thread as the client holds it: messages from history pages, live events and replays merged
// by id, in conversation order. Message ids are time-based UUIDs (v1), so their embedded timestamp
// orders them the way the server does; equal timestamps fall back to the id text.
import type { Message } from '@smartchat/contracts';

/** The 60-bit timestamp of a version-1 UUID (100 ns since 1582), as a bigint. */
export function timeuuidTicks(id: string): bigint {
  const [low = '0', mid = '0', high = '0'] = id.split('-');
  return (BigInt(`0x${high.slice(1)}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
}

export function compareMessageIds(a: string, b: string): number {
  const ta = timeuuidTicks(a);
  const tb = timeuuidTicks(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Merges `incoming` into `current` (already in order): a known id is replaced (an edit, a
 * deletion, a restore), a new one is inserted in its place. Returns `current` itself when nothing
 * changed, so a replayed duplicate does not re-render the thread.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (!incoming.length) return current;
  const byId = new Map(current.map((message, index) => [message.id, index]));
  let result: Message[] | null = null;
  const additions: Message[] = [];
  for (const message of incoming) {
    const index = byId.get(message.id);
    if (index === undefined) {
      additions.push(message);
      byId.set(message.id, -1);
    } else if (index >= 0 && !sameMessage(current[index]!, message)) {
      result ??= [...current];
      result[index] = message;
    }
  }
  if (!additions.length) return result ?? current;
  const base = result ?? [...current];
  additions.sort((a, b) => compareMessageIds(a.id, b.id));
  const last = base[base.length - 1];
  // The common case: live messages arrive after everything shown.
  if (!last || compareMessageIds(additions[0]!.id, last.id) > 0) return base.concat(additions);
  return base.concat(additions).sort((a, b) => compareMessageIds(a.id, b.id));
}

function sameMessage(a: Message, b: Message): boolean {
  return a.body === b.body && a.deleted === b.deleted && a.editedAt === b.editedAt && a.attachments.length === b.attachments.length;
}

/** The newest message id, for `resume` and `conversation:join` after a reconnect. */
export function lastMessageId(messages: readonly Message[]): string | undefined {
  return messages[messages.length - 1]?.id;
}
