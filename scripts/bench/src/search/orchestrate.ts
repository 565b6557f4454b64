// `make bench PROFILE=search`: message search at scale.
//   1. the corpus: 10 million messages of a year of a 300-agent desk, generated or reused (corpus.ts);
//   2. every query class timed through the API's own code as three kinds of caller (queries.ts);
//   3. the index lag at the seed load (27.8 messages/s) and at five times it, into that index (live.ts);
//   4. the index's size per million messages.
// Settings: SEARCH_BENCH_CONVERSATIONS (500000: about 20 messages each), SEARCH_BENCH_RUNS (timed
// runs of each query, 5), SEARCH_BENCH_PARTS (queries,compare,lag; compare: the same queries with
// every plan left to PostgreSQL's planner, in the same run), SEARCH_BENCH_DROP=1 drops the corpus
// afterwards. Resolves with the exit code: 0 when the run completed (whatever the figures say), 2
// when the bench itself failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createPgPool, repoRoot } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { commit } from '../assemble.js';
import { measureMachine, type Calibration } from '../calibration.js';
import { CleanupStack, log } from '../orchestration.js';
import { ensureCorpus, measureSizes, type CorpusSummary, type IndexSizes } from './corpus.js';
import { measureIndexLag, type LiveFigures } from './live.js';
import { corpusViewers, searchCases, timeSearchCases, type ClassResult } from './queries.js';
import type { LatencySummary } from '../protocol.js';

export const SEARCH_DATABASE = 'smartchat_search_bench';
const QUERY_TARGET_MS = 200;
const LAG_TARGET_MS = 2000;
const SEED_PER_SEC = 27.8;

export interface SearchReport {
  profile: 'search';
  startedAt: string;
  finishedAt: string;
  commit: string | null;
  machine: { calibration: Calibration | null };
  corpus: CorpusSummary & { reused: boolean; description: string };
  sizes: IndexSizes;
  queries: { runsPerQuery: number; targetMs: number; classes: ClassResult[]; coldMs: LatencySummary; allMet: boolean } | null;
  /**
   * The same queries in the same run with every plan left to PostgreSQL's planner (no gathering a
   * month at a time): what the plan choice changes. A search stopped by the 3 s statement timeout
   * counts at the time it took.
   */
  plannerAlone: { runsPerQuery: number; classes: ClassResult[] } | null;
  lag: LiveFigures | null;
  warnings: string[];
}

const DESCRIPTION =
  'Synthetic: sentences of 5 to 14 words drawn by Zipf\'s law from a travel desk\'s vocabulary (about 250 Russian and 130 English words) and a long tail of 40,000 rare made-up words (three quarters of the conversations Russian, a quarter English), one or two sentences per message; 6 % of messages carry an order number (A7-123456), 8 % a flight number (SU1234), 4 % a file name. 500,000 conversations over 12 months in 6 teams (30/25/15/12/10/8 %), 300 agents, 166,666 customers; 5 % internal, 17 % e-mail with a subject; 45 % customer messages, 38 % replies, 12 % notes, 5 % system. Written by scripts/bench/src/search/corpus.sql; indexes built after the load, then VACUUM ANALYZE.';

function markdown(report: SearchReport): string {
  const lines: string[] = [];
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  lines.push(`# Search benchmark ${report.startedAt} (commit ${report.commit ?? 'unknown'})`, '');
  lines.push(`Corpus: ${report.sizes.messages.toLocaleString('en')} messages in ${report.corpus.conversations.toLocaleString('en')} conversations (${report.corpus.reused ? 'reused' : `generated in ${report.corpus.generationS} s`}).`, '');
  if (report.queries) {
    lines.push(`## Query latency (ms, ${report.queries.runsPerQuery} timed runs of each query after a warm-up; target p95 ≤ ${report.queries.targetMs} ms)`, '');
    lines.push('| class | caller | n | p50 | p95 | p99 | max | met |', '|---|---|---|---|---|---|---|---|');
    for (const entry of report.queries.classes) lines.push(`| ${entry.className} | ${entry.who} | ${entry.latencyMs.count} | ${entry.latencyMs.p50} | ${entry.latencyMs.p95} | ${entry.latencyMs.p99} | ${entry.latencyMs.max} | ${entry.met ? 'yes' : '**no**'} |`);
    lines.push('', `First (cold) run of each query: p50 ${report.queries.coldMs.p50}, p95 ${report.queries.coldMs.p95}, p99 ${report.queries.coldMs.p99}, max ${report.queries.coldMs.max} ms (n=${report.queries.coldMs.count}).`, '');
    for (const entry of report.queries.classes) lines.push(`- ${entry.className}: ${entry.queries.map((query, index) => `\`${query}\` (${entry.results[index] ?? '-'})`).join(', ')}${entry.errors.length ? `; errors: ${entry.errors.join('; ')}` : ''}`);
    lines.push('');
  }
  if (report.queries && report.plannerAlone) {
    lines.push(`## The plan choice, same run: p95 (p99) in ms, the planner alone → chosen plans (${report.plannerAlone.runsPerQuery} timed runs each)`, '');
    lines.push('| class | planner alone | chosen |', '|---|---|---|');
    for (const entry of report.queries.classes) {
      const alone = report.plannerAlone.classes.find((candidate) => candidate.className === entry.className);
      const before = alone ? `${alone.latencyMs.p95} (${alone.latencyMs.p99})${alone.timeouts ? `, ${alone.timeouts} of ${alone.latencyMs.count} stopped at 3 s` : ''}` : '-';
      lines.push(`| ${entry.className} | ${before} | ${entry.latencyMs.p95} (${entry.latencyMs.p99}) |`);
    }
    lines.push('');
  }
  if (report.lag) {
    lines.push(`## Index lag (message accepted → searchable, ms; target p99 ≤ ${report.lag.targetP99Ms} ms at the seed load)`, '');
    lines.push('| rate (msg/s) | achieved | seconds | sent | indexed | p50 | p95 | p99 | max |', '|---|---|---|---|---|---|---|---|---|');
    for (const step of report.lag.steps) lines.push(`| ${step.targetPerSec} | ${step.achievedPerSec} | ${step.durationS} | ${step.sent} | ${step.indexed} | ${step.lagMs.p50} | ${step.lagMs.p95} | ${step.lagMs.p99} | ${step.lagMs.max} |`);
    lines.push('', `Target met: ${report.lag.met ? 'yes' : 'no'}; a message of the run found by its word: ${report.lag.searchable ? 'yes' : 'no'}.`, '');
  }
  const s = report.sizes;
  lines.push('## Index size', '', '| part | total | per million messages |', '|---|---|---|');
  const per = (bytes: number) => mb((bytes * 1_000_000) / Math.max(1, s.messages));
  lines.push(`| rows (text, lexemes, TOAST) | ${mb(s.heapBytes)} | ${per(s.heapBytes)} |`, `| GIN (lexemes) | ${mb(s.ginBytes)} | ${per(s.ginBytes)} |`, `| key (created_at, message_id) | ${mb(s.keyBytes)} | ${per(s.keyBytes)} |`, `| (conversation_id, created_at) | ${mb(s.conversationIndexBytes)} | ${per(s.conversationIndexBytes)} |`, `| **all of search_messages** | ${mb(s.totalBytes)} | ${per(s.totalBytes)} |`, '');
  if (report.warnings.length) lines.push('## Warnings', '', ...report.warnings.map((warning) => `- ${warning}`), '');
  lines.push(`Corpus: ${report.corpus.description}`, '');
  return lines.join('\n');
}

