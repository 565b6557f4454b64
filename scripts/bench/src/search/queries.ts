// The query classes of the search benchmark, each a handful of concrete queries over the corpus,
// timed through the API's own code (SearchStore.search: parsing, every statement, snippets, in one
// read-only transaction under the statement timeout), as an agent who sees all, an agent whose
// role has scope `teams` (one team), and a customer. Terms are chosen from the corpus itself: order
// and flight numbers that occur in it, its most and least frequent words.
import { searchQuery, type SearchQuery } from '@smartchat/contracts';
import { PERMISSIONS, type Viewer } from '@smartchat/core';
import { InboxStore, SearchStore } from '@smartchat/chat/search';
import type { PgPool } from '@smartchat/platform';
import { summarize } from '../stats.js';
import type { LatencySummary } from '../protocol.js';

export interface SearchCase {
  /** The class it belongs to (the report's rows). */
  className: string;
  who: 'all' | 'teams' | 'customer';
  query: Record<string, string>;
  /** A page after the first: the cursor is taken from the first page before timing. */
  secondPage?: boolean;
}

export interface ClassResult {
  className: string;
  who: SearchCase['who'];
  queries: string[];
  latencyMs: LatencySummary;
  /** Conversations on the first page, per query (shows each found something, or nothing). */
  results: number[];
  errors: string[];
  /** Timed runs the statement timeout stopped (counted in the latencies at the time they took). */
  timeouts: number;
  targetMs: number;
  met: boolean;
}

export interface Viewers {
  all: Viewer;
  teams: Viewer;
  customer: Viewer;
  teamName: string;
}

/** Viewers of the corpus: an admin's view, an agent of the team 'Визы' (scope teams), a customer with several conversations. */
export async function corpusViewers(pool: PgPool): Promise<Viewers> {
  const team = (await pool.query<{ id: string; name: string }>(`SELECT id, name FROM teams WHERE name = 'Визы'`)).rows[0]!;
  const agent = (await pool.query<{ agent_id: string }>('SELECT agent_id FROM team_members WHERE team_id = $1 ORDER BY agent_id LIMIT 1', [team.id])).rows[0]!;
  const customer = (await pool.query<{ customer_id: string }>(`SELECT customer_id FROM conversations WHERE NOT internal GROUP BY customer_id HAVING count(*) >= 3 ORDER BY customer_id LIMIT 1`)).rows[0]!;
  const admin = (await pool.query<{ id: string }>('SELECT id FROM agents ORDER BY id LIMIT 1')).rows[0]!;
  return {
    all: { type: 'agent', agentId: admin.id, role: 'admin', scope: 'all', permissions: new Set(PERMISSIONS), teamIds: new Set() },
    teams: { type: 'agent', agentId: agent.agent_id, role: 'agent', scope: 'teams', permissions: new Set(PERMISSIONS.filter((name) => name.startsWith('conversations.'))), teamIds: new Set([team.id]) },
    customer: { type: 'customer', customerId: customer.customer_id },
    teamName: team.name,
  };
}

/** Values that occur in the corpus: order numbers, flight numbers. */
async function sampled(pool: PgPool, pattern: string, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ value: string }>(
    `SELECT value FROM (SELECT DISTINCT substring(body FROM $1) AS value FROM (SELECT body FROM search_messages TABLESAMPLE SYSTEM (2) REPEATABLE (7) WHERE body ~ $1 LIMIT 2000) sample) found ORDER BY md5(value) LIMIT $2`,
    [pattern, count],
  );
  return rows.map((row) => row.value);
}

/** Words of the vocabulary's long tail (rank from `from`): rare, as most words of a real desk are. */
async function tailWords(pool: PgPool, table: 'russian' | 'english', from: number, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ word: string }>(`SELECT word FROM bench.${table} WHERE rank >= $1 ORDER BY md5(word) LIMIT $2`, [from, count]);
  return rows.map((row) => row.word);
}

