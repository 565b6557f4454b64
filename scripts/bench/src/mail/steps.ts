// The two kinds of step of PROFILE=mail and how each is judged: an intake step (mail relayed in,
// waited for until every accepted message has its outcome and, when it became a chat message, is
// readable) and the outbound step (agent replies out, waited for until each is sent, then read
// back from the customers' mailboxes).
import type { PgPool } from '@smartchat/platform';
import { sleep } from '../orchestration.js';
import type { Sampler } from '../sampler.js';
import { summarize } from '../stats.js';
import type { MessageEvents } from './events.js';
import { checkInboxes, type ExpectedMail } from './inboxes.js';
import type { IntakeDriver, SentMessage } from './intake.js';
import { postReplies, settleDeliveries } from './outbound.js';
import type { IntakeStepPlan, MailPlan } from './plan.js';
import type { ReceiptLog } from './receipts.js';
import type { ErrorCount, IntakeStep, OutboundStep } from './report.js';

export interface MailRun {
  plan: MailPlan;
  pg: PgPool;
  driver: IntakeDriver;
  receipts: ReceiptLog;
  events: MessageEvents;
  sampler: Sampler;
}

/** Outcomes of a person's message that become a chat message (and so a message.created event). */
const BECOMES_MESSAGE = new Set(['new_conversation', 'joined']);
const round1 = (value: number) => Math.round(value * 10) / 10;
const perSec = (count: number, spanMs: number) => (spanMs > 0 ? round1((count * 1000) / spanMs) : 0);

function errorCount(codes: string[]): ErrorCount {
  const byCode: Record<string, number> = {};
  for (const code of codes) byCode[code] = (byCode[code] ?? 0) + 1;
  return { total: codes.length, byCode };
}

/**
 * CPU over [from, to] per sampled process, the bench's own (`since`: its process.cpuUsage() at
 * `from`; the sampler cannot take it, it would count its children, the processes under test) and
 * what the rest of the machine used.
 */
function cpuOver(sampler: Sampler, from: number, to: number, since: NodeJS.CpuUsage): { cpuPercent: Record<string, number>; machineBusyPercent: number } {
  const figures = sampler.figures(from, to);
  const cpuPercent = Object.fromEntries(figures.map((entry) => [entry.name, entry.cpuPercentAvg]));
  const own = process.cpuUsage(since);
  cpuPercent.bench = to > from ? round1(((own.user + own.system) / 1000 / (to - from)) * 100) : 0;
  const machine = sampler.machineBusyPercent(from, to);
  const measured = figures.reduce((sum, entry) => sum + entry.cpuPercentAvg, 0) + cpuPercent.bench;
  cpuPercent.other = Math.max(0, Math.round(machine.busyPercent * machine.cores - measured));
  return { cpuPercent, machineBusyPercent: machine.busyPercent };
}

/** Until every accepted message of the step is finished and, if it became a message, readable. */
async function settleIntake(run: MailRun, accepted: SentMessage[], limitAt: number): Promise<boolean> {
  const done = (sent: SentMessage) => {
    const receipt = run.receipts.byKey.get(sent.key);
    if (!receipt || receipt.state === 'stored') return false;
    return !(receipt.chatMessageId && BECOMES_MESSAGE.has(receipt.outcome ?? '')) || run.events.byMessageId.has(receipt.chatMessageId);
  };
  for (;;) {
    run.receipts.check();
    if (accepted.every(done)) return true;
    if (Date.now() > limitAt) return false;
    await sleep(50);
  }
}

export async function runIntakeStep(run: MailRun, index: number, step: IntakeStepPlan): Promise<IntakeStep> {
  const { plan, driver, receipts, events } = run;
  const label = step.ratePerSec === null ? `burst (${plan.connections} connections)` : `${step.ratePerSec}/s`;
  const cpuSince = process.cpuUsage();
  const sending = await driver.runStep(index, step);
  const accepted = sending.messages.filter((sent) => sent.acceptedAt !== null);
  const settled = await settleIntake(run, accepted, sending.endedAt + plan.drainS * 1000);
  const settledAt = Date.now();
  // The stragglers' rows as they are now (the poll sees only finished ones).
  await receipts.lookup(accepted.map((sent) => sent.key));

  const outcomes: Record<string, number> = {};
  const smtp: number[] = [];
  const intake: number[] = [];
  const visible: number[] = [];
  let stillStored = 0;
  let absent = 0;
  let notVisible = 0;
  let misthreaded = 0;
  let firstReceived = Infinity;
  let lastProcessed = 0;
  let finished = 0;
  for (const sent of accepted) {
    smtp.push(sent.acceptedAt! - sent.sendStartedAt);
    const receipt = receipts.byKey.get(sent.key);
    if (!receipt) {
      absent += 1;
      continue;
    }
    const outcome = receipt.outcome ?? receipt.state;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (receipt.state === 'stored' || receipt.processedAt === null) {
      stillStored += 1;
      continue;
    }
    finished += 1;
    firstReceived = Math.min(firstReceived, receipt.receivedAt);
    lastProcessed = Math.max(lastProcessed, receipt.processedAt);
    intake.push(receipt.processedAt - receipt.receivedAt);
    const thread = driver.messageOf(sent.key)!.thread;
    if (sent.kind === 'first' ? receipt.outcome !== 'new_conversation' : receipt.outcome !== 'joined' || receipt.conversationId !== thread.conversationId) misthreaded += 1;
    if (receipt.chatMessageId && BECOMES_MESSAGE.has(receipt.outcome ?? '')) {
      const event = events.byMessageId.get(receipt.chatMessageId);
      if (event) visible.push(event.seenAt - sent.acceptedAt!);
      else notVisible += 1;
    }
  }
  const lastAccepted = accepted.reduce((latest, sent) => Math.max(latest, sent.acceptedAt!), sending.startedAt);
  return {
    label,
    ratePerSec: step.ratePerSec,
    planned: step.messages,
    sent: sending.messages.length,
    accepted: accepted.length,
    smtpErrors: errorCount(sending.messages.flatMap((sent) => (sent.error ? [sent.error] : []))),
    answersNotSent: sending.answersNotSent,
    sendingS: round1((lastAccepted - sending.startedAt) / 1000),
    acceptedPerSec: perSec(accepted.length, lastAccepted - sending.startedAt),
    processedPerSec: perSec(finished, lastProcessed - firstReceived),
    settledInS: round1((settledAt - sending.endedAt) / 1000),
    settled,
    outcomes,
    stillStored,
    absent,
    notVisible,
    misthreaded,
    generatorMaxLagMs: sending.maxLagMs,
    smtpAcceptMs: summarize(Float64Array.from(smtp)),
    intakeMs: summarize(Float64Array.from(intake)),
    visibleMs: summarize(Float64Array.from(visible)),
    ...cpuOver(run.sampler, sending.startedAt, settledAt, cpuSince),
  };
}

