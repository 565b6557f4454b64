import { PRIORITY_MAX, PRIORITY_MIN, SNOOZE_PRESETS } from '@smartchat/core';
import { z } from 'zod';
import { documented, instant, NOT_BLANK, nonBlankText } from './input-values.js';

export const channels = ['widget', 'email', 'api', 'internal'] as const;
export const conversationStatuses = ['open', 'snoozed', 'closed'] as const;

export const channelSchema = z.enum(channels);
export const conversationStatusSchema = z.enum(conversationStatuses);
export const uuidSchema = z.uuid();

/** A conversation as agents see it. Customers get CustomerConversation (no agent-only fields). */
export const conversationSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  channel: channelSchema,
  internal: z.boolean(),
  teamId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  status: conversationStatusSchema,
  priority: z.number().int(),
  topic: z.string().nullable(),
  /** The subject of an e-mail conversation (its first message's); null for other channels. */
  subject: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
  participants: z.array(z.uuid()),
  /** Waiting in its team's queue for an assignee since then; null when not queued. */
  queuedAt: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  /** The latest missed SLA (the conversation's marker); null when none was missed. */
  slaBreach: z.object({ kind: z.enum(['first_response', 'next_response']), at: z.string() }).nullable(),
  // Lifecycle times (ISO 8601), the latest of each; the domain events hold the full history.
  // Null when it has not happened yet (or last happened before these were kept).
  /** When its current assignee got it; null while unassigned. */
  assignedAt: z.string().nullable(),
  /** The agents' first and latest reply (a note is not a reply). */
  firstReplyAt: z.string().nullable(),
  lastReplyAt: z.string().nullable(),
  /** The customer's latest message. */
  lastCustomerMessageAt: z.string().nullable(),
  /** Since when it is closed; null unless closed. */
  closedAt: z.string().nullable(),
  /** The latest reopen (by an agent, or by a customer writing into it). */
  reopenedAt: z.string().nullable(),
  /** The back-office's signal: when the customer's trip departs (within 24 hours raises the effective priority by one). */
  tripDepartsAt: z.string().nullable(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const customerConversationSchema = conversationSchema.pick({ id: true, status: true, topic: true, subject: true, createdAt: true, lastMessageAt: true });
export type CustomerConversation = z.infer<typeof customerConversationSchema>;

/**
 * What a customer who just opened a conversation may expect, from its team's opening hours and
 * first-response target: whether the team is open now, by when a first reply is due (null: the
 * team has no target), and when it opens next (null: open now).
 */
export const replyExpectationSchema = z.object({
  open: z.boolean(),
  replyBy: z.string().nullable(),
  opensAt: z.string().nullable(),
});
export type ReplyExpectationBody = z.infer<typeof replyExpectationSchema>;

export const topicSchema = nonBlankText(200);

/** A customer opens a conversation (widget), optionally with its first message (`body` needs a `clientMessageId`). */
export const createConversationInput = documented(
  z.strictObject({
    topic: topicSchema,
    clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of A-Z a-z 0-9 _ -').optional(),
    body: z.string().max(10_000).regex(NOT_BLANK, 'must not be blank').optional(),
  }),
  { add: { dependentRequired: { body: ['clientMessageId'] } } },
);
export type CreateConversationInput = z.infer<typeof createConversationInput>;

/** An agent (or the back-office) opens an internal conversation, never visible to the customer. */
export const createInternalConversationInput = z.strictObject({
  topic: topicSchema,
  customerId: z.uuid().optional(),
});
export type CreateInternalConversationInput = z.infer<typeof createInternalConversationInput>;

/**
 * Manual assignment, transfer and priority: `assigneeId` (null = unassign: back into the team's
 * queue), `teamId` (a transfer: into that team's queue unless `assigneeId` is given too; null = no
 * team), `priority` (0 normal .. 3 critical). `override` assigns outside the team or over capacity
 * (needs assignment.override).
 */
export const routeConversationInput = documented(
  z
    .strictObject({
      assigneeId: z.uuid().nullable(),
      teamId: z.uuid().nullable(),
      priority: z.number().int().min(PRIORITY_MIN).max(PRIORITY_MAX),
      override: z.boolean(),
    })
    .partial()
    .refine((input) => input.assigneeId !== undefined || input.teamId !== undefined || input.priority !== undefined, { message: 'give assigneeId, teamId, priority or several' }),
  { add: { allOf: [{ anyOf: [{ required: ['assigneeId'] }, { required: ['teamId'] }, { required: ['priority'] }] }] } },
);
export type RouteConversationInput = z.infer<typeof routeConversationInput>;

/** Snooze until a time, or a preset counted in the agent's time zone ("tomorrow 09:00"). */
export const snoozeConversationInput = z.union([
  z.object({ until: instant() }).strict(),
  z.object({ preset: z.enum(SNOOZE_PRESETS) }).strict(),
]);
export type SnoozeConversationInput = z.infer<typeof snoozeConversationInput>;

/** Back-office signals about a customer that raise the priority of their conversations. */
export const customerSignalsInput = z.strictObject({
  customerExternalId: z.string().min(1).max(200),
  /** When the customer's next trip departs; null clears it. */
  tripDepartsAt: instant().nullable(),
});
