// `make bench PROFILE=integrations`: the back-office integration under load, in the bench's
// isolated environment (its own database, keyspace, vhost, Redis and events topic) with one chat
// process and one balancer:
//   1. inbound: EVENTS signed trip.changed events for TRIPS trips, sent by the back-office's client
//      (services/client) CONCURRENCY at a time, the trips interleaved, each trip's versions in order
//      but one in ten swapped with the next (sent late), and one event in ten sent twice under a new
//      webhook-id: the receipt latency, the lag from receipt to applied, the rate, and whether every
//      trip got exactly one conversation at its newest version;
//   2. webhooks out: every notice those events wrote is a message.created webhook to a receiver on
//      loopback that answers 500 to the first attempt of one delivery in ten: delivered once each,
//      the lag from the event to its arrival, the retries.
// Settings: INTEGRATIONS_BENCH_EVENTS (2000), INTEGRATIONS_BENCH_TRIPS (200), INTEGRATIONS_BENCH_CONCURRENCY
// (32). Resolves with the exit code: 0 when the run completed and every check held, 1 when one did
// not (lost, duplicated or misapplied events or webhooks), 2 when the bench itself failed.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmartchatClient, verifySmartchatRequest, type InboundEvent } from '@smartchat/client';
import { createLogger, createPgPool, repoRoot } from '@smartchat/platform';
import { commit } from '../assemble.js';
import { startBalancer } from '../balancers.js';
import { startBenchRedis } from '../bench-redis.js';
import { measureMachine, type Calibration } from '../calibration.js';
import { startChatNode } from '../chat-nodes.js';
import { dependencyPid } from '../dependencies.js';
import { prepareEnvironment } from '../environment.js';
import { login } from '../loadgen/clients.js';
import { createEventsTopic } from '../mail/orchestrate.js';
import { CleanupStack, deadline, inParallel, log, sleep } from '../orchestration.js';
import type { LatencySummary } from '../protocol.js';
import { summarize } from '../stats.js';

interface IntegrationsReport {
  profile: 'integrations';
  startedAt: string;
  finishedAt: string;
  commit: string | null;
  machine: { calibration: Calibration | null };
  plan: { events: number; trips: number; concurrency: number; replays: number; steadyEvents: number; steadyPerSec: number };
  /** The first events at a steady rate, one at a time as they come: the lags without a queue. */
  steady: { receiptMs: LatencySummary; appliedLagMs: LatencySummary };
  inbound: {
    receiptMs: LatencySummary;
    sentPerSec: number;
    /** received_at → processed_at, from the event log. */
    appliedLagMs: LatencySummary;
    appliedPerSec: number;
    done: number;
    superseded: number;
    failed: number;
    duplicatesAnswered: number;
    conversations: number;
    tripsAtNewestVersion: number;
  };
  webhooks: {
    expected: number;
    delivered: number;
    /** The event's timestamp (a notice's: when Smartchat received the back-office's event) → its first 2xx arrival at the receiver. */
    lagMs: LatencySummary;
    /** The delivery queued (webhook_deliveries.created_at) → its first 2xx arrival: the webhook path alone. */
    queuedToArrivalMs: LatencySummary;
    firstAttemptsRefused: number;
    arrivalsAfterSuccess: number;
    badSignatures: number;
  };
  failures: string[];
}

/**
 * The trips' versions interleaved at random, each trip's in order except that one version in ten
 * goes after the next (a late event, as a back-office retrying one while sending the next would).
 */
function interleaved<T>(queues: T[][]): T[] {
  for (const queue of queues) {
    for (let i = 0; i + 1 < queue.length; i += 1) if (Math.random() < 0.1) [queue[i], queue[i + 1]] = [queue[i + 1]!, queue[i]!];
  }
  const out: T[] = [];
  const open = queues.filter((queue) => queue.length > 0);
  while (open.length > 0) {
    const index = Math.floor(Math.random() * open.length);
    out.push(open[index]!.shift()!);
    if (open[index]!.length === 0) open.splice(index, 1);
  }
  return out;
}