/** The customer's latest message of each conversation: what an answer to it answers (In-Reply-To). */
function latestReceived(run: MailRun): Map<string, { address: string; key: string }> {
  const latest = new Map<string, { address: string; key: string }>();
  for (const thread of run.driver.threads) {
    if (!thread.conversationId) continue;
    const answer = run.receipts.byKey.get(thread.replyKey);
    const joined = answer?.outcome === 'joined' && answer.conversationId === thread.conversationId;
    latest.set(thread.conversationId, { address: thread.sender, key: joined ? thread.replyKey : thread.firstKey });
  }
  return latest;
}

export async function runOutboundStep(run: MailRun, options: { node: string; token: string; runId: string }): Promise<OutboundStep> {
  const { plan, pg, events } = run;
  const latest = latestReceived(run);
  const cpuSince = process.cpuUsage();
  const startedAt = Date.now();
  const posts = await postReplies({ ...options, conversations: [...latest.keys()], count: plan.replies, ratePerSec: plan.replyRatePerSec });
  const posted = posts.filter((post) => post.messageId !== null);
  const ids = posted.map((post) => post.messageId!);
  const lastPost = posted.reduce((last, post) => Math.max(last, post.postedAt!), startedAt);
  const limitAt = lastPost + plan.drainS * 1000;
  const deliveries = await settleDeliveries(pg, ids, limitAt);
  // The accept times come from the events; they are written before the reply is queued, so they are all in by now unless lost.
  while (ids.some((id) => !events.byMessageId.has(id)) && Date.now() < limitAt) await sleep(100);
  const settledAt = Date.now();

  const states: Record<string, number> = {};
  const postMs: number[] = [];
  const queueMs: number[] = [];
  const sendMs: number[] = [];
  const endToEndMs: number[] = [];
  const expected = new Map<string, ExpectedMail[]>();
  let sent = 0;
  let retried = 0;
  let withoutEvent = 0;
  let firstAccepted = Infinity;
  let lastSent = 0;
  for (const post of posted) {
    postMs.push(post.postedAt! - post.postStartedAt);
    const delivery = deliveries.get(post.messageId!);
    const state = delivery?.state ?? 'missing';
    states[state] = (states[state] ?? 0) + 1;
    const event = events.byMessageId.get(post.messageId!);
    if (!event) withoutEvent += 1;
    if (!delivery) continue;
    if (event) queueMs.push(delivery.createdAt - event.acceptedAt);
    if (delivery.state !== 'sent' || delivery.sentAt === null) continue;
    sent += 1;
    if (delivery.attempts > 1) retried += 1;
    sendMs.push(delivery.sentAt - delivery.createdAt);
    if (event) {
      endToEndMs.push(delivery.sentAt - event.acceptedAt);
      firstAccepted = Math.min(firstAccepted, event.acceptedAt);
    }
    lastSent = Math.max(lastSent, delivery.sentAt);
    const thread = latest.get(post.conversationId)!;
    const mails = expected.get(thread.address) ?? [];
    mails.push({ messageId: delivery.mailMessageId, inReplyTo: thread.key });
    expected.set(thread.address, mails);
  }
  const cpu = cpuOver(run.sampler, startedAt, settledAt, cpuSince);
  const inboxes = expected.size > 0 ? await checkInboxes(expected, { parallel: 4, waitMs: 10_000 }) : null;
  return {
    ratePerSec: plan.replyRatePerSec,
    planned: plan.replies,
    posted: posted.length,
    postErrors: errorCount(posts.flatMap((post) => (post.error ? [post.error] : []))),
    states,
    sent,
    notSent: posted.length - sent,
    retried,
    withoutEvent,
    postingS: round1((lastPost - startedAt) / 1000),
    sentPerSec: perSec(sent, lastSent - firstAccepted),
    settledInS: round1((settledAt - lastPost) / 1000),
    settled: sent === posted.length,
    postMs: summarize(Float64Array.from(postMs)),
    queueMs: summarize(Float64Array.from(queueMs)),
    sendMs: summarize(Float64Array.from(sendMs)),
    endToEndMs: summarize(Float64Array.from(endToEndMs)),
    inboxes,
    ...cpu,
  };
}
