// The chat processes' own view of the measured window, from their /metrics (Prometheus text):
// how many messages each accepted, persisted and delivered (which process consumes the delivery
// queues), the server-side accept->persist and accept->deliver histograms, the time of each
// delivery stage per batch and the batch sizes. Snapshots are taken at the window's start and end
// and subtracted.

const COUNTERS = { accepted: 'smartchat_messages_accepted_total', persisted: 'smartchat_messages_persisted_total', delivered: 'smartchat_messages_delivered_total' } as const;
const ACCEPT_TO_PERSIST = 'smartchat_message_accept_to_persist_seconds';
const ACCEPT_TO_DELIVER = 'smartchat_message_accept_to_deliver_seconds';
const DELIVERY_STAGE = 'smartchat_delivery_stage_seconds';
const BATCH_SIZE = 'smartchat_delivery_batch_size';
const PUBLISH_GROUP = 'smartchat_publish_group_size';

type CounterName = keyof typeof COUNTERS;

interface Histogram {
  /** le -> cumulative count (Infinity for +Inf). */
  buckets: Map<number, number>;
  sum: number;
  count: number;
}

export interface MetricsSnapshot {
  counters: Record<CounterName, number>;
  /** Keyed by metric name, plus `{stage}` for the stage histogram. */
  histograms: Map<string, Histogram>;
}

export interface ServerLatency {
  count: number;
  /** Estimated from the histogram buckets (linear inside a bucket), ms. */
  p50Ms: number;
  p99Ms: number;
}

export interface ServerFigures {
  processes: { process: string; accepted: number; persisted: number; delivered: number }[];
  acceptToPersist: ServerLatency;
  acceptToDeliver: ServerLatency;
  /** Per delivery stage (persist, conversation, emitted, events): time per batch. */
  stages: ({ stage: string } & ServerLatency)[];
  batches: number;
  meanBatchSize: number;
  /** Publishes to the delivery queues and messages per publish. */
  publishes: number;
  meanPublishGroup: number;
}

const labelValue = (labels: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1];

export function parseMetrics(text: string): MetricsSnapshot {
  const snapshot: MetricsSnapshot = { counters: { accepted: 0, persisted: 0, delivered: 0 }, histograms: new Map() };
  const histogram = (key: string) => {
    let entry = snapshot.histograms.get(key);
    if (!entry) snapshot.histograms.set(key, (entry = { buckets: new Map(), sum: 0, count: 0 }));
    return entry;
  };
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name = '', labels = '', raw] = match;
    const value = Number(raw);
    for (const [key, counter] of Object.entries(COUNTERS) as [CounterName, string][]) if (name === counter) snapshot.counters[key] += value;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (![ACCEPT_TO_PERSIST, ACCEPT_TO_DELIVER, DELIVERY_STAGE, BATCH_SIZE, PUBLISH_GROUP].includes(base)) continue;
    const stage = labelValue(labels, 'stage');
    const entry = histogram(stage ? `${base}{${stage}}` : base);
    if (name.endsWith('_sum')) entry.sum += value;
    else if (name.endsWith('_count')) entry.count += value;
    else {
      const le = labelValue(labels, 'le');
      if (le === undefined) continue;
      const bound = le === '+Inf' ? Infinity : Number(le);
      entry.buckets.set(bound, (entry.buckets.get(bound) ?? 0) + value);
    }
  }
  return snapshot;
}

export async function fetchMetrics(url: string): Promise<MetricsSnapshot | undefined> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
    return response.ok ? parseMetrics(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}

export function quantileMs(buckets: [number, number][], total: number, q: number): number {
  if (total === 0) return 0;
  const rank = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= rank) {
      if (bound === Infinity) return previousBound * 1000;
      const share = count === previousCount ? 0 : (rank - previousCount) / (count - previousCount);
      return Math.round((previousBound + (bound - previousBound) * share) * 1000 * 10) / 10;
    }
    previousBound = bound;
    previousCount = count;
  }
  return previousBound * 1000;
}

/** The same histogram over every process, as the difference between two snapshots. */
function difference(pairs: { from: MetricsSnapshot; to: MetricsSnapshot }[], key: string): Histogram {
  const merged: Histogram = { buckets: new Map(), sum: 0, count: 0 };
  for (const { from, to } of pairs) {
    const end = to.histograms.get(key);
    if (!end) continue;
    const start = from.histograms.get(key);
    merged.sum += end.sum - (start?.sum ?? 0);
    merged.count += end.count - (start?.count ?? 0);
    for (const [bound, count] of end.buckets) merged.buckets.set(bound, (merged.buckets.get(bound) ?? 0) + count - (start?.buckets.get(bound) ?? 0));
  }
  return merged;
}

function latency(histogram: Histogram): ServerLatency {
  const buckets = [...histogram.buckets.entries()].sort((a, b) => a[0] - b[0]);
  const total = histogram.buckets.get(Infinity) ?? 0;
  return { count: total, p50Ms: quantileMs(buckets, total, 0.5), p99Ms: quantileMs(buckets, total, 0.99) };
}

/** The window's figures, from snapshots taken at its start and end (per process, same order as names). */
export function serverFigures(names: string[], from: (MetricsSnapshot | undefined)[], to: (MetricsSnapshot | undefined)[]): ServerFigures | null {
  const pairs: { name: string; from: MetricsSnapshot; to: MetricsSnapshot }[] = [];
  names.forEach((name, index) => {
    const start = from[index];
    const end = to[index];
    if (start && end) pairs.push({ name, from: start, to: end });
  });
  if (pairs.length === 0) return null;
  const stageKeys = [...new Set(pairs.flatMap(({ to: end }) => [...end.histograms.keys()].filter((key) => key.startsWith(`${DELIVERY_STAGE}{`))))];
  const batches = difference(pairs, BATCH_SIZE);
  const publishes = difference(pairs, PUBLISH_GROUP);
  return {
    processes: pairs.map(({ name, from: start, to: end }) => ({
      process: name,
      accepted: end.counters.accepted - start.counters.accepted,
      persisted: end.counters.persisted - start.counters.persisted,
      delivered: end.counters.delivered - start.counters.delivered,
    })),
    acceptToPersist: latency(difference(pairs, ACCEPT_TO_PERSIST)),
    acceptToDeliver: latency(difference(pairs, ACCEPT_TO_DELIVER)),
    stages: stageKeys.map((key) => ({ stage: key.slice(DELIVERY_STAGE.length + 1, -1), ...latency(difference(pairs, key)) })),
    batches: batches.count,
    meanBatchSize: batches.count > 0 ? Math.round((batches.sum / batches.count) * 10) / 10 : 0,
    publishes: publishes.count,
    meanPublishGroup: publishes.count > 0 ? Math.round((publishes.sum / publishes.count) * 100) / 100 : 0,
  };
}
