// Domain events on Kafka (EVENTS_TOPIC), JSON, versioned, keyed by conversation id. Statistics are
// computed only from these, so they carry every id a consumer needs.
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

export type DomainEvent = MessageCreatedEvent | ConversationCreatedEvent | MessageReadEvent;
