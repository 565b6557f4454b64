// The one order in which a subject's events are replayed, whatever order they arrived in: by
// occurredAt, then (for events of the same millisecond) by the order in which one change emits
// them, then by eventId; each eventId once.
import type { ConversationEvent, MessageEvent } from '@smartchat/contracts';

export type ConversationScopedEvent = ConversationEvent | MessageEvent;

// Events written in one transaction often share a millisecond, and their eventIds are random.
// Replaying them in the order their change produced them keeps the state right: a reopen before
// the customer message that caused it, a transfer before the new team's queue entry, a reply
// before the close that follows it and before the SLA clock it stopped.
const SAME_INSTANT_RANK: Record<ConversationScopedEvent['type'], number> = {
  'conversation.created': 0,
  'conversation.reopened': 1,
  'conversation.woken': 2,
  'conversation.transferred': 3,
  'conversation.unassigned': 4,
  'conversation.assigned': 5,
  'conversation.queued': 6,
  'conversation.prioritised': 7,
  'conversation.participant_added': 7,
  'message.created': 8,
  'message.edited': 8,
  'message.deleted': 8,
  'message.restored': 8,
  'message.read': 8,
  'sla.started': 9,
  'sla.met': 10,
  'sla.breached': 10,
  'conversation.snoozed': 11,
  'conversation.closed': 12,
  'csat.requested': 13,
  'csat.submitted': 14,
};

/** The conversation's events in replay order, each eventId once (the first copy in that order). */
export function replayOrder(events: readonly { type: string }[]): ConversationScopedEvent[] {
  const scoped = events.filter((event): event is ConversationScopedEvent => event.type in SAME_INSTANT_RANK && 'conversationId' in event);
  // An event without a readable time has no place in the order (the pipeline dead-letters those).
  const keyed = scoped
    .map((event) => ({ event, time: Date.parse(event.occurredAt), rank: SAME_INSTANT_RANK[event.type] }))
    .filter((entry) => !Number.isNaN(entry.time));
  keyed.sort((a, b) => a.time - b.time || a.rank - b.rank || compareText(a.event.eventId, b.event.eventId) || compareText(JSON.stringify(a.event), JSON.stringify(b.event)));
  const seen = new Set<string>();
  const ordered: ConversationScopedEvent[] = [];
  for (const { event } of keyed) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    ordered.push(event);
  }
  return ordered;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
