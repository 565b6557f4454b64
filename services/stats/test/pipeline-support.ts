// What the pipeline tests share: a statistics database and an events topic of the test's own, a
// producer, stats processes started on them, and a comparable picture of the store.
import { domainEventKey, domainEventVersions, type AgentCreatedEvent, type DomainEvent, type TeamCreatedEvent, type TeamMembersChangedEvent } from '@smartchat/contracts';
import { createProducer, loadConfig, type Producer } from '@smartchat/platform';
import { eventually, type TestResources } from '@smartchat/platform/testing';
import type pg from 'pg';
import { statsConfigSchema, type StatsConfig } from '../src/config.js';
import { startStatsProcess, type StatsProcess, type StatsProcessOptions } from '../src/pipeline/stats-process.js';
import { HISTOGRAM_KINDS } from '../src/queries/percentiles.js';
import { createTestStatsDatabase, type TestStatsDatabase } from '../src/pipeline/testing.js';
import { ConversationScript } from './fixtures/event-script.js';

export interface PipelineEnvironment {
  stats: TestStatsDatabase;
  topic: string;
  groupId: string;
  config: StatsConfig;
  producer: Producer;
  /** A stats process on this topic and database, closed at cleanup unless closed before. */
  start(options?: StatsProcessOptions): Promise<StatsProcess>;
  /** Each event as a record keyed like the producers key it. */
  produce(events: readonly DomainEvent[]): Promise<void>;
  produceRaw(records: { key: string | null; value: string; partition?: number }[]): Promise<void>;
  /** Until the store has every record produced so far (its progress reaches each partition's end). */
  caughtUp(timeoutMs?: number): Promise<void>;
}

export async function pipelineEnvironment(resources: TestResources, partitions = 3): Promise<PipelineEnvironment> {
  const stats = await createTestStatsDatabase(resources);
  const topic = await resources.kafkaTopic('events', partitions);
  const groupId = `${resources.id}.stats`;
  const config = loadConfig(statsConfigSchema, {
    SMARTCHAT_LOG_LEVEL: resources.config.SMARTCHAT_LOG_LEVEL,
    SMARTCHAT_KAFKA_BROKERS: resources.config.SMARTCHAT_KAFKA_BROKERS.join(','),
    SMARTCHAT_STATS_PG_URL: stats.url,
    SMARTCHAT_EVENTS_TOPIC: topic,
    SMARTCHAT_STATS_CONSUMER_GROUP: groupId,
    SMARTCHAT_STATS_PG_POOL: '4',
    SMARTCHAT_STATS_STATUS_MS: '500',
    SMARTCHAT_HTTP_HOST: '127.0.0.1',
    SMARTCHAT_OPS_PORT: '0',
    SMARTCHAT_PROMETHEUS_SD_DIR: undefined,
  });
  const kafka = resources.kafka();
  const admin = kafka.admin();
  await admin.connect();
  resources.defer('disconnect admin', () => admin.disconnect());
  resources.defer('delete the consumer group', () => admin.deleteGroups([groupId]).catch(() => undefined));
  const producer = createProducer(kafka);
  await producer.connect();
  resources.defer('disconnect producer', () => producer.disconnect());

  return {
    stats,
    topic,
    groupId,
    config,
    producer,
    async start(options = {}) {
      // A short session: a member that left is noticed in seconds (the broker's minimum is 6 s).
      const process = await startStatsProcess(config, { logger: resources.logger, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, ...options });
      let closed = false;
      resources.defer('close a stats process', () => (closed ? Promise.resolve() : process.close()));
      const close = process.close;
      return {
        ...process,
        close: async () => {
          if (closed) return;
          closed = true;
          await close();
        },
      };
    },
    async produce(events) {
      await producer.send({ topic, messages: events.map((event) => ({ key: domainEventKey(event), value: JSON.stringify(event) })) });
    },
    async produceRaw(records) {
      // One request per record, so that they land in the order given.
      for (const record of records) await producer.send({ topic, messages: [{ key: record.key, value: record.value }] });
    },
    async caughtUp(timeoutMs = 60_000) {
      await eventually(
        'the statistics store to have every record of the topic',
        async () => {
          const ends = await admin.fetchTopicOffsets(topic);
          const progress = await stats.pool.query<{ kafka_partition: number; next_offset: string }>('SELECT kafka_partition, next_offset FROM kafka_progress WHERE topic = $1', [topic]);
          const next = new Map(progress.rows.map((row) => [row.kafka_partition, row.next_offset]));
          return ends.every((end) => end.offset === '0' || next.get(end.partition) === end.offset);
        },
        timeoutMs,
        100,
      );
    },
  };
}