function markdown(report: IntegrationsReport): string {
  const row = (name: string, summary: LatencySummary) => `| ${name} | ${summary.count} | ${summary.p50} | ${summary.p95} | ${summary.p99} | ${summary.max} |`;
  const { inbound, webhooks, plan } = report;
  return [
    `# Integrations benchmark ${report.startedAt} (commit ${report.commit ?? 'unknown'})`,
    '',
    `${plan.events} signed trip.changed events for ${plan.trips} trips (interleaved; each trip's versions in order but one in ten sent after the next): the first ${plan.steadyEvents} at ${plan.steadyPerSec}/s, the rest ${plan.concurrency} at a time, then ${plan.replays} of them again under a new webhook-id; one chat process, one balancer.`,
    '',
    '| ms | n | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|---|',
    row(`steady ${plan.steadyPerSec}/s: receipt (POST /v1/integrations/events answered)`, report.steady.receiptMs),
    row(`steady ${plan.steadyPerSec}/s: applied (received → processed)`, report.steady.appliedLagMs),
    row(`all, then ${plan.concurrency} at a time: receipt`, inbound.receiptMs),
    row('all: applied (received → processed, event log)', inbound.appliedLagMs),
    row('webhook, end to end (back-office event received → its notice\'s webhook arrives)', webhooks.lagMs),
    row('webhook alone (delivery queued → first 2xx arrival)', webhooks.queuedToArrivalMs),
    '',
    `- After the steady part, sent ${inbound.sentPerSec} events/s; applied ${inbound.appliedPerSec} events/s with a backlog (those events' first received to last processed).`,
    `- Applied: ${inbound.done} done, ${inbound.superseded} superseded (an older version arriving after a newer one), ${inbound.failed} failed; ${inbound.duplicatesAnswered} replays answered as duplicates.`,
    `- Conversations opened: ${inbound.conversations} for ${plan.trips} trips; trips at their newest version: ${inbound.tripsAtNewestVersion}.`,
    `- Webhooks: ${webhooks.delivered} of ${webhooks.expected} notices delivered; ${webhooks.firstAttemptsRefused} first attempts refused (500) and retried; ${webhooks.arrivalsAfterSuccess} arrivals after a success; ${webhooks.badSignatures} bad signatures.`,
    '',
    report.failures.length ? `**Failures:** ${report.failures.join('; ')}` : 'Every check held.',
    '',
  ].join('\n');
}

