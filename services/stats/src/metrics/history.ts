// Every fact of a whole history of events at once, as a rebuild would give them: conversation
// events grouped by conversation, agents' status changes paired in order. The pipeline does the
// same incrementally; tests and the known-answer month use this as the reference.
import type { AgentStatusChangedEvent, DomainEvent } from '@smartchat/contracts';
import type { TeamCalendar } from './calendar.js';
import { deriveConversationFacts, derivePresenceFacts } from './derive.js';
import { compareText } from './event-order.js';
import type { Fact } from './fact.js';

export function deriveHistoryFacts(events: readonly DomainEvent[], calendar: TeamCalendar): Fact[] {
  const conversations = new Map<string, DomainEvent[]>();
  const agents = new Map<string, AgentStatusChangedEvent[]>();
  for (const event of events) {
    if ('conversationId' in event) {
      const list = conversations.get(event.conversationId) ?? [];
      list.push(event);
      conversations.set(event.conversationId, list);
    } else if (event.type === 'agent.status_changed') {
      const list = agents.get(event.agentId) ?? [];
      list.push(event);
      agents.set(event.agentId, list);
    }
  }
  const facts: Fact[] = [];
  for (const id of [...conversations.keys()].sort(compareText)) facts.push(...deriveConversationFacts(conversations.get(id)!, calendar));
  for (const id of [...agents.keys()].sort(compareText)) {
    const changes = statusChangesInOrder(agents.get(id)!);
    changes.forEach((change, index) => facts.push(...derivePresenceFacts(change, changes[index + 1] ?? null)));
  }
  return facts;
}

/** One agent's status changes by occurredAt, then eventId, each eventId once. */
export function statusChangesInOrder(changes: readonly AgentStatusChangedEvent[]): AgentStatusChangedEvent[] {
  const sorted = [...changes].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || compareText(a.eventId, b.eventId));
  const seen = new Set<string>();
  return sorted.filter((change) => !seen.has(change.eventId) && Boolean(seen.add(change.eventId)));
}