export interface StorePicture {
  rawEvents: string[];
  facts: unknown[];
  rollups: unknown[];
  /** rollup_hourly_team, rollup_daily_team and rollup_monthly_team (schema 0003), which follow rollup_hourly. */
  teamRollups: { hourly: unknown[]; daily: unknown[]; monthly: unknown[] };
  /** value_histogram_daily, value_histogram_monthly, value_histogram_monthly_desk and value_histogram_daily_desk (schema 0004), which follow facts. */
  histograms: { daily: unknown[]; monthly: unknown[]; desk: unknown[]; deskDaily: unknown[]; agents: unknown[]; dailyOctaves: unknown[] };
  /** rollup_monthly_agent (schema 0007), which follows rollup_hourly. */
  agentRollups: unknown[];
  teams: unknown[];
  teamSettings: unknown[];
  agents: unknown[];
}

/** Everything derived in the store, in a fixed order, so that two stores can be compared. */
export async function storePicture(pool: pg.Pool): Promise<StorePicture> {
  const rows = async (sql: string) => (await pool.query(sql)).rows;
  return {
    rawEvents: (await rows('SELECT event_id FROM raw_events ORDER BY event_id COLLATE "C"')).map((row) => row.event_id as string),
    facts: await rows(
      'SELECT subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value::float8 AS value, business_value::float8 AS business_value FROM facts ORDER BY subject_id COLLATE "C", key COLLATE "C"',
    ),
    rollups: await rows(
      'SELECT hour, kind, team_id, agent_id, channel, topic, internal, n::int, sum_value::float8, sum_business::float8 FROM rollup_hourly ORDER BY hour, kind COLLATE "C", team_id, agent_id, channel COLLATE "C", topic COLLATE "C", internal',
    ),
    teamRollups: {
      hourly: await rows(`SELECT hour, kind, team_id, agent_id, internal, n::int, sum_value::float8, sum_business::float8 FROM rollup_hourly_team ORDER BY ${TEAM_ROLLUP_ORDER}`),
      daily: await rows(`SELECT day, kind, team_id, agent_id, internal, n::int, sum_value::float8, sum_business::float8 FROM rollup_daily_team ORDER BY ${TEAM_ROLLUP_ORDER.replace('hour', 'day')}`),
      monthly: await rows(`SELECT month, kind, team_id, agent_id, internal, n::int, sum_value::float8, sum_business::float8 FROM rollup_monthly_team ORDER BY ${TEAM_ROLLUP_ORDER.replace('hour', 'month')}`),
    },
    histograms: {
      daily: await rows(`SELECT day, kind, team_id, internal, business, bucket, n::int, total::float8 FROM value_histogram_daily ORDER BY ${HISTOGRAM_ORDER}`),
      monthly: await rows(`SELECT month, kind, team_id, internal, business, bucket, n::int, total::float8 FROM value_histogram_monthly ORDER BY ${HISTOGRAM_ORDER.replace('day', 'month')}`),
      desk: await rows(`SELECT month, kind, internal, business, bucket, n::int, total::float8 FROM value_histogram_monthly_desk ORDER BY ${DESK_HISTOGRAM_ORDER}`),
      deskDaily: await rows(`SELECT day, kind, internal, business, bucket, n::int, total::float8 FROM value_histogram_daily_desk ORDER BY ${DESK_HISTOGRAM_ORDER.replace('month', 'day')}`),
      agents: await rows(`SELECT month, kind, agent_id, team_id, internal, business, octave, n::int, total::float8, counts FROM value_histogram_monthly_agent ORDER BY ${AGENT_HISTOGRAM_ORDER}`),
      dailyOctaves: await rows(`SELECT day, kind, team_id, internal, business, octave, n::int, total::float8 FROM value_octaves_daily ORDER BY ${HISTOGRAM_ORDER.replace('bucket', 'octave')}`),
    },
    agentRollups: await rows(`SELECT month, kind, agent_id, team_id, internal, n::int, sum_value::float8, sum_business::float8 FROM rollup_monthly_agent ORDER BY ${AGENT_ROLLUP_ORDER}`),
    teams: await rows('SELECT * FROM teams ORDER BY team_id'),
    teamSettings: await rows('SELECT * FROM team_settings ORDER BY team_id, valid_from'),
    agents: await rows('SELECT * FROM agents ORDER BY agent_id'),
  };
}

