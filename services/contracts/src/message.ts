import { z } from 'zod';
import { documented, lowerCaseUuid, NOT_BLANK, uuidSet, wholeNumber } from './input-values.js';
import { attachmentSchema, MAX_ATTACHMENTS_PER_MESSAGE, type Attachment } from './attachment.js';

/** customer: written by the customer; reply: an agent's answer to the customer; note: internal,
 * agents only; system: written by Smartchat about the conversation (the automatic close, automatic
 * mail), agents only; notice: written by Smartchat for everyone who sees the conversation, the
 * customer too (a trip change, a document from the back-office). */
export const messageKinds = ['customer', 'reply', 'note', 'system', 'notice'] as const;
export const messageKindSchema = z.enum(messageKinds);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const MAX_MESSAGE_BODY = 10_000;

export const clientMessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of A-Z a-z 0-9 _ -');
/** Message ids are time-ordered (CQL timeuuid): sorting them by time gives the conversation order. */
/** A message id: a time uuid (version 1), lower case. */
export const MESSAGE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const messageIdSchema = z.string().regex(MESSAGE_ID_PATTERN, 'must be a message id');

export const authorSchema = z.object({
  type: z.enum(['customer', 'agent', 'system']),
  /** Null for an agent in everything a customer receives (only the name is shown), and for system messages. */
  id: z.string().nullable(),
  name: z.string().nullable(),
});
export type Author = z.infer<typeof authorSchema>;

export const messageSchema = z.object({
  id: messageIdSchema,
  conversationId: z.uuid(),
  kind: messageKindSchema,
  author: authorSchema,
  /** Raw body: plain text with the small markup subset of @smartchat/core renderMarkup. */
  body: z.string(),
  clientMessageId: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  attachments: z.array(attachmentSchema),
});
export type Message = z.infer<typeof messageSchema>;

const sendMessageFields = z.strictObject({
  conversationId: lowerCaseUuid(),
  clientMessageId: clientMessageIdSchema,
  /**
   * Agents only: reply or note (omitted: reply, or note in an internal conversation, where a reply
   * is refused). Customers must omit it: their messages are kind customer, and a customer sending
   * reply or note gets SC_ERR_MESSAGE_KIND_NOT_ALLOWED.
   */
  kind: z.enum(['reply', 'note']).optional(),
  body: z.string().max(MAX_MESSAGE_BODY).default(''),
  /** Ids from POST /v1/conversations/:id/attachments, uploaded by the sender into this conversation. */
  attachments: uuidSet(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
});
const hasContent = (input: { body: string; attachments: string[] }) => input.body.trim().length > 0 || input.attachments.length > 0;
const contentRule = { message: 'a message needs a body or an attachment', path: ['body'] };

export const sendMessageInput = sendMessageFields.refine(hasContent, contentRule);
/** The REST body of POST /v1/conversations/:id/messages (the id is in the path). */
export const sendMessageBody = documented(sendMessageFields.omit({ conversationId: true }).refine(hasContent, contentRule), {
  add: {
    allOf: [
      {
        anyOf: [
          { required: ['body'], properties: { body: { pattern: NOT_BLANK.source } } },
          { required: ['attachments'], properties: { attachments: { minItems: 1 } } },
        ],
      },
    ],
  },
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const sendMessageResult = z.object({
  id: messageIdSchema,
  status: z.literal('accepted'),
});
export type SendMessageResult = z.infer<typeof sendMessageResult>;

export const historyQuery = z.object({
  /** Page backwards: messages older than this id. */
  before: messageIdSchema.optional(),
  limit: wholeNumber(1, 200).default(50),
});
export type HistoryQuery = z.infer<typeof historyQuery>;

export const changeMessageInput = z.object({
  conversationId: lowerCaseUuid(),
  messageId: messageIdSchema,
});
export type ChangeMessageInput = z.infer<typeof changeMessageInput>;

/** An edited body: not blank (an edit cannot empty a message; delete it instead). */
export const editedBodySchema = z.string().max(MAX_MESSAGE_BODY).regex(NOT_BLANK, 'must not be empty');

export const editMessageInput = changeMessageInput.extend({ body: editedBodySchema });
export type EditMessageInput = z.infer<typeof editMessageInput>;

export const messageHistoryEntrySchema = z.object({
  action: z.enum(['edit', 'delete', 'restore']),
  /** The body as it was before this change. */
  body: z.string(),
  actorId: z.string().nullable(),
  at: z.string(),
});
export type MessageHistoryEntry = z.infer<typeof messageHistoryEntrySchema>;

export const messageWithHistorySchema = z.object({
  /** Including the original body of a deleted message. */
  message: messageSchema,
  history: z.array(messageHistoryEntrySchema),
});

/** A message as published to the delivery exchange once accepted (the payload of a delivery queue). */
export interface AcceptedMessage {
  id: string;
  conversationId: string;
  kind: MessageKind;
  author: Message['author'];
  body: string;
  attachments: Attachment[];
  clientMessageId: string | null;
  /** Epoch milliseconds when the chat pod handed it to the publisher (set before the publish, so before its confirm). */
  acceptedAt: number;
  /** Whether the conversation is internal (never shown to a customer), carried to avoid a lookup. */
  internal: boolean;
  customerId: string | null;
}
