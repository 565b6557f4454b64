// `make bench PROFILE=assign`: runs the balancer's time-to-assign steps against one chat process and
// two balancers in the bench's isolated environment, judges each step and writes the reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, createPgPool, createRedis, onlineAgents, repoRoot, type Logger, type PgPool } from '@smartchat/platform';
import { commit } from '../assemble.js';
import { startBalancer, type BalancerNode } from '../balancers.js';
import { startBenchRedis } from '../bench-redis.js';
import { startChatNode, stopChild } from '../chat-nodes.js';
import { DEPENDENCIES, dependencyPid } from '../dependencies.js';
import { prepareEnvironment } from '../environment.js';
import { measureMachine } from '../calibration.js';
import { CleanupStack, deadline, log, sleep } from '../orchestration.js';
import { Sampler } from '../sampler.js';
import { summarize } from '../stats.js';
import { AssignmentLog } from './assignments.js';
import { balancerStepFigures, snapshotBalancers } from './balancer-metrics.js';
import { describeAssignPlan, resolveAssignPlan, type AssignPlan, type StepKind } from './plan.js';
import type { ArrivalsConfig, FromArrivals, StepArrivals, ToArrivals } from './protocol.js';
import { headlineOf, writeAssignReport, type AssignReport, type AssignStep } from './report.js';

/** Past a step's limit, how long to wait for events Postgres shows assigned but the outbox relay has not carried yet. */
const RELAY_SLACK_MS = 5000;
/** Longest wait for an empty queue before a step: more than one sweep period of the balancers. */
const DRAIN_LIMIT_MS = 45_000;
/** Above this much CPU of processes outside the bench (100% = one core), the figures are suspect. */
const OTHER_CPU_WARNING_PERCENT = 25;

type Answer<T extends FromArrivals['type']> = Extract<FromArrivals, { type: T }>;

/** The orchestrator's side of the IPC channel: one order at a time, each awaited by the answer's type. */
class ArrivalsChannel {
  private readonly waiting = new Map<string, { resolve: (message: FromArrivals) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromArrivals) => {
      if (message.type === 'log') return void process.stdout.write(`[arrivals] ${message.text}\n`);
      if (message.type === 'fatal') return this.fail(new Error(`the arrivals generator failed: ${message.error}`));
      const waiter = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      waiter?.resolve(message);
    });
    child.once('exit', (code, signal) => this.fail(new Error(`the arrivals generator exited (${code ?? signal})`)));
  }

  request<T extends FromArrivals['type']>(order: ToArrivals, answer: T, timeoutMs: number): Promise<Answer<T>> {
    const answered = new Promise<Answer<T>>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting.set(answer, { resolve: resolve as (message: FromArrivals) => void, reject });
      this.child.send(order);
    });
    return deadline(answered, timeoutMs, `the arrivals generator's ${answer}`);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** One default team with every agent in it, and a capacity nobody can reach in this run. */
async function staffTeam(pg: PgPool, plan: AssignPlan): Promise<string> {
  const { rows } = await pg.query<{ id: string }>(`INSERT INTO teams (name, is_default) VALUES ('Bench team', true) RETURNING id`);
  const teamId = rows[0]!.id;
  await pg.query('UPDATE agents SET capacity = $1', [plan.capacity]);
  await pg.query('INSERT INTO team_members (team_id, agent_id) SELECT $1, id FROM agents', [teamId]);
  return teamId;
}

/** Agents online as the balancers judge it: the chat processes' presence entries in Redis. */
async function agentsOnline(pg: PgPool, redisUrl: string, logger: Logger): Promise<number> {
  const { rows } = await pg.query<{ id: string }>('SELECT id FROM agents');
  const redis = createRedis({ url: redisUrl, logger, name: 'smartchat-bench' });
  try {
    return (await onlineAgents(redis, rows.map((row) => row.id))).size;
  } finally {
    redis.disconnect();
  }
}

function pick(source: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (source[name] ? [[name, source[name]]] : [])));
}

interface StepContext {
  plan: AssignPlan;
  pg: PgPool;
  assignments: AssignmentLog;
  arrivals: ArrivalsChannel;
  balancers: BalancerNode[];
  sampler: Sampler;
  /** Epoch ms the first step started, once it has. */
  origin: number | null;
  nextIndex: number;
  /** Per step, every conversation judged without its event: looked up again at the end of the run. */
  withoutEvent: Map<AssignStep, string[]>;
}

