// The Kafka client alone, as the chat process uses it: domain events keyed by conversation, written
// the way the event sink writes them (one request in flight, carrying everything queued), against
// the local broker. Prints one JSON line per phase: an idle connected producer (CPU, wake-ups),
// fixed rates (CPU µs per event, ack latency), and as fast as it goes. About 90 s.
//   node --import tsx scripts/bench/src/kafka-sink.ts            (after `make infra-up`)
// Environment: SMARTCHAT_KAFKA_BROKERS (scripts/infra/smartchat.env), KAFKA_SINK_RATES (500,2000,5000).
// Used to choose the client library (scripts/bench/NOTEBOOK.md, 2026-12-06).
import { randomUUID } from 'node:crypto';
import { createKafka, createLogger, createProducer, ensureTopics } from '@smartchat/platform';
import { readLocalEnv } from '@smartchat/platform/testing';
import { sleep } from './orchestration.js';

interface EventRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

const kafkaBrokers = (): string[] => (process.env.SMARTCHAT_KAFKA_BROKERS ?? readLocalEnv().SMARTCHAT_KAFKA_BROKERS!).split(',');

/** The event sink's pattern: one send at a time, each taking every batch queued (at most 2,000 events). */
function eventSink(send: (records: EventRecord[]) => Promise<unknown>): (records: EventRecord[]) => Promise<void> {
  const queue: { records: EventRecord[]; done: () => void; fail: (error: unknown) => void }[] = [];
  let sending = false;
  const drain = async () => {
    sending = true;
    while (queue.length > 0) {
      let count = 0;
      let taken = 0;
      while (taken < queue.length && (taken === 0 || count + queue[taken]!.records.length <= 2000)) count += queue[taken++]!.records.length;
      const group = queue.splice(0, taken);
      try {
        await send(group.flatMap((waiting) => waiting.records));
        for (const waiting of group) waiting.done();
      } catch (error) {
        for (const waiting of group) waiting.fail(error);
      }
    }
    sending = false;
  };
  return (records) =>
    new Promise<void>((done, fail) => {
      queue.push({ records, done, fail });
      if (!sending) void drain();
    });
}

const conversations = Array.from({ length: 500 }, () => randomUUID());
let seq = 0;
/** A `message.created` event of about the size the chat process writes. */
function event(): EventRecord {
  const conversationId = conversations[seq++ % conversations.length]!;
  const value = { id: randomUUID(), type: 'message.created', occurredAt: new Date().toISOString(), conversationId, data: { messageId: randomUUID(), authorKind: 'customer', authorId: randomUUID(), kind: 'reply', body: 'x'.repeat(120), seq } };
  return { key: conversationId, value: JSON.stringify(value), headers: { type: 'message.created' } };
}

/** CPU of this process (user + system) and its wake-ups (voluntary context switches) since the call. */
function meter() {
  const cpu = process.cpuUsage();
  const usage = process.resourceUsage();
  const started = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, cpuUs: used.user + used.system, wakeupsPerSec: (process.resourceUsage().voluntaryContextSwitches - usage.voluntaryContextSwitches) / seconds };
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const report = (phase: string, figures: Record<string, number>) => process.stdout.write(`${JSON.stringify({ phase, node: process.version, ...figures })}\n`);

async function main(): Promise<void> {
  const logger = createLogger({ service: 'bench-kafka', level: 'warn' });
  const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'smartchat-bench-kafka', logger });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `smartchat-bench.kafka-sink.${randomUUID()}`;
  await ensureTopics(admin, [{ topic, numPartitions: 12 }]);
  const producer = createProducer(kafka);
  try {
    await producer.connect();
    const write = eventSink((records) => producer.send({ topic, acks: -1, messages: records }));
    await write([event()]);

    await sleep(2000);
    const idle = meter();
    await sleep(20_000);
    const quiet = idle();
    report('idle', { cpuPercentOfCore: round((quiet.cpuUs / 1e6 / quiet.seconds) * 100, 2), wakeupsPerSec: round(quiet.wakeupsPerSec) });

    // 16 shards each hand over their events every 10 ms tick, the next batch once the last is in.
    const rates = (process.env.KAFKA_SINK_RATES ?? '500,2000,5000').split(',').map(Number);
    for (const rate of rates) {
      const shards = 16;
      const busy = new Array<boolean>(shards).fill(false);
      const owed = new Array<number>(shards).fill(0);
      const latencies: number[] = [];
      let written = 0;
      let failed = 0;
      let measuring = false;
      const ticks = setInterval(() => {
        for (let shard = 0; shard < shards; shard++) {
          owed[shard]! += rate / 100 / shards;
          if (busy[shard] || owed[shard]! < 1) continue;
          const count = Math.floor(owed[shard]!);
          owed[shard]! -= count;
          busy[shard] = true;
          const at = performance.now();
          const counted = measuring;
          write(Array.from({ length: count }, event))
            .then(
              () => {
                if (counted && measuring) {
                  latencies.push(performance.now() - at);
                  written += count;
                }
              },
              () => (failed += count),
            )
            .finally(() => (busy[shard] = false));
        }
      }, 10);
      await sleep(3000);
      measuring = true;
      const window = meter();
      await sleep(15_000);
      const used = window();
      measuring = false;
      clearInterval(ticks);
      await sleep(1000);
      report(`${rate} events/s`, {
        eventsPerSec: round(written / used.seconds),
        cpuUsPerEvent: round(used.cpuUs / written),
        ackP50Ms: round(percentile(latencies, 50)),
        ackP99Ms: round(percentile(latencies, 99)),
        wakeupsPerSec: round(used.wakeupsPerSec),
        failed,
      });
    }

    // Flat out: 32 writers of 50 events each, every one writing again as soon as its batch is in.
    let written = 0;
    let running = true;
    const writers = Array.from({ length: 32 }, async () => {
      while (running) {
        await write(Array.from({ length: 50 }, event));
        written += 50;
      }
    });
    await sleep(2000);
    written = 0;
    const window = meter();
    await sleep(10_000);
    const used = window();
    const events = written;
    running = false;
    await Promise.allSettled(writers);
    report('flat out', { eventsPerSec: round(events / used.seconds), cpuUsPerEvent: round(used.cpuUs / events), cpuPercentOfCore: round((used.cpuUs / 1e6 / used.seconds) * 100) });
  } finally {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

await main();
