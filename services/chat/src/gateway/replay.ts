// What a reconnecting client missed (`resume`, and `conversation:join` with `lastSeenId`), replayed
// in pieces of bounded size. One call reads at most `maxMessages` messages and about
// `maxBodyBytes` of their bodies in all, from at most `conversationsPerCall` conversations; where
// it stopped short it answers `more` (conversation id -> the id to go on after), which the client
// sends back as the next `resume`. One unbounded replay was thousands of messages and megabytes in
// a single frame, read and encoded while the socket's process did nothing else.
import type { Message } from '@smartchat/contracts';
import cassandra from 'cassandra-driver';
import { messageTime, type MessageStore } from '../store/messages.js';

const { TimeUuid } = cassandra.types;

export interface ReplayLimits {
  maxMessages: number;
  maxBodyBytes: number;
  conversationsPerCall: number;
}

/** What is left of one call's replay. */
export class ReplayBudget {
  messagesLeft: number;
  bytesLeft: number;
  conversationsLeft: number;
  /** Messages taken so far: the first one is always taken, however large, so every call moves on. */
  taken = 0;

  constructor(limits: ReplayLimits) {
    this.messagesLeft = limits.maxMessages;
    this.bytesLeft = limits.maxBodyBytes;
    this.conversationsLeft = limits.conversationsPerCall;
  }

  /** Whether another conversation may be read in this call. */
  get open(): boolean {
    return this.conversationsLeft > 0 && this.messagesLeft > 0 && this.bytesLeft > 0;
  }
}

/**
 * The messages of a conversation after `afterId` that fit in the budget, as `present` shows them to
 * the caller (null: not for this caller, such as a note for a customer), oldest first, and where to
 * go on when the budget ran out first (`next`, else null). Messages the caller may not see count
 * against the budget too, since they were read; `next` may then name one of them, as a position.
 */
export async function readMissed(
  store: MessageStore,
  conversation: { id: string; since: Date },
  afterId: string,
  budget: ReplayBudget,
  present: (message: Message) => Message | null,
): Promise<{ messages: Message[]; next: string | null }> {
  budget.conversationsLeft -= 1;
  // One more than fits: if it comes back, there is more to go on with.
  const rows = await store.after(conversation.id, afterId, conversation.since, budget.messagesLeft + 1);
  const messages: Message[] = [];
  let last = afterId;
  for (const row of rows) {
    const bytes = Buffer.byteLength(row.body);
    if (budget.messagesLeft === 0 || (bytes > budget.bytesLeft && budget.taken > 0)) return { messages, next: last };
    budget.messagesLeft -= 1;
    budget.bytesLeft -= bytes;
    budget.taken += 1;
    last = row.id;
    const shown = present(row);
    if (shown) messages.push(shown);
  }
  return { messages, next: null };
}

/**
 * How far back the first catch-up of each conversation goes after this process lost its Redis
 * subscription (fanout.ts asks its sockets to `resync`). A client resumes from the newest message it
 * has, and a message that reached it live right after the subscription came back (before the
 * `resync` did) can be newer than ones published while it was gone: resuming after it would skip
 * those. So the first catch-up of each conversation after a resync reads from a little before the
 * gap began instead (messages are ids of the delivering process's clock, a message may wait in its
 * queue a while before it is published: a minute of margin), and the client merges the replay by
 * id. Later catch-ups (the `more` of that replay, another join) go on from where they are.
 */
export const REWIND_MARGIN_MS = 60_000;
/** After this long without a catch-up, a resync's rewind is forgotten. */
export const REWIND_TTL_MS = 120_000;

export interface Rewind {
  /** Replays start no later than this instant... */
  from: Date;
  /** ...until then (epoch ms). */
  until: number;
  /** The conversations already caught up since the resync. */
  done: Set<string>;
}

/** The rewind of a resync whose subscription gap began at `gapStart`. */
export function rewindAfterGap(gapStart: Date, now = Date.now()): Rewind {
  return { from: new Date(gapStart.getTime() - REWIND_MARGIN_MS), until: now + REWIND_TTL_MS, done: new Set() };
}

/** Where a catch-up of `conversationId` after `lastSeenId` starts, taking a pending rewind into account (once per conversation). */
export function replayStart(rewind: Rewind | undefined, conversationId: string, lastSeenId: string, now = Date.now()): string {
  if (!rewind || now > rewind.until || rewind.done.has(conversationId)) return lastSeenId;
  rewind.done.add(conversationId);
  return messageTime(lastSeenId).getTime() > rewind.from.getTime() ? TimeUuid.min(rewind.from, 0).toString() : lastSeenId;
}
