// The socket.io contract shared by chat pods, console, widget and the load generator.
import { z } from 'zod';
import type { AccessChangedEvent, ConversationAccessEvent, MentionEvent } from './access.js';
import { lowerCaseUuid } from './input-values.js';
import { messageIdSchema, type Message, type SendMessageResult } from './message.js';
import type { ErrorBody } from './errors.js';
import type { CustomerConversation, Conversation } from './conversation.js';

/** Every ack is either a result or an error from the catalogue. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (result: Ack<T>) => void;

export const joinConversationInput = z.object({
  conversationId: lowerCaseUuid(),
  /**
   * The last message id this client has: the ack's `missed` carries the later messages the caller
   * may see, oldest first, at most 1000 (call again from the last one for more). Without it,
   * `missed` is empty.
   */
  lastSeenId: messageIdSchema.optional(),
});
export type JoinConversationInput = z.infer<typeof joinConversationInput>;

export const resumeInput = z.object({
  /**
   * conversation id -> last message id seen. The server joins each conversation's room and replays
   * the later messages the caller may see (at most 1000 each); a conversation the caller may not
   * see is left out of `missed`, without an error. Unlike conversation:join, it does not make an
   * agent a viewer.
   */
  lastSeen: z.record(lowerCaseUuid(), messageIdSchema).refine((map) => Object.keys(map).length <= 500, 'at most 500 conversations'),
});
export type ResumeInput = z.infer<typeof resumeInput>;

export const typingInput = z.object({
  conversationId: lowerCaseUuid(),
  /** What an agent is typing: a note is shown to agents only. A customer's kind is ignored (always reply). */
  kind: z.enum(['reply', 'note']).default('reply'),
  typing: z.boolean(),
});
export type TypingInput = z.infer<typeof typingInput>;

export const readInput = z.object({
  conversationId: lowerCaseUuid(),
  messageId: messageIdSchema,
});
export type ReadInput = z.infer<typeof readInput>;

export interface TypingEvent {
  conversationId: string;
  /** `id` is '' for an agent when the event goes to customers. */
  who: { type: 'agent' | 'customer'; id: string; name: string | null };
  kind: 'reply' | 'note';
  typing: boolean;
}

export interface ReadEvent {
  conversationId: string;
  /** `id` is '' for an agent when the event goes to customers. */
  who: { type: 'agent' | 'customer'; id: string };
  messageId: string;
  readAt: string;
}

export interface ViewersEvent {
  conversationId: string;
  viewers: { agentId: string; name: string | null; typing: 'reply' | 'note' | null }[];
}

export interface PresenceEvent {
  agentId: string;
  /** From socket connections: online or offline ('away' is not sent at present). */
  status: 'online' | 'away' | 'offline';
}

export interface ClientToServerEvents {
  'message:send': (input: unknown, ack: AckCallback<SendMessageResult>) => void;
  'message:edit': (input: unknown, ack: AckCallback<Message>) => void;
  'message:delete': (input: unknown, ack: AckCallback<Message>) => void;
  'message:restore': (input: unknown, ack: AckCallback<Message>) => void;
  'conversation:join': (input: unknown, ack: AckCallback<{ conversation: Conversation | CustomerConversation; missed: Message[] }>) => void;
  'conversation:leave': (input: unknown, ack: AckCallback<null>) => void;
  resume: (input: unknown, ack: AckCallback<{ missed: Record<string, Message[]> }>) => void;
  typing: (input: unknown) => void;
  read: (input: unknown, ack: AckCallback<null>) => void;
}

export interface ServerToClientEvents {
  'message:new': (message: Message) => void;
  /** An edit, deletion (body empty, attachments empty, deleted true) or restoration of a message. */
  'message:updated': (message: Message) => void;
  typing: (event: TypingEvent) => void;
  read: (event: ReadEvent) => void;
  viewers: (event: ViewersEvent) => void;
  presence: (event: PresenceEvent) => void;
  /** To sockets that joined the conversation, when its status, assignee, team or priority changed (customers get their shape). */
  'conversation:updated': (conversation: Conversation | CustomerConversation) => void;
  /**
   * Messages may have been missed without this socket noticing (its chat process lost its Redis
   * subscription for a while): catch up as after a reconnect (`resume` / `conversation:join` with
   * the last-seen ids).
   */
  resync: () => void;
  'session:revoked': () => void;
  /** The token the socket connected with expired; the socket is disconnected right after. Reconnect with a fresh token. */
  'session:expired': () => void;
  /** What this agent may see changed (role, teams, a conversation's team or assignee): reload lists. */
  'access:changed': (event: AccessChangedEvent) => void;
  'access:granted': (event: ConversationAccessEvent) => void;
  /** The socket left the conversation's room; nothing more of it arrives. */
  'access:revoked': (event: ConversationAccessEvent) => void;
  /** Someone @mentioned this agent (who can now see the conversation). */
  mention: (event: MentionEvent) => void;
}
