// What the load does over time. seed: a constant rate (warm-up, then the measured window) while
// customers keep arriving. max: a ramp of rate steps, judged one by one, then the highest good rate
// held for the measured window.
import type { PhaseName, RampStep, SustainAttempt } from '../protocol.js';
import type { Profile, RampPlan } from '../profiles.js';
import { summarize } from '../stats.js';
import { STATE_ACCEPTED } from './ledger.js';
import type { Participants } from './participants.js';
import type { Traffic } from './traffic.js';

export interface PlanContext {
  profile: Profile;
  traffic: Traffic;
  participants: Participants;
  /** Milliseconds since the load started. */
  clock: () => number;
  phase: (name: PhaseName) => void;
  log: (text: string) => void;
  /** Clock time by which the load must be over (the rest of the cap is for verification). */
  loadDeadlineMs: number;
}

export interface PlanResult {
  window: { startS: number; endS: number; durationS: number; ratePerSec: number; fromSeq: number; toSeq: number };
  steps?: RampStep[];
  sustain?: SustainAttempt & { earlier: SustainAttempt[] };
}

/** The highest good rate, and if it does not hold for the window, the next lower one. */
const MAX_SUSTAIN_ATTEMPTS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Mark {
  at: number;
  seq: number;
  delivered: number;
  errors: number;
}

const mark = (context: PlanContext): Mark => ({ at: context.clock(), seq: context.traffic.ledger.size, delivered: context.traffic.deliveredTotal, errors: context.traffic.errorsTotal });

