// The dashboard queries over the synthetic history: every statistics endpoint's reads, done the way
// the chat API does them (services/chat/src/http/statistics-routes.ts) through the query layer
// (@smartchat/stats/queries), over ranges from a day to 12 months, for the whole desk and for one
// team; then the Grafana panels' SQL (query-cases in grafana.ts). Each case runs once unmeasured,
// then round-robin with the others until it has its runs or its share of the time budget is spent;
// p50 and p95 by nearest rank. A case whose p95 misses the target gets an EXPLAIN ANALYZE of its
// slowest statement, summarized.
import type { PgPool } from '@smartchat/platform';
import { metricDefinition, type MetricDefinition } from '@smartchat/stats/metrics';
import {
  agentRows,
  csatComments,
  csatSummary,
  heatmapOf,
  overviewFigures,
  previousRange,
  resolveRange,
  seriesFigures,
  slaBreaches,
  slaHitRates,
  slaHitRatesByTeam,
  storedAgents,
  storedTeams,
  teamRows,
  type Queryable,
  type StatisticsRange,
  type StatisticsSlice,
} from '@smartchat/stats/queries';
import type { StatisticsInterval } from '@smartchat/contracts';
import { log } from '../orchestration.js';
import { explainSummary, type ExplainSummary } from './explain.js';

/** Drill-down lists ask for this many rows (the API's default limit). */
const LIST_LIMIT = 100;

export interface QueryRange {
  name: string;
  range: StatisticsRange;
}

export interface QueryScope {
  name: string;
  /** null: the whole desk. */
  teamIds: string[] | null;
}

export interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}

export interface QueryCase {
  /** The endpoint or panel, e.g. `overview`, `series first_response_time by day`, `grafana: CSAT`. */
  query: string;
  source: 'api' | 'grafana';
  range: string;
  scope: string;
  run(db: Queryable): Promise<unknown>;
}

export interface QueryResult {
  query: string;
  source: 'api' | 'grafana';
  range: string;
  scope: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Statements one run issued. */
  statements: number;
  met: boolean;
  /** Fewer runs than asked: the budget ran out (the p95 of few runs is close to their maximum). */
  short: boolean;
  /** The first run (cold) is the measurement: it took over ten times the target. */
  cold: boolean;
  error: string | null;
  explain: ExplainSummary | null;
}

/** A Queryable that keeps the statements of the current run, with their times. */
class RecordingDb {
  statements: Statement[] = [];
  readonly db: Queryable;

  constructor(pool: PgPool) {
    const query = async (text: string, values: unknown[] = []) => {
      const at = performance.now();
      const result = await pool.query(text, values);
      this.statements.push({ text, values, ms: performance.now() - at });
      return result;
    };
    this.db = { query } as unknown as Queryable;
  }
}

const sliceOf = (range: StatisticsRange, scope: QueryScope): StatisticsSlice => ({
  start: range.start,
  end: range.end,
  timeZone: range.timeZone,
  teamIds: scope.teamIds,
  agentIds: null,
  channels: null,
  topics: null,
  internal: false,
});

function metric(id: string): MetricDefinition {
  const definition = metricDefinition(id as Parameters<typeof metricDefinition>[0]);
  if (!definition) throw new Error(`metric ${id} is not in the catalogue`);
  return definition;
}

/** The API's reads for one range and scope. */
export function apiCases(range: QueryRange, scope: QueryScope, teams: { id: string; name: string }[], agents: { id: string; name: string }[]): QueryCase[] {
  const slice = sliceOf(range.range, scope);
  const previous = previousRange(range.range);
  const previousSlice = { ...slice, start: previous.start, end: previous.end };
  const inScope = scope.teamIds ? teams.filter((team) => scope.teamIds!.includes(team.id)) : teams;
  const base = { source: 'api' as const, range: range.name, scope: scope.name };
  // The console's charts: hours for a day, days for a week or a month, and coarser for a year.
  // Hourly series cover at most 31 days.
  const days = range.range.days;
  const intervals: StatisticsInterval[] = days <= 1 ? ['hour'] : days <= 7 ? ['hour', 'day'] : days <= 31 ? ['day', 'week'] : ['day', 'week', 'month'];
  const countsBy: StatisticsInterval = days <= 1 ? 'hour' : 'day';
  const cases: QueryCase[] = [
    { ...base, query: 'overview', run: (db) => overviewFigures(db, slice, previousSlice) },
    { ...base, query: `series conversations_new by ${countsBy}`, run: (db) => seriesFigures(db, slice, range.range, metric('conversations_new'), countsBy) },
    ...intervals.map((interval) => ({ ...base, query: `series first_response_time by ${interval}`, run: (db: Queryable) => seriesFigures(db, slice, range.range, metric('first_response_time'), interval) })),
    { ...base, query: 'heatmap', run: (db) => heatmapOf(db, slice) },
    { ...base, query: 'teams', run: (db) => teamRows(db, slice, inScope) },
    { ...base, query: 'agents', run: (db) => agentRows(db, slice, agents) },
    {
      ...base,
      query: 'sla',
      run: async (db) => ({
        total: await slaHitRates(db, slice),
        byTeam: await slaHitRatesByTeam(db, slice, inScope.map((team) => team.id)),
        // One page: the benchmark's viewer may open every conversation, so the API would stop there.
        breaches: (await slaBreaches(db, slice, LIST_LIMIT)).breaches,
      }),
    },
    {
      ...base,
      query: 'csat',
      run: async (db) => ({ summary: await csatSummary(db, slice), comments: (await csatComments(db, slice, LIST_LIMIT)).comments }),
    },
  ];
  return cases;
}