/** The rollups as the facts sum them (what rollup_hourly must always equal). */
export async function rollupsFromFacts(pool: pg.Pool): Promise<unknown[]> {
  return (
    await pool.query(
      `SELECT date_trunc('hour', at, 'UTC') AS hour, kind, team_id, agent_id, channel, topic, internal, count(*)::int AS n, sum(value)::float8 AS sum_value, coalesce(sum(business_value), 0)::float8 AS sum_business
         FROM facts GROUP BY 1, 2, 3, 4, 5, 6, 7
        ORDER BY hour, kind COLLATE "C", team_id, agent_id, channel COLLATE "C", topic COLLATE "C", internal`,
    )
  ).rows;
}

const TEAM_ROLLUP_ORDER = 'hour, kind COLLATE "C", team_id, agent_id, internal';

/** The team rollups as the facts sum them: without agent (but for presence), channel and topic, per UTC hour, day and month. */
export async function teamRollupsFromFacts(pool: pg.Pool): Promise<StorePicture['teamRollups']> {
  const summed = (time: 'hour' | 'day' | 'month') =>
    `SELECT date_trunc('${time}', at, 'UTC') AS ${time}, kind, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END AS agent_id, internal,
            count(*)::int AS n, sum(value)::float8 AS sum_value, coalesce(sum(business_value), 0)::float8 AS sum_business
       FROM facts GROUP BY 1, 2, 3, 4, 5
      ORDER BY ${TEAM_ROLLUP_ORDER.replace('hour', time)}`;
  return { hourly: (await pool.query(summed('hour'))).rows, daily: (await pool.query(summed('day'))).rows, monthly: (await pool.query(summed('month'))).rows };
}

const AGENT_ROLLUP_ORDER = 'month, kind COLLATE "C", agent_id, team_id, internal';

/** The agents' monthly rollups as the facts sum them: facts with an agent per UTC month, kind, agent, team and internal. */
export async function agentRollupsFromFacts(pool: pg.Pool): Promise<StorePicture['agentRollups']> {
  const { rows } = await pool.query(
    `SELECT date_trunc('month', at, 'UTC') AS month, kind, agent_id, team_id, internal, count(*)::int AS n, sum(value)::float8 AS sum_value, coalesce(sum(business_value), 0)::float8 AS sum_business
       FROM facts WHERE agent_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5
      ORDER BY ${AGENT_ROLLUP_ORDER}`,
  );
  return rows;
}

const HISTOGRAM_ORDER = 'day, kind COLLATE "C", team_id, internal, business, bucket';
const AGENT_HISTOGRAM_ORDER = 'month, kind COLLATE "C", agent_id, team_id, internal, business, octave';
const DESK_HISTOGRAM_ORDER = 'month, kind COLLATE "C", internal, business, bucket';

/** The value histograms as the facts count them: facts of the duration and distribution kinds per UTC day or month, team, internal, ordering and value bucket; and per month over all teams. */
export async function histogramsFromFacts(pool: pg.Pool): Promise<StorePicture['histograms']> {
  const counted = (time: 'day' | 'month') =>
    `SELECT date_trunc('${time}', at, 'UTC') AS ${time}, kind, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, count(*)::int AS n, sum(o.v)::float8 AS total
       FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
      WHERE kind = ANY($1::text[])
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY ${HISTOGRAM_ORDER.replace('day', time)}`;
  const kinds = [...HISTOGRAM_KINDS];
  const desk = (time: 'day' | 'month') => `SELECT date_trunc('${time}', at, 'UTC') AS ${time}, kind, internal, o.business, stats_value_bucket(o.v) AS bucket, count(*)::int AS n, sum(o.v)::float8 AS total
       FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
      WHERE kind = ANY($1::text[])
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY ${DESK_HISTOGRAM_ORDER.replace('month', time)}`;
  return {
    daily: (await pool.query(counted('day'), [kinds])).rows,
    monthly: (await pool.query(counted('month'), [kinds])).rows,
    desk: (await pool.query(desk('month'), [kinds])).rows,
    deskDaily: (await pool.query(desk('day'), [kinds])).rows,
    agents: await agentHistogramsFromFacts(pool, kinds),
    dailyOctaves: (
      await pool.query(
        `SELECT date_trunc('day', at, 'UTC') AS day, kind, team_id, internal, o.business, stats_value_bucket(o.v) / 32 AS octave, count(*)::int AS n, sum(o.v)::float8 AS total
           FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
          WHERE kind = ANY($1::text[])
          GROUP BY 1, 2, 3, 4, 5, 6
          ORDER BY ${HISTOGRAM_ORDER.replace('bucket', 'octave')}`,
        [kinds],
      )
    ).rows,
  };
}

