// `make bench PROFILE=mail`: the e-mail channel. Runs one chat process, one balancer and the mail
// role in the bench's isolated environment on an events topic of the run's own, relays customer mail
// to the mail role's SMTP listener in steps (intake), then posts agent replies and reads them back
// from the customers' mailboxes on the local mail server (outbound), and writes the reports.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localMailServer } from '@smartchat/mail/testing';
import { createKafka, createLogger, createPgPool, repoRoot, type Logger } from '@smartchat/platform';
import { commit } from '../assemble.js';
import { startBalancer } from '../balancers.js';
import { startBenchRedis } from '../bench-redis.js';
import { startChatNode } from '../chat-nodes.js';
import { measureMachine } from '../calibration.js';
import { DEPENDENCIES, dependencyPid } from '../dependencies.js';
import { prepareEnvironment } from '../environment.js';
import { startMailNode } from '../mail-nodes.js';
import { CleanupStack, deadline, log } from '../orchestration.js';
import { Sampler } from '../sampler.js';
import { prepareDesk } from './desk.js';
import { MessageEvents } from './events.js';
import { IntakeDriver } from './intake.js';
import { describeMailPlan, intakeSteps, resolveMailPlan } from './plan.js';
import { ReceiptLog } from './receipts.js';
import { writeMailReport, type IntakeStep, type MailReport, type OutboundStep } from './report.js';
import { runIntakeStep, runOutboundStep, type MailRun } from './steps.js';

/** Above this much CPU of processes outside the bench (100% = one core), the figures are suspect. */
const OTHER_CPU_WARNING_PERCENT = 25;
const EVENTS_PARTITIONS = 12;

/** The run's own events topic (and the consumer groups on it), deleted when the run ends. */
export async function createEventsTopic(brokers: string[], topic: string, logger: Logger): Promise<(groups: string[]) => Promise<void>> {
  const kafka = createKafka({ brokers, clientId: 'smartchat-bench', logger });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: EVENTS_PARTITIONS, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
  return async (groups) => {
    const remover = kafka.admin();
    await remover.connect();
    try {
      await remover.deleteGroups(groups).catch(() => undefined);
      await remover.deleteTopics({ topics: [topic] });
    } finally {
      await remover.disconnect();
    }
  };
}

function intakeFailures(step: IntakeStep, drainS: number): string[] {
  const failures: string[] = [];
  const at = `intake ${step.label}`;
  if (step.absent > 0) failures.push(`${at}: ${step.absent} messages answered 250 over SMTP have no mail_received record (lost)`);
  if (step.stillStored > 0) failures.push(`${at}: ${step.stillStored} messages still 'stored' ${drainS} s after the step (not processed)`);
  if (step.notVisible > 0) failures.push(`${at}: ${step.notVisible} messages processed into a conversation never became readable (no message.created event within ${drainS} s)`);
  if (step.misthreaded > 0) failures.push(`${at}: ${step.misthreaded} messages ended with the wrong outcome (a first message that did not open a conversation, or an answer not joined to its thread)`);
  return failures;
}

function outboundFailures(step: OutboundStep, drainS: number): string[] {
  const failures: string[] = [];
  if (step.notSent > 0) failures.push(`outbound: ${step.notSent} of ${step.posted} accepted replies not sent within ${drainS} s (${Object.entries(step.states).map(([state, count]) => `${state} ${count}`).join(', ')})`);
  const inbox = step.inboxes;
  if (inbox && (inbox.missing > 0 || inbox.unexpected > 0 || inbox.wrongInReplyTo > 0)) {
    failures.push(`outbound: customers' mailboxes do not hold exactly the sent replies: ${inbox.missing} missing, ${inbox.unexpected} unexpected, ${inbox.wrongInReplyTo} with a wrong In-Reply-To`);
  }
  return failures;
}

/**
 * Resolves with the exit code: 0 when the run completed, 1 when a received message was lost, not
 * processed or not readable, or a reply was not sent or not received as sent, 2 when the bench
 * itself failed.
 */
