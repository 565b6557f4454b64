import { z } from 'zod';

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
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  waitingSince: z.string().nullable(),
  participants: z.array(z.uuid()),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const customerConversationSchema = conversationSchema.pick({ id: true, status: true, topic: true, createdAt: true, lastMessageAt: true });
export type CustomerConversation = z.infer<typeof customerConversationSchema>;

export const topicSchema = z.string().trim().min(1).max(200);

/** A customer opens a conversation (widget), optionally with its first message. */
export const createConversationInput = z.object({
  topic: topicSchema,
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 characters of A-Z a-z 0-9 _ -').optional(),
  body: z.string().max(10_000).optional(),
});
export type CreateConversationInput = z.infer<typeof createConversationInput>;

/** An agent (or the back-office) opens an internal conversation, never visible to the customer. */
export const createInternalConversationInput = z.object({
  topic: topicSchema,
  customerId: z.uuid().optional(),
});
export type CreateInternalConversationInput = z.infer<typeof createInternalConversationInput>;

/** Manual assignment and transfer: `assigneeId` (null = unassign), `teamId` (null = no team). */
export const routeConversationInput = z
  .object({ assigneeId: z.uuid().nullable(), teamId: z.uuid().nullable() })
  .partial()
  .refine((input) => input.assigneeId !== undefined || input.teamId !== undefined, { message: 'give assigneeId, teamId or both' });
export type RouteConversationInput = z.infer<typeof routeConversationInput>;
