// What the agents' console and the customers' widget read besides conversations and messages: the
// inbox (views, filters, keyset pages, counts), who am I, macros, a customer's context with the
// back-office's data about them, and the topics a customer may choose from.
import { z } from 'zod';
import { documented, NOT_BLANK, nonBlankText, wholeNumber } from './input-values.js';
import { agentSchema, permissionSchema, scopeSchema } from './access.js';
import { channelSchema, conversationSchema, conversationStatusSchema } from './conversation.js';

// --- the inbox ---------------------------------------------------------------------------------

/**
 * Which conversations a list shows. Each view names who (mine = assigned to me, unassigned, teams =
 * my teams', mentions = where I was @mentioned, the rest = everything I may see) and a default
 * status: open for mine/unassigned/teams/all, snoozed and closed for those views, any for mentions.
 * The `status` filter replaces the view's default status.
 */
export const inboxViews = ['mine', 'unassigned', 'teams', 'mentions', 'snoozed', 'all', 'closed'] as const;
export type InboxView = (typeof inboxViews)[number];

/**
 * priority: priority high to low, then longest waiting first (the queue's order); waiting: longest
 * waiting first, conversations nobody waits on last; recent: latest message first. Ties by id.
 */
export const inboxSorts = ['priority', 'waiting', 'recent'] as const;
export type InboxSort = (typeof inboxSorts)[number];

export const INBOX_PAGE_MAX = 500;

const CURSOR_INTEGER = '-?[0-9]{1,4}';
/** Microseconds since 1970 (up to 16 digits: years 1653 to 2286), or a conversation never written to. */
const CURSOR_INSTANT = '(?:-?[0-9]{1,16}|-?infinity)';
const CURSOR_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * An inbox page's cursor: its sort, then the sort key of the last row shown, dot-separated:
 * `priority.<-priority>.<waiting since>.<id>`, `waiting.<waiting since>.<id>`,
 * `recent.<last message at>.<id>`. Every text of this form is a position in its list.
 */
export const INBOX_CURSOR_PATTERN = new RegExp(
  `^(?:priority\\.${CURSOR_INTEGER}\\.${CURSOR_INSTANT}\\.${CURSOR_UUID}|(?:waiting|recent)\\.${CURSOR_INSTANT}\\.${CURSOR_UUID})$`,
);

/** Query of GET /v1/conversations. Customers may send it too; they always get their own conversations. */
export const inboxQuery = z.object({
  view: z.enum(inboxViews).default('all'),
  teamId: z.uuid().optional(),
  channel: channelSchema.optional(),
  status: conversationStatusSchema.optional(),
  /** breached: a missed SLA is marked on the conversation; ok: none is. */
  sla: z.enum(['breached', 'ok']).optional(),
  /** Part of the topic or of the customer's name or e-mail, case-insensitive. */
  q: nonBlankText(100).optional(),
  sort: z.enum(inboxSorts).default('priority'),
  limit: wholeNumber(1, INBOX_PAGE_MAX).default(50),
  /**
   * `nextCursor` of the previous page, as it was given. It names the list's sort and the position
   * after which the next page starts; with a cursor the page continues that sort, whatever `sort`
   * says. Any text of this form is a position (see INBOX_CURSOR_PATTERN).
   */
  cursor: z.string().regex(INBOX_CURSOR_PATTERN, 'must be a cursor from a previous page').optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxCustomerSchema = z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() });

/** The latest message the customer can see (theirs, an agent's reply or a notice), never a note or system message. */
export const inboxPreviewSchema = z.object({
  kind: z.enum(['customer', 'reply', 'notice']),
  /** Plain text without markup, at most 140 characters (PREVIEW_LENGTH in @smartchat/core); empty for a deleted message. */
  body: z.string(),
  at: z.string(),
});

/** A conversation in an agent's list: the conversation, who the customer is, and the latest public message. */
export const inboxConversationSchema = conversationSchema.extend({
  customer: inboxCustomerSchema.nullable(),
  preview: inboxPreviewSchema.nullable(),
});
export type InboxConversation = z.infer<typeof inboxConversationSchema>;

/** Closed conversations are counted up to this many (the count of an ever-growing set stays cheap). */
export const INBOX_CLOSED_COUNT_CAP = 10_000;

