// Message search (issue 26): what agents and customers may ask (GET /v1/search) and what they get
// back. Results are conversations, newest match first (or best-ranked first), each with the
// newest matching messages as highlighted snippets. Who may see what is decided by the same rule
// as the inbox (@smartchat/core visibility), applied by the server: a caller never learns anything
// about a conversation outside their view, neither through results nor through counts.
import { z } from 'zod';
import { channelSchema, conversationStatusSchema, customerConversationSchema } from './conversation.js';
import { inboxConversationSchema } from './console.js';
import { documented, instant, nonBlankText, wholeNumber } from './input-values.js';

/** The longest query, in characters. */
export const SEARCH_QUERY_MAX = 200;
/** The most terms (words, phrases, prefixes) in one query. */
export const SEARCH_TERMS_MAX = 12;
/** A prefix term (`123-Q*`) needs at least this many letters or digits. */
export const SEARCH_PREFIX_MIN = 3;
/** Conversations per page, at most. */
export const SEARCH_PAGE_MAX = 50;
/** Snippets per conversation, at most (the newest matching messages). */
export const SEARCH_HITS_PER_CONVERSATION = 3;
/** Matching messages per conversation are counted up to this many. */
export const SEARCH_MATCH_COUNT_CAP = 100;
/**
 * "Relevance" ranks this many of the newest matching messages (and the conversations whose subject
 * or customer matches): a very common word matches millions of messages, and ranking them all
 * would take seconds. Terms rarer than that are ranked over every match.
 */
export const SEARCH_RELEVANCE_WINDOW = 1000;

export const searchSorts = ['newest', 'relevance'] as const;
export type SearchSort = (typeof searchSorts)[number];
export const searchAuthorKinds = ['customer', 'agent', 'system'] as const;

const CURSOR_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * A search page's cursor: `n.<microseconds since 1970>.<uuid>` (newest first: the last
 * conversation's newest match) or `r.<score>.<uuid>` (relevance: its score, 0 to 1,000,000).
 */
export const SEARCH_CURSOR_PATTERN = new RegExp(`^(?:n\\.[0-9]{1,16}\\.${CURSOR_UUID}|r\\.[0-9]{1,7}\\.${CURSOR_UUID})$`);

const booleanText = documented(
  z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => value === true || value === 'true'),
  { replace: { type: 'boolean' } },
);

/**
 * Query of GET /v1/search. `q`: words (each found in any form: "билеты" finds "билет", "refunds"
 * finds "refund"; case, ё/е and accents do not matter), "exact phrases" in double quotes, and
 * prefixes ending in `*` (`123-Q*`, at least SEARCH_PREFIX_MIN letters or digits). Every term must
 * match; other characters are read literally. Customers may send only q, sort, limit and cursor.
 */
export const searchQuery = z.object({
  q: nonBlankText(SEARCH_QUERY_MAX),
  teamId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  channel: channelSchema.optional(),
  status: conversationStatusSchema.optional(),
  customerId: z.uuid().optional(),
  /** Messages written at or after / before this moment. */
  from: instant().optional(),
  to: instant().optional(),
  /** Only messages with files (true) or without (false). */
  hasAttachment: booleanText.optional(),
  /** Only messages by customers, agents (replies and notes) or the system. */
  author: z.enum(searchAuthorKinds).optional(),
  /** Also deleted messages, with their original text (needs messages.history; flagged `deleted`). */
  includeDeleted: booleanText.optional(),
  sort: z.enum(searchSorts).default('newest'),
  limit: wholeNumber(1, SEARCH_PAGE_MAX).default(20),
  /** `nextCursor` of the previous page, as given; it continues that page's sort. */
  cursor: z.string().regex(SEARCH_CURSOR_PATTERN, 'must be a cursor from a previous page').optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Query parameters only agents may send. */
export const AGENT_ONLY_SEARCH_PARAMETERS = ['teamId', 'assigneeId', 'channel', 'status', 'customerId', 'from', 'to', 'hasAttachment', 'author', 'includeDeleted'] as const;

/** Highlighted text: the parts that matched have `match: true`. Plain text, never HTML. */
export const snippetSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));
export type Snippet = z.infer<typeof snippetSchema>;

export const searchHitSchema = z.object({
  messageId: z.string(),
  at: z.string(),
  kind: z.enum(['customer', 'reply', 'note', 'system', 'notice']),
  /** The message was deleted; its original text matched (only with includeDeleted). */
  deleted: z.boolean(),
  hasAttachment: z.boolean(),
  snippet: snippetSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** What of a conversation matched besides its messages. */
export const searchMatchedFields = ['subject', 'customer'] as const;

export const agentSearchResultSchema = z.object({
  conversation: inboxConversationSchema,
  /** Matching messages in this conversation (visible to the caller, within the filters), up to SEARCH_MATCH_COUNT_CAP. */
  matches: z.number().int(),
  /** The newest matching messages, up to SEARCH_HITS_PER_CONVERSATION. */
  hits: z.array(searchHitSchema),
  /** The conversation's subject or customer (name, e-mail, back-office id) matched. */
  matchedFields: z.array(z.enum(searchMatchedFields)),
  /** Highlighted subject, when it matched. */
  subject: snippetSchema.nullable(),
});
export type AgentSearchResult = z.infer<typeof agentSearchResultSchema>;

export const customerSearchResultSchema = z.object({
  conversation: customerConversationSchema,
  matches: z.number().int(),
  hits: z.array(searchHitSchema),
  matchedFields: z.array(z.enum(['subject'])),
  subject: snippetSchema.nullable(),
});
export type CustomerSearchResult = z.infer<typeof customerSearchResultSchema>;

export const searchResponseSchema = z.object({
  /** Agents get agent results (the conversation as in the inbox), customers customer results. */
  results: z.array(z.union([agentSearchResultSchema, customerSearchResultSchema])),
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** The query as understood: its terms, for showing "searched for …". */
  terms: z.array(z.object({ text: z.string(), kind: z.enum(['word', 'phrase', 'prefix']) })),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
