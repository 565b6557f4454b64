// Domain events on Kafka (EVENTS_TOPIC, `smartchat.events`), JSON, one record per event. Every
// change of a conversation, a message, an assignment, a team or an agent is one of these, with who
// did it (`actor`) and when (`occurredAt`); statistics are computed only from them, so each carries
// the values a statistic needs at that moment (load and capacity, priorities, who was assigned).
//
// Keys: conversation and message events are keyed by `conversationId` (one conversation's events
// stay in order on one partition), agent events by `agentId`, team events by `teamId`.
//
// Versions: each type has its own, `version` in the record, listed in `domainEventVersions`. A new
// field keeps the version (consumers ignore fields they do not know); removing or renaming a field,
// or changing what a field or one of its values means, bumps it. Consumers read `type` and
// `version` before `data`. History of the bumps:
//   conversation.woken v2     `by` is `timer | customer_message | note` (v1: `timer | message`);
//                             the actor is who woke it (v1: always system); `assigneeId` is the
//                             assignee when it woke (v1: after the balancer's return decision,
//                             which now follows as conversation.unassigned + conversation.queued).
//   conversation.reopened v2  `by` is `agent | customer_message` (v1: `agent | message`, and an
//                             agent's reopen came as `message` from system); actor and assigneeId
//                             as for woken.
//   agent.status_changed v2  `status` is the agent's presence as assignment sees it: `offline`
//                             while no console socket of theirs is connected (after the
//                             reconnect grace period), else `away` if they set themselves away,
//                             else `online`. It comes on every change: the first socket
//                             connecting, the last one gone (sign-out, revoked session, closed
//                             tab), a status set by hand, and the balancers' sweep for sockets
//                             of a chat process that died. (v1: the status set by hand, from
//                             PUT /v1/agents/:id/status only, whether connected or not.)
// Added without a bump: conversation.created `teamId`, `priority`, `tripDepartsAt` (and it now
// comes for internal conversations too); conversation.queued `tripDepartsAt`; message.created
// `teamId` and `assigneeId` (the conversation's when the message was recorded). New types (v1):
// conversation.prioritised, conversation.participant_added, message.edited|deleted|restored,
// agent.*, team.*, sla.started, sla.met, csat.requested, csat.submitted.
//
// SLA clocks: a clock starts when a customer message makes a customer wait (the first customer
// message after an agent reply, or the first of all) in a team with a first- or next-response
// target: sla.started, once per wait, at the message's time. It ends with exactly one of
// sla.met (an agent reply at or before dueAt) or sla.breached (dueAt passed first); a wait that
// ends otherwise (closed, transferred away before either) has neither. A note is not a reply.
//
// Message actors: message.created's actor is its author: the agent (replies, notes), the customer
// (customer messages) or the system (automatic-close messages).
import type { QueueReason } from './balancer.js';
import type { MessageKind } from './message.js';
import type { TeamAssignment } from './access.js';

export const domainEventVersions = {
  'conversation.created': 1,
  'conversation.queued': 1,
  'conversation.assigned': 1,
  'conversation.unassigned': 1,
  'conversation.transferred': 1,
  'conversation.prioritised': 1,
  'conversation.snoozed': 1,
  'conversation.woken': 2,
  'conversation.closed': 1,
  'conversation.reopened': 2,
  'conversation.participant_added': 1,
  'sla.started': 1,
  'sla.met': 1,
  'sla.breached': 1,
  'csat.requested': 1,
  'csat.submitted': 1,
  'message.created': 1,
  'message.edited': 1,
  'message.deleted': 1,
  'message.restored': 1,
  'message.read': 1,
  'agent.created': 1,
  'agent.updated': 1,
  'agent.status_changed': 2,
  'team.created': 1,
  'team.updated': 1,
  'team.deleted': 1,
  'team.members_changed': 1,
  'team.assignment_changed': 1,
} as const;
export type DomainEventType = keyof typeof domainEventVersions;

/**
 * Who made the change: an agent (`id` = agent id), a customer (customer id), the back-office
 * (`id` = the calling service's name) or the system (`id` null: the balancer's timers and choices).
 */
export interface EventActor {
  type: 'customer' | 'agent' | 'system' | 'backoffice';
  id: string | null;
}

interface EventBase<Type extends DomainEventType, Data> {
  /** Unique per event: consumers deduplicate on it (the outbox relay may send an event twice). */
  eventId: string;
  type: Type;
  version: (typeof domainEventVersions)[Type];
  /** When the change happened (ISO 8601); for message-driven changes, the message's time. */
  occurredAt: string;
  actor: EventActor;
  data: Data;
}
type ConversationScoped<Type extends DomainEventType, Data> = EventBase<Type, Data> & { conversationId: string };
type AgentScoped<Type extends DomainEventType, Data> = EventBase<Type, Data> & { agentId: string };
type TeamScoped<Type extends DomainEventType, Data> = EventBase<Type, Data> & { teamId: string };

