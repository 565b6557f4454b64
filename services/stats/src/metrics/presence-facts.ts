// Agents' online and away time, from consecutive status changes of one agent, cut at UTC hours so
// that hourly rollups (and so any whole-hour time zone) hold each hour's share exactly.
import type { AgentStatusChangedEvent } from '@smartchat/contracts';
import type { Fact } from './fact.js';

const HOUR_MS = 3_600_000;

/** See derivePresenceFacts in derive.ts. */
export function presenceFacts(from: AgentStatusChangedEvent, to: AgentStatusChangedEvent | null): Fact[] {
  const status = from.data.status;
  // Time counts only once its status has ended: until then nobody knows how long it lasts.
  if (to === null || status === 'offline') return [];
  if (to.agentId !== from.agentId) throw new RangeError(`Status changes of two agents: ${from.agentId}, ${to.agentId}`);
  const start = Date.parse(from.occurredAt);
  const end = Date.parse(to.occurredAt);
  if (!(end > start)) return [];
  const facts: Fact[] = [];
  for (let hour = start - mod(start, HOUR_MS); hour < end; hour += HOUR_MS) {
    const pieceStart = Math.max(start, hour);
    const value = Math.min(end, hour + HOUR_MS) - pieceStart;
    facts.push({
      subjectId: from.agentId,
      key: `${status}:${from.eventId}:${new Date(hour).toISOString().slice(0, 13)}`,
      kind: status === 'online' ? 'agent.online' : 'agent.away',
      at: new Date(pieceStart),
      teamId: null,
      agentId: from.agentId,
      channel: null,
      topic: null,
      internal: false,
      value,
      // Presence belongs to no team's hours: business time is the same span.
      businessValue: value,
    });
  }
  return facts;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
