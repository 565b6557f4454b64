// Domain events for the statistics API's tests, shaped as the producers write them, for
// conversations that also exist in the desk's database (so that drill-down visibility can be
// checked against them); tests feed them in with the pipeline's own ingest (ingestEvents).
import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventActor } from '@smartchat/contracts';
import { agentEvent, conversationEvent, teamEvent } from '@smartchat/platform';

const SYSTEM: EventActor = { type: 'system', id: null };
const agent = (id: string): EventActor => ({ type: 'agent', id });
const MINUTE = 60_000;

/** A customer conversation's story, minute by minute from `start`. */
export class StatsConversation {
  readonly events: DomainEvent[] = [];
  private assigneeId: string | null = null;
  private messages = 0;

  constructor(
    readonly id: string,
    private teamId: string,
    start: Date,
    options: { channel?: 'widget' | 'email'; topic?: string } = {},
  ) {
    this.push('conversation.created', start, { type: 'customer', id: null }, { channel: options.channel ?? 'widget', customerId: null, internal: false, topic: options.topic ?? null, teamId, priority: 0, tripDepartsAt: null });
    this.push('conversation.queued', start, SYSTEM, { teamId, priority: 0, effectivePriority: 0, queuedAt: start.toISOString(), reason: 'new', tripDepartsAt: null });
  }

  private push(type: DomainEvent['type'], at: Date, actor: EventActor, data: unknown): this {
    this.events.push(conversationEvent(type as 'conversation.created', this.id, actor, data as never, at));
    return this;
  }

  private message(at: Date, kind: 'customer' | 'reply', actor: EventActor): this {
    this.messages += 1;
    const messageId = `${this.messages.toString(16).padStart(8, '0')}-0000-1000-8000-${randomUUID().slice(-12)}`;
    return this.push('message.created', at, actor, { messageId, kind, acceptedAt: at.toISOString(), internal: false, teamId: this.teamId, assigneeId: this.assigneeId });
  }

  customer(at: Date): this {
    return this.message(at, 'customer', { type: 'customer', id: null });
  }

  reply(at: Date, agentId: string): this {
    return this.message(at, 'reply', agent(agentId));
  }

  assigned(at: Date, agentId: string): this {
    this.push('conversation.assigned', at, SYSTEM, { assigneeId: agentId, previousAssigneeId: this.assigneeId, teamId: this.teamId, reason: 'auto', effectivePriority: 0, queuedAt: null, openConversations: 1, capacity: 5, viaOverflowTeamId: null });
    this.assigneeId = agentId;
    return this;
  }

  /** A first-response clock that ran out `minutes` after `waitingSince`. */
  breached(waitingSince: Date, minutes: number): this {
    const dueAt = new Date(waitingSince.getTime() + minutes * MINUTE).toISOString();
    this.push('sla.started', waitingSince, SYSTEM, { kind: 'first_response', teamId: this.teamId, assigneeId: this.assigneeId, waitingSince: waitingSince.toISOString(), dueAt, messageId: null });
    return this.push('sla.breached', new Date(dueAt), SYSTEM, { kind: 'first_response', teamId: this.teamId, assigneeId: this.assigneeId, waitingSince: waitingSince.toISOString(), dueAt });
  }

  closed(at: Date, agentId: string): this {
    return this.push('conversation.closed', at, agent(agentId), { by: 'agent', assigneeId: this.assigneeId });
  }

  /** A survey after the last close, answered `rating` with `comment`. */
  rated(requestedAt: Date, answeredAt: Date, closedBy: string, rating: number, comment: string | null): this {
    const surveyId = randomUUID();
    this.push('csat.requested', requestedAt, SYSTEM, { surveyId, teamId: this.teamId, closedBy, lastResponderId: closedBy, cycle: 1, by: 'agent' });
    return this.push('csat.submitted', answeredAt, { type: 'customer', id: null }, { surveyId, rating, comment, previousRating: null, teamId: this.teamId, closedBy, lastResponderId: closedBy, cycle: 1, requestedAt: requestedAt.toISOString() });
  }
}

/** The events that name teams and agents (and who belongs where), as the admin API writes them. */
export function deskEvents(at: Date, teams: { id: string; name: string; memberIds: string[] }[], agents: { id: string; name: string; teamIds: string[] }[]): DomainEvent[] {
  return [
    ...teams.map((team) => teamEvent('team.created', team.id, SYSTEM, { name: team.name }, at)),
    ...agents.map((member) =>
      agentEvent('agent.created', member.id, SYSTEM, { name: member.name, role: 'agent', capacity: 5, timeZone: 'Europe/Moscow', teamIds: member.teamIds, disabled: false, assignmentPaused: false }, at),
    ),
    ...teams.map((team) => teamEvent('team.members_changed', team.id, SYSTEM, { memberIds: team.memberIds, added: team.memberIds, removed: [] }, at)),
  ];
}

export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);
