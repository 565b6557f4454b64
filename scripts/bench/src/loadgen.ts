// The load generator: its own process, started by run.ts with an IPC channel. Agents log in,
// customers arrive and open conversations, messages flow at the profile's rate, then everything is
// verified against the sockets and Cassandra, idle sockets are connected for the memory figure, and
// the result goes back to the orchestrator.
import { connectCassandra, createCassandraClient, createLogger } from '@smartchat/platform';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { measureIdleSockets } from './loadgen/idle.js';
import { STATE_ACCEPTED } from './loadgen/ledger.js';
import { Participants } from './loadgen/participants.js';
import { runMax, runSeed, type PlanContext } from './loadgen/plan.js';
import { Traffic } from './loadgen/traffic.js';
import { checkLedger, lostAndDuplicated, ProblemCollector, readBackStore, settle } from './loadgen/verify.js';
import type { LoadgenMessage, LoadResult, OrchestratorMessage, PhaseName } from './protocol.js';
import { summarize } from './stats.js';

const send = (message: LoadgenMessage) => process.send?.(message);
const log = (text: string) => send({ type: 'log', text });

const inbox: OrchestratorMessage[] = [];
const waiters: (() => void)[] = [];
process.on('message', (message: OrchestratorMessage) => {
  inbox.push(message);
  waiters.splice(0).forEach((wake) => wake());
});
// The orchestrator went away: nothing left to report to.
process.on('disconnect', () => process.exit(3));

async function next<T extends OrchestratorMessage['type']>(type: T, timeoutMs: number): Promise<Extract<OrchestratorMessage, { type: T }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = inbox.findIndex((message) => message.type === type);
    if (index >= 0) return inbox.splice(index, 1)[0] as Extract<OrchestratorMessage, { type: T }>;
    if (Date.now() > deadline) throw new Error(`no ${type} from the orchestrator within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 1000);
    });
  }
}

async function main(): Promise<void> {
  const { config } = await next('start', 30_000);
  const { profile } = config;
  const startedAtMs = Date.now();
  const cap = setTimeout(() => {
    send({ type: 'fatal', error: `load generator exceeded its cap of ${profile.capS} s` });
    process.exit(2);
  }, profile.capS * 1000);

  let origin = performance.now();
  const clock = () => performance.now() - origin;
  const participants = new Participants(config, log);
  const traffic = new Traffic(clock, `b${config.runId}_`, participants.agents, profile.maxInFlight, log);

  log(`connecting ${config.agents.length} agents`);
  await participants.connectAgents((socket, socketId) => traffic.attachSocket(socket, socketId, 'agent'));
  if (profile.openBeforeLoad) {
    log(`opening ${profile.conversations} conversations at ${profile.openPerSec}/s`);
    await participants.openAtRate(profile.conversations, profile.openPerSec, traffic);
  }

  origin = performance.now();
  const ticker = setInterval(() => traffic.tick(), 10);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const loop = { p99: 0, max: 0 };
  const phase = (name: PhaseName) => {
    send({ type: 'phase', phase: name });
    if (name === 'window-start') loopDelay.reset();
    if (name === 'window-end') {
      loop.p99 = loopDelay.percentile(99) / 1e6;
      loop.max = loopDelay.max / 1e6;
    }
  };
  const context: PlanContext = {
    profile,
    traffic,
    participants,
    clock,
    phase,
    log,
    loadDeadlineMs: profile.capS * 1000 - (Date.now() - startedAtMs) - profile.settleS * 1000 - 30_000,
  };
  phase('load-start');
  const plan = profile.ramp ? await runMax(context) : await runSeed(context);
  phase('load-end');
  const loadEndedAt = clock();

  log('waiting for deliveries to settle');
  const settledInMs = await settle(traffic, profile.settleS * 1000);
  clearInterval(ticker);
  loopDelay.disable();

  log('reading the messages back from Cassandra');
  const cql = createCassandraClient({ contactPoints: config.cassandra.contactPoints, localDataCenter: config.cassandra.localDataCenter });
  await connectCassandra(cql, createLogger({ service: 'bench', level: 'warn' }), AbortSignal.timeout(30_000));
  const problems = new ProblemCollector();
  const store = await readBackStore(cql, config.cassandra.keyspace, traffic, startedAtMs, problems).finally(() => cql.shutdown());
  const verification = checkLedger(traffic, store, settledInMs, problems);
  const totals = lostAndDuplicated(traffic);

  let idle: LoadResult['idle'];
  if (profile.idleSockets > 0) {
    log(`idle sockets: ${profile.idleSockets} for the memory figure`);
    idle = await measureIdleSockets(participants, config.nodes, config.runId, profile.idleSockets, { send, next });
  }

  traffic.stop();
  participants.disconnectAll();

  const { ledger } = traffic;
  let accepted = 0;
  for (let seq = 0; seq < ledger.size; seq += 1) if (ledger.state[seq] === STATE_ACCEPTED) accepted += 1;
  const { window } = plan;
  // Throughput counts the messages sent in the window that reached the other party (however late:
  // the latency figures judge lateness). Counting arrivals inside the window instead would always
  // come out short of the rate by the messages still in flight when the window closes.
  let deliveredOfWindow = 0;
  for (let seq = window.fromSeq; seq < window.toSeq; seq += 1) if (ledger.deliveredAt[seq]! > 0) deliveredOfWindow += 1;
  const result: LoadResult = {
    window: { startS: round(window.startS), endS: round(window.endS), durationS: round(window.durationS), ratePerSec: round(window.ratePerSec) },
    throughputPerSec: round(deliveredOfWindow / window.durationS),
    sentPerSec: round((window.toSeq - window.fromSeq) / window.durationS),
    latencyMs: summarize(ledger.latencies(window.fromSeq, window.toSeq)),
    ackLatencyMs: summarize(ledger.ackLatencies(window.fromSeq, window.toSeq)),
    sent: ledger.size,
    accepted,
    delivered: totals.delivered,
    lost: totals.lost,
    duplicated: totals.duplicated,
    errors: { total: traffic.errorsTotal, byCode: Object.fromEntries(traffic.errorsByCode) },
    verification,
    conversations: traffic.conversations.filter((conversation) => conversation !== undefined).length,
    agents: participants.agents.length,
    timeline: traffic.timeline.points(loadEndedAt),
    ...(plan.steps ? { steps: plan.steps } : {}),
    ...(plan.sustain ? { sustain: plan.sustain } : {}),
    loadgen: { eventLoopDelayP99Ms: round(loop.p99), eventLoopDelayMaxMs: round(loop.max), maxInFlight: traffic.maxInFlightSeen, heldBack: traffic.heldBack, socketDisconnects: traffic.socketDisconnects },
    ...(idle ? { idle } : {}),
  };
  clearTimeout(cap);
  await new Promise<void>((resolve) => (process.send ? process.send({ type: 'result', result } satisfies LoadgenMessage, () => resolve()) : resolve()));
}

const round = (value: number) => Math.round(value * 100) / 100;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'fatal', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    setTimeout(() => process.exit(2), 200);
  },
);
