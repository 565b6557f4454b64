// The socket.io contract shared by chat pods, console, widget and the load generator.
import { z } from 'zod';
import type { AccessChangedEvent, ConversationAccessEvent, MentionEvent } from './access.js';
import { messageIdSchema, type Message, type SendMessageResult } from './message.js';
import type { ErrorBody } from './errors.js';
import type { CustomerConversation, Conversation } from './conversation.js';

/** Every ack is either a result or an error from the catalogue. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (result: Ack<T>) => void;

export const joinConversationInput = z.object({
  conversationId: z.uuid(),
  /** The last message id this client has; the ack carries everything after it. */
  lastSeenId: messageIdSchema.optional(),
});
export type JoinConversationInput = z.infer<typeof joinConversationInput>;

export const resumeInput = z.object({
  /** conversation id -> last message id seen; the server replays what came after each. */
  lastSeen: z.record(z.uuid(), messageIdSchema).refine((map) => Object.keys(map).length <= 500, 'at most 500 conversations'),
});
export type ResumeInput = z.infer<typeof resumeInput>;

export const typingInput = z.object({
  conversationId: z.uuid(),
  /** What is being typed: a note is shown to agents only. */
  kind: z.enum(['reply', 'note']).default('reply'),
  typing: z.boolean(),
});
export type TypingInput = z.infer<typeof typingInput>;

export const readInput = z.object({
  conversationId: z.uuid(),
  messageId: messageIdSchema,
});
export type ReadInput = z.infer<typeof readInput>;

export interface TypingEvent {
  conversationId: string;
  who: { type: 'agent' | 'customer'; id: string; name: string | null };
  kind: 'reply' | 'note';
  typing: boolean;
}

export interface ReadEvent {
  conversationId: string;
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
  /** An edit, deletion (body empty, deleted true) or restoration of a message already shown. */
  'message:updated': (message: Message) => void;
  typing: (event: TypingEvent) => void;
  read: (event: ReadEvent) => void;
  viewers: (event: ViewersEvent) => void;
  presence: (event: PresenceEvent) => void;
  'conversation:updated': (conversation: Conversation | CustomerConversation) => void;
  'session:revoked': () => void;
  /** What this agent may see changed (role, teams, a conversation's team or assignee): reload lists. */
  'access:changed': (event: AccessChangedEvent) => void;
  'access:granted': (event: ConversationAccessEvent) => void;
  /** The socket left the conversation's room; nothing more of it arrives. */
  'access:revoked': (event: ConversationAccessEvent) => void;
  /** Someone @mentioned this agent (who can now see the conversation). */
  mention: (event: MentionEvent) => void;
}
