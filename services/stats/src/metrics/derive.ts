// Facts from domain events (pure): the entry points the pipeline calls. The rules themselves are in
// conversation-facts.ts and presence-facts.ts, and in words in docs/metrics.md.
import type { AgentStatusChangedEvent, DomainEvent } from '@smartchat/contracts';
import type { TeamCalendar } from './calendar.js';
import { conversationFacts } from './conversation-facts.js';
import type { Fact } from './fact.js';
import { presenceFacts } from './presence-facts.js';

export type { TeamCalendar } from './calendar.js';

/**
 * Every fact of one conversation, from all of its events (any order in; replayed here by
 * occurredAt, then for events of the same millisecond in the order one change emits them, then by
 * eventId; duplicates by eventId ignored, and a message counted once by its messageId). Events of
 * other subjects (agents, teams) are ignored. Deterministic: the same events give the same facts,
 * with the same keys, in the same order.
 */
export function deriveConversationFacts(events: readonly DomainEvent[], calendar: TeamCalendar): Fact[] {
  return conversationFacts(events, calendar);
}

/**
 * Presence facts of one interval: the agent was in `from.data.status` from `from.occurredAt` until
 * `to.occurredAt` (the next status change of the same agent), split at UTC hours. Online and away
 * intervals give `agent.online` / `agent.away` facts keyed `<status>:<from.eventId>:<hourISO>`
 * (hourISO like `2026-10-05T14`), each at the start of its piece; offline gives none. `to` null
 * (still in that status): no facts yet. Business value = value (presence is not a team's).
 */
export function derivePresenceFacts(from: AgentStatusChangedEvent, to: AgentStatusChangedEvent | null): Fact[] {
  return presenceFacts(from, to);
}
