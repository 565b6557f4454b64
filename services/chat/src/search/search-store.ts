// Message search: runs search-sql.ts's statements in one read-only transaction under a statement
// timeout, and turns hits into a page of conversations.
//
// Newest first: hits are read newest first from two streams (matching messages; conversations whose
// subject or customer matches) merged by position; a conversation is listed at its newest hit. A
// page after a cursor lists only conversations whose newest hit is older than the cursor, so no
// conversation is listed twice; the scan is bounded (SCAN_LIMIT hits), and a page cut short by it
// still gives a cursor to go on from. Relevance: the SEARCH_RELEVANCE_WINDOW newest matching
// messages and the matching conversations, ranked (ts_rank_cd), a conversation by its best hit.
import {
  SEARCH_HITS_PER_CONVERSATION,
  SEARCH_MATCH_COUNT_CAP,
  SEARCH_RELEVANCE_WINDOW,
  SmartchatError,
  type AgentSearchResult,
  type CustomerSearchResult,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
  type Snippet,
} from '@smartchat/contracts';
import { canSeeConversation, canSeeMessageKind, type Viewer } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import type pg from 'pg';
import type { InboxStore } from '../store/inbox.js';
import { accessFactsOf, toCustomerConversation } from '../store/conversations.js';
import type { SqlQuery } from '../store/inbox-query.js';
import { parseSearchQuery, QueryRefused, type SearchTerm } from './query-terms.js';
import {
  conversationHitsQuery,
  findsConversations,
  matchEstimateQuery,
  type HitPlan,
  listedBeforeQuery,
  MATCH_END,
  MATCH_START,
  messageHitsQuery,
  pageDetailsQuery,
  termsQuery,
  type Position,
  type SearchFilters,
  type SearchSelection,
} from './search-sql.js';

/** The most hits one page reads before it stops (and gives a cursor from where it stopped). */
const SCAN_LIMIT = 5000;
/**
 * Words estimated to match more than this share of all messages are read newest first through the
 * key's index (a page's hits are among the newest few thousand rows); rarer ones are gathered from
 * the GIN index a month at a time and sorted (HitPlan).
 */
const ORDERED_SHARE = 0.02;
/** Words whose GIN candidates are estimated at most this many are gathered from every month at once (one statement). */
const GATHER_ALL_BELOW = 5000;
const MICROS = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;
interface EstimateRow {
  'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
}
/** Conversation hits taken into a relevance ranking, at most. */
const RELEVANCE_CONVERSATIONS = 200;

interface Hit {
  conversationId: string;
  position: Position;
  rank: number;
  subjectHit?: boolean;
  customerHit?: boolean;
}

const comparePositions = (a: Position, b: Position): number => (a.atMicros === b.atMicros ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.atMicros < b.atMicros ? -1 : 1);

/** Cursor texts: `n.<micros>.<id>` and `r.<score>.<conversation id>`. */
export function encodeCursor(cursor: { sort: 'newest'; position: Position } | { sort: 'relevance'; score: number; id: string }): string {
  return cursor.sort === 'newest' ? `n.${cursor.position.atMicros}.${cursor.position.id}` : `r.${cursor.score}.${cursor.id}`;
}

export function decodeCursor(text: string): { sort: 'newest'; position: Position } | { sort: 'relevance'; score: number; id: string } {
  const [sort, value, id] = text.split('.') as [string, string, string];
  return sort === 'n' ? { sort: 'newest', position: { atMicros: BigInt(value), id } } : { sort: 'relevance', score: Number(value), id };
}

/** ts_headline's text with MATCH_START/MATCH_END as segments; the parser's U+2011 becomes "-" again. */
export function snippetOf(text: string): Snippet {
  const segments: Snippet = [];
  const original = text.replace(/\u2011/g, '-');
  let match = false;
  for (const piece of original.split(new RegExp(`[${MATCH_START}${MATCH_END}]`))) {
    if (piece !== '') {
      const last = segments.at(-1);
      if (last && last.match === match) last.text += piece;
      else segments.push({ text: piece, match });
    }
    match = !match;
  }
  return segments;
}

/** A month of "newest first": [from, to) in microseconds since 1970 (UTC months, as the partitions). */
export interface Window {
  from: bigint;
  to: bigint;
}

const monthStart = (micros: bigint): bigint => {
  const at = new Date(Number(micros / 1000n));
  return BigInt(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)) * 1000n;
};
const previousMonth = (start: bigint): bigint => {
  const at = new Date(Number(start / 1000n));
  return BigInt(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1)) * 1000n;
};

/**
 * A stream of hits in "newest first", read from Postgres in batches. With `months`, a month at a
 * time from the newest (where the cursor is) back to `months.oldest`: each read then looks at one
 * partition, and a page that fills from the newest months never reads the older ones.
 */
