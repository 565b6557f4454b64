// Latency statistics: exact percentiles over a sorted copy (headline figures), and a small
// log-bucketed histogram (2% buckets) for the per-second timeline, where exactness does not matter.
import type { LatencySummary } from './protocol.js';

const round = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of an ascending array; p in 0..1. */
export function percentileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(values: Float64Array): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: round(percentileOfSorted(sorted, 0.5)),
    p95: round(percentileOfSorted(sorted, 0.95)),
    p99: round(percentileOfSorted(sorted, 0.99)),
    max: round(sorted.length > 0 ? sorted[sorted.length - 1]! : 0),
  };
}

const MIN_MS = 0.01;
const RATIO = 1.02;
const BUCKETS = 900; // 0.01 ms * 1.02^900 is far beyond any deadline here

export class LogHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(valueMs: number): void {
    const index = valueMs <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(valueMs / MIN_MS) / Math.log(RATIO)));
    this.counts[index]! += 1;
    this.count += 1;
    if (valueMs > this.max) this.max = valueMs;
  }

  /** Upper bound of the bucket holding the p-quantile (at most 2% above the true value). */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index += 1) {
      seen += this.counts[index]!;
      if (seen >= rank) return round(Math.min(this.max, MIN_MS * RATIO ** index));
    }
    return round(this.max);
  }
}