/** Judges a stretch of the load at its end: undelivered messages count with their age so far. */
function judge(context: PlanContext, ramp: RampPlan, target: number, from: Mark, to: Mark): RampStep {
  const durationS = (to.at - from.at) / 1000;
  const latencyMs = summarize(context.traffic.latenciesSoFar(from.seq, to.seq));
  const achievedPerSec = (to.delivered - from.delivered) / durationS;
  const errors = to.errors - from.errors;
  const reasons: string[] = [];
  if (latencyMs.p99 > ramp.p99LimitMs) reasons.push(`p99 ${latencyMs.p99} ms > ${ramp.p99LimitMs} ms`);
  if (errors > 0) reasons.push(`${errors} errors`);
  if (achievedPerSec < ramp.minAchievedRatio * target) reasons.push(`delivered ${achievedPerSec.toFixed(0)}/s < ${Math.round(ramp.minAchievedRatio * 100)}% of ${target}/s`);
  return {
    targetPerSec: target,
    startS: Math.round(from.at) / 1000,
    durationS: Math.round(durationS * 1000) / 1000,
    sentPerSec: Math.round(((to.seq - from.seq) / durationS) * 10) / 10,
    achievedPerSec: Math.round(achievedPerSec * 10) / 10,
    latencyMs,
    errors,
    good: reasons.length === 0,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
}

function windowOf(from: Mark, to: Mark, ratePerSec: number): PlanResult['window'] {
  const startS = from.at / 1000;
  const endS = to.at / 1000;
  return { startS, endS, durationS: endS - startS, ratePerSec, fromSeq: from.seq, toSeq: to.seq };
}

export async function runSeed(context: PlanContext): Promise<PlanResult> {
  const { profile, traffic, participants } = context;
  const arrivals = participants.openAtRate(profile.conversations, profile.openPerSec, traffic);
  traffic.setRate(profile.ratePerSec);
  await sleep(profile.warmupS * 1000);
  const from = mark(context);
  context.phase('window-start');
  await sleep(profile.durationS * 1000);
  const to = mark(context);
  context.phase('window-end');
  traffic.setRate(0);
  await arrivals;
  return { window: windowOf(from, to, profile.ratePerSec) };
}

/** Waits until nothing is in flight and the other parties have everything (bounded). */
async function drain(context: PlanContext, timeoutMs: number): Promise<void> {
  const { traffic } = context;
  const started = context.clock();
  while (context.clock() - started < timeoutMs) {
    if (traffic.inFlightCount === 0 && traffic.pendingRetries === 0 && traffic.deliveredTotal >= acceptedCount(traffic)) return;
    await sleep(100);
  }
  context.log(`drain: still ${traffic.inFlightCount} in flight after ${timeoutMs} ms`);
}

function acceptedCount(traffic: Traffic): number {
  // Cheap enough between phases: one pass over the ledger.
  let accepted = 0;
  for (let seq = 0; seq < traffic.ledger.size; seq += 1) if (traffic.ledger.state[seq] === STATE_ACCEPTED) accepted += 1;
  return accepted;
}

export async function runMax(context: PlanContext): Promise<PlanResult> {
  const { profile, traffic } = context;
  const ramp = profile.ramp!;
  const steps: RampStep[] = [];
  let best: number | undefined;
  // Leave room for the drains and the sustained phase after the last step.
  const rampDeadline = context.loadDeadlineMs - profile.sustainS * 1000 - 35_000;
  const runStep = async (target: number): Promise<RampStep> => {
    const from = mark(context);
    traffic.setRate(target);
    await sleep(ramp.stepS * 1000);
    const step = judge(context, ramp, target, from, mark(context));
    steps.push(step);
    context.log(`ramp ${target} msg/s: delivered ${step.achievedPerSec}/s, p99 ${step.latencyMs.p99} ms, errors ${step.errors}${step.good ? '' : ` -> not good (${step.reason})`}`);
    return step;
  };
  const timeLeftForStep = () => context.clock() + ramp.stepS * 1000 <= rampDeadline;
  // A cold system (JIT, pools, prepared statements) would fail the first steps for the wrong reason.
  if (profile.warmupS > 0) {
    context.log(`warm-up: ${ramp.warmupPerSec} msg/s for ${profile.warmupS} s (not judged)`);
    traffic.setRate(ramp.warmupPerSec);
    await sleep(profile.warmupS * 1000);
    traffic.setRate(0);
    await drain(context, 20_000);
  }
  let firstBad: number | undefined;
  for (let index = 0; index < ramp.maxSteps; index += 1) {
    if (!timeLeftForStep()) {
      context.log('ramp: stopping at the time cap');
      break;
    }
    const target = ramp.startPerSec + index * ramp.stepPerSec;
    if (!(await runStep(target)).good) {
      firstBad = target;
      break;
    }
    best = target;
  }
  // The steps are coarse: try once halfway between the last good rate (or 0) and the first bad
  // one, after the backlog of the bad step has drained.
  const below = best ?? 0;
  if (ramp.refine && firstBad !== undefined && firstBad - below >= 50) {
    traffic.setRate(0);
    await drain(context, 15_000);
    if (timeLeftForStep()) {
      const target = Math.round((below + firstBad) / 2);
      if ((await runStep(target)).good) best = target;
    }
  }
  traffic.setRate(0);
  await drain(context, 15_000);

  // The measured window: the highest good rate held for sustainS. A 10-second step can pass at a
  // rate that a minute does not hold (background work such as flushes and compactions comes round
  // every so often); then the next lower good step is held for the full window in its place, once.
  // The report names every rate tried.
  const goodRates = [...new Set(steps.filter((step) => step.good).map((step) => step.targetPerSec))].sort((a, b) => b - a);
  const candidates = goodRates.length > 0 ? goodRates.slice(0, MAX_SUSTAIN_ATTEMPTS) : [ramp.startPerSec];
  const attempts: SustainAttempt[] = [];
  let window: PlanResult['window'] | undefined;
  for (const [index, rate] of candidates.entries()) {
    if (index > 0) {
      if (context.clock() + profile.sustainS * 1000 + 20_000 > context.loadDeadlineMs) {
        context.log('sustain: no time left for a lower rate');
        break;
      }
      traffic.setRate(0);
      await drain(context, 15_000);
    }
    context.log(`sustain: ${rate} msg/s for ${profile.sustainS} s`);
    const from = mark(context);
    context.phase('window-start');
    traffic.setRate(rate);
    await sleep(profile.sustainS * 1000);
    const to = mark(context);
    context.phase('window-end');
    traffic.setRate(0);
    const sustained = judge(context, ramp, rate, from, to);
    context.log(`sustain: delivered ${sustained.achievedPerSec}/s, p99 ${sustained.latencyMs.p99} ms, errors ${sustained.errors}${sustained.good ? '' : ` -> not good (${sustained.reason})`}`);
    window = windowOf(from, to, rate);
    attempts.push({ ratePerSec: rate, good: sustained.good && best !== undefined, reason: best === undefined ? 'no ramp step was good' : sustained.reason, p99Ms: sustained.latencyMs.p99 });
    if (sustained.good) break;
  }
  const last = attempts[attempts.length - 1]!;
  return { window: window!, steps, sustain: { ...last, earlier: attempts.slice(0, -1) } };
}
