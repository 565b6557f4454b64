// Events straight into a statistics database, without Kafka: the consumer's own validation and
// write path, a few hundred events per transaction, in the order given. For tests, fixtures and
// benchmarks that need a statistics database with known contents.
import type { DomainEvent } from '@smartchat/contracts';
import type pg from 'pg';
import type { DerivationCache } from './derivation-cache.js';
import { parseEventRecord } from './envelope.js';
import { ingestBatch, type GoodRecord } from './ingest.js';
import { MonthPartitions } from './partitions.js';

/**
 * Stores the events and derives their facts and rollups exactly as the stats consumer does (a
 * duplicate changes nothing). Throws, before storing anything, on an event the consumer would
 * dead-letter, naming why.
 */
export async function ingestEvents(pool: pg.Pool, events: readonly DomainEvent[], options: { batchSize?: number; cache?: DerivationCache } = {}): Promise<{ stored: number; duplicates: number }> {
  const records: GoodRecord[] = events.map((event) => {
    // Through JSON, as from Kafka: what is stored is what a consumer would have read.
    const parsed = parseEventRecord(JSON.stringify(event));
    if (!parsed.ok) throw new Error(`event ${event.eventId} (${event.type}) would be dead-lettered: ${parsed.reason}: ${parsed.detail}`);
    return parsed;
  });
  const partitions = new MonthPartitions(pool);
  const batchSize = options.batchSize ?? 500;
  let stored = 0;
  for (let start = 0; start < records.length; start += batchSize) {
    const outcomes = await ingestBatch(pool, records.slice(start, start + batchSize), { partitions, cache: options.cache });
    stored += outcomes.filter((outcome) => outcome === 'stored').length;
  }
  return { stored, duplicates: events.length - stored };
}