/** The ranges the console offers, ending with the history's last day: today, 7 days, last month, 12 months. */
export function queryRanges(since: Date, until: Date, timeZone: string): QueryRange[] {
  const day = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  const lastDay = day(new Date(until.getTime() - 1));
  const back = (days: number) => day(new Date(until.getTime() - 1 - days * 86_400_000));
  const lastMonthStart = `${lastDay.slice(0, 7)}-01`;
  return [
    { name: '12 months', range: resolveRange(day(since), lastDay, timeZone) },
    { name: 'last month', range: resolveRange(lastMonthStart, lastDay, timeZone) },
    { name: '7 days', range: resolveRange(back(6), lastDay, timeZone) },
    { name: 'today', range: resolveRange(lastDay, lastDay, timeZone) },
  ];
}

/** Teams and agents as the store knows them (names for the tables). */
export async function storedDirectory(pool: PgPool): Promise<{ teams: { id: string; name: string }[]; agents: { id: string; name: string }[] }> {
  const [teams, agents] = await Promise.all([storedTeams(pool), storedAgents(pool)]);
  return { teams, agents };
}

const nearestRank = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** A first run slower than this many times the target counts as a measured run (a warm-up changes nothing there). */
const COLD_COUNTS_OVER = 10;
/** EXPLAIN ANALYZE runs the statement again: statements slower than this are explained where they are quicker. */
const EXPLAIN_STATEMENT_LIMIT_MS = 15_000;
const EXPLAIN_BUDGET_MS = 180_000;

/**
 * Runs every case: once unmeasured (warm caches, prepared plans), then measured. A case whose
 * first run took over ten times the target keeps that run as its measurement (a warm-up changes
 * nothing there). The others share `budgetMs` of measured runs by their cost, cheapest first: each
 * takes what its share of what is left buys, between 3 and `runs` runs, so the quick cases get all
 * their runs and the slow ones a few. They run in rounds (interleaved, so that a moment of other
 * work on the machine does not fall on one case); a case whose runs all took over twice the target
 * stops at 3 (its verdict cannot change), and past twice the budget nothing more starts. A query
 * that misses the target gets an EXPLAIN ANALYZE of its slowest statement, one per query (where it
 * was slowest, unless that statement takes longer than EXPLAIN_STATEMENT_LIMIT_MS to run again).
 */
