// The HorizontalPodAutoscaler's algorithm, as pure functions over numbers and timestamps (ms):
// a desired count per metric (ratio to the target, with a tolerance band), the largest wins;
// stabilisation windows (scale up to the lowest, scale down to the highest recommendation of the
// window); rate limits per period (pods or percent, the larger applies); min/max bounds.
// One rule the HPA does not have: a metric that cannot be read never lets the count go down.
import type { MetricReading, ScaleRules, TargetName } from '../api/types.js';

/** `perPod`: the metric is a total shared by the pods (desired = total / target);
 *  `value`: a single value that scales with pod count (desired = current * value / target). */
export type MetricKind = 'perPod' | 'value';

export interface MetricSample {
  name: TargetName;
  kind: MetricKind;
  target: number;
  /** undefined when the metric is missing, empty or its query failed. */
  value: number | undefined;
}

export interface Recommendation {
  time: number;
  replicas: number;
}
/** A change actually made, for the rate limits: +n added, -n removed. */
export interface ScaleEvent {
  time: number;
  change: number;
}

export interface Bounds {
  minReplicas: number;
  maxReplicas: number;
}
export interface Behavior {
  scaleUp: ScaleRules;
  scaleDown: ScaleRules;
}

export interface MetricsProposal {
  /** The largest count the readable metrics ask for; `current` when none could be read. */
  desired: number;
  readings: MetricReading[];
  missing: TargetName[];
}

/** Desired pods per metric; the largest wins. Missing metrics are listed, not guessed. */
export function proposeFromMetrics(current: number, samples: readonly MetricSample[], tolerance: number): MetricsProposal {
  const readings: MetricReading[] = [];
  const missing: TargetName[] = [];
  for (const sample of samples) {
    if (sample.value === undefined || !Number.isFinite(sample.value) || sample.value < 0) {
      missing.push(sample.name);
      continue;
    }
    readings.push({ name: sample.name, value: sample.value, target: sample.target, desiredReplicas: desiredForMetric(current, { ...sample, value: sample.value }, tolerance) });
  }
  const desired = readings.length === 0 ? current : Math.max(...readings.map((reading) => reading.desiredReplicas));
  return { desired, readings, missing };
}

export function desiredForMetric(current: number, sample: MetricSample & { value: number }, tolerance: number): number {
  const pods = Math.max(current, 1);
  const ratio = sample.kind === 'perPod' ? sample.value / (pods * sample.target) : sample.value / sample.target;
  if (Math.abs(ratio - 1) <= tolerance) return current;
  // The HPA rounds up so that the target is not exceeded after scaling. A small epsilon keeps
  // exact multiples (e.g. 3.0000000004 from floating-point division) from adding a pod.
  const raw = sample.kind === 'perPod' ? sample.value / sample.target : ratio * pods;
  return Math.max(Math.ceil(raw - 1e-9), sample.kind === 'perPod' && sample.value === 0 ? 0 : 1);
}

/** Stabilisation: up to the lowest recommendation of the scale-up window, down to the highest of
 *  the scale-down window. Returns the stabilised count and the history to keep. */
export function stabilize(now: number, current: number, desired: number, history: readonly Recommendation[], behavior: Behavior): { replicas: number; history: Recommendation[] } {
  const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds * 1000;
  let upRecommendation = desired;
  let downRecommendation = desired;
  for (const recommendation of history) {
    if (recommendation.time > upCutoff) upRecommendation = Math.min(upRecommendation, recommendation.replicas);
    if (recommendation.time > downCutoff) downRecommendation = Math.max(downRecommendation, recommendation.replicas);
  }
  let replicas = current;
  if (replicas < upRecommendation) replicas = upRecommendation;
  if (replicas > downRecommendation) replicas = downRecommendation;
  const keepSince = Math.min(upCutoff, downCutoff);
  return { replicas, history: [...history.filter((recommendation) => recommendation.time > keepSince), { time: now, replicas: desired }] };
}

/** Rate limits: within each period at most maxStepPods or maxStepPercent of the count at the
 *  period's start may be added (or removed); the larger of the two limits applies. */
export function limitRate(now: number, current: number, desired: number, events: readonly ScaleEvent[], behavior: Behavior): number {
  if (desired > current) {
    const rules = behavior.scaleUp;
    const added = sumSince(events, now - rules.periodSeconds * 1000, (change) => change > 0);
    const removed = sumSince(events, now - rules.periodSeconds * 1000, (change) => change < 0);
    const periodStart = current - added - removed;
    const limit = Math.max(periodStart + rules.maxStepPods, Math.ceil(periodStart * (1 + rules.maxStepPercent / 100)));
    return Math.max(current, Math.min(desired, limit));
  }
  if (desired < current) {
    const rules = behavior.scaleDown;
    const added = sumSince(events, now - rules.periodSeconds * 1000, (change) => change > 0);
    const removed = sumSince(events, now - rules.periodSeconds * 1000, (change) => change < 0);
    const periodStart = current - added - removed;
    const limit = Math.min(periodStart - rules.maxStepPods, Math.floor(periodStart * (1 - rules.maxStepPercent / 100)));
    return Math.min(current, Math.max(desired, limit));
  }
  return current;
}

function sumSince(events: readonly ScaleEvent[], since: number, keep: (change: number) => boolean): number {
  return events.filter((event) => event.time > since && keep(event.change)).reduce((sum, event) => sum + event.change, 0);
}

export interface ScaleInput {
  now: number;
  current: number;
  samples: readonly MetricSample[];
  tolerance: number;
  bounds: Bounds;
  behavior: Behavior;
  history: readonly Recommendation[];
  events: readonly ScaleEvent[];
}

export interface ScaleOutcome {
  replicas: number;
  reason: string;
  readings: MetricReading[];
  missing: TargetName[];
  history: Recommendation[];
}

/** One autoscaling decision: metrics → stabilisation → rate limits → bounds. */
export function decideReplicas(input: ScaleInput): ScaleOutcome {
  const { now, current, bounds } = input;
  const proposal = proposeFromMetrics(current, input.samples, input.tolerance);
  // Missing metrics never scale down: hold at least the current count.
  const proposed = proposal.missing.length > 0 ? Math.max(proposal.desired, current) : proposal.desired;
  const bounded = clamp(proposed, bounds);
  const stabilized = stabilize(now, current, bounded, input.history, input.behavior);
  const limited = limitRate(now, current, stabilized.replicas, input.events, input.behavior);
  const replicas = clamp(limited, bounds);
  return { replicas, reason: explain(current, proposed, bounded, stabilized.replicas, limited, replicas, proposal.missing), readings: proposal.readings, missing: proposal.missing, history: stabilized.history };
}

export function clamp(replicas: number, bounds: Bounds): number {
  return Math.min(bounds.maxReplicas, Math.max(bounds.minReplicas, replicas));
}

function explain(current: number, proposed: number, bounded: number, stabilized: number, limited: number, final: number, missing: readonly TargetName[]): string {
  if (missing.length > 0 && final === current) return 'MetricsMissing';
  if (bounded !== proposed && final === bounded) return proposed > bounded ? 'CappedAtMaxReplicas' : 'RaisedToMinReplicas';
  if (stabilized !== bounded && final === stabilized) return 'Stabilizing';
  if (limited !== stabilized) return final > current ? 'ScaleUpRateLimited' : 'ScaleDownRateLimited';
  if (final > current) return 'ScaleUp';
  if (final < current) return 'ScaleDown';
  return 'WithinTolerance';
}
