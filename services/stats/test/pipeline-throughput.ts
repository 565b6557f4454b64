// How fast one stats process drains the events topic: a measurement, not a test (it takes minutes
// and its figures depend on the machine). Realistic conversations (queue, assignment, messages,
// SLA clocks, transfers, close, CSAT, agents' status changes) are written to a fresh topic first;
// then, for each batch size asked for, a stats process with a fresh statistics database and a
// consumer group of its own reads the whole topic, and how long the store took is printed.
//
//   node --import tsx services/stats/test/pipeline-throughput.ts [--events 20000] [--partitions 12] [--batch 1,500] [--cache 0,200000]
//
// --batch 1 hands the consumer one record at a time (as before batches); without --batch the
// process's default is used. --cache sets SMARTCHAT_STATS_DERIVATION_CACHE_EVENTS (0: no derivation
// cache); every batch size runs with every cache size given. Needs the local dependencies (make infra-up).
import { parseArgs } from 'node:util';
import { domainEventKey, type DomainEvent } from '@smartchat/contracts';
import { createProducer, loadConfig } from '@smartchat/platform';
import { eventually, readLocalEnv, TestResources } from '@smartchat/platform/testing';
import { statsConfigSchema } from '../src/config.js';
import { startStatsProcess } from '../src/pipeline/stats-process.js';
import { createTestStatsDatabase } from '../src/pipeline/testing.js';
import { statusChanged } from './fixtures/event-script.js';
import { agentCreated, conversation, membersChanged, teamCreated } from './pipeline-support.js';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, partitions: { type: 'string', default: '12' }, batch: { type: 'string' }, cache: { type: 'string' } },
});
const total = Number(args.events);
const partitions = Number(args.partitions);
const batchSizes: (number | undefined)[] = args.batch ? args.batch.split(',').map(Number) : [undefined];
const cacheSizes: (number | undefined)[] = args.cache ? args.cache.split(',').map(Number) : [undefined];

/** A small deterministic generator (mulberry32), so that every run writes the same events. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A working day of three teams of eight agents, as the chat and balancer emit it, ordered by when
 * each event happened (as they arrive live), cut at `count` events.
 */
function workingDay(count: number): DomainEvent[] {
  const next = random(23);
  const between = (low: number, high: number) => low + next() * (high - low);
  const day = Date.UTC(2026, 9, 5, 6);
  const at = (ms: number) => new Date(ms).toISOString();
  const teams = [0, 1, 2].map((index) => `5a1e5000-0000-4000-8000-00000000010${index}`);
  const agents = teams.map((_, team) => Array.from({ length: 8 }, (_, index) => `a9e00000-0000-4000-8000-0000000${team}${String(index).padStart(4, '0')}`));
  const directory: DomainEvent[] = [];
  const presence: DomainEvent[] = [];
  teams.forEach((teamId, team) => {
    directory.push(teamCreated(`team-${team}`, teamId, `Team ${team}`, at(day - 3_600_000)));
    for (const agentId of agents[team]!) directory.push(agentCreated(`agent-${agentId}`, agentId, `Agent ${agentId.slice(-5)}`, [teamId], at(day - 3_000_000)));
    directory.push(membersChanged(`members-${team}`, teamId, at(day - 2_400_000), agents[team]!, [], []));
    for (const agentId of agents[team]!) {
      // A shift with a lunch break.
      const online = day + between(0, 3_600_000);
      const lunch = online + between(3, 5) * 3_600_000;
      const back = lunch + between(0.5, 1) * 3_600_000;
      const offline = back + between(3, 4) * 3_600_000;
      presence.push(
        statusChanged(`${agentId}:1`, agentId, at(online), 'online', 'offline'),
        statusChanged(`${agentId}:2`, agentId, at(lunch), 'away', 'online'),
        statusChanged(`${agentId}:3`, agentId, at(back), 'online', 'away'),
        statusChanged(`${agentId}:4`, agentId, at(offline), 'offline', 'online'),
      );
    }
  });
  const events: DomainEvent[] = [...presence];
  while (events.length < count) {
    const team = Math.floor(next() * teams.length);
    const pick = (inTeam: number) => agents[inTeam]![Math.floor(next() * 8)]!;
    let clock = day + between(0, 9 * 3_600_000);
    const later = (low: number, high: number) => at((clock += between(low, high) * 60_000));
    const script = conversation().created(at(clock), { teamId: teams[team]!, topic: next() < 0.3 ? 'refund' : null });
    let waiting = at(clock);
    script.slaStarted(waiting, 'first_response', at(clock + 30 * 60_000), script.nextMessageId()).customer(waiting);
    let assignee = pick(team);
    script.assigned(later(0, 3), assignee);
    if (next() < 0.1) {
      // Transferred to another team, answered there.
      const other = (team + 1) % teams.length;
      script.transferred(later(1, 4), teams[other]!, assignee);
      assignee = pick(other);
      script.assigned(later(0, 3), assignee);
    }
    let answer = later(1, 10);
    script.slaMet(answer, 'first_response', waiting, at(Date.parse(waiting) + 30 * 60_000), script.nextMessageId()).reply(answer, assignee);
    for (let exchange = Math.floor(between(2, 9)); exchange > 0; exchange -= 1) {
      waiting = later(1, 5);
      script.customer(waiting).slaStarted(waiting, 'next_response', at(Date.parse(waiting) + 15 * 60_000));
      answer = later(1, 5);
      script.slaMet(answer, 'next_response', waiting, at(Date.parse(waiting) + 15 * 60_000), script.nextMessageId()).reply(answer, assignee);
    }
    script.closed(later(1, 10), assignee);
    const survey = `${script.id}:survey`;
    script.csatRequested(at(clock), survey, assignee);
    if (next() < 0.6) script.csatSubmitted(later(1, 30), survey, 1 + Math.floor(next() * 5), { closedBy: assignee });
    events.push(...script.events);
  }
  const byTime = events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)).slice(0, Math.max(0, count - directory.length));
  return [...directory, ...byTime];
}

