// What `make bench PROFILE=stats` does, with its overrides from the environment (STATS_BENCH_*;
// the message load takes the max profile's BENCH_* overrides too).
import { numberFrom } from '../profiles.js';

export const STATS_PARTS = ['ingest', 'history', 'queries', 'report'] as const;
export type StatsPart = (typeof STATS_PARTS)[number];

export interface StatsPlan {
  /** Which parts run (STATS_BENCH_PARTS, comma-separated; default ingest, queries and report, which need the history). */
  parts: Set<StatsPart>;
  /** 1 = the desk: about 2 million conversations a year, 300 agents. */
  scale: number;
  conversations: number;
  agents: number;
  /** The desk's zone: the history's shape, the ranges queried and the monthly report are local to it. */
  timeZone: string;
  /** Measured runs per query case (after one unmeasured run), for its p50 and p95. */
  runsPerQuery: number;
  /** Upper bound for all query runs together; a case that would not fit stops with fewer runs (said in the report). */
  queryBudgetS: number;
  /** Longest single query; a slower one is cancelled and reported as such. */
  queryTimeoutS: number;
  /** Builds of the monthly report (the first is judged; more show it warm). */
  reportBuilds: number;
  /** After the message load: the longest wait for the stats process to catch up. */
  drainS: number;
  /** The history database (kept between runs as the cache); the bench's own test uses another. */
  historyDatabase: string;
  /** Drop the cached history database at the end (it is kept for the next run by default). */
  dropHistory: boolean;
  targets: {
    /** Ingest: event age (occurredAt → stored) at the highest sustained message rate. */
    lagS: number;
    /** Every dashboard and report query's p95. */
    queryP95Ms: number;
    /** The monthly report of one month of the desk. */
    reportS: number;
  };
}

/** The desk at scale 1. */
export const DESK = { conversationsPerYear: 2_000_000, agents: 300 };

function historyDatabase(raw: string | undefined): string {
  const name = raw?.trim() || 'smartchat_stats_bench_history';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`STATS_BENCH_HISTORY_DB must be a plain database name (got ${name})`);
  return name;
}

export function resolveStatsPlan(env: NodeJS.ProcessEnv): StatsPlan {
  const scale = numberFrom(env, 'STATS_BENCH_SCALE', 1, 0.001, 2);
  const parts = new Set<StatsPart>();
  for (const raw of (env.STATS_BENCH_PARTS || 'ingest,queries,report').split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    if (!(STATS_PARTS as readonly string[]).includes(part)) throw new Error(`STATS_BENCH_PARTS takes ${STATS_PARTS.join(', ')} (got ${part})`);
    parts.add(part as StatsPart);
  }
  if (parts.size === 0) throw new Error('STATS_BENCH_PARTS names no part');
  // The queries and the report read the history.
  if (parts.has('queries') || parts.has('report')) parts.add('history');
  return {
    parts,
    scale,
    conversations: Math.round(DESK.conversationsPerYear * scale),
    // Six teams need at least one agent each.
    agents: Math.max(6, Math.round(DESK.agents * scale)),
    timeZone: env.STATS_BENCH_TIME_ZONE || 'Europe/Moscow',
    runsPerQuery: numberFrom(env, 'STATS_BENCH_RUNS', 20, 1, 1000),
    queryBudgetS: numberFrom(env, 'STATS_BENCH_QUERY_BUDGET_S', 300, 10, 7200),
    queryTimeoutS: numberFrom(env, 'STATS_BENCH_QUERY_TIMEOUT_S', 60, 1, 3600),
    reportBuilds: numberFrom(env, 'STATS_BENCH_REPORT_BUILDS', 1, 1, 10),
    drainS: numberFrom(env, 'STATS_BENCH_DRAIN_S', 120, 5, 3600),
    historyDatabase: historyDatabase(env.STATS_BENCH_HISTORY_DB),
    dropHistory: env.STATS_BENCH_DROP_HISTORY === '1',
    targets: { lagS: 5, queryP95Ms: 300, reportS: 60 },
  };
}

export function describeStatsPlan(plan: StatsPlan): string {
  const parts: string[] = [];
  if (plan.parts.has('ingest')) parts.push('ingest: a stats process consumes smartchat.events on a fresh statistics database while the max message load runs');
  if (plan.parts.has('history')) {
    parts.push(
      `one year of synthetic history for a desk of ${plan.agents} agents and ${plan.conversations.toLocaleString('en')} conversations (scale ${plan.scale}), zone ${plan.timeZone}`,
    );
  }
  if (plan.parts.has('queries')) parts.push(`every dashboard query ${plan.runsPerQuery} times (p95 target ${plan.targets.queryP95Ms} ms)`);
  if (plan.parts.has('report')) parts.push(`the monthly report of the last month (target ${plan.targets.reportS} s)`);
  return parts.join('; ');
}