/** Waits until every conversation of the step is assigned, or the limit passed and nothing assigned is still on its way through the relay. */
async function settle(context: StepContext, arrivals: StepArrivals): Promise<void> {
  const { assignments, pg } = context;
  const limitAt = arrivals.endsAt + context.plan.assignedWithinMs;
  for (;;) {
    const missing = arrivals.opened.filter((id) => !assignments.byConversation.has(id));
    if (missing.length === 0) return;
    const now = Date.now();
    if (now >= limitAt) {
      const { rows } = await pg.query<{ assigned: number }>('SELECT count(*)::int AS assigned FROM conversations WHERE id = ANY($1::uuid[]) AND assignee_id IS NOT NULL', [missing]);
      if (rows[0]!.assigned === 0 || now >= limitAt + RELAY_SLACK_MS) return;
    }
    await sleep(100);
  }
}

async function runStep(context: StepContext, kind: StepKind, ratePerSec: number, durationS: number): Promise<AssignStep> {
  const { plan, pg, assignments, sampler } = context;
  const urls = context.balancers.map((balancer) => balancer.url);
  const before = await snapshotBalancers(urls);
  const index = context.nextIndex++;
  const label = `${kind} ${ratePerSec < 10 ? ratePerSec.toFixed(2) : ratePerSec}/s for ${durationS} s`;
  log(`step ${label}`);
  const { result } = await context.arrivals.request({ type: 'step', step: { index, ratePerSec, durationS } }, 'step-done', (durationS + 60) * 1000);
  context.origin ??= result.startedAt;
  await settle(context, result);
  const judgedAt = Date.now();
  const after = await snapshotBalancers(urls);
  const limitAt = result.endsAt + plan.assignedWithinMs;

  const values: number[] = [];
  let assigned = 0;
  let withinLimit = 0;
  const missing: string[] = [];
  for (const id of result.opened) {
    const assignment = assignments.byConversation.get(id);
    if (!assignment) {
      missing.push(id);
      continue;
    }
    assigned += 1;
    values.push(assignment.assignedAt - assignment.queuedAt);
    if (assignment.assignedAt <= limitAt) withinLimit += 1;
  }
  let stillQueued = 0;
  const withoutEvent: string[] = [];
  if (missing.length > 0) {
    // created_at and queued_at are both now() of the opening transaction; updated_at is set by the assigning one.
    const { rows } = await pg.query<{ id: string; assignee_id: string | null; queued_at: Date | null; created_at: Date; updated_at: Date }>(
      'SELECT id, assignee_id, queued_at, created_at, updated_at FROM conversations WHERE id = ANY($1::uuid[])',
      [missing],
    );
    for (const row of rows) {
      if (row.assignee_id === null) {
        stillQueued += 1;
        values.push(judgedAt - (row.queued_at ?? row.created_at).getTime());
      } else {
        withoutEvent.push(row.id);
        assigned += 1;
        values.push(row.updated_at.getTime() - row.created_at.getTime());
        if (row.updated_at.getTime() <= limitAt) withinLimit += 1;
      }
    }
  }

  const timeToAssignMs = summarize(Float64Array.from(values));
  const conversations = result.opened.length;
  const share = conversations > 0 ? withinLimit / conversations : 0;
  const judged = kind !== 'warm-up';
  const reasons: string[] = [];
  if (conversations === 0) reasons.push('no conversation opened');
  if (timeToAssignMs.p99 > plan.p99LimitMs) reasons.push(`p99 ${timeToAssignMs.p99} ms > ${plan.p99LimitMs} ms`);
  if (share < plan.minAssignedShare) reasons.push(`${Math.round(share * 1000) / 10}% assigned within ${plan.assignedWithinMs / 1000} s`);
  if (result.errors.total > 0) reasons.push(`${result.errors.total} POST errors`);

  const figures = sampler.figures(result.startedAt, result.endsAt);
  const cpuPercent = Object.fromEntries(figures.map((entry) => [entry.name, entry.cpuPercentAvg]));
  const machine = sampler.machineBusyPercent(result.startedAt, result.endsAt);
  cpuPercent.other = Math.max(0, Math.round(machine.busyPercent * machine.cores - figures.reduce((sum, entry) => sum + entry.cpuPercentAvg, 0)));

  const step: AssignStep = {
    kind,
    ratePerSec: Math.round(ratePerSec * 1000) / 1000,
    ratePerHour: Math.round(ratePerSec * 3600),
    durationS,
    startS: Math.round((result.startedAt - context.origin) / 100) / 10,
    scheduled: result.scheduled,
    conversations,
    assigned,
    assignedWithinLimit: withinLimit,
    assignedWithinLimitShare: Math.round(share * 10_000) / 10_000,
    stillQueued,
    fromPostgres: withoutEvent.length,
    eventsNeverArrived: 0,
    withoutEvent: withoutEvent.slice(0, 20),
    timeToAssignMs,
    openLatencyMs: summarize(Float64Array.from(result.openLatencyMs)),
    errors: result.errors,
    balancers: balancerStepFigures(
      context.balancers.map((balancer) => balancer.name),
      before,
      after,
    ),
    cpuPercent,
    machineBusyPercent: machine.busyPercent,
    generatorMaxLagMs: result.maxLagMs,
    queueDrainedInS: 0,
    judged,
    good: judged && reasons.length === 0,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
  context.withoutEvent.set(step, withoutEvent);
  const t = step.timeToAssignMs;
  log(
    `  ${conversations} opened, ${result.errors.total} errors; time-to-assign p50 ${t.p50} ms, p99 ${t.p99} ms, max ${t.max} ms; ` +
      `${Math.round(share * 1000) / 10}% assigned within ${plan.assignedWithinMs / 1000} s; POST p99 ${step.openLatencyMs.p99} ms; machine busy ${machine.busyPercent}%` +
      (judged ? ` — ${step.good ? 'good' : `not good: ${step.reason}`}` : ' (warm-up)'),
  );
  return step;
}

/** Waits until no conversation is queued (the backlog of a bad step), so that the next step starts from an empty queue. */
async function drain(pg: PgPool, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pg.query<{ queued: number }>('SELECT count(*)::int AS queued FROM conversations WHERE queued_at IS NOT NULL');
    if (rows[0]!.queued === 0) return true;
    if (Date.now() > until) return false;
    await sleep(250);
  }
}

