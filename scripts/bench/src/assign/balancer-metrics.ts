// The balancers' own view of a step from their /metrics (a cross-check of the Kafka figure, and
// whether both balancers share the work): assignments per balancer and the time-to-assign histogram.
import { quantileMs } from '../server-metrics.js';

const TIME_TO_ASSIGN_BUCKET = 'smartchat_balancer_time_to_assign_seconds_bucket';
const ASSIGNMENTS = 'smartchat_balancer_assignments_total';

export interface BalancerSnapshot {
  assignments: number;
  /** le (seconds, Infinity for +Inf) -> cumulative count, over every label set. */
  buckets: Map<number, number>;
}

export interface BalancerStepFigures {
  assignmentsByBalancer: Record<string, number>;
  /** Estimated from the histogram buckets (linear inside a bucket), ms. */
  histogram: { count: number; p50Ms: number; p99Ms: number };
}

export function parseBalancerMetrics(text: string): BalancerSnapshot {
  const snapshot: BalancerSnapshot = { assignments: 0, buckets: new Map() };
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name, labels = '', raw] = match;
    const value = Number(raw);
    if (name === ASSIGNMENTS) snapshot.assignments += value;
    if (name !== TIME_TO_ASSIGN_BUCKET) continue;
    const le = /le="([^"]*)"/.exec(labels)?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    snapshot.buckets.set(bound, (snapshot.buckets.get(bound) ?? 0) + value);
  }
  return snapshot;
}

export function snapshotBalancers(urls: string[]): Promise<(BalancerSnapshot | undefined)[]> {
  return Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
        return response.ok ? parseBalancerMetrics(await response.text()) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
}

/**
 * The step's figures as the difference between snapshots taken at its start and after its
 * judgement, the histogram summed over the balancers. Null when a snapshot is missing (a balancer
 * did not answer): a partial sum would mislead.
 */
export function balancerStepFigures(names: string[], from: (BalancerSnapshot | undefined)[], to: (BalancerSnapshot | undefined)[]): BalancerStepFigures | null {
  if (names.some((_, index) => !from[index] || !to[index])) return null;
  const assignmentsByBalancer: Record<string, number> = {};
  const merged = new Map<number, number>();
  names.forEach((name, index) => {
    const start = from[index]!;
    const end = to[index]!;
    assignmentsByBalancer[name] = end.assignments - start.assignments;
    for (const [bound, count] of end.buckets) merged.set(bound, (merged.get(bound) ?? 0) + count - (start.buckets.get(bound) ?? 0));
  });
  const buckets = [...merged.entries()].sort((a, b) => a[0] - b[0]);
  const total = merged.get(Infinity) ?? 0;
  return { assignmentsByBalancer, histogram: { count: total, p50Ms: quantileMs(buckets, total, 0.5), p99Ms: quantileMs(buckets, total, 0.99) } };
}
