// The stats process's Prometheus metrics. Names are fixed (dashboards and the operator's
// autoscaling read them); every label value that can occur is there from the start at 0, so that
// rate() over a quiet process answers 0 rather than nothing.
import { domainEventVersions } from '@smartchat/contracts';
import { Counter, Gauge, Histogram, type Registry } from '@smartchat/platform';
import type { DerivationCache } from './derivation-cache.js';
import { deadLetterReasons } from './envelope.js';

export interface PipelineMetrics {
  /** Records between the partition's end and the next one the store has, per partition. */
  consumerLag: Gauge<'partition'>;
  /** Valid events consumed (a duplicate counts again: this is the ingest rate). */
  events: Counter<'type'>;
  /** Record received → its effects committed in the store. */
  processing: Histogram;
  /** The event's occurredAt → its effects committed in the store. */
  eventAge: Histogram;
  deadLetters: Counter<'reason'>;
  /** 1 while a `stats rebuild` runs anywhere (read from the store). */
  rebuildRunning: Gauge;
}

export function createPipelineMetrics(registry: Registry): PipelineMetrics {
  const metrics: PipelineMetrics = {
    consumerLag: new Gauge({ name: 'smartchat_stats_consumer_lag', help: 'Records of the events topic not yet in the statistics store, per partition', labelNames: ['partition'], registers: [registry] }),
    events: new Counter({ name: 'smartchat_stats_events_total', help: 'Domain events consumed by the statistics pipeline, by type', labelNames: ['type'], registers: [registry] }),
    processing: new Histogram({
      name: 'smartchat_stats_processing_seconds',
      help: 'Record received until its effects are committed in the statistics store',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventAge: new Histogram({
      name: 'smartchat_stats_event_age_seconds',
      help: "An event's occurredAt until its effects are committed in the statistics store",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400],
      registers: [registry],
    }),
    deadLetters: new Counter({ name: 'smartchat_stats_dead_letters_total', help: 'Records put in dead_letters instead of the statistics, by reason', labelNames: ['reason'], registers: [registry] }),
    rebuildRunning: new Gauge({ name: 'smartchat_stats_rebuild_running', help: '1 while a stats rebuild is running', registers: [registry] }),
  };
  for (const type of Object.keys(domainEventVersions)) metrics.events.inc({ type }, 0);
  for (const reason of deadLetterReasons) metrics.deadLetters.inc({ reason }, 0);
  metrics.rebuildRunning.set(0);
  return metrics;
}

/** The derivation cache's hits and misses, and what it holds, read when Prometheus scrapes. */
export function watchDerivationCache(registry: Registry, cache: DerivationCache): void {
  new Counter({
    name: 'smartchat_stats_derivation_cache_total',
    help: 'Conversations derived from the events this process kept (hit) or read from the store (miss)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'hit' }, cache.hits);
      this.inc({ outcome: 'miss' }, cache.misses);
    },
  });
  new Gauge({
    name: 'smartchat_stats_derivation_cache_events',
    help: 'Raw events kept in memory by the derivation cache',
    registers: [registry],
    collect() {
      this.set(cache.size.events);
    },
  });
}