class HitStream {
  private buffer: Hit[] = [];
  private done = false;
  private window: Window | undefined;

  constructor(
    private readonly read: (before: Position | undefined, limit: number, window: Window | undefined) => Promise<Hit[]>,
    private after: Position | undefined,
    private batch = 100,
    private readonly months?: { newest: bigint; oldest: bigint },
  ) {
    if (months) {
      const upper = after ? after.atMicros + 1n : months.newest;
      this.window = { from: monthStart(upper > months.newest ? months.newest : upper), to: upper };
    }
  }

  async peek(): Promise<Hit | undefined> {
    while (this.buffer.length === 0 && !this.done) {
      const rows = await this.read(this.after, this.batch, this.window);
      if (rows.length > 0) this.after = rows.at(-1)!.position;
      this.buffer = rows;
      if (rows.length < this.batch) {
        // This window is read to its start: the one before it, or the end.
        if (this.window && this.months && this.window.from > this.months.oldest) this.window = { from: previousMonth(this.window.from), to: this.window.from };
        else this.done = true;
      } else if (!this.months) this.batch = Math.min(this.batch * 3, 1000);
    }
    return this.buffer[0];
  }

  take(): Hit {
    return this.buffer.shift()!;
  }

  /** Whether everything was read (nothing more can come). */
  exhausted(): boolean {
    return this.done && this.buffer.length === 0;
  }
}

interface Candidate {
  conversationId: string;
  /** Its newest hit (where it is listed). */
  position: Position;
  /** The hit read just before it: a page that ends before this conversation continues from there. */
  previous: Position | undefined;
}

export interface SearchStoreOptions {
  /** The longest a search's statement may run (SMARTCHAT_SEARCH_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /**
   * `planner`: never gather, leave every choice to PostgreSQL's planner (what search did before the
   * plan choice; the benchmark measures both in one run). Default `chosen`.
   */
  plans?: 'chosen' | 'planner';
}

export class SearchStore {
  constructor(
    private readonly pg: PgPool,
    private readonly inbox: InboxStore,
    private readonly options: SearchStoreOptions,
  ) {}