// --- conversations (written to the outbox in the transaction of the change) ---------------------

/** Opened by a customer (widget), an agent or the back-office (internal ones). */
export type ConversationCreatedEvent = ConversationScoped<
  'conversation.created',
  { channel: string; customerId: string | null; internal: boolean; topic: string | null; teamId: string | null; priority: number; tripDepartsAt: string | null }
>;
export type ConversationQueuedEvent = ConversationScoped<
  'conversation.queued',
  { teamId: string; priority: number; effectivePriority: number; queuedAt: string; reason: QueueReason; tripDepartsAt: string | null }
>;

/** Who is at the other end of an assignment change; `auto` is the balancer's choice. */
export type AssignmentReason = 'auto' | 'manual' | 'returned' | 'override';

export type ConversationAssignedEvent = ConversationScoped<
  'conversation.assigned',
  {
    assigneeId: string;
    previousAssigneeId: string | null;
    teamId: string | null;
    reason: AssignmentReason;
    effectivePriority: number;
    /** When it entered the queue (null for a manual assignment of a conversation that was not queued). */
    queuedAt: string | null;
    /** The assignee's open conversations after this one, and their capacity then. */
    openConversations: number;
    capacity: number;
    /** The team whose agents were asked when the conversation overflowed there. */
    viaOverflowTeamId: string | null;
  }
>;
export type ConversationUnassignedEvent = ConversationScoped<'conversation.unassigned', { previousAssigneeId: string; teamId: string | null; reason: 'manual' | 'transferred' | 'returned_to_queue' }>;
export type ConversationTransferredEvent = ConversationScoped<'conversation.transferred', { fromTeamId: string | null; toTeamId: string | null }>;
/**
 * Its priority or its customer's trip changed (an agent's PATCH, a back-office signal): with both
 * values before and after, a consumer can recompute the queue's order (core's rankQueue: priority,
 * +1 while the trip departs within 24 hours, then queuedAt).
 */
export type ConversationPrioritisedEvent = ConversationScoped<
  'conversation.prioritised',
  {
    reason: 'manual' | 'trip_signal';
    priority: number;
    previousPriority: number;
    tripDepartsAt: string | null;
    previousTripDepartsAt: string | null;
    /** At `occurredAt`: priority, +1 when the trip departs within 24 hours. */
    effectivePriority: number;
    previousEffectivePriority: number;
    teamId: string | null;
    /** Waiting in its team's queue at that moment (its place in the queue moved). */
    queued: boolean;
  }
>;
export type ConversationSnoozedEvent = ConversationScoped<'conversation.snoozed', { until: string; assigneeId: string | null }>;
export type ConversationWokenEvent = ConversationScoped<
  'conversation.woken',
  {
    by: 'timer' | 'customer_message' | 'note';
    /** The message that woke it (null for the timer); the snooze's end is in conversation.snoozed. */
    messageId: string | null;
    /** Its assignee when it woke; the balancer's return decision follows as its own events. */
    assigneeId: string | null;
  }
>;
export type ConversationClosedEvent = ConversationScoped<'conversation.closed', { by: 'agent' | 'auto_close'; assigneeId: string | null }>;
export type ConversationReopenedEvent = ConversationScoped<
  'conversation.reopened',
  { by: 'agent' | 'customer_message'; messageId: string | null; assigneeId: string | null }
>;
/** An agent joined a conversation's participants (so they may see it): @mentioned, or its creator. */
export type ConversationParticipantAddedEvent = ConversationScoped<'conversation.participant_added', { agentId: string; reason: 'mentioned' | 'added'; messageId: string | null }>;
export type SlaKind = 'first_response' | 'next_response';
/** An SLA clock started: a customer message now waits for a reply, in a team with a target for it. */
export type SlaStartedEvent = ConversationScoped<
  'sla.started',
  {
    kind: SlaKind;
    teamId: string | null;
    assigneeId: string | null;
    /** The customer message's time: the clock runs from here. */
    waitingSince: string;
    /** waitingSince plus the team's target, counted in its business hours. */
    dueAt: string;
    /** The customer message that started the wait (null when a balancer started a clock the delivery had not). */
    messageId: string | null;
  }
>;
/** The clock ended in time: an agent replied at `answeredAt` (≤ dueAt); `messageId` is the reply. */
export type SlaMetEvent = ConversationScoped<
  'sla.met',
  { kind: SlaKind; teamId: string | null; assigneeId: string | null; waitingSince: string; dueAt: string; answeredAt: string; messageId: string }
>;
export type SlaBreachedEvent = ConversationScoped<'sla.breached', { kind: SlaKind; teamId: string | null; assigneeId: string | null; waitingSince: string; dueAt: string }>;

/**
 * A satisfaction survey was put to the customer after a close (one per close of a customer
 * conversation in a team that asks). Credited to `closedBy`; `lastResponderId` is the last agent
 * who replied before the close.
 */