export async function runMailBench(): Promise<number> {
  const plan = resolveMailPlan(process.env);
  const keep = process.env.BENCH_KEEP === '1';
  const resultsDir = join(repoRoot, 'bench-results');
  const logDir = join(resultsDir, 'logs', 'mail');
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const runId = randomBytes(4).toString('hex');
  const topic = `smartchat-bench-mail-${runId}`;
  const mailGroup = `smartchat-bench-mail-${runId}`;
  const eventsGroup = `smartchat-bench-mail-events-${runId}`;
  const support = `support-${runId}@desk.bench.example`;
  const mailServer = localMailServer.smtp;
  const cleanups = new CleanupStack();
  const warnings: string[] = [];

  try {
    log(`profile mail: ${describeMailPlan(plan)}`);
    const redis = await deadline(
      startBenchRedis({ shared: process.env.BENCH_SHARED_REDIS === '1', sharedDb: Number(process.env.BENCH_REDIS_DB ?? '13'), sharedPid: dependencyPid('redis'), logDir, logger }),
      60_000,
      'starting redis',
    );
    cleanups.push('stopping the bench redis', () => redis.stop());
    const env = await deadline(prepareEnvironment({ agents: 1, redisUrl: redis.url, logger, log }), 240_000, 'preparing the environment');
    cleanups.push('tearing down the environment', () => env.teardown(keep));
    const calibration = await measureMachine(log);
    const pg = createPgPool({ url: env.chatEnv.SMARTCHAT_PG_URL!, logger, max: 2, applicationName: 'smartchat-bench' });
    cleanups.push('closing the bench pool', () => pg.end());
    // Received mail and its files are blobs: a directory of the run's own, not the shared var/blobs.
    const blobDir = mkdtempSync(join(tmpdir(), 'smartchat-bench-mail-'));
    cleanups.push('removing the blob directory', async () => (keep ? undefined : rmSync(blobDir, { recursive: true, force: true })));
    const brokers = env.chatEnv.SMARTCHAT_KAFKA_BROKERS!.split(',');
    const removeTopic = await deadline(createEventsTopic(brokers, topic, logger), 60_000, 'creating the events topic');
    cleanups.push(`deleting topic ${topic}`, () => removeTopic([mailGroup]));
    log(`kafka: events topic ${topic} (${EVENTS_PARTITIONS} partitions)`);
    const events = await deadline(MessageEvents.start({ brokers, topic, groupId: eventsGroup, logger }), 60_000, 'starting the kafka consumer');
    cleanups.push('stopping the kafka consumer', () => events.stop());

    const runEnv: Record<string, string> = {
      ...env.chatEnv,
      // The mail role must read the topic the chat process writes (and the balancer relays to).
      SMARTCHAT_EVENTS_TOPIC: topic,
      SMARTCHAT_BLOB_DIR: blobDir,
      SMARTCHAT_SECRET_KEYS: env.chatEnv.SMARTCHAT_SECRET_KEYS || `bench:${randomBytes(32).toString('base64')}`,
    };
    const mailEnv: Record<string, string> = {
      ...runEnv,
      SMARTCHAT_MAIL_EVENTS_GROUP: mailGroup,
      // Each customer address opens messages / (2 × senders) conversations within a minute here;
      // the per-customer limit (20 an hour by default) guards against abuse, not against this.
      SMARTCHAT_CUSTOMER_OPENS_PER_HOUR: '100000',
    };
    // Each process is handed to the cleanups the moment it is ready, and every start is awaited
    // before a failure is thrown, so a process that started next to a failed one is stopped too.
    const stopLater = <T extends { name: string; stop(): Promise<void> }>(node: T): T => {
      cleanups.push(`stopping ${node.name}`, () => node.stop());
      return node;
    };
    const chatStart = startChatNode('chat-1', runEnv, logDir, 90_000).then(stopLater);
    const balancerStart = startBalancer('balancer-1', runEnv, logDir, 90_000).then(stopLater);
    const mailStart = startMailNode('mail', mailEnv, logDir, 90_000).then(stopLater);
    const failedStart = (await Promise.allSettled([chatStart, balancerStart, mailStart])).find((entry): entry is PromiseRejectedResult => entry.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    const [chat, balancer, mail] = await Promise.all([chatStart, balancerStart, mailStart]);
    log(`ready: ${chat.name} pid ${chat.pid} ${chat.url}; ${balancer.name} pid ${balancer.pid}; ${mail.name} pid ${mail.pid} ops ${mail.url}, SMTP 127.0.0.1:${mail.smtpPort}`);

    const desk = await prepareDesk({ pg, node: chat.url, agent: env.agents[0]!, support, mailServer });
    log(`desk: mailbox ${support} (SMTP relay in, ${mailServer.host}:${mailServer.port} out), team ${desk.teamId}`);

    const sampler = new Sampler();
    sampler.track(chat.name, chat.pid);
    sampler.track(mail.name, mail.pid);
    sampler.track(balancer.name, balancer.pid);
    if (redis.private && redis.pid) sampler.track('redis (bench)', redis.pid);
    const dependencies = new Map<string, number>();
    for (const name of [...DEPENDENCIES.filter((name) => !(redis.private && name === 'redis')), 'greenmail']) {
      const pid = dependencyPid(name);
      if (!pid) continue;
      dependencies.set(name, pid);
      sampler.track(name, pid);
    }
    sampler.start(500);

    const driver = new IntakeDriver({ smtpPort: mail.smtpPort, connections: plan.connections, support, runId, senders: plan.senders, answerWaitMs: plan.drainS * 1000 });
    cleanups.push('closing the SMTP connections', async () => driver.close());
    const receipts = new ReceiptLog(pg, (receipt) => {
      const message = driver.messageOf(receipt.key);
      if (message?.kind === 'first' && receipt.outcome === 'new_conversation' && receipt.conversationId) driver.opened(message.thread, receipt.conversationId);
    });
    receipts.start();
    cleanups.push('stopping the receipt poll', () => receipts.stop());
    const run: MailRun = { plan, pg, driver, receipts, events, sampler };

    const failures: string[] = [];
    const intake: IntakeStep[] = [];
    let outbound: OutboundStep | null = null;
    const firstStepAt = Date.now();
    let stopped = '';
    for (const [index, stepPlan] of intakeSteps(plan).entries()) {
      log(`intake step ${stepPlan.ratePerSec === null ? `burst: ${stepPlan.messages} messages over ${plan.connections} connections` : `${stepPlan.ratePerSec}/s: ${stepPlan.messages} messages`}`);
      const step = await runIntakeStep(run, index, stepPlan);
      intake.push(step);
      failures.push(...intakeFailures(step, plan.drainS));
      log(
        `  ${step.accepted}/${step.sent} accepted (${step.acceptedPerSec}/s), ${step.smtpErrors.total} SMTP errors; processed ${step.processedPerSec}/s, p50 ${step.intakeMs.p50} ms, p99 ${step.intakeMs.p99} ms; ` +
          `readable p99 ${step.visibleMs.p99} ms; SMTP 250 p99 ${step.smtpAcceptMs.p99} ms; settled after ${step.settledInS} s; outcomes ${JSON.stringify(step.outcomes)}`,
      );
      if (!step.settled) {
        stopped = `intake ${step.label} did not settle within ${plan.drainS} s: the later steps would start from its backlog`;
        break;
      }
    }
    if (!stopped && plan.replies > 0) {
      log(`outbound: ${plan.replies} replies at ${plan.replyRatePerSec}/s`);
      outbound = await runOutboundStep(run, { node: chat.url, token: desk.adminToken, runId });
      failures.push(...outboundFailures(outbound, plan.drainS));
      log(
        `  ${outbound.posted}/${outbound.planned} posted, ${outbound.sent} sent (${outbound.sentPerSec}/s); queue p99 ${outbound.queueMs.p99} ms, send p99 ${outbound.sendMs.p99} ms, accepted → sent p50 ${outbound.endToEndMs.p50} ms, p99 ${outbound.endToEndMs.p99} ms; ` +
          `mailboxes: ${outbound.inboxes ? `${outbound.inboxes.matched}/${outbound.inboxes.expected} matched` : 'not read'}`,
      );
    }
    const lastStepAt = Date.now();
    sampler.stop();
    await receipts.stop();

    if (stopped) warnings.push(`stopped early: ${stopped}.`);
    for (const step of intake) {
      if (step.smtpErrors.total > 0) warnings.push(`intake ${step.label}: ${step.smtpErrors.total} SMTP sends failed (${JSON.stringify(step.smtpErrors.byCode)}); they were not accepted, so they are not counted as lost.`);
      if (step.answersNotSent > 0) warnings.push(`intake ${step.label}: ${step.answersNotSent} answers were not sent, no thread was open for them in time.`);
      if (step.ratePerSec !== null && step.generatorMaxLagMs > 100) warnings.push(`intake ${step.label}: sends started up to ${step.generatorMaxLagMs} ms behind schedule.`);
      if (step.cpuPercent.other! > OTHER_CPU_WARNING_PERCENT) warnings.push(`intake ${step.label}: processes outside the bench used ${step.cpuPercent.other}% CPU (100% = one core): the figures are disturbed.`);
    }
    if (outbound && outbound.postErrors.total > 0) warnings.push(`outbound: ${outbound.postErrors.total} POSTs failed (${JSON.stringify(outbound.postErrors.byCode)}).`);
    if (outbound && outbound.withoutEvent > 0) warnings.push(`outbound: ${outbound.withoutEvent} replies had no message.created event on the topic; their queue and end-to-end latency are missing.`);
    if (!mail.running()) warnings.push(`the mail process exited during the run; see ${mail.logFile}.`);
    for (const [name, pid] of dependencies) {
      const now = dependencyPid(name);
      if (now !== pid) warnings.push(`${name} was restarted or stopped during the run (pid ${pid} -> ${now ?? 'none'}): the figures are disturbed.`);
    }

    const machine = sampler.machineBusyPercent(firstStepAt, lastStepAt);
    const report: MailReport = {
      profile: 'mail',
      description: describeMailPlan(plan),
      startedAt: startedAt.toISOString(),
      commit: commit(),
      wallClockS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      setup: { chatProcesses: 1, mailProcesses: 1, balancerProcesses: 1, smtpConnections: plan.connections, customerAddresses: plan.senders, eventsTopic: topic, mailServer: `${mailServer.host}:${mailServer.port}` },
      failures,
      intake,
      outbound,
      processes: sampler.figures(firstStepAt, lastStepAt),
      machine: { cores: machine.cores, busyPercentAvg: machine.busyPercent, calibration },
      warnings,
    };
    const written = writeMailReport(resultsDir, report);
    process.stdout.write(`\n${written.text}\n`);
    log(`reports: ${written.json}, ${written.latest}, ${written.markdown}; process logs in ${logDir}`);
    if (failures.length > 0) {
      for (const failure of failures) console.error(`[bench] CORRECTNESS FAILURE: ${failure}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}