/** Per agent and octave (32 value buckets), with the count of each of its buckets: the facts per bucket, gathered here. */
async function agentHistogramsFromFacts(pool: pg.Pool, kinds: string[]): Promise<unknown[]> {
  const { rows } = await pool.query<{ month: Date; kind: string; agent_id: string; team_id: string | null; internal: boolean; business: boolean; bucket: number; n: number; total: number }>(
    `SELECT date_trunc('month', at, 'UTC') AS month, kind, agent_id, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, count(*)::int AS n, sum(o.v)::float8 AS total
       FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
      WHERE kind = ANY($1::text[]) AND agent_id IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ORDER BY ${AGENT_HISTOGRAM_ORDER.replace('octave', 'bucket')}`,
    [kinds],
  );
  const octaves: { month: Date; kind: string; agent_id: string; team_id: string | null; internal: boolean; business: boolean; octave: number; n: number; total: number; counts: number[] }[] = [];
  for (const { bucket, n, total, ...dimensions } of rows) {
    const octave = Math.floor(bucket / 32);
    const last = octaves.at(-1);
    const same = last && last.month.getTime() === dimensions.month.getTime() && last.kind === dimensions.kind && last.agent_id === dimensions.agent_id && last.team_id === dimensions.team_id && last.internal === dimensions.internal && last.business === dimensions.business && last.octave === octave;
    const row = same ? last : { ...dimensions, octave, n: 0, total: 0, counts: new Array<number>(32).fill(0) };
    if (!same) octaves.push(row);
    row.n += n;
    row.total += total;
    row.counts[bucket % 32] = row.counts[bucket % 32]! + n;
  }
  return octaves;
}

/** The facts as stored, shaped like the derivation's (for comparing with the pure functions). */
export async function storedFacts(pool: pg.Pool, subjectIds?: readonly string[]): Promise<Record<string, unknown>[]> {
  const result = await pool.query(
    `SELECT subject_id AS "subjectId", key, kind, at, team_id AS "teamId", agent_id AS "agentId", channel, topic, internal, value::float8 AS value, business_value::float8 AS "businessValue"
       FROM facts ${subjectIds ? 'WHERE subject_id = ANY($1)' : ''} ORDER BY subject_id COLLATE "C", key COLLATE "C"`,
    subjectIds ? [subjectIds] : [],
  );
  return result.rows;
}

/** Facts from the pure derivation, in the order storedFacts gives. */
export function sortedFacts<T extends { subjectId: string; key: string }>(facts: readonly T[]): T[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...facts].sort((a, b) => text(a.subjectId, b.subjectId) || text(a.key, b.key));
}

// --- events the conversation scripts do not write ------------------------------------------------

const admin = (id: string) => ({ type: 'agent' as const, id });

export function teamCreated(eventId: string, teamId: string, name: string, at: string): TeamCreatedEvent {
  return { eventId, type: 'team.created', version: domainEventVersions['team.created'], occurredAt: at, actor: admin(ADMIN), teamId, data: { name } };
}

export function agentCreated(eventId: string, agentId: string, name: string, teamIds: string[], at: string): AgentCreatedEvent {
  return {
    eventId,
    type: 'agent.created',
    version: domainEventVersions['agent.created'],
    occurredAt: at,
    actor: admin(ADMIN),
    agentId,
    data: { name, role: 'agent', capacity: 5, timeZone: 'Europe/Moscow', teamIds, disabled: false, assignmentPaused: false },
  };
}

export function membersChanged(eventId: string, teamId: string, at: string, memberIds: string[], added: string[], removed: string[]): TeamMembersChangedEvent {
  return { eventId, type: 'team.members_changed', version: domainEventVersions['team.members_changed'], occurredAt: at, actor: admin(ADMIN), teamId, data: { memberIds, added, removed } };
}

export const ADMIN = 'ad000000-0000-4000-8000-000000000001';
export const SALES = '5a1e5000-0000-4000-8000-000000000001';
export const SUPPORT = '5a1e5000-0000-4000-8000-000000000002';
export const ANNA = 'a9e00000-0000-4000-8000-00000000000a';
export const BORIS = 'a9e00000-0000-4000-8000-00000000000b';

let conversations = 0;
/** A conversation script with a fresh id. */
export function conversation(): ConversationScript {
  conversations += 1;
  return new ConversationScript(`c0000000-0000-4000-8000-${String(conversations).padStart(12, '0')}`, conversations);
}

/** 2026-10-05 is a Monday; `t('09:05')` is that day at 09:05 UTC. */
export const t = (time: string, day = '2026-10-05') => `${day}T${time}:00.000Z`;
