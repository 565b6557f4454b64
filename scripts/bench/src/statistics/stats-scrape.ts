// The stats process's own view, from its /metrics (Prometheus text), read once a second during the
// message load: consumer lag per partition, events consumed by type, and the event-age histogram
// (occurredAt → committed in the store), whose buckets give the share of events stored within 5 s
// exactly (5 is a bucket bound) and estimates of its percentiles between two readings.

export const STATS_METRICS = {
  lag: 'smartchat_stats_consumer_lag',
  events: 'smartchat_stats_events_total',
  age: 'smartchat_stats_event_age_seconds',
  processing: 'smartchat_stats_processing_seconds',
  deadLetters: 'smartchat_stats_dead_letters_total',
} as const;

export interface Histogram {
  /** Upper bound (s) → cumulative count, ascending; Infinity for +Inf. */
  buckets: [number, number][];
  sum: number;
  count: number;
}

export interface StatsScrape {
  /** Epoch ms of the reading. */
  at: number;
  /** Records not yet in the store, per partition. */
  lagByPartition: Map<number, number>;
  /** Cumulative events consumed, by type. */
  eventsByType: Map<string, number>;
  age: Histogram;
  processing: Histogram;
  deadLetters: number;
}

const labelValue = (labels: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1];

export function parseStatsMetrics(text: string, at: number): StatsScrape {
  const scrape: StatsScrape = { at, lagByPartition: new Map(), eventsByType: new Map(), age: { buckets: [], sum: 0, count: 0 }, processing: { buckets: [], sum: 0, count: 0 }, deadLetters: 0 };
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name = '', labels = '', raw] = match;
    const value = Number(raw);
    if (name === STATS_METRICS.lag) scrape.lagByPartition.set(Number(labelValue(labels, 'partition')), value);
    else if (name === STATS_METRICS.events) scrape.eventsByType.set(labelValue(labels, 'type') ?? '', value);
    else if (name === STATS_METRICS.deadLetters) scrape.deadLetters += value;
    else {
      const histogram = name.startsWith(STATS_METRICS.age) ? scrape.age : name.startsWith(STATS_METRICS.processing) ? scrape.processing : null;
      if (!histogram) continue;
      if (name.endsWith('_sum')) histogram.sum = value;
      else if (name.endsWith('_count')) histogram.count = value;
      else if (name.endsWith('_bucket')) {
        const le = labelValue(labels, 'le');
        if (le !== undefined) histogram.buckets.push([le === '+Inf' ? Infinity : Number(le), value]);
      }
    }
  }
  for (const histogram of [scrape.age, scrape.processing]) histogram.buckets.sort((a, b) => a[0] - b[0]);
  return scrape;
}

export async function scrapeStats(opsUrl: string): Promise<StatsScrape | undefined> {
  try {
    const response = await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    return parseStatsMetrics(await response.text(), Date.now());
  } catch {
    return undefined;
  }
}

export const totalLag = (scrape: StatsScrape) => [...scrape.lagByPartition.values()].reduce((sum, value) => sum + value, 0);
export const totalEvents = (scrape: StatsScrape) => [...scrape.eventsByType.values()].reduce((sum, value) => sum + value, 0);

/** What a histogram gained between two readings. */
export function histogramDelta(from: Histogram, to: Histogram): Histogram {
  const before = new Map(from.buckets);
  return { buckets: to.buckets.map(([bound, count]) => [bound, count - (before.get(bound) ?? 0)]), sum: to.sum - from.sum, count: to.count - from.count };
}

/** Share of the histogram's observations at or below `bound` (which must be a bucket bound); null without observations. */
export function shareAtOrBelow(histogram: Histogram, bound: number): number | null {
  if (histogram.count <= 0) return null;
  const bucket = histogram.buckets.find(([le]) => le === bound);
  if (!bucket) throw new Error(`${bound} is not a bucket bound of the histogram`);
  return bucket[1] / histogram.count;
}

/** The q-quantile estimated from the buckets (linear inside a bucket, as PromQL's histogram_quantile); null without observations. */
export function histogramQuantile(histogram: Histogram, q: number): number | null {
  if (histogram.count <= 0) return null;
  const rank = q * histogram.count;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of histogram.buckets) {
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return inBucket <= 0 ? bound : lowerBound + ((bound - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}