export async function runIntegrationsBench(): Promise<number> {
  const events = Number(process.env.INTEGRATIONS_BENCH_EVENTS ?? '2000');
  const trips = Number(process.env.INTEGRATIONS_BENCH_TRIPS ?? '200');
  const concurrency = Number(process.env.INTEGRATIONS_BENCH_CONCURRENCY ?? '32');
  const steadyPerSec = Number(process.env.INTEGRATIONS_BENCH_RATE ?? '20');
  const steadyEvents = Math.min(events, Number(process.env.INTEGRATIONS_BENCH_STEADY ?? '300'));
  const keep = process.env.BENCH_KEEP === '1';
  const resultsDir = process.env.BENCH_RESULTS_DIR || join(repoRoot, 'bench-results');
  const logDir = join(resultsDir, 'logs', 'integrations');
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const runId = randomBytes(4).toString('hex');
  const topic = `smartchat-bench-integrations-${runId}`;
  const webhookGroup = `smartchat-bench-webhooks-${runId}`;
  const cleanups = new CleanupStack();

  try {
    log(`profile integrations: ${events} events for ${trips} trips, ${concurrency} at a time`);
    const redis = await deadline(startBenchRedis({ shared: process.env.BENCH_SHARED_REDIS === '1', sharedDb: Number(process.env.BENCH_REDIS_DB ?? '13'), sharedPid: dependencyPid('redis'), logDir, logger }), 60_000, 'starting redis');
    cleanups.push('stopping the bench redis', () => redis.stop());
    const env = await deadline(prepareEnvironment({ agents: 1, redisUrl: redis.url, logger, log }), 240_000, 'preparing the environment');
    cleanups.push('tearing down the environment', () => env.teardown(keep));
    const calibration = await measureMachine(log);
    const pg = createPgPool({ url: env.chatEnv.SMARTCHAT_PG_URL!, logger, max: 2, applicationName: 'smartchat-bench' });
    cleanups.push('closing the bench pool', () => pg.end());
    const blobDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-integrations-'));
    cleanups.push('removing the blob directory', async () => (keep ? undefined : rmSync(blobDir, { recursive: true, force: true })));
    const brokers = env.chatEnv.SMARTCHAT_KAFKA_BROKERS!.split(',');
    const removeTopic = await deadline(createEventsTopic(brokers, topic, logger), 60_000, 'creating the events topic');
    cleanups.push(`deleting topic ${topic}`, () => removeTopic([webhookGroup]));

    // The back-office's webhook receiver: the first attempt of one delivery in ten is refused.
    const arrivals = new Map<string, { firstOkAt: number | null; attempts: number; okCount: number; timestamp: string }>();
    let badSignatures = 0;
    let endpointSecret = '';
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = Date.now();
        let verified: { webhookId: string; event: { timestamp: string } };
        try {
          verified = verifySmartchatRequest([endpointSecret], request.headers, Buffer.concat(chunks));
        } catch {
          badSignatures += 1;
          return void response.writeHead(401).end();
        }
        const entry = arrivals.get(verified.webhookId) ?? { firstOkAt: null, attempts: 0, okCount: 0, timestamp: verified.event.timestamp };
        entry.attempts += 1;
        arrivals.set(verified.webhookId, entry);
        const refuse = entry.attempts === 1 && createHash('sha256').update(verified.webhookId).digest()[0]! % 10 === 0;
        if (refuse) return void response.writeHead(500).end('not now');
        entry.okCount += 1;
        entry.firstOkAt ??= at;
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    cleanups.push('stopping the receiver', () => new Promise<void>((resolve) => { receiver.closeAllConnections(); receiver.close(() => resolve()); }));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;

    const runEnv: Record<string, string> = {
      ...env.chatEnv,
      SMARTCHAT_EVENTS_TOPIC: topic,
      SMARTCHAT_BLOB_DIR: blobDir,
      SMARTCHAT_SECRET_KEYS: env.chatEnv.SMARTCHAT_SECRET_KEYS || `bench:${randomBytes(32).toString('base64')}`,
      SMARTCHAT_WEBHOOKS: 'true',
      SMARTCHAT_WEBHOOK_EVENTS_GROUP: webhookGroup,
      SMARTCHAT_WEBHOOK_RETRY_BASE_MS: '500',
      SMARTCHAT_INTEGRATION_POLL_MS: '200',
      SMARTCHAT_INTEGRATION_RATE_LIMIT_PER_MINUTE: '1000000',
    };
    // BENCH_NODE_ARGS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) for the chat process, to see where its time goes.
    const chat = await startChatNode('chat-1', runEnv, logDir, 90_000, process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []);
    cleanups.push('stopping chat-1', () => chat.stop());
    const balancer = await startBalancer('balancer-1', runEnv, logDir, 90_000);
    cleanups.push('stopping balancer-1', () => balancer.stop());

    // The desk: an admin (the bench's agent, promoted), the integration, its key and endpoint, the customers.
    const agent = env.agents[0]!;
    await pg.query(`UPDATE agents SET role = 'admin' WHERE email = $1`, [agent.email]);
    const admin = await login(chat.url, agent.email, agent.password);
    const call = async <T>(path: string, body: unknown): Promise<T> => {
      const response = await fetch(`${chat.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const { integration, signingSecret } = await call<{ integration: { id: string }; signingSecret: string }>('/v1/integrations', { name: 'Bench back-office' });
    const { secret: apiKey } = await call<{ secret: string }>(`/v1/integrations/${integration.id}/keys`, { name: 'bench', scopes: ['events.send'] });
    endpointSecret = (await call<{ secret: string }>(`/v1/integrations/${integration.id}/webhooks`, { url: receiverUrl, eventTypes: ['message.created'] })).secret;
    const customers = Array.from({ length: Math.max(1, Math.ceil(trips / 4)) }, (_, index) => `bench-customer-${index}`);
    await pg.query(`INSERT INTO customers (external_id, name) SELECT unnest($1::text[]), 'Bench customer'`, [customers]);
    // The webhook consumer group has joined before anything is sent (it reads from the topic's start anyway).
    await sleep(2000);

    // 1. Inbound.
    const versions = Math.max(1, Math.floor(events / trips));
    const planned: InboundEvent[] = interleaved(
      Array.from({ length: trips }, (_, trip) =>
        Array.from({ length: versions }, (_, index) => ({
          type: 'trip.changed' as const,
          timestamp: new Date().toISOString(),
          data: {
            customerId: customers[trip % customers.length]!,
            tripId: `T-${runId}-${trip}`,
            version: index + 1,
            departureAt: new Date(Date.now() + (6 + index) * 3600_000).toISOString(),
            changes: [{ field: 'flight' as const, old: `SU ${1000 + index}`, new: `SU ${1001 + index}` }],
          },
        })),
      ),
    );
    const replays = planned.filter((_, index) => index % 10 === 0);
    const client = createSmartchatClient({ baseUrl: chat.url, apiKey, signingSecret });
    const receipts: number[] = [];
    const steadyReceipts: number[] = [];
    const steadyIds: string[] = [];
    let duplicatesAnswered = 0;
    const sendOne = async (event: InboundEvent, into: number[]) => {
      const started = performance.now();
      const receipt = await client.sendEvent(event);
      into.push(performance.now() - started);
      if (receipt.duplicate) duplicatesAnswered += 1;
      return receipt.eventId;
    };
    // Steady: one event every 1/rate s, each sent as it is due.
    const steadyStarted = Date.now();
    const inFlight: Promise<void>[] = [];
    for (const [index, event] of planned.slice(0, steadyEvents).entries()) {
      const due = steadyStarted + (index * 1000) / steadyPerSec;
      if (due > Date.now()) await sleep(due - Date.now());
      inFlight.push(sendOne(event, steadyReceipts).then((id) => void steadyIds.push(id)));
    }
    await Promise.all(inFlight);
    const sendStarted = Date.now();
    await inParallel([...planned.slice(steadyEvents), ...replays], concurrency, async (event) => void (await sendOne(event, receipts)));
    const sentPerSec = Math.round(((planned.length - steadyEvents + replays.length) / Math.max(1, Date.now() - sendStarted)) * 1000);
    log(`inbound: ${steadyEvents} at ${steadyPerSec}/s, then ${planned.length - steadyEvents + replays.length} at ${sentPerSec}/s; waiting until applied`);
    await deadline(
      (async () => {
        for (;;) {
          const { rows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM integration_events WHERE status IN ('queued', 'processing')`);
          if (Number(rows[0]!.n) === 0) return;
          await sleep(250);
        }
      })(),
      600_000,
      'applying the events',
    );
    const { rows: applied } = await pg.query<{ id: string; status: string; lag_ms: number; received_at: Date; processed_at: Date }>(
      `SELECT id, status, extract(epoch FROM processed_at - received_at) * 1000 AS lag_ms, received_at, processed_at FROM integration_events`,
    );
    const steadySet = new Set(steadyIds);
    const steady = {
      receiptMs: summarize(Float64Array.from(steadyReceipts)),
      appliedLagMs: summarize(Float64Array.from(applied.filter((row) => steadySet.has(row.id)).map((row) => Number(row.lag_ms)))),
    };
    const { rows: tripRows } = await pg.query<{ version: number }>('SELECT version FROM integration_trips');
    const { rows: conversationRows } = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM conversations WHERE channel = 'api'`);
    // The rate once a backlog stands: the events after the steady part, first received to last processed.
    const burst = applied.filter((row) => !steadySet.has(row.id));
    const first = Math.min(...burst.map((row) => row.received_at.getTime()));
    const last = Math.max(...burst.map((row) => row.processed_at.getTime()));
    const count = (status: string) => applied.filter((row) => row.status === status).length;
    const inbound = {
      receiptMs: summarize(Float64Array.from([...steadyReceipts, ...receipts])),
      sentPerSec,
      appliedLagMs: summarize(Float64Array.from(applied.map((row) => Number(row.lag_ms)))),
      appliedPerSec: Math.round((burst.length / Math.max(1, last - first)) * 1000),
      done: count('done'),
      superseded: count('superseded'),
      failed: count('failed'),
      duplicatesAnswered,
      conversations: Number(conversationRows[0]!.n),
      tripsAtNewestVersion: tripRows.filter((row) => row.version === versions).length,
    };
    log(`inbound: ${inbound.done} done, ${inbound.superseded} superseded in ${((last - first) / 1000).toFixed(1)} s`);

    // 2. Webhooks: one message.created per notice written.
    const expected = inbound.done;
    await deadline(
      (async () => {
        while ([...arrivals.values()].filter((entry) => entry.firstOkAt !== null).length < expected) await sleep(250);
      })(),
      300_000,
      'the webhooks arriving',
    ).catch((error: unknown) => log(String(error)));
    await sleep(2000);
    const delivered = [...arrivals.values()].filter((entry) => entry.firstOkAt !== null);
    const { rows: queued } = await pg.query<{ event_id: string; created_at: Date }>(`SELECT event_id, created_at FROM webhook_deliveries WHERE event_id IS NOT NULL`);
    const queuedToArrival = queued.flatMap((row) => {
      const arrival = arrivals.get(`msg_${createHash('sha256').update(row.event_id).digest('hex').slice(0, 32)}`)?.firstOkAt;
      return arrival ? [arrival - row.created_at.getTime()] : [];
    });
    const webhooks = {
      expected,
      delivered: delivered.length,
      lagMs: summarize(Float64Array.from(delivered.map((entry) => entry.firstOkAt! - Date.parse(entry.timestamp)))),
      queuedToArrivalMs: summarize(Float64Array.from(queuedToArrival)),
      firstAttemptsRefused: [...arrivals.values()].filter((entry) => entry.attempts > entry.okCount).length,
      arrivalsAfterSuccess: delivered.reduce((sum, entry) => sum + entry.okCount - 1, 0),
      badSignatures,
    };

    const failures: string[] = [];
    if (inbound.failed > 0) failures.push(`${inbound.failed} events failed`);
    if (inbound.done + inbound.superseded !== planned.length) failures.push(`${inbound.done + inbound.superseded} events applied of ${planned.length} distinct`);
    if (inbound.duplicatesAnswered !== replays.length) failures.push(`${inbound.duplicatesAnswered} replays answered as duplicates of ${replays.length}`);
    if (inbound.conversations !== trips) failures.push(`${inbound.conversations} conversations for ${trips} trips`);
    if (inbound.tripsAtNewestVersion !== trips) failures.push(`${trips - inbound.tripsAtNewestVersion} trips not at their newest version`);
    if (webhooks.delivered !== expected) failures.push(`${webhooks.delivered} webhooks delivered of ${expected}`);
    if (webhooks.badSignatures > 0) failures.push(`${webhooks.badSignatures} webhooks with a bad signature`);

    const report: IntegrationsReport = {
      profile: 'integrations',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      commit: commit(),
      machine: { calibration },
      plan: { events: planned.length, trips, concurrency, replays: replays.length, steadyEvents, steadyPerSec },
      steady,
      inbound,
      webhooks,
      failures,
    };
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    writeFileSync(join(resultsDir, `integrations-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(resultsDir, `integrations-${stamp}.md`), markdown(report));
    writeFileSync(join(resultsDir, 'integrations-latest.md'), markdown(report));
    process.stdout.write(markdown(report));
    return failures.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}
