// The SQL of message search. Pure: it builds text and values; search-store.ts runs them.
//
// Hits are rows of search_messages (one per message) joined to `conversations`, where the inbox's
// own access condition (store/inbox-query.ts accessCondition, proven equal to canSeeConversation)
// decides which the caller may see: there is no second copy of the rule here. Customers see their
// own conversations that are not internal, and of those only customers' messages and replies.
// Conversations whose subject or customer matches are hits too ("conversation hits").
//
// Positions: a hit's place in "newest first" is (created_at, id), compared as one row; a cursor
// carries created_at as whole microseconds since 1970, turned back into a timestamp exactly.
import type { Viewer } from '@smartchat/core';
import type { SearchQuery } from '@smartchat/contracts';
import { accessCondition, Parameters, type SqlQuery } from '../store/inbox-query.js';
import { prefixQueryText, type SearchTerm } from './query-terms.js';

/** A place in "newest first": microseconds since 1970, and the message's (or conversation's) id. */
export interface Position {
  atMicros: bigint;
  id: string;
}

export type SearchFilters = Pick<SearchQuery, 'teamId' | 'assigneeId' | 'channel' | 'status' | 'customerId' | 'from' | 'to' | 'hasAttachment' | 'author' | 'includeDeleted'>;

export interface SearchSelection {
  viewer: Viewer;
  /** The whole query as tsquery text (search-store.ts asks Postgres for it: termsQuery). */
  fullQuery: string;
  /** The part looked up in the GIN index; the same as fullQuery unless a prefix ends in a short chunk. */
  indexQuery: string;
  filters: SearchFilters;
  /** Deleted messages count as hits (the caller has messages.history and asked). */
  withDeleted: boolean;
}