export async function timeCases(pool: PgPool, cases: QueryCase[], options: { runs: number; budgetMs: number; targetMs: number }): Promise<QueryResult[]> {
  const recorder = new RecordingDb(pool);
  const state = cases.map((entry) => ({ entry, times: [] as number[], slowest: [] as Statement[], slowestMs: 0, statements: 0, error: null as string | null, firstMs: 0, allotted: 0, cold: false }));
  type Slot = (typeof state)[number];
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  const runOnce = async (slot: Slot): Promise<number | null> => {
    recorder.statements = [];
    const at = performance.now();
    try {
      await slot.entry.run(recorder.db);
    } catch (error) {
      slot.error = error instanceof Error ? error.message : String(error);
      return null;
    }
    const ms = performance.now() - at;
    slot.statements = recorder.statements.length;
    // Keep the statements of the slowest run, for EXPLAIN.
    if (ms >= slot.slowestMs) [slot.slowest, slot.slowestMs] = [[...recorder.statements], ms];
    return ms;
  };
  log(`queries: ${cases.length} cases, a first unmeasured run each`);
  for (const slot of state) {
    if (elapsed() > 2 * options.budgetMs) {
      slot.error = 'not run: the time budget (STATS_BENCH_QUERY_BUDGET_S) was spent twice over';
      continue;
    }
    const ms = await runOnce(slot);
    if (ms === null) continue;
    slot.firstMs = ms;
    if (ms > COLD_COUNTS_OVER * options.targetMs) [slot.times, slot.cold] = [[ms], true];
  }
  const measuredFrom = elapsed();
  log(`queries: first runs done in ${Math.round(measuredFrom / 1000)} s`);

  // The measured runs' budget, shared by cost: cheapest first, each takes what its share buys.
  const sharing = state.filter((slot) => !slot.error && !slot.cold).sort((a, b) => a.firstMs - b.firstMs);
  let remainingMs = options.budgetMs;
  sharing.forEach((slot, index) => {
    const share = remainingMs / (sharing.length - index);
    slot.allotted = Math.max(3, Math.min(options.runs, Math.floor(share / Math.max(0.1, slot.firstMs))));
    remainingMs -= slot.allotted * slot.firstMs;
  });
  const wanted = (slot: Slot) => {
    if (slot.error || slot.cold || slot.times.length >= slot.allotted) return false;
    if (elapsed() - measuredFrom > 2 * options.budgetMs) return false;
    // Clearly over: three runs say so as well as twenty.
    return !(slot.times.length >= 3 && Math.min(...slot.times) > 2 * options.targetMs);
  };
  for (let round = 1; ; round += 1) {
    const pending = state.filter(wanted);
    if (pending.length === 0) break;
    for (const slot of pending) {
      if (!wanted(slot)) continue;
      const ms = await runOnce(slot);
      if (ms !== null) slot.times.push(ms);
    }
    if (round % 5 === 0) log(`queries: round ${round}, ${Math.round(elapsed() / 1000)} s`);
  }

  const summaries = state.map((slot) => {
    const sorted = [...slot.times].sort((a, b) => a - b);
    const p95 = sorted.length > 0 ? nearestRank(sorted, 0.95) : 0;
    return { slot, sorted, p95, met: slot.error === null && sorted.length > 0 && p95 <= options.targetMs };
  });
  // One EXPLAIN per query: where it was slowest, or, when that statement takes too long to run
  // again, where it was quickest among its misses (the plan's shape is the same).
  const slowestStatement = (slot: Slot) => slot.slowest.reduce((slowest, entry) => (entry.ms > slowest.ms ? entry : slowest));
  const chosen = new Map<string, (typeof summaries)[number]>();
  for (const summary of summaries) {
    if (summary.met || summary.slot.slowest.length === 0) continue;
    const known = chosen.get(summary.slot.entry.query);
    const ms = slowestStatement(summary.slot).ms;
    const better = !known || (ms <= EXPLAIN_STATEMENT_LIMIT_MS ? slowestStatement(known.slot).ms > EXPLAIN_STATEMENT_LIMIT_MS || summary.p95 > known.p95 : ms < slowestStatement(known.slot).ms);
    if (better) chosen.set(summary.slot.entry.query, summary);
  }
  const explains = new Map<(typeof summaries)[number], ExplainSummary>();
  const explainStarted = performance.now();
  for (const summary of chosen.values()) {
    if (performance.now() - explainStarted > EXPLAIN_BUDGET_MS) break;
    explains.set(summary, await explainSummary(pool, slowestStatement(summary.slot)).catch((error: unknown) => ({ error: (error as Error).message })));
  }
  log(`queries: done in ${Math.round(elapsed() / 1000)} s (${explains.size} EXPLAIN ANALYZE of ${chosen.size} queries over the target)`);

  return summaries.map((summary) => {
    const { slot, sorted, p95, met } = summary;
    return {
      query: slot.entry.query,
      source: slot.entry.source,
      range: slot.entry.range,
      scope: slot.entry.scope,
      runs: sorted.length,
      p50Ms: sorted.length > 0 ? round1(nearestRank(sorted, 0.5)) : 0,
      p95Ms: round1(p95),
      maxMs: sorted.length > 0 ? round1(sorted.at(-1)!) : 0,
      statements: slot.statements,
      met,
      short: slot.error === null && sorted.length < options.runs,
      cold: slot.cold,
      error: slot.error,
      explain: explains.get(summary) ?? null,
    };
  });
}