const print = (line: string) => process.stdout.write(`${line}\n`);

Object.assign(process.env, readLocalEnv());
const resources = new TestResources();
try {
  const events = workingDay(total);
  const topic = await resources.kafkaTopic('throughput', partitions);
  const kafka = resources.kafka();
  const producer = createProducer(kafka);
  await producer.connect();
  resources.defer('disconnect producer', () => producer.disconnect());
  for (let start = 0; start < events.length; start += 500) {
    await producer.send({ topic, messages: events.slice(start, start + 500).map((event) => ({ key: domainEventKey(event), value: JSON.stringify(event) })) });
  }
  const admin = kafka.admin();
  await admin.connect();
  resources.defer('disconnect admin', () => admin.disconnect());
  const ends = await admin.fetchTopicOffsets(topic);
  print(`${events.length} events of ${new Set(events.map(domainEventKey)).size} subjects on ${topic} (${partitions} partitions)`);

  for (const [batchSize, cacheSize] of batchSizes.flatMap((batch) => cacheSizes.map((cache) => [batch, cache] as const))) {
    const stats = await createTestStatsDatabase(resources);
    const groupId = `${resources.id}.stats-${batchSize ?? 'default'}-${cacheSize ?? 'default'}`;
    resources.defer(`delete group ${groupId}`, () => admin.deleteGroups([groupId]).catch(() => undefined));
    const config = loadConfig(statsConfigSchema, {
      SMARTCHAT_LOG_LEVEL: 'warn',
      SMARTCHAT_KAFKA_BROKERS: resources.config.SMARTCHAT_KAFKA_BROKERS.join(','),
      SMARTCHAT_STATS_PG_URL: stats.url,
      SMARTCHAT_EVENTS_TOPIC: topic,
      SMARTCHAT_STATS_CONSUMER_GROUP: groupId,
      SMARTCHAT_HTTP_HOST: '127.0.0.1',
      SMARTCHAT_OPS_PORT: '0',
      SMARTCHAT_PROMETHEUS_SD_DIR: undefined,
      ...(cacheSize === undefined ? {} : { SMARTCHAT_STATS_DERIVATION_CACHE_EVENTS: String(cacheSize) }),
    });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const statsProcess = await startStatsProcess(config, { logger: resources.logger, ...(batchSize === undefined ? {} : { maxBatchSize: batchSize }) });
    try {
      await eventually(
        'the statistics store to have every record',
        async () => {
          const progress = await stats.pool.query<{ kafka_partition: number; next_offset: string }>('SELECT kafka_partition, next_offset FROM kafka_progress WHERE topic = $1', [topic]);
          const next = new Map(progress.rows.map((row) => [row.kafka_partition, row.next_offset]));
          return ends.every((end) => end.offset === '0' || next.get(end.partition) === end.offset);
        },
        30 * 60_000,
        250,
      );
    } finally {
      await statsProcess.close();
    }
    const drainS = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // From the store: the first to the last transaction that stored an event (group join excluded).
    // received_at is now() of the transaction that stored the event: one value per transaction.
    const store = await stats.pool.query<{ n: number; span: number; transactions: number; letters: number }>(
      `SELECT count(*)::int AS n, extract(epoch FROM max(received_at) - min(received_at))::float8 AS span, count(DISTINCT received_at)::int AS transactions,
              (SELECT count(*)::int FROM dead_letters) AS letters
         FROM raw_events`,
    );
    const { n, span, transactions, letters } = store.rows[0]!;
    print(
      JSON.stringify({
        batch: batchSize ?? 'default',
        cache: cacheSize ?? 'default',
        events: events.length,
        stored: n,
        deadLetters: letters,
        transactions,
        drainS: Math.round(drainS * 10) / 10,
        eventsPerSecWholeDrain: Math.round(events.length / drainS),
        storingS: Math.round(span * 10) / 10,
        eventsPerSecStoring: Math.round(n / span),
        nodeCpuMsPerEvent: Math.round(((used.user + used.system) / 1000 / events.length) * 100) / 100,
      }),
    );
  }
} finally {
  await resources.cleanup();
}
