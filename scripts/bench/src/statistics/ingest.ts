// Ingest under the max message load: a real stats process (services/stats/src/main.ts) on a fresh
// statistics database consumes the domain events the chat processes write to smartchat.events.
// Its /metrics is read once a second (lag, events by type, event age), and after the load the
// store itself says exactly when each event was stored (raw_events.received_at: now() of the
// transaction that stored it) against when it happened (occurred_at).
//
// message.created comes from the chat processes themselves; every other event (conversations,
// agents' status, SLA clocks) goes through the outbox, which a balancer relays: one balancer runs
// beside them, as in a deployment.
//
// The events topic is shared and keeps days of earlier runs' events, so the bench's consumer group
// (smartchat-stats-bench, not the installation's smartchat-stats: a stats process of `make dev`
// would otherwise share the partitions, and the installation's offsets would move) starts at the
// topic's end, and the fresh store's progress table says so too, so that consumer lag counts only
// what arrives during the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_TOPIC } from '@smartchat/contracts';
import { createKafka, createPgPool, migratePostgres, statsSchemaDir, type Admin, type Kafka, type Logger, type PgPool } from '@smartchat/platform';
import type { Collected } from '../drive.js';
import type { LoadContext } from '../message-load.js';
import { deadline, log, sleep } from '../orchestration.js';
import type { BenchReport } from '../report.js';
import { startBalancer } from '../balancers.js';
import { startStatsNode, type StatsNode } from './stats-node.js';
import { histogramDelta, histogramQuantile, scrapeStats, shareAtOrBelow, totalEvents, totalLag, type Histogram, type StatsScrape } from './stats-scrape.js';

export const INGEST_DATABASE = 'smartchat_stats_bench';
export const INGEST_GROUP = 'smartchat-stats-bench';

export interface AgeFigures {
  /** Events stored that occurred in the span. */
  count: number;
  p50S: number | null;
  p99S: number | null;
  maxS: number | null;
}

export interface IngestStep {
  /** Messages per second the load generator aimed at, and what was delivered. */
  targetPerSec: number;
  achievedPerSec: number;
  startS: number;
  durationS: number;
  /** Events the stats process consumed per second during the step (its counter). */
  ingestedPerSec: number;
  /** Events written to the topic per second (consumed + lag growth). */
  producedPerSec: number;
  lagRecordsMax: number;
  /** Record received → committed (smartchat_stats_processing_seconds over the step, bucket estimates), ms. */
  processingMs: { p50: number | null; p99: number | null };
  /** occurredAt → stored, of the events that occurred during the step (from the store). */
  age: AgeFigures;
  good: boolean;
}

export interface IngestTimelinePoint {
  /** Seconds since the load started. */
  t: number;
  /** Events consumed in this second (all types), and of them message.created. */
  ingested: number;
  messages: number;
  lagRecords: number;
  /** Age (s) of the events stored in this second: p99 and max (null: none stored). */
  ageP99S: number | null;
  ageMaxS: number | null;
}

