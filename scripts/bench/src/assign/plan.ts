// PROFILE=assign: the arrival steps (the case's peak, then a ramp), the limits each step is judged
// by, and the staffing, with BENCH_* overrides from the environment.
import { numberFrom } from '../profiles.js';

/** Ten times the busiest hour of the case Smartchat replaces, in new conversations per hour. */
export const CASE_PEAK_X10_PER_HOUR = 5500;

export type StepKind = 'warm-up' | 'case-peak' | 'ramp';

export interface AssignPlan {
  agents: number;
  /**
   * Open conversations an agent may hold: the whole run's arrivals, so that no agent can ever be
   * full and the figure measures the balancer, not the staffing.
   */
  capacity: number;
  balancers: number;
  /** Unjudged arrivals first (JIT, pools, prepared statements): their figures are not reported. */
  warmup: { ratePerSec: number; durationS: number };
  casePeak: { ratePerSec: number; durationS: number };
  ramp: { ratesPerSec: number[]; stepS: number };
  /** A step is bad when its time-to-assign p99 is above this ... */
  p99LimitMs: number;
  /** ... or fewer than minAssignedShare of its conversations were assigned this long after it ended ... */
  assignedWithinMs: number;
  minAssignedShare: number;
  /** ... or any POST failed; the first bad step ends the ramp. */
  /** Upper bound for all steps together, waits included; a step that would not fit is not started. */
  capS: number;
}

// Fine steps where this machine tops out, so that the first bad step ends the run: a step after an
// overload would start from a backlog (or wait minutes for it to drain).
const DEFAULT_RATES = [10, 25, 50, 100, 150, 200, 250, 300, 400, 600, 800];

function ratesFrom(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RATES;
  const rates = raw.split(',').map((item) => Number(item.trim()));
  if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0 || rate > 5000)) throw new Error(`BENCH_ASSIGN_RATES must be a comma-separated list of rates per second, each above 0 and at most 5000 (got ${raw})`);
  return [...rates].sort((a, b) => a - b);
}

export function resolveAssignPlan(env: NodeJS.ProcessEnv): AssignPlan {
  const agents = numberFrom(env, 'BENCH_AGENTS', 60, 1, 500);
  const casePeak = { ratePerSec: CASE_PEAK_X10_PER_HOUR / 3600, durationS: numberFrom(env, 'BENCH_CASE_PEAK_S', 60, 10, 600) };
  const warmup = { ratePerSec: 5, durationS: numberFrom(env, 'BENCH_WARMUP_S', 6, 0, 60) };
  const ramp = { ratesPerSec: ratesFrom(env.BENCH_ASSIGN_RATES), stepS: numberFrom(env, 'BENCH_STEP_S', 25, 5, 120) };
  const planned = warmup.ratePerSec * warmup.durationS + casePeak.ratePerSec * casePeak.durationS + ramp.ratesPerSec.reduce((sum, rate) => sum + rate * ramp.stepS, 0);
  return {
    agents,
    capacity: Math.ceil(planned),
    balancers: numberFrom(env, 'BENCH_BALANCERS', 2, 1, 8),
    warmup,
    casePeak,
    ramp,
    p99LimitMs: 1000,
    assignedWithinMs: 5000,
    minAssignedShare: 0.99,
    capS: numberFrom(env, 'BENCH_CAP_S', 420, 60, 3600),
  };
}

export function describeAssignPlan(plan: AssignPlan): string {
  const warmup = plan.warmup.durationS > 0 ? `${plan.warmup.durationS} s warm-up at ${plan.warmup.ratePerSec}/s, then ` : '';
  return (
    `${plan.agents} online agents in one default team (capacity ${plan.capacity} each, never full), ${plan.balancers} balancer processes, 1 chat process; ` +
    `new conversations open-loop: ${warmup}10x the case's peak (${CASE_PEAK_X10_PER_HOUR.toLocaleString('en-US')}/h = ${plan.casePeak.ratePerSec.toFixed(2)}/s) for ${plan.casePeak.durationS} s, ` +
    `then ${plan.ramp.ratesPerSec.join(', ')}/s for ${plan.ramp.stepS} s each until time-to-assign p99 > ${plan.p99LimitMs} ms, ` +
    `under ${Math.round(plan.minAssignedShare * 100)}% assigned ${plan.assignedWithinMs / 1000} s after the step, or an HTTP error`
  );
}