export async function runSearchBench(): Promise<number> {
  const startedAt = new Date();
  const resultsDir = process.env.BENCH_RESULTS_DIR || join(repoRoot, 'bench-results');
  const conversations = Number(process.env.SEARCH_BENCH_CONVERSATIONS ?? 500_000);
  const runs = Number(process.env.SEARCH_BENCH_RUNS ?? 5);
  const parts = new Set((process.env.SEARCH_BENCH_PARTS ?? 'queries,compare,lag').split(',').map((part) => part.trim()));
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const local = readLocalEnv();
  const cleanups = new CleanupStack();
  const warnings: string[] = [];
  try {
    // A year up to the first of this month (UTC): the corpus is reused within a month.
    const until = new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), 1));
    const since = new Date(Date.UTC(until.getUTCFullYear() - 1, until.getUTCMonth(), 1));
    const corpus = await ensureCorpus({ adminUrl: local.SMARTCHAT_PG_URL!, database: SEARCH_DATABASE, parameters: { conversations, since, until }, logger, log });
    if (process.env.SEARCH_BENCH_DROP === '1') cleanups.push('dropping the search corpus', () => corpus.drop());
    const pool = createPgPool({ url: corpus.url, logger, max: 8, applicationName: 'smartchat-bench-search' });
    cleanups.push('closing the corpus pool', () => pool.end());
    const calibration = await measureMachine(log);

    let queries: SearchReport['queries'] = null;
    let plannerAlone: SearchReport['plannerAlone'] = null;
    if (parts.has('queries')) {
      const viewers = await corpusViewers(pool);
      const cases = await searchCases(pool);
      log(`search: ${cases.length} queries in ${new Set(cases.map((entry) => entry.className)).size} classes, ${runs} timed runs each (agent with scope teams: team ${viewers.teamName})`);
      const timed = await timeSearchCases(pool, viewers, cases, { runs, targetMs: QUERY_TARGET_MS, statementTimeoutMs: 3000, log });
      queries = { runsPerQuery: runs, targetMs: QUERY_TARGET_MS, classes: timed.classes, coldMs: timed.coldMs, allMet: timed.classes.every((entry) => entry.met) };
      if (parts.has('compare')) {
        const alone = await timeSearchCases(pool, viewers, cases, { runs, targetMs: QUERY_TARGET_MS, statementTimeoutMs: 3000, log, plans: 'planner' });
        plannerAlone = { runsPerQuery: runs, classes: alone.classes };
      }
    }
    let lag: LiveFigures | null = null;
    if (parts.has('lag')) {
      lag = await measureIndexLag({ corpusUrl: corpus.url, corpusPool: pool, resultsDir, steps: [{ perSec: SEED_PER_SEC, seconds: 60 }, { perSec: SEED_PER_SEC * 5, seconds: 30 }], targetP99Ms: LAG_TARGET_MS, logger });
    }
    const sizes = await measureSizes(pool);
    const report: SearchReport = {
      profile: 'search',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: commit(),
      machine: { calibration },
      corpus: { ...corpus.summary, reused: corpus.reused, description: DESCRIPTION },
      sizes,
      queries,
      plannerAlone,
      lag,
      warnings,
    };
    mkdirSync(resultsDir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const text = markdown(report);
    writeFileSync(join(resultsDir, `search-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'search-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(resultsDir, 'search-latest.md'), text);
    process.stdout.write(`\n${text}\n`);
    log(`reports: ${join(resultsDir, `search-${stamp}.json`)}, search-latest.json, search-latest.md`);
    return 0;
  } catch (error) {
    console.error(`[bench] search failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}