const CONFIG = `'smartchat_search'::regconfig`;
const instantOf = (micros: string) => `(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;
const microsOf = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
const both = (conditions: (string | null)[]): string => conditions.filter((condition) => condition !== null).join(' AND ') || 'TRUE';

/** Each term as a tsquery expression; the whole query is all of them (&&). */
export function termsQuery(terms: readonly SearchTerm[]): SqlQuery {
  const p = new Parameters();
  const full: string[] = [];
  const index: string[] = [];
  for (const term of terms) {
    if (term.kind === 'prefix') {
      full.push(`to_tsquery(${CONFIG}, ${p.add(prefixQueryText(term.text, 'full'))})`);
      const indexText = prefixQueryText(term.text, 'index');
      if (indexText !== null) index.push(`to_tsquery(${CONFIG}, ${p.add(indexText)})`);
    } else {
      const expression = `phraseto_tsquery(${CONFIG}, smartchat_search_text(${p.add(term.text)}))`;
      full.push(expression);
      index.push(expression);
    }
  }
  const all = (parts: string[]) => (parts.length > 0 ? `(${parts.join(' && ')})` : `''::tsquery`);
  return {
    text: `SELECT ${all(full)}::text AS full_query, numnode(${all(full)}) AS full_nodes, ${all(index)}::text AS index_query, numnode(${all(index)}) AS index_nodes`,
    values: p.values,
  };
}

/**
 * Which messages count, on `d` (search_messages): the words, the kinds the caller may see, the
 * filters. `within: 'conversations'`: the rows are those of a few conversations, found through the
 * conversation index; the words are then only checked (ts_match_vq, the function behind @@, which
 * the planner never answers from the GIN index: from there it would read every match of the words
 * in the whole table, once per conversation).
 */
function messageConditions(selection: SearchSelection, p: Parameters, within: 'table' | 'conversations' = 'table'): string[] {
  const { filters } = selection;
  const conditions =
    within === 'table'
      ? [`d.tsv @@ ${p.add(selection.indexQuery)}::tsquery`, ...(selection.indexQuery !== selection.fullQuery ? [`ts_match_vq(d.tsv, ${p.add(selection.fullQuery)}::tsquery)`] : [])]
      : [`ts_match_vq(d.tsv, ${p.add(selection.fullQuery)}::tsquery)`];
  if (selection.viewer.type === 'customer') conditions.push(`d.kind IN ('customer', 'reply', 'notice')`);
  if (!selection.withDeleted) conditions.push('NOT d.deleted');
  if (filters.author === 'customer') conditions.push(`d.kind = 'customer'`);
  if (filters.author === 'agent') conditions.push(`d.kind IN ('reply', 'note')`);
  if (filters.author === 'system') conditions.push(`d.kind IN ('system', 'notice')`);
  if (filters.hasAttachment !== undefined) conditions.push(`d.has_attachment = ${p.add(filters.hasAttachment)}`);
  if (filters.from) conditions.push(`d.created_at >= ${p.add(filters.from)}::timestamptz`);
  if (filters.to) conditions.push(`d.created_at < ${p.add(filters.to)}::timestamptz`);
  return conditions;
}

/** Which conversations count, on `c`: those the caller may see, within the filters. */
function conversationConditions(selection: SearchSelection, p: Parameters): string[] {
  const { viewer, filters } = selection;
  if (viewer.type === 'customer') return [`c.customer_id = ${p.add(viewer.customerId)}`, 'NOT c.internal'];
  const conditions: string[] = [];
  const access = accessCondition(viewer, p);
  if (access) conditions.push(access);
  if (filters.teamId) conditions.push(`c.team_id = ${p.add(filters.teamId)}`);
  if (filters.assigneeId) conditions.push(`c.assignee_id = ${p.add(filters.assigneeId)}`);
  if (filters.channel) conditions.push(`c.channel = ${p.add(filters.channel)}`);
  if (filters.status) conditions.push(`c.status = ${p.add(filters.status)}`);
  if (filters.customerId) conditions.push(`c.customer_id = ${p.add(filters.customerId)}`);
  return conditions;
}

/**
 * Whether conversations are also found by subject and customer: not when a filter is about
 * messages (their time, author, files), which a subject or a customer has none of.
 */
export function findsConversations(selection: SearchSelection): boolean {
  const { filters } = selection;
  return filters.from === undefined && filters.to === undefined && filters.author === undefined && filters.hasAttachment === undefined;
}

/**
 * How many messages the words match, as the planner estimates it from the column's statistics
 * (the most common lexemes and their frequencies): search-store.ts runs it under EXPLAIN to choose
 * how to read the hits (HitPlan).
 */
export function matchEstimateQuery(selection: SearchSelection, part: 'matches' | 'candidates' = 'matches'): SqlQuery {
  const p = new Parameters();
  const conditions = [`d.tsv @@ ${p.add(selection.indexQuery)}::tsquery`];
  // candidates: what the GIN index gives (each is then read and checked); matches: what is left.
  if (part === 'matches' && selection.indexQuery !== selection.fullQuery) conditions.push(`d.tsv @@ ${p.add(selection.fullQuery)}::tsquery`);
  return { text: `EXPLAIN (FORMAT JSON) SELECT 1 FROM search_messages d WHERE ${conditions.join(' AND ')}`, values: p.values };
}

/**
 * How the hits are read. `ordered`: the key's index backwards, newest first, each row checked,
 * stopping at the limit: right for words in many messages, whose newest matches are near. `gather`:
 * every match from the GIN index, then the newest of them: right for rarer words, which the first
 * way would look for through most of the table (the ORDER BY on an expression keeps the planner
 * from the first way, which it prefers whenever it underestimates how rare the rows it wants are).
 * `gather` reads a month at a time (search-store.ts); `gather-all`, for the fewest candidates, all
 * months at once.
 */
export type HitPlan = 'ordered' | 'gather' | 'gather-all';

/** Matching messages the caller may see, newest first, strictly after `before` (keyset). */
export function messageHitsQuery(selection: SearchSelection, options: { before?: Position; limit: number; ranked: boolean; plan?: HitPlan; window?: { from: bigint; to: bigint } }): SqlQuery {
  const p = new Parameters(selection.viewer.type === 'agent' ? selection.viewer : undefined);
  const conditions = messageConditions(selection, p);
  const onConversation = conversationConditions(selection, p);
  // One month (one partition) at a time, when gathering.
  if (options.window) conditions.push(`d.created_at >= ${instantOf(p.add(options.window.from.toString()))}`, `d.created_at < ${instantOf(p.add(options.window.to.toString()))}`);
  if (options.before) {
    const at = instantOf(p.add(options.before.atMicros.toString()));
    // The plain comparison lets PostgreSQL skip the partitions after the cursor.
    conditions.push(`d.created_at <= ${at}`, `(d.created_at, d.message_id) < (${at}, ${p.add(options.before.id)}::uuid)`);
  }
  const rank = options.ranked ? `, ts_rank_cd(d.tsv, ${p.add(selection.fullQuery)}::tsquery, 32) AS rank` : '';
  // Without a condition on the conversation (an agent who sees all, no filter on it) the join is left out.
  const join = onConversation.length > 0 ? 'JOIN conversations c ON c.id = d.conversation_id' : '';
  const newest = options.plan === 'gather' || options.plan === 'gather-all' ? `(d.created_at + interval '0 seconds') DESC, d.message_id DESC` : 'd.created_at DESC, d.message_id DESC';
  return {
    text: `SELECT d.conversation_id, d.message_id AS id, ${microsOf('d.created_at')} AS at_micros${rank}
      FROM search_messages d ${join}
     WHERE ${both([...conditions, ...onConversation])}
     ORDER BY ${newest}
     LIMIT ${p.add(options.limit)}`,
    values: p.values,
  };
}

/** Matching by subject, or by the customer's name, e-mail or back-office id (agents only). */
function conversationMatch(selection: SearchSelection, p: Parameters, fullQuery: string): { subject: string; customer: string | null } {
  return {
    subject: `(c.subject IS NOT NULL AND smartchat_search_vector(c.subject) @@ ${fullQuery})`,
    customer: selection.viewer.type === 'agent' ? `smartchat_search_vector(smartchat_customer_search_text(cu.name, cu.email::text, cu.external_id)) @@ ${fullQuery}` : null,
  };
}

/** Conversations whose subject or customer matches, newest first (by when they began), after `before`. */
export function conversationHitsQuery(selection: SearchSelection, options: { before?: Position; limit: number; ranked: boolean }): SqlQuery {
  const p = new Parameters(selection.viewer.type === 'agent' ? selection.viewer : undefined);
  const fullQuery = `${p.add(selection.fullQuery)}::tsquery`;
  const onConversation = conversationConditions(selection, p);
  const match = conversationMatch(selection, p, fullQuery);
  const after = options.before ? `(c.created_at, c.id) < (${instantOf(p.add(options.before.atMicros.toString()))}, ${p.add(options.before.id)}::uuid)` : null;
  const branches = [`SELECT c.id, c.created_at, true AS subject_hit, false AS customer_hit FROM conversations c WHERE ${both([match.subject, ...onConversation, after])}`];
  // Through the customers' index, then the customer's conversations (never a scan of all conversations).
  if (match.customer) branches.push(`SELECT c.id, c.created_at, false, true FROM customers cu JOIN conversations c ON c.customer_id = cu.id WHERE ${both([match.customer, ...onConversation, after])}`);
  const newest = `SELECT id, created_at, bool_or(subject_hit) AS subject_hit, bool_or(customer_hit) AS customer_hit
      FROM (${branches.join('\n UNION ALL \n')}) hits
     GROUP BY id, created_at
     ORDER BY created_at DESC, id DESC
     LIMIT ${p.add(options.limit)}`;
  // Ranked only once limited: ranking computes the lexemes of each subject and customer again.
  const rank = options.ranked
    ? `greatest(
         CASE WHEN h.subject_hit THEN ts_rank_cd(smartchat_search_vector(c.subject), ${fullQuery}, 32) ELSE 0 END,
         CASE WHEN h.customer_hit THEN (SELECT ts_rank_cd(smartchat_search_vector(smartchat_customer_search_text(cu.name, cu.email::text, cu.external_id)), ${fullQuery}, 32) FROM customers cu WHERE cu.id = c.customer_id) ELSE 0 END)`
    : '0';
  return {
    text: `SELECT h.id, ${microsOf('h.created_at')} AS at_micros, h.subject_hit, h.customer_hit, ${rank} AS rank
      FROM (${newest}) h JOIN conversations c ON c.id = h.id
     ORDER BY h.created_at DESC, h.id DESC`,
    values: p.values,
  };
}

/**
 * Of `ids`, those with a hit at or before `position` in "newest first": a page after a cursor
 * leaves them out, since an earlier page listed them.
 */
export function listedBeforeQuery(selection: SearchSelection, ids: readonly string[], position: Position, withConversations: boolean): SqlQuery {
  const p = new Parameters(selection.viewer.type === 'agent' ? selection.viewer : undefined);
  const idList = `${p.add(ids)}::uuid[]`;
  const at = instantOf(p.add(position.atMicros.toString()));
  const id = `${p.add(position.id)}::uuid`;
  const branches = [
    `SELECT DISTINCT d.conversation_id AS id FROM search_messages d
      WHERE ${both([`d.conversation_id = ANY(${idList})`, ...messageConditions(selection, p, 'conversations'), `(d.created_at, d.message_id) >= (${at}, ${id})`])}`,
  ];
  if (withConversations) {
    const match = conversationMatch(selection, p, `${p.add(selection.fullQuery)}::tsquery`);
    branches.push(`SELECT c.id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id
      WHERE c.id = ANY(${idList}) AND (c.created_at, c.id) >= (${at}, ${id}) AND (${match.customer ? `${match.subject} OR ${match.customer}` : match.subject})`);
  }
  return { text: branches.join('\n UNION \n'), values: p.values };
}

/** Highlights come back between these (never in stored text: the indexer removes control characters). */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';
const HEADLINE_OPTIONS = `'StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "'`;

/**
 * For each conversation of a page: its newest matching messages with highlights, how many match
 * (up to `countCap`), and its subject highlighted when the subject matched.
 */
export function pageDetailsQuery(selection: SearchSelection, ids: readonly string[], options: { hitsPerConversation: number; countCap: number }): SqlQuery {
  const p = new Parameters(selection.viewer.type === 'agent' ? selection.viewer : undefined);
  const conditions = both(['d.conversation_id = x.id', ...messageConditions(selection, p, 'conversations')]);
  const fullQuery = `${p.add(selection.fullQuery)}::tsquery`;
  return {
    text: `SELECT x.id,
           (SELECT count(*) FROM (SELECT 1 FROM search_messages d WHERE ${conditions} LIMIT ${p.add(options.countCap)}) counted)::int AS matches,
           (SELECT CASE WHEN smartchat_search_vector(c.subject) @@ ${fullQuery}
                        THEN ts_headline(${CONFIG}, smartchat_search_text(c.subject), ${fullQuery}, 'StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true') END
              FROM conversations c WHERE c.id = x.id AND c.subject IS NOT NULL) AS subject,
           ${
             selection.viewer.type === 'agent'
               ? `coalesce((SELECT smartchat_search_vector(smartchat_customer_search_text(cu.name, cu.email::text, cu.external_id)) @@ ${fullQuery}
                              FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = x.id), false)`
               : 'false'
           } AS customer_hit,
           coalesce((SELECT json_agg(json_build_object('messageId', h.message_id, 'at', h.created_at, 'kind', h.kind, 'deleted', h.deleted, 'hasAttachment', h.has_attachment,
                                                       'snippet', ts_headline(${CONFIG}, smartchat_search_text(h.body), ${fullQuery}, ${HEADLINE_OPTIONS}))
                                     ORDER BY h.created_at DESC, h.message_id DESC)
                       FROM (SELECT d.* FROM search_messages d WHERE ${conditions} ORDER BY d.created_at DESC, d.message_id DESC LIMIT ${p.add(options.hitsPerConversation)}) h), '[]') AS hits
      FROM unnest(${p.add(ids)}::uuid[]) AS x(id)`,
    values: p.values,
  };
}
