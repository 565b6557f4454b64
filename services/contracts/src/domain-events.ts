// Domain events on Kafka (EVENTS_TOPIC), JSON, versioned, keyed by conversation id. Statistics are
// computed only from these, so they carry every id a consumer needs.
import type { QueueReason } from './balancer.js';
import type { MessageKind } from './message.js';

interface EventBase<Type extends string, Data> {
  /** Unique per event: consumers deduplicate on it. */
  eventId: string;
  type: Type;
  version: 1;
  occurredAt: string;
  conversationId: string;
  actor: { type: 'customer' | 'agent' | 'system' | 'backoffice'; id: string | null };
  data: Data;
}

export type MessageCreatedEvent = EventBase<'message.created', { messageId: string; kind: MessageKind; acceptedAt: string; internal: boolean }>;
export type ConversationCreatedEvent = EventBase<'conversation.created', { channel: string; customerId: string | null; internal: boolean; topic: string | null }>;
export type MessageReadEvent = EventBase<'message.read', { messageId: string }>;


/** Who is at the other end of an assignment change; `auto` is the balancer's choice. */
export type AssignmentReason = 'auto' | 'manual' | 'returned' | 'override';

export type ConversationQueuedEvent = EventBase<
  'conversation.queued',
  { teamId: string; priority: number; effectivePriority: number; queuedAt: string; reason: QueueReason }
>;
export type ConversationAssignedEvent = EventBase<
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
export type ConversationUnassignedEvent = EventBase<'conversation.unassigned', { previousAssigneeId: string; teamId: string | null; reason: 'manual' | 'transferred' | 'returned_to_queue' }>;
export type ConversationTransferredEvent = EventBase<'conversation.transferred', { fromTeamId: string | null; toTeamId: string | null }>;
export type ConversationSnoozedEvent = EventBase<'conversation.snoozed', { until: string; assigneeId: string | null }>;
export type ConversationWokenEvent = EventBase<'conversation.woken', { by: 'timer' | 'message'; assigneeId: string | null }>;
export type ConversationClosedEvent = EventBase<'conversation.closed', { by: 'agent' | 'auto_close'; assigneeId: string | null }>;
export type ConversationReopenedEvent = EventBase<'conversation.reopened', { by: 'agent' | 'message'; assigneeId: string | null }>;
export type SlaBreachedEvent = EventBase<'sla.breached', { kind: 'first_response' | 'next_response'; teamId: string | null; assigneeId: string | null; waitingSince: string; dueAt: string }>;

export type ConversationEvent =
  | ConversationCreatedEvent
  | ConversationQueuedEvent
  | ConversationAssignedEvent
  | ConversationUnassignedEvent
  | ConversationTransferredEvent
  | ConversationSnoozedEvent
  | ConversationWokenEvent
  | ConversationClosedEvent
  | ConversationReopenedEvent
  | SlaBreachedEvent;

export type DomainEvent = MessageCreatedEvent | MessageReadEvent | ConversationEvent;