export interface IngestFigures {
  groupId: string;
  database: string;
  /** The sustained window of the message load (seconds since the load started) and its message rate. */
  window: { startS: number; endS: number; durationS: number; messagesPerSec: number };
  /** In the sustained window. */
  ingestedPerSec: number;
  ingestedPerSecByType: Record<string, number>;
  producedPerSec: number;
  /** Consumer lag at the window's start and end: growing means the process stores less than is written, whatever backlog it started with. */
  lagAtWindow: { start: number; end: number };
  /** The highest rate it stored in any ramp step (catching up a backlog shows what it can do). */
  bestStoredPerSec: number;
  /** Record received → committed in the window (bucket estimates), ms: what one event costs the process. */
  processingMs: { p50: number | null; p99: number | null };
  lagRecords: { p50: number; p99: number; max: number };
  /** From the store: occurredAt → stored, events that occurred in the window (exact). */
  age: AgeFigures;
  /** From the process's histogram over the window: occurredAt → committed. */
  ageHistogram: { count: number; p50S: number | null; p99S: number | null; shareWithinLimit: number | null };
  /** Events the store holds after the run, by type (the whole run). */
  storedByType: Record<string, number>;
  deadLetters: number;
  /** Seconds from the end of the load until the lag was 0 (null: not within the drain limit). */
  caughtUpAfterS: number | null;
  lagAtEnd: number;
  /** Partitions of the events topic the lag gauge covered. */
  partitions: number;
  steps: IngestStep[];
  timeline: IngestTimelinePoint[];
  limitS: number;
  /** p99 event age over the window within the limit, and the process caught up after the load. */
  met: boolean;
  verdict: string;
  /** What makes these figures doubtful (the stats process died, dead letters). */
  warnings: string[];
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Commits `groupId`'s offsets at the end of every partition that has records (by reading the last
 * record of each with the group), so that a stats process joining the group starts there. Resolves
 * to the next offset per partition, as committed (or the partition's end where it had none).
 */
async function positionGroupAtEnd(kafka: Kafka, admin: Admin, topic: string, groupId: string): Promise<Map<number, bigint>> {
  const [ends, starts] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchTopicOffsetsByTimestamp(topic, 0)]);
  const next = new Map(ends.map((end) => [end.partition, BigInt(end.offset)]));
  const withRecords = ends.filter((end) => BigInt(end.offset) > BigInt(starts.find((start) => start.partition === end.partition)?.offset ?? end.offset));
  if (withRecords.length === 0) return next;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const seen = new Set<number>();
  let allSeen: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allSeen = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ partition, message }) => {
        const after = BigInt(message.offset) + 1n;
        if (after > (next.get(partition) ?? 0n)) next.set(partition, after);
        seen.add(partition);
        if (withRecords.every((entry) => seen.has(entry.partition))) allSeen();
      },
    });
    for (const { partition, offset } of withRecords) consumer.seek({ topic, partition, offset: String(BigInt(offset) - 1n) });
    await deadline(done, 60_000, `positioning consumer group ${groupId} at the end of ${topic}`);
  } finally {
    // Leaving the group commits what was read.
    await consumer.disconnect();
  }
  return next;
}

/** The histogram's share within the limit, or null when the limit is not one of its bucket bounds (the buckets changed). */
function withinLimit(histogram: Histogram, limitS: number): number | null {
  try {
    return shareAtOrBelow(histogram, limitS);
  } catch {
    return null;
  }
}

const percentileOf = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundOrNull = (value: number | null, digits = 2) => (value === null ? null : round(value, digits));

export class IngestRun {
  private node?: StatsNode;
  private pool?: PgPool;
  private readonly scrapes: StatsScrape[] = [];
  private poller?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private readonly topic: string;

  constructor(
    private readonly options: { local: Record<string, string>; logger: Logger; keep: boolean; drainS: number; limitS: number },
  ) {
    this.topic = options.local.SMARTCHAT_EVENTS_TOPIC || EVENTS_TOPIC;
  }