/**
 * Prepares the environment, staffs one default team, starts one chat process, the balancers and the
 * arrivals generator (each its own OS process), runs the steps of plan.ts and judges each from the
 * Kafka `conversation.assigned` events. Resolves with the exit code: 0 when the run completed
 * (whatever the figures say), 2 when the bench itself failed.
 */
export async function runAssignBench(): Promise<number> {
  const plan = resolveAssignPlan(process.env);
  const keep = process.env.BENCH_KEEP === '1';
  const resultsDir = join(repoRoot, 'bench-results');
  const logDir = join(resultsDir, 'logs', 'assign');
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const runId = randomBytes(4).toString('hex');
  const cleanups = new CleanupStack();
  const warnings: string[] = [];

  try {
    log(`profile assign: ${describeAssignPlan(plan)}`);
    const redis = await deadline(
      startBenchRedis({ shared: process.env.BENCH_SHARED_REDIS === '1', sharedDb: Number(process.env.BENCH_REDIS_DB ?? '13'), sharedPid: dependencyPid('redis'), logDir, logger }),
      60_000,
      'starting redis',
    );
    cleanups.push('stopping the bench redis', () => redis.stop());
    log(redis.private ? `redis: private server pid ${redis.pid} at ${redis.url}` : `redis: shared server, ${redis.url} (flushed)`);
    const env = await deadline(prepareEnvironment({ agents: plan.agents, redisUrl: redis.url, logger, log }), 240_000, 'preparing the environment');
    cleanups.push('tearing down the environment', () => env.teardown(keep));
    const calibration = await measureMachine(log);
    const pg = createPgPool({ url: env.chatEnv.SMARTCHAT_PG_URL!, logger, max: 2, applicationName: 'smartchat-bench' });
    cleanups.push('closing the bench pool', () => pg.end());
    const teamId = await staffTeam(pg, plan);
    log(`team: one default team, ${plan.agents} agents of capacity ${plan.capacity}`);

    const assignments = await deadline(
      AssignmentLog.start({ brokers: env.chatEnv.SMARTCHAT_KAFKA_BROKERS!.split(','), teamId, groupId: `smartchat-bench-assign-${runId}`, logger }),
      60_000,
      'starting the kafka consumer',
    );
    cleanups.push('stopping the kafka consumer', () => assignments.stop());

    const balancerEnv = { ...env.chatEnv, ...pick(process.env, ['SMARTCHAT_BALANCER_CONCURRENCY', 'SMARTCHAT_BALANCER_SWEEP_MS']) };
    // Each process is handed to the cleanups the moment it is ready, and every start is awaited
    // before a failure is thrown, so a process that started next to a failed one is stopped too.
    const chatStart = startChatNode('chat-1', env.chatEnv, logDir, 90_000).then((node) => {
      cleanups.push(`stopping ${node.name}`, () => node.stop());
      return node;
    });
    const balancerStarts = Array.from({ length: plan.balancers }, (_, index) =>
      startBalancer(`balancer-${index + 1}`, balancerEnv, logDir, 90_000).then((balancer) => {
        cleanups.push(`stopping ${balancer.name}`, () => balancer.stop());
        return balancer;
      }),
    );
    const settled = await Promise.allSettled([chatStart, ...balancerStarts]);
    const failedStart = settled.find((entry): entry is PromiseRejectedResult => entry.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    const chat = await chatStart;
    const balancers = await Promise.all(balancerStarts);
    log(`ready: ${chat.name} pid ${chat.pid} ${chat.url}; ${balancers.map((balancer) => `${balancer.name} pid ${balancer.pid} ${balancer.url}`).join(', ')}`);

    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/bench/src/assign/arrivals.ts')], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    cleanups.push('stopping the arrivals generator', () => stopChild(child, 5000));
    const arrivals = new ArrivalsChannel(child);
    const config: ArrivalsConfig = { node: chat.url, agents: env.agents, customerTokenSecret: env.customerTokenSecret, runId };
    const ready = await arrivals.request({ type: 'start', config }, 'ready', 120_000);
    // Presence is written as each socket connects; the pause lets the last ones land and the
    // "came online" jobs they cause pass before anything is measured.
    await sleep(3000);
    const online = await agentsOnline(pg, redis.url, logger);
    log(`agents: ${ready.agents} sockets connected, ${online} online in Redis`);
    if (online < plan.agents) warnings.push(`only ${online} of ${plan.agents} agents were online before the first step.`);

    const sampler = new Sampler();
    sampler.track(chat.name, chat.pid);
    for (const balancer of balancers) sampler.track(balancer.name, balancer.pid);
    sampler.track('arrivals', child.pid!);
    if (redis.private && redis.pid) sampler.track('redis (bench)', redis.pid);
    const dependencies = new Map<string, number>();
    for (const name of DEPENDENCIES.filter((name) => !(redis.private && name === 'redis'))) {
      const pid = dependencyPid(name);
      if (pid) dependencies.set(name, pid);
      if (pid) sampler.track(name, pid);
    }
    sampler.start();

    const context: StepContext = { plan, pg, assignments, arrivals, balancers, sampler, origin: null, nextIndex: 0, withoutEvent: new Map() };
    const steps: AssignStep[] = [];
    const budgetEnd = Date.now() + plan.capS * 1000;
    // A step needs its schedule plus the judgement's worst case (limit and relay slack).
    const fits = (durationS: number) => Date.now() + (durationS * 1000 + plan.assignedWithinMs + RELAY_SLACK_MS) <= budgetEnd;
    const next = async (kind: StepKind, ratePerSec: number, durationS: number): Promise<AssignStep | string> => {
      // Only the stragglers of a good step are expected here. A backlog of over 1,000 can wait for
      // the balancers' sweep (every 30 s): a pass takes at most 1,000 waiting conversations and
      // nothing asks for another once arrivals pause.
      const drainStarted = Date.now();
      if (!(await drain(pg, DRAIN_LIMIT_MS))) return `the queue did not drain within ${DRAIN_LIMIT_MS / 1000} s after the previous step`;
      const drainedInS = Math.round((Date.now() - drainStarted) / 100) / 10;
      if (drainedInS >= 1) log(`the queue drained in ${drainedInS} s`);
      if (!fits(durationS)) return `the time cap (BENCH_CAP_S=${plan.capS}) left no room for ${ratePerSec}/s`;
      const step = await runStep(context, kind, ratePerSec, durationS);
      step.queueDrainedInS = drainedInS;
      steps.push(step);
      return step;
    };

    let stoppedBecause = '';
    if (plan.warmup.durationS > 0) {
      const warm = await next('warm-up', plan.warmup.ratePerSec, plan.warmup.durationS);
      if (typeof warm === 'string') throw new Error(warm);
    }
    const peak = await next('case-peak', plan.casePeak.ratePerSec, plan.casePeak.durationS);
    if (typeof peak === 'string') throw new Error(peak);
    if (!peak.good) {
      stoppedBecause = `the case's peak step was not good (${peak.reason})`;
    } else {
      for (const rate of plan.ramp.ratesPerSec) {
        const step = await next('ramp', rate, plan.ramp.stepS);
        if (typeof step === 'string') {
          stoppedBecause = step;
          break;
        }
        if (!step.good) {
          stoppedBecause = `${rate}/s was not good (${step.reason})`;
          break;
        }
      }
      stoppedBecause ||= `every planned step was good, up to ${plan.ramp.ratesPerSec.at(-1)}/s (BENCH_ASSIGN_RATES sets the steps)`;
    }
    sampler.stop();
    const stopped = await arrivals.request({ type: 'stop' }, 'stopped', 15_000);

    const judged = steps.filter((step) => step.judged);
    const good = judged.filter((step) => step.good).sort((a, b) => b.ratePerSec - a.ratePerSec);
    const bad = judged.filter((step) => !step.good).sort((a, b) => a.ratePerSec - b.ratePerSec);
    const firstJudged = judged[0];
    const from = firstJudged ? context.origin! + firstJudged.startS * 1000 : Date.now();
    const lastJudged = judged.at(-1);
    const to = lastJudged ? context.origin! + (lastJudged.startS + lastJudged.durationS) * 1000 : Date.now();
    const machine = sampler.machineBusyPercent(from, to);
    const processes = sampler.figures(from, to);

    for (const [name, pid] of dependencies) {
      const now = dependencyPid(name);
      if (now !== pid) warnings.push(`${name} was restarted or stopped during the run (pid ${pid} -> ${now ?? 'none'}): the figures are disturbed.`);
    }
    if (stopped.socketDisconnects > 0) warnings.push(`${stopped.socketDisconnects} agent sockets were disconnected during the run: agents may have gone offline (see the chat log in ${logDir}).`);
    // Minutes later for the early steps: an event still missing now was not late but lost.
    for (const [step, ids] of context.withoutEvent) step.eventsNeverArrived = ids.filter((id) => !assignments.byConversation.has(id)).length;
    const unrelayed = judged.filter((step) => step.fromPostgres > 0);
    if (unrelayed.length > 0) {
      const where = unrelayed.map((step) => `${step.fromPostgres} at ${step.ratePerSec}/s, ${step.eventsNeverArrived} of them never`).join('; ');
      warnings.push(
        `conversation.assigned events missing on Kafka ${RELAY_SLACK_MS / 1000} s after their step's limit although Postgres shows the assignment (${where} by the end of the run): ` +
          `their time was read from Postgres (updated_at − created_at). Events that never arrive were lost between the outbox and Kafka.`,
      );
    }
    if (assignments.unexpected > 0) warnings.push(`${assignments.unexpected} assignment events of the bench's team were not automatic assignments from the queue.`);
    const lagging = judged.filter((step) => step.generatorMaxLagMs > 100);
    if (lagging.length > 0) warnings.push(`the arrivals generator fell behind its schedule (up to ${Math.max(...lagging.map((step) => step.generatorMaxLagMs))} ms at ${lagging.map((step) => `${step.ratePerSec}/s`).join(', ')}): arrivals bunched up.`);
    const otherCpu = Math.max(0, Math.round(machine.busyPercent * machine.cores - processes.reduce((sum, entry) => sum + entry.cpuPercentAvg, 0)));
    if (otherCpu > OTHER_CPU_WARNING_PERCENT) warnings.push(`processes outside the bench used ${otherCpu}% CPU (100% = one core) during the steps: the figures are disturbed; rerun on a quiet machine.`);

    const peakStep = judged.find((step) => step.kind === 'case-peak') ?? null;
    const report: AssignReport = {
      profile: 'assign',
      description: describeAssignPlan(plan),
      startedAt: startedAt.toISOString(),
      commit: commit(),
      wallClockS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      setup: {
        chatProcesses: 1,
        balancerProcesses: balancers.length,
        agents: plan.agents,
        capacity: plan.capacity,
        limits: { p99Ms: plan.p99LimitMs, assignedWithinMs: plan.assignedWithinMs, minAssignedShare: plan.minAssignedShare },
      },
      atCasePeak: peakStep ? { ...headlineOf(peakStep), good: peakStep.good, reason: peakStep.reason } : null,
      highestSustained: good[0] ? headlineOf(good[0]) : null,
      firstBad: bad[0] ? { ratePerSec: bad[0].ratePerSec, reason: bad[0].reason ?? '' } : null,
      stoppedBecause,
      steps,
      processes,
      machine: { cores: machine.cores, busyPercentAvg: machine.busyPercent, calibration },
      warnings,
    };
    // The teardown comes after the report, so the wall clock is the run's up to here.
    const written = writeAssignReport(resultsDir, report);
    process.stdout.write(`\n${written.text}\n`);
    log(`reports: ${written.json}, ${written.latest}, ${written.markdown}, ${written.svg}; process logs in ${logDir}`);
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}