export async function searchCases(pool: PgPool): Promise<SearchCase[]> {
  const orders = await sampled(pool, 'A[0-7]-[0-9]{6}', 6);
  const flights = await sampled(pool, 'SU[0-9]{4}', 4);
  const rare = [...(await tailWords(pool, 'russian', 10_000, 3)), ...(await tailWords(pool, 'english', 5_000, 1))];
  const cases: SearchCase[] = [];
  const add = (className: string, who: SearchCase['who'], queries: (string | Record<string, string>)[], secondPage = false) => {
    for (const query of queries) cases.push({ className, who, query: typeof query === 'string' ? { q: query } : query, ...(secondPage ? { secondPage } : {}) });
  };
  add('selective: order numbers, rare words', 'all', [...orders, ...rare]);
  add('less common words', 'all', ['плацкарт', 'аэроэкспресс', 'itinerary', 'layover']);
  add('very common words', 'all', ['билет', 'рейс', 'заказ', 'refund', 'booking', 'отель']);
  add('common words, two together', 'all', ['билет рейс', 'заказ оплата', 'hotel booking']);
  add('phrases', 'all', ['"возврат билета"', '"бронирование отеля"', '"заказ билетов"', '"hotel booking"', ...flights.map((flight) => `"рейс ${flight}"`)]);
  add('prefixes', 'all', [...orders.slice(0, 3).map((order) => `${order.slice(0, 5)}*`), ...orders.slice(3, 5).map((order) => `${order.slice(0, 7)}*`), ...rare.slice(0, 2).map((word) => `${word.slice(0, 4)}*`), 'брон*', 'компенс*', 'refun*', 'SU12*']);
  add('newest first, page 2', 'all', ['билет', 'refund', 'плацкарт'], true);
  add('by relevance', 'all', ['билет', 'возврат билета', 'refund', ...orders.slice(0, 2)].map((q) => ({ q, sort: 'relevance' })));
  add('filters: channel, time, author', 'all', [
    { q: 'билет', channel: 'email' },
    { q: 'рейс', author: 'customer', from: '2026-10-01T00:00:00Z' },
    { q: 'refund', status: 'open' },
    { q: 'оплата', hasAttachment: 'true' },
  ]);
  add('scoped agent (teams): common words', 'teams', ['билет', 'рейс', 'refund', 'отель']);
  add('scoped agent (teams): selective', 'teams', [...orders.slice(0, 4), ...rare.slice(0, 2), 'плацкарт', 'itinerary']);
  add('scoped agent (teams): phrases and prefixes', 'teams', ['"возврат билета"', 'брон*', ...orders.slice(0, 2).map((order) => `${order.slice(0, 5)}*`)]);
  add("customer's own conversations", 'customer', ['билет', 'refund', 'отель', 'рейс']);
  return cases;
}

const hrtimeMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Times every case `runs` times after one untimed warm-up run (the first run of a query reads its
 * pages from disk into the cache: reported apart, as `coldMs`).
 */
export async function timeSearchCases(
  pool: PgPool,
  viewers: Viewers,
  cases: SearchCase[],
  options: { runs: number; targetMs: number; statementTimeoutMs: number; log: (text: string) => void; plans?: 'chosen' | 'planner' },
): Promise<{ classes: ClassResult[]; coldMs: LatencySummary }> {
  const store = new SearchStore(pool, new InboxStore(pool), { statementTimeoutMs: options.statementTimeoutMs, plans: options.plans ?? 'chosen' });
  const byClass = new Map<string, { who: SearchCase['who']; times: number[]; queries: string[]; results: number[]; errors: string[]; timeouts: number }>();
  const cold: number[] = [];
  for (const entry of cases) {
    const viewer = viewers[entry.who];
    let query: SearchQuery = searchQuery.parse(entry.query);
    const bucket = byClass.get(entry.className) ?? { who: entry.who, times: [], queries: [], results: [], errors: [], timeouts: 0 };
    byClass.set(entry.className, bucket);
    bucket.queries.push(Object.entries(entry.query).map(([name, value]) => (name === 'q' ? value : `${name}=${value}`)).join(' '));
    try {
      const started = hrtimeMs();
      const first = await store.search(viewer, query);
      cold.push(hrtimeMs() - started);
      bucket.results.push(first.results.length);
      if (entry.secondPage) {
        if (!first.nextCursor) throw new Error('no second page');
        query = searchQuery.parse({ ...entry.query, cursor: first.nextCursor });
      }
      for (let run = 0; run < options.runs; run += 1) {
        const at = hrtimeMs();
        try {
          await store.search(viewer, query);
        } catch (error) {
          // Stopped by the statement timeout: it counts, at the time it took, and is reported.
          if ((error as { code?: string }).code !== 'SC_ERR_SEARCH_TIMEOUT') throw error;
          bucket.timeouts += 1;
        }
        bucket.times.push(hrtimeMs() - at);
      }
    } catch (error) {
      bucket.errors.push(`${JSON.stringify(entry.query)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const classes = [...byClass].map(([className, bucket]) => {
    const latencyMs = summarize(Float64Array.from(bucket.times));
    return { className, who: bucket.who, queries: bucket.queries, latencyMs, results: bucket.results, errors: bucket.errors, timeouts: bucket.timeouts, targetMs: options.targetMs, met: bucket.errors.length === 0 && bucket.timeouts === 0 && latencyMs.p95 <= options.targetMs };
  });
  for (const result of classes) options.log(`search${options.plans === 'planner' ? ' (the planner alone)' : ''}: ${result.className} (${result.who}): p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, n=${result.latencyMs.count}${result.timeouts ? `, ${result.timeouts} stopped by the timeout` : ''}${result.errors.length ? `, ${result.errors.length} errors` : ''}`);
  return { classes, coldMs: summarize(Float64Array.from(cold)) };
}