  /** Before the load: the fresh store, the group at the topic's end, the stats process, the poller. */
  async start(context: LoadContext): Promise<void> {
    const { local, logger, keep } = this.options;
    const { cleanups } = context;
    const adminUrl = local.SMARTCHAT_PG_URL!;
    const statsUrl = withDatabase(adminUrl, INGEST_DATABASE);
    const admin = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${INGEST_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${INGEST_DATABASE}`);
    } finally {
      await admin.end();
    }
    cleanups.push('dropping the ingest statistics database', async () => {
      if (keep) return;
      const pool = createPgPool({ url: adminUrl, logger, max: 1, applicationName: 'smartchat-bench' });
      await pool.query(`DROP DATABASE IF EXISTS ${INGEST_DATABASE} WITH (FORCE)`).finally(() => pool.end());
    });
    this.pool = createPgPool({ url: statsUrl, logger, max: 2, applicationName: 'smartchat-bench' });
    const pool = this.pool;
    cleanups.push('closing the ingest pool', () => pool.end());
    await migratePostgres(pool, statsSchemaDir, logger);
    log(`stats: fresh statistics database ${INGEST_DATABASE}`);

    // quiet: a fetch retried while the group forms is no news; a failure still throws.
    const kafka = createKafka({ brokers: local.SMARTCHAT_KAFKA_BROKERS!.split(','), clientId: 'smartchat-bench', logger, quiet: true });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    cleanups.push('removing the bench consumer group', async () => {
      await kafkaAdmin.deleteGroups([INGEST_GROUP]).catch(() => undefined);
      await kafkaAdmin.disconnect();
    });
    const next = await positionGroupAtEnd(kafka, kafkaAdmin, this.topic, INGEST_GROUP);
    // The store's progress starts where the group does: consumer lag counts only this run's events.
    for (const [partition, offset] of next) {
      await pool.query('INSERT INTO kafka_progress (topic, kafka_partition, next_offset) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [this.topic, partition, offset.toString()]);
    }
    log(`stats: consumer group ${INGEST_GROUP} at the end of ${this.topic} (${next.size} partitions)`);

    // The stats role also runs the report worker: it gets the bench's main database, Redis and
    // queue prefix (context.env.chatEnv), and a blob directory of its own.
    const blobDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-stats-blobs-'));
    cleanups.push('removing the stats blob directory', async () => rmSync(blobDir, { recursive: true, force: true }));
    const node = await startStatsNode(
      'stats',
      {
        ...context.env.chatEnv,
        SMARTCHAT_BLOB_DIR: blobDir,
        SMARTCHAT_STATS_PG_URL: statsUrl,
        SMARTCHAT_STATS_CONSUMER_GROUP: INGEST_GROUP,
        // The lag gauge once a second, as the bench reads it.
        SMARTCHAT_STATS_STATUS_MS: '1000',
        SMARTCHAT_LOG_LEVEL: 'warn',
      },
      context.logDir,
      90_000,
    );
    this.node = node;
    cleanups.push('stopping the stats process', () => node.stop());
    context.sampler.track('stats', node.pid);
    log(`stats: process pid ${node.pid}, ${node.opsUrl}`);
    const balancer = await startBalancer('balancer-1', context.env.chatEnv, context.logDir, 90_000);
    cleanups.push('stopping the balancer', () => balancer.stop());
    context.sampler.track(balancer.name, balancer.pid);
    log(`stats: balancer pid ${balancer.pid} (relays the outbox's events to Kafka)`);
    this.poller = setInterval(() => {
      this.polling = scrapeStats(node.opsUrl).then((scrape) => void (scrape && this.scrapes.push(scrape)));
    }, 1000);
    cleanups.push('stopping the stats poller', async () => clearInterval(this.poller));
  }

  /** After the load: waits for the process to catch up (bounded), then measures. */
  async finish(collected: Collected, report: BenchReport): Promise<IngestFigures> {
    const { phases } = collected;
    const loadStart = phases['load-start'] ?? Date.parse(report.startedAt);
    const loadEnd = phases['load-end'] ?? Date.now();
    const drainUntil = Date.now() + this.options.drainS * 1000;
    let caughtUpAt: number | null = null;
    for (;;) {
      if (!this.node?.running()) break;
      const last = this.scrapes.at(-1);
      caughtUpAt = this.scrapes.find((scrape) => scrape.at >= loadEnd && totalLag(scrape) === 0 && scrape.lagByPartition.size > 0)?.at ?? null;
      if (caughtUpAt !== null || Date.now() > drainUntil) break;
      if (last) log(`stats: waiting for the stats process to catch up: ${totalLag(last)} records behind`);
      await sleep(5000);
    }
    clearInterval(this.poller);
    await this.polling;
    const figures = await this.measure(collected, report, loadStart, loadEnd, caughtUpAt);
    log(`stats: ${figures.verdict}`);
    return figures;
  }

  private async ageIn(from: number, to: number): Promise<AgeFigures> {
    const { rows } = await this.pool!.query<{ n: string; p50: number | null; p99: number | null; max: number | null }>(
      `SELECT count(*)::text AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at)) AS p99,
              max(extract(epoch FROM received_at - occurred_at))::float8 AS max
         FROM raw_events WHERE occurred_at >= $1 AND occurred_at < $2`,
      [new Date(from), new Date(to)],
    );
    const row = rows[0]!;
    return { count: Number(row.n), p50S: roundOrNull(row.p50 === null ? null : Number(row.p50)), p99S: roundOrNull(row.p99 === null ? null : Number(row.p99)), maxS: roundOrNull(row.max) };
  }

  /** Readings within [from, to]: the first and the last, for rates and histogram differences. */
  private edges(from: number, to: number): [StatsScrape, StatsScrape] | null {
    const inside = this.scrapes.filter((scrape) => scrape.at >= from && scrape.at <= to);
    return inside.length >= 2 ? [inside[0]!, inside.at(-1)!] : null;
  }

  private processingIn(from: number, to: number): { p50: number | null; p99: number | null } {
    const edges = this.edges(from, to);
    if (!edges) return { p50: null, p99: null };
    const delta = histogramDelta(edges[0].processing, edges[1].processing);
    const ms = (q: number) => {
      const seconds = histogramQuantile(delta, q);
      return seconds === null ? null : round(seconds * 1000);
    };
    return { p50: ms(0.5), p99: ms(0.99) };
  }

  private rates(from: number, to: number): { ingested: number; produced: number; byType: Record<string, number>; lagMax: number; lags: number[] } {
    const edges = this.edges(from, to);
    const lags = this.scrapes.filter((scrape) => scrape.at >= from && scrape.at <= to).map(totalLag);
    if (!edges) return { ingested: 0, produced: 0, byType: {}, lagMax: Math.max(0, ...lags), lags };
    const [first, last] = edges;
    const seconds = (last.at - first.at) / 1000;
    const ingested = (totalEvents(last) - totalEvents(first)) / seconds;
    const byType: Record<string, number> = {};
    for (const [type, count] of last.eventsByType) {
      const rate = (count - (first.eventsByType.get(type) ?? 0)) / seconds;
      if (rate > 0) byType[type] = round(rate);
    }
    return { ingested: round(ingested), produced: round(ingested + (totalLag(last) - totalLag(first)) / seconds), byType, lagMax: Math.max(0, ...lags), lags };
  }

  private async measure(collected: Collected, report: BenchReport, loadStart: number, loadEnd: number, caughtUpAt: number | null): Promise<IngestFigures> {
    const { result, phases } = collected;
    const pool = this.pool!;
    const limitS = this.options.limitS;
    const windowFrom = phases['window-start'] ?? loadStart + result.window.startS * 1000;
    const windowTo = phases['window-end'] ?? loadStart + result.window.endS * 1000;

    const window = this.rates(windowFrom, windowTo);
    const sortedLags = [...window.lags].sort((a, b) => a - b);
    const age = await this.ageIn(windowFrom, windowTo);
    const edges = this.edges(windowFrom, windowTo);
    const ageDelta = edges ? histogramDelta(edges[0].age, edges[1].age) : null;

    const steps: IngestStep[] = [];
    for (const step of report.steps ?? []) {
      const from = loadStart + step.startS * 1000;
      const to = from + step.durationS * 1000;
      const rates = this.rates(from, to);
      const stepAge = await this.ageIn(from, to);
      steps.push({
        targetPerSec: step.targetPerSec,
        achievedPerSec: step.achievedPerSec,
        startS: step.startS,
        durationS: step.durationS,
        ingestedPerSec: rates.ingested,
        producedPerSec: rates.produced,
        lagRecordsMax: rates.lagMax,
        processingMs: this.processingIn(from, to),
        age: stepAge,
        good: step.good,
      });
    }

    const { rows: stored } = await pool.query<{ type: string; n: string }>('SELECT type, count(*)::text AS n FROM raw_events GROUP BY type ORDER BY 2 DESC');
    const { rows: perSecond } = await pool.query<{ s: string; p99: number | null; max: number | null }>(
      `SELECT floor(extract(epoch FROM received_at))::bigint::text AS s,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - occurred_at)) AS p99,
              max(extract(epoch FROM received_at - occurred_at))::float8 AS max
         FROM raw_events WHERE received_at >= $1 GROUP BY 1`,
      [new Date(loadStart)],
    );
    const { rows: letters } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM dead_letters');
    const agePerSecond = new Map(perSecond.map((row) => [Math.floor((Number(row.s) * 1000 - loadStart) / 1000), row]));

    const timeline: IngestTimelinePoint[] = [];
    for (let index = 1; index < this.scrapes.length; index += 1) {
      const [before, now] = [this.scrapes[index - 1]!, this.scrapes[index]!];
      if (now.at < loadStart) continue;
      const seconds = (now.at - before.at) / 1000;
      const t = Math.floor((now.at - loadStart) / 1000);
      const ageRow = agePerSecond.get(t);
      timeline.push({
        t,
        ingested: round((totalEvents(now) - totalEvents(before)) / seconds),
        messages: round(((now.eventsByType.get('message.created') ?? 0) - (before.eventsByType.get('message.created') ?? 0)) / seconds),
        lagRecords: totalLag(now),
        ageP99S: ageRow?.p99 === null || ageRow?.p99 === undefined ? null : round(Number(ageRow.p99), 2),
        ageMaxS: ageRow?.max === null || ageRow?.max === undefined ? null : round(ageRow.max, 2),
      });
    }

    const lagAtEnd = this.scrapes.length > 0 ? totalLag(this.scrapes.at(-1)!) : 0;
    const warnings: string[] = [];
    if (!this.node?.running()) warnings.push(`the stats process exited during the run (see ${this.node?.logFile}): the ingest figures stop there.`);
    const deadLetters = Number(letters[0]!.n);
    if (deadLetters > 0) warnings.push(`${deadLetters} records were dead-lettered by the stats process (see dead_letters in ${INGEST_DATABASE} with BENCH_KEEP=1).`);
    const caughtUpAfterS = caughtUpAt === null ? null : round(Math.max(0, caughtUpAt - loadEnd) / 1000);
    const p99 = age.p99S;
    const met = p99 !== null && p99 <= limitS && caughtUpAt !== null;
    const sustained = result.window.ratePerSec;
    const lagAtWindow = { start: window.lags[0] ?? 0, end: window.lags.at(-1) ?? 0 };
    const bestStoredPerSec = Math.max(window.ingested, ...steps.map((step) => step.ingestedPerSec));
    const keeping = lagAtWindow.end <= lagAtWindow.start + Math.max(100, window.produced)
      ? `it kept up within the window (lag ${lagAtWindow.start} → ${lagAtWindow.end} records)`
      : `it fell behind within the window (lag ${lagAtWindow.start} → ${lagAtWindow.end} records)`;
    const verdict =
      p99 === null
        ? `no event of the sustained window (${sustained} msg/s) was stored`
        : `at ${sustained} msg/s (the highest rate sustained) ${window.produced} events/s were written and ${window.ingested} stored: ${keeping}; event age p99 ${p99} s, max ${age.maxS} s (limit ${limitS} s): ` +
          (p99 <= limitS ? 'under the limit' : 'OVER the limit') +
          (caughtUpAt === null ? `; NOT caught up ${this.options.drainS} s after the load (${lagAtEnd} records behind)` : `; caught up ${caughtUpAfterS} s after the load`) +
          `; over a ramp step it stored up to ${bestStoredPerSec} events/s`;
    return {
      groupId: INGEST_GROUP,
      database: INGEST_DATABASE,
      window: { startS: result.window.startS, endS: result.window.endS, durationS: result.window.durationS, messagesPerSec: sustained },
      ingestedPerSec: window.ingested,
      ingestedPerSecByType: window.byType,
      producedPerSec: window.produced,
      lagAtWindow,
      bestStoredPerSec,
      processingMs: this.processingIn(windowFrom, windowTo),
      lagRecords: { p50: percentileOf(sortedLags, 0.5), p99: percentileOf(sortedLags, 0.99), max: window.lagMax },
      age,
      ageHistogram: {
        count: ageDelta?.count ?? 0,
        p50S: roundOrNull(ageDelta ? histogramQuantile(ageDelta, 0.5) : null),
        p99S: roundOrNull(ageDelta ? histogramQuantile(ageDelta, 0.99) : null),
        shareWithinLimit: roundOrNull(ageDelta ? withinLimit(ageDelta, limitS) : null, 4),
      },
      storedByType: Object.fromEntries(stored.map((row) => [row.type, Number(row.n)])),
      deadLetters,
      caughtUpAfterS,
      lagAtEnd,
      partitions: this.scrapes.at(-1)?.lagByPartition.size ?? 0,
      steps,
      timeline,
      limitS,
      met,
      verdict,
      warnings,
    };
  }
}