export const inboxCountsSchema = z.object({
  counts: z.object({
    mine: z.number().int(),
    unassigned: z.number().int(),
    teams: z.number().int(),
    mentions: z.number().int(),
    snoozed: z.number().int(),
    all: z.number().int(),
    /** At most INBOX_CLOSED_COUNT_CAP: show "10,000+" when it is reached. */
    closed: z.number().int(),
  }),
});
export type InboxCounts = z.infer<typeof inboxCountsSchema>['counts'];

// --- who am I ----------------------------------------------------------------------------------

/** An agent: their profile, and what their role lets them do (the console hides what they may not). */
export const meAgentSchema = agentSchema.extend({
  type: z.literal('agent'),
  permissions: z.array(permissionSchema),
  scope: scopeSchema,
  /** Until a new password is set, nothing but the password change answers (SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED). */
  mustChangePassword: z.boolean(),
});
export const meCustomerSchema = z.object({
  type: z.literal('customer'),
  customer: z.object({ id: z.uuid(), name: z.string().nullable(), externalId: z.string() }),
});
export const meSchema = z.discriminatedUnion('type', [meAgentSchema, meCustomerSchema]);
export type Me = z.infer<typeof meSchema>;

// --- macros ------------------------------------------------------------------------------------

/**
 * A canned reply. Shared ones (ownerId null) are for every agent and managed with macros.manage;
 * personal ones belong to their owner. Variables such as `{customer.name}` are filled in by the
 * console (MACRO_VARIABLES and fillMacro in @smartchat/core).
 */
export const macroSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  body: z.string(),
  shared: z.boolean(),
  ownerId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Macro = z.infer<typeof macroSchema>;

const macroName = nonBlankText(100);
const macroBody = z.string().max(10_000).regex(NOT_BLANK, 'must not be empty');

export const createMacroInput = z.strictObject({ name: macroName, body: macroBody, shared: z.boolean().default(false) });
export const updateMacroInput = documented(
  z
    .strictObject({ name: macroName.optional(), body: macroBody.optional(), shared: z.boolean().optional() })
    .refine((input) => input.name !== undefined || input.body !== undefined || input.shared !== undefined, { message: 'give name, body, shared or several' }),
  { add: { minProperties: 1 } },
);
export type CreateMacroInput = z.infer<typeof createMacroInput>;
export type UpdateMacroInput = z.infer<typeof updateMacroInput>;

// --- a customer's context ----------------------------------------------------------------------

/**
 * What the back-office says about a customer (GET <SMARTCHAT_BACKOFFICE_URL>/customers/<externalId>),
 * shown beside the conversation. Anything else it answers is not shown.
 */
export const backofficeCustomerSchema = z.object({
  fields: z.array(z.object({ label: z.string().min(1).max(200), value: z.string().max(2000) })).max(100),
  links: z
    .array(z.object({ label: z.string().min(1).max(200), url: z.url({ protocol: /^https?$/ }).max(2000) }))
    .max(50)
    .optional(),
});
export type BackofficeCustomer = z.infer<typeof backofficeCustomerSchema>;

/**
 * Why there is no back-office data although the back-office is configured: `timeout`,
 * `unreachable`, `status_<HTTP status>` (e.g. `status_404`), `malformed` (not the expected shape).
 */
export const backofficeErrorSchema = z.string();

export const customerContextSchema = z.object({
  customer: z.object({ id: z.uuid(), externalId: z.string(), name: z.string().nullable(), email: z.string().nullable(), createdAt: z.string() }),
  /** The 20 latest non-internal conversations of the customer that the caller may see, newest first. */
  conversations: z.array(inboxConversationSchema),
  /** null when the back-office is not configured or did not answer (then backofficeError says why). */
  backoffice: backofficeCustomerSchema.nullable(),
  backofficeError: backofficeErrorSchema.nullable(),
});
export type CustomerContext = z.infer<typeof customerContextSchema>;

// --- topics ------------------------------------------------------------------------------------

/** The topics teams are routed by (a customer picks one when opening a conversation), sorted. */
export const topicsSchema = z.object({ topics: z.array(z.string()) });
