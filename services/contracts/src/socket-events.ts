// The socket.io contract shared by chat pods, console, widget and the load generator.
import { z } from 'zod';
import type { AccessChangedEvent, ConversationAccessEvent, MentionEvent } from './access.js';
import { lowerCaseUuid } from './input-values.js';
import { messageIdSchema, type changeMessageInput, type editMessageInput, type Message, type sendMessageInput, type SendMessageResult } from './message.js';
import type { ErrorBody } from './errors.js';
import type { CustomerConversation, Conversation } from './conversation.js';
import type { CsatSurvey, CustomerCsatSurvey } from './csat.js';
import type { InboxConversation } from './console.js';

/** Every ack is either a result or an error from the catalogue. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (result: Ack<T>) => void;

export const joinConversationInput = z.object({
  conversationId: lowerCaseUuid(),
  /**
   * The last message id this client has: the ack's `missed` carries the later messages the caller
   * may see, oldest first, as many as one replay holds (see ReplayContinuation). Without it,
   * `missed` is empty.
   */
  lastSeenId: messageIdSchema.optional(),
});
export type JoinConversationInput = z.infer<typeof joinConversationInput>;

/** How many conversations one `resume` may name; more is refused (SC_ERR_VALIDATION). */
export const MAX_RESUME_CONVERSATIONS = 500;

export const resumeInput = z.object({
  /**
   * conversation id -> last message id seen. The server joins each conversation's room and replays
   * the later messages the caller may see, as many as one replay holds (see ReplayContinuation); a
   * conversation the caller may not see is left out of `missed` and `more`, without an error.
   * Unlike conversation:join, it does not make an agent a viewer.
   */
  lastSeen: z.record(lowerCaseUuid(), messageIdSchema).refine((map) => Object.keys(map).length <= MAX_RESUME_CONVERSATIONS, `at most ${MAX_RESUME_CONVERSATIONS} conversations`),
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

/**
 * Where a replay stopped short: conversation id -> the message id to go on after. One call replays
 * a bounded number of messages and bytes from a bounded number of conversations; send
 * `resume {lastSeen: more}` until an answer has no `more`. A conversation named in `more` but not
 * yet in `missed` was not looked at in this call (it is not gone). The id is a position: for a
 * customer it may be a message they do not see.
 */
export type ReplayContinuation = Record<string, string>;

export interface JoinResult {
  conversation: Conversation | CustomerConversation;
  missed: Message[];
  /** Present when `missed` stops short of the newest message. */
  more?: ReplayContinuation;
}

export interface ResumeResult {
  missed: Record<string, Message[]>;
  /** Present when something is left to replay. */
  more?: ReplayContinuation;
}

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

/** GET /v1/conversations/:id/reads: the read positions as `read` events would give them now, so they survive a reload. */
export const readPositionsSchema = z.object({
  reads: z.array(
    z.object({
      conversationId: z.uuid(),
      who: z.object({ type: z.enum(['agent', 'customer']), id: z.string() }),
      messageId: messageIdSchema,
      readAt: z.string(),
    }),
  ),
});
export type ReadPositions = z.infer<typeof readPositionsSchema>;

export interface ViewersEvent {
  conversationId: string;
  viewers: { agentId: string; name: string | null; typing: 'reply' | 'note' | null }[];
}

export interface PresenceEvent {
  agentId: string;
  /** From socket connections: online or offline ('away' is not sent at present). */
  status: 'online' | 'away' | 'offline';
}

/** What a client sends with an event: the input its schema takes (defaults may be left out). */
export type SendMessageEventInput = z.input<typeof sendMessageInput>;
export type EditMessageEventInput = z.input<typeof editMessageInput>;
export type ChangeMessageEventInput = z.input<typeof changeMessageInput>;
export type JoinConversationEventInput = z.input<typeof joinConversationInput>;
export type LeaveConversationEventInput = Pick<JoinConversationEventInput, 'conversationId'>;
export type ResumeEventInput = z.input<typeof resumeInput>;
export type TypingEventInput = z.input<typeof typingInput>;
export type ReadEventInput = z.input<typeof readInput>;

/**
 * Every event a client sends, with its input and what its ack carries on success. The server still
 * validates each input (a client is not trusted to follow the types), and answers a refusal with a
 * catalogue error in the ack. Every event draws on a budget of its socket (docs/client-api.md,
 * "Socket budgets"): past it, or with too many of the socket's events still unanswered, the ack is
 * SC_ERR_RATE_LIMITED with `details.retryAfterMs`, and a `typing` is dropped.
 */
export interface ClientToServerEvents {
  'message:send': (input: SendMessageEventInput, ack: AckCallback<SendMessageResult>) => void;
  'message:edit': (input: EditMessageEventInput, ack: AckCallback<Message>) => void;
  /** Deleted: others get it with an empty body; its text stays for those with messages.history. */
  'message:delete': (input: ChangeMessageEventInput, ack: AckCallback<Message>) => void;
  'message:restore': (input: ChangeMessageEventInput, ack: AckCallback<Message>) => void;
  'conversation:join': (input: JoinConversationEventInput, ack: AckCallback<JoinResult>) => void;
  'conversation:leave': (input: LeaveConversationEventInput, ack: AckCallback<null>) => void;
  resume: (input: ResumeEventInput, ack: AckCallback<ResumeResult>) => void;
  /** No ack: typing is refreshed every few seconds, and one dropped costs nothing. */
  typing: (input: TypingEventInput) => void;
  read: (input: ReadEventInput, ack: AckCallback<null>) => void;
}

export type ClientEvent = keyof ClientToServerEvents;
/** The events answered through an ack. */
export type ClientRequestEvent = { [E in ClientEvent]: Parameters<ClientToServerEvents[E]> extends [unknown, (result: never) => void] ? E : never }[ClientEvent];
/** The input of a client event. */
export type ClientEventInput<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** What the ack of a client event carries on success (`data` of `{ok: true, data}`). */
export type ClientEventResult<E extends ClientRequestEvent> = Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

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
   * To sockets that joined the conversation, when its customer answered or changed a satisfaction
   * survey (agents get CsatSurvey, the customer's other tabs CustomerCsatSurvey).
   */
  'csat:updated': (survey: CsatSurvey | CustomerCsatSurvey) => void;
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
  /**
   * Live lists: to every agent socket that may see the conversation, whenever its row changed
   * (created, queued, assigned or transferred, a new message, status, priority, snooze, SLA): the
   * row as GET /v1/conversations gives it. Put it in or take it out of the shown list by the
   * list's own rule; refresh the counts.
   */
  'inbox:changed': (conversation: InboxConversation) => void;
  /** Live lists: the conversation moved away (team or assignee) from where this agent could see it; take it out of every list. */
  'inbox:removed': (event: ConversationAccessEvent) => void;
}