  async search(viewer: Viewer, query: SearchQuery): Promise<SearchResponse> {
    let terms: SearchTerm[];
    try {
      terms = parseSearchQuery(query.q);
    } catch (error) {
      if (error instanceof QueryRefused) throw refused(error.rule, error.message);
      throw error;
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const sort = cursor?.sort ?? query.sort;
    const filters: SearchFilters = query;
    return this.inTransaction(async (client) => {
      const run = async <T extends object>(statement: SqlQuery): Promise<T[]> => (await client.query<T>(statement.text, statement.values)).rows;
      const [parsed] = await run<{ full_query: string; full_nodes: number; index_query: string; index_nodes: number }>(termsQuery(terms));
      if (!parsed || parsed.full_nodes === 0) throw refused('no_terms', 'Every word of the query is too common to search for (for example "и", "the")');
      const selection: SearchSelection = {
        viewer,
        fullQuery: parsed.full_query,
        indexQuery: parsed.index_nodes > 0 ? parsed.index_query : parsed.full_query,
        filters,
        withDeleted: query.includeDeleted === true,
      };
      const plan = await this.hitPlan(run, selection);
      const page =
        sort === 'relevance'
          ? await this.relevancePage(run, selection, plan, query.limit, cursor?.sort === 'relevance' ? cursor : undefined)
          : await this.newestPage(run, selection, plan, query.limit, cursor?.sort === 'newest' ? cursor.position : undefined);
      const results = await this.details(run, selection, page.conversations);
      return { results, nextCursor: page.next, terms: terms.map((term) => ({ text: term.text, kind: term.kind })) };
    });
  }

  /** How to read this query's hits: by the planner's estimate of the share of messages its words match. */
  private async hitPlan(run: Runner, selection: SearchSelection): Promise<HitPlan> {
    // A customer's few conversations: the planner starts from them, whatever the words.
    if (this.options.plans === 'planner' || selection.viewer.type === 'customer') return 'ordered';
    const estimate = async (query: SqlQuery) => (await run<EstimateRow>(query))[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
    const matches = await estimate(matchEstimateQuery(selection));
    if (matches > ORDERED_SHARE * (await this.allMessages(() => estimate({ text: 'EXPLAIN (FORMAT JSON) SELECT 1 FROM search_messages', values: [] })))) return 'ordered';
    const candidates = selection.indexQuery === selection.fullQuery ? matches : await estimate(matchEstimateQuery(selection, 'candidates'));
    return candidates <= GATHER_ALL_BELOW ? 'gather-all' : 'gather';
  }

  private total: { rows: number; at: number } | undefined;

  /** How many messages the index holds, as the planner estimates it (asked again after a minute). */
  private async allMessages(estimate: () => Promise<number>): Promise<number> {
    if (!this.total || Date.now() - this.total.at > 60_000) this.total = { rows: await estimate(), at: Date.now() };
    return this.total.rows;
  }

  /** The months that hold messages: from the newest message's to the oldest's. */
  private async months(run: Runner): Promise<{ newest: bigint; oldest: bigint } | undefined> {
    const [row] = await run<{ newest: string | null; oldest: string | null }>({
      text: `SELECT (SELECT ${MICROS('created_at')} FROM search_messages ORDER BY created_at DESC LIMIT 1) AS newest,
                    (SELECT ${MICROS('created_at')} FROM search_messages ORDER BY created_at LIMIT 1) AS oldest`,
      values: [],
    });
    if (!row?.newest || !row.oldest) return undefined;
    return { newest: BigInt(row.newest) + 1n, oldest: monthStart(BigInt(row.oldest)) };
  }

  private async newestPage(run: Runner, selection: SearchSelection, plan: HitPlan, limit: number, after: Position | undefined): Promise<Page> {
    const withConversations = findsConversations(selection);
    // Gathering costs about the same whatever the limit: a month's large batch at once.
    const months = plan === 'gather' ? await this.months(run) : undefined;
    const messages = new HitStream(
      async (before, batch, window) => (await run<HitRow>(messageHitsQuery(selection, { before, limit: batch, ranked: false, plan, ...(window ? { window } : {}) }))).map(toHit),
      after,
      plan === 'ordered' ? 100 : 1000,
      months,
    );
    const conversations = withConversations
      ? new HitStream(async (before, batch) => (await run<ConversationHitRow>(conversationHitsQuery(selection, { before, limit: batch, ranked: false }))).map(toConversationHit), after)
      : undefined;
    const seen = new Set<string>();
    const listed: Candidate[] = [];
    let previous = after;
    let scanned = 0;
    let unchecked: Candidate[] = [];
    const check = async () => {
      if (unchecked.length === 0) return;
      let earlier = new Set<string>();
      if (after) {
        const rows = await run<{ id: string }>(listedBeforeQuery(selection, unchecked.map((candidate) => candidate.conversationId), after, withConversations));
        earlier = new Set(rows.map((row) => row.id));
      }
      listed.push(...unchecked.filter((candidate) => !earlier.has(candidate.conversationId)));
      unchecked = [];
    };
    for (;;) {
      if (listed.length + unchecked.length > limit) {
        await check();
        if (listed.length > limit) break;
      }
      if (scanned >= SCAN_LIMIT) break;
      const [fromMessages, fromConversations] = [await messages.peek(), await conversations?.peek()];
      const next = !fromConversations || (fromMessages && comparePositions(fromMessages.position, fromConversations.position) > 0) ? fromMessages : fromConversations;
      if (!next) break;
      (next === fromMessages ? messages : conversations!).take();
      scanned += 1;
      if (!seen.has(next.conversationId)) {
        seen.add(next.conversationId);
        unchecked.push({ conversationId: next.conversationId, position: next.position, previous });
      }
      previous = next.position;
    }
    await check();
    if (listed.length > limit) return { conversations: listed.slice(0, limit).map((candidate) => ({ id: candidate.conversationId })), next: encodeCursor({ sort: 'newest', position: listed[limit]!.previous! }) };
    const finished = messages.exhausted() && (conversations?.exhausted() ?? true);
    return {
      conversations: listed.map((candidate) => ({ id: candidate.conversationId })),
      next: finished || previous === undefined ? null : encodeCursor({ sort: 'newest', position: previous }),
    };
  }

  private async relevancePage(run: Runner, selection: SearchSelection, plan: HitPlan, limit: number, after: { score: number; id: string } | undefined): Promise<Page> {
    // The newest SEARCH_RELEVANCE_WINDOW matches, a month at a time when the words are rare.
    const months = plan === 'gather' ? await this.months(run) : undefined;
    const stream = new HitStream(
      async (before, batch, window) => (await run<HitRow>(messageHitsQuery(selection, { before, limit: batch, ranked: true, plan, ...(window ? { window } : {}) }))).map(toHit),
      undefined,
      SEARCH_RELEVANCE_WINDOW,
      months,
    );
    const hits: Hit[] = [];
    while (hits.length < SEARCH_RELEVANCE_WINDOW && (await stream.peek())) hits.push(stream.take());
    if (findsConversations(selection)) hits.push(...(await run<ConversationHitRow>(conversationHitsQuery(selection, { limit: RELEVANCE_CONVERSATIONS, ranked: true }))).map(toConversationHit));
    const scores = new Map<string, number>();
    for (const hit of hits) scores.set(hit.conversationId, Math.max(scores.get(hit.conversationId) ?? 0, Math.min(999_999, Math.floor(hit.rank * 1_000_000))));
    const ranked = [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1))
      .filter((entry) => !after || entry.score < after.score || (entry.score === after.score && entry.id < after.id));
    const page = ranked.slice(0, limit);
    return { conversations: page.map(({ id }) => ({ id })), next: ranked.length > limit ? encodeCursor({ sort: 'relevance', ...page.at(-1)! }) : null };
  }

  /** The page's conversations as the caller may see them, with snippets; each passes canSeeConversation again. */
  private async details(run: Runner, selection: SearchSelection, page: { id: string }[]): Promise<(AgentSearchResult | CustomerSearchResult)[]> {
    if (page.length === 0) return [];
    const ids = page.map((entry) => entry.id);
    const [rows, details] = [
      await this.inbox.rows(ids),
      await run<DetailsRow>(pageDetailsQuery(selection, ids, { hitsPerConversation: SEARCH_HITS_PER_CONVERSATION, countCap: SEARCH_MATCH_COUNT_CAP })),
    ];
    const conversations = new Map(rows.map((row) => [row.id, row]));
    const detailsOf = new Map(details.map((row) => [row.id, row]));
    const { viewer } = selection;
    const results: (AgentSearchResult | CustomerSearchResult)[] = [];
    for (const id of ids) {
      const conversation = conversations.get(id);
      const detail = detailsOf.get(id);
      if (!conversation || !detail || !canSeeConversation(viewer, accessFactsOf(conversation))) continue;
      const hits: SearchHit[] = detail.hits
        .filter((hit) => canSeeMessageKind(viewer, hit.kind))
        .map((hit) => ({ messageId: hit.messageId, at: new Date(hit.at).toISOString(), kind: hit.kind, deleted: hit.deleted, hasAttachment: hit.hasAttachment, snippet: snippetOf(hit.snippet) }));
      const subject = detail.subject === null ? null : snippetOf(detail.subject);
      if (viewer.type === 'customer') {
        results.push({ conversation: toCustomerConversation(conversation), matches: detail.matches, hits, matchedFields: subject ? ['subject'] : [], subject });
      } else {
        const matchedFields: AgentSearchResult['matchedFields'] = [];
        if (subject) matchedFields.push('subject');
        if (detail.customer_hit) matchedFields.push('customer');
        results.push({ conversation, matches: detail.matches, hits, matchedFields, subject });
      }
    }
    return results;
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pg.connect();
    try {
      await client.query('BEGIN READ ONLY');
      // The whole search may not hold the database longer than this, whatever was asked.
      await client.query(`SET LOCAL statement_timeout = ${Math.floor(this.options.statementTimeoutMs)}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if ((error as { code?: string }).code === '57014') throw new SmartchatError('SC_ERR_SEARCH_TIMEOUT', undefined, [{ path: 'querystring.q', message: `took longer than ${this.options.statementTimeoutMs} ms` }]);
      throw error;
    } finally {
      client.release();
    }
  }
}

type Runner = <T extends object>(statement: SqlQuery) => Promise<T[]>;
interface Page {
  conversations: { id: string }[];
  next: string | null;
}
interface HitRow {
  conversation_id: string;
  id: string;
  at_micros: string;
  rank?: number;
}
interface ConversationHitRow {
  id: string;
  at_micros: string;
  subject_hit: boolean;
  customer_hit: boolean;
  rank: number;
}
interface DetailsRow {
  id: string;
  matches: number;
  subject: string | null;
  customer_hit: boolean;
  hits: { messageId: string; at: string; kind: 'customer' | 'reply' | 'note' | 'system' | 'notice'; deleted: boolean; hasAttachment: boolean; snippet: string }[];
}

const toHit = (row: HitRow): Hit => ({ conversationId: row.conversation_id, position: { atMicros: BigInt(row.at_micros), id: row.id }, rank: Number(row.rank ?? 0) });
const toConversationHit = (row: ConversationHitRow): Hit => ({
  conversationId: row.id,
  position: { atMicros: BigInt(row.at_micros), id: row.id },
  rank: Number(row.rank),
  subjectHit: row.subject_hit,
  customerHit: row.customer_hit,
});

function refused(rule: string, message: string): SmartchatError {
  return new SmartchatError('SC_ERR_UNPROCESSABLE', message, [{ path: 'querystring.q', rule, message }]);
}