export type CsatRequestedEvent = ConversationScoped<
  'csat.requested',
  {
    surveyId: string;
    teamId: string | null;
    /** The agent credited: who closed it, or its assignee when it closed automatically (`by`). */
    closedBy: string | null;
    lastResponderId: string | null;
    /** The conversation's cycle: 1 for its first close, +1 per reopen before this close. */
    cycle: number;
    by: 'agent' | 'auto_close';
  }
>;
/** The customer rated (1..5) or changed their rating within the window; the latest answer counts. */
export type CsatSubmittedEvent = ConversationScoped<
  'csat.submitted',
  {
    surveyId: string;
    rating: number;
    comment: string | null;
    /** Null for the first answer; the rating it replaces for a change. */
    previousRating: number | null;
    teamId: string | null;
    closedBy: string | null;
    lastResponderId: string | null;
    cycle: number;
    /** When the survey was put (its csat.requested). */
    requestedAt: string;
  }
>;

export type ConversationEvent =
  | ConversationCreatedEvent
  | ConversationQueuedEvent
  | ConversationAssignedEvent
  | ConversationUnassignedEvent
  | ConversationTransferredEvent
  | ConversationPrioritisedEvent
  | ConversationSnoozedEvent
  | ConversationWokenEvent
  | ConversationClosedEvent
  | ConversationReopenedEvent
  | ConversationParticipantAddedEvent
  | SlaStartedEvent
  | SlaMetEvent
  | SlaBreachedEvent
  | CsatRequestedEvent
  | CsatSubmittedEvent;

// --- messages (created: produced by the delivery consumer; the rest through the outbox) ---------

export type MessageCreatedEvent = ConversationScoped<
  'message.created',
  {
    messageId: string;
    kind: MessageKind;
    acceptedAt: string;
    internal: boolean;
    /** The conversation's team and assignee when the message was recorded (null: none, or the conversation is gone). */
    teamId: string | null;
    assigneeId: string | null;
  }
>;
export type MessageEditedEvent = ConversationScoped<'message.edited', { messageId: string; kind: MessageKind }>;
export type MessageDeletedEvent = ConversationScoped<'message.deleted', { messageId: string; kind: MessageKind }>;
export type MessageRestoredEvent = ConversationScoped<'message.restored', { messageId: string; kind: MessageKind }>;
/** The actor read the conversation up to this message. */
export type MessageReadEvent = ConversationScoped<'message.read', { messageId: string }>;

export type MessageEvent = MessageCreatedEvent | MessageEditedEvent | MessageDeletedEvent | MessageRestoredEvent | MessageReadEvent;

// --- agents and teams (through the outbox) ------------------------------------------------------

/** What assignment and statistics need of an agent; an `agent.updated` carries the fields that changed. */
export interface AgentSettings {
  name: string;
  role: string;
  capacity: number;
  timeZone: string;
  teamIds: string[];
  disabled: boolean;
  assignmentPaused: boolean;
}
export type AgentCreatedEvent = AgentScoped<'agent.created', AgentSettings>;
export type AgentUpdatedEvent = AgentScoped<'agent.updated', { before: Partial<AgentSettings>; after: Partial<AgentSettings> }>;
/** The agent's presence changed (v2: see the header); the actor is whoever caused it, the system for a disconnect noticed late. */
export type AgentStatusChangedEvent = AgentScoped<'agent.status_changed', { status: 'online' | 'away' | 'offline'; previousStatus: 'online' | 'away' | 'offline' }>;

export type TeamCreatedEvent = TeamScoped<'team.created', { name: string }>;
export type TeamUpdatedEvent = TeamScoped<'team.updated', { name: string; previousName: string }>;
export type TeamDeletedEvent = TeamScoped<'team.deleted', { name: string }>;
export type TeamMembersChangedEvent = TeamScoped<'team.members_changed', { memberIds: string[]; added: string[]; removed: string[] }>;
/** How the team's queue is fed and served (topics, pause, overflow, SLA, business hours, auto-close): the fields that changed. */
export type TeamAssignmentChangedEvent = TeamScoped<'team.assignment_changed', { before: Partial<TeamAssignment>; after: Partial<TeamAssignment> }>;

export type AgentEvent = AgentCreatedEvent | AgentUpdatedEvent | AgentStatusChangedEvent;
export type TeamEvent = TeamCreatedEvent | TeamUpdatedEvent | TeamDeletedEvent | TeamMembersChangedEvent | TeamAssignmentChangedEvent;

export type DomainEvent = ConversationEvent | MessageEvent | AgentEvent | TeamEvent;

/** The Kafka key of an event: its conversation, agent or team. */
export function domainEventKey(event: DomainEvent): string {
  if ('conversationId' in event) return event.conversationId;
  if ('agentId' in event) return event.agentId;
  return event.teamId;
}
