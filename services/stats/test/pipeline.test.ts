// The statistics pipeline end to end: records on a real Kafka topic, stats processes consuming
// them, the statistics database (a real PostgreSQL) holding raw events, facts and rollups.
import { domainEventKey, type DomainEvent } from '@smartchat/contracts';
import { eventually, isolatedResources } from '@smartchat/platform/testing';
import { describe, expect, it } from 'vitest';
import { alwaysOpen, deriveConversationFacts, derivePresenceFacts, teamCalendarFromEvents, type Fact } from '../src/metrics/index.js';
import { ingestEvents } from '../src/pipeline/feed.js';
import type { StatsProcess } from '../src/pipeline/stats-process.js';
import { createTestStatsDatabase } from '../src/pipeline/testing.js';
import { statusChanged, teamSettingsChanged } from './fixtures/event-script.js';
import {
  agentCreated,
  ANNA,
  BORIS,
  conversation,
  membersChanged,
  pipelineEnvironment,
  rollupsFromFacts,
  teamRollupsFromFacts,
  agentRollupsFromFacts,
  histogramsFromFacts,
  SALES,
  sortedFacts,
  storedFacts,
  storePicture,
  SUPPORT,
  t,
  teamCreated,
} from './pipeline-support.js';

/** A counter's value in a process's registry for one label value. */
async function metricValue(process: StatsProcess, name: string, label: string, value: string): Promise<number> {
  const metric = await process.registry.getSingleMetric(name)!.get();
  return metric.values.find((entry) => entry.labels[label] === value)?.value ?? Number.NaN;
}

/**
 * Waits for a counter to reach `expected` (exactly, or at least): a batch's counters move just
 * after its transaction commits, so a test that has seen the store caught up may read them a
 * moment before. A counter that passes an exact value never comes back to it, so this still fails.
 */
async function expectMetric(process: StatsProcess, name: string, label: string, value: string, expected: number | { atLeast: number }): Promise<void> {
  let last = Number.NaN;
  const met = () => (typeof expected === 'number' ? last === expected : last >= expected.atLeast);
  await eventually(
    `${name}{${label}="${value}"} to be ${typeof expected === 'number' ? expected : `at least ${expected.atLeast}`}`,
    async () => {
      last = await metricValue(process, name, label, value);
      return met();
    },
    10_000,
    50,
  ).catch(() => undefined);
  if (typeof expected === 'number') expect(last, `${name}{${label}="${value}"}`).toBe(expected);
  else expect(last, `${name}{${label}="${value}"}`).toBeGreaterThanOrEqual(expected.atLeast);
}

/** A small desk's morning: two conversations, a team, two agents, Anna's status changes. */
function morning() {
  const first = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:05'), ANNA).closed(t('09:30'), ANNA);
  const second = conversation().created(t('10:00'), { teamId: SALES, topic: 'refund' }).customer(t('10:00')).assigned(t('10:02'), BORIS).reply(t('10:10'), BORIS);
  const presence = [
    statusChanged('s1', ANNA, t('08:00'), 'online', 'offline'),
    statusChanged('s2', ANNA, t('09:40'), 'away', 'online'),
    statusChanged('s3', ANNA, t('11:15'), 'offline', 'away'),
  ];
  const directory: DomainEvent[] = [
    teamCreated('team-1', SALES, 'Sales', t('07:00')),
    agentCreated('agent-1', ANNA, 'Anna', [SALES], t('07:01')),
    agentCreated('agent-2', BORIS, 'Boris', [], t('07:02')),
    membersChanged('team-2', SALES, t('07:03'), [ANNA, BORIS], [BORIS], []),
  ];
  return { first, second, presence, directory, all: [...directory, ...first.events, ...second.events, ...presence] };
}

describe('the statistics pipeline', () => {
  it('carries events from Kafka into raw events, facts and hourly rollups, creating the month partitions', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources);
    const { first, second, presence, all } = morning();
    // One conversation in November: a second month partition.
    const november = conversation().created(t('12:00', '2026-11-02'), { teamId: SALES }).customer(t('12:00', '2026-11-02'));
    await env.start();
    await env.produce([...all, ...november.events]);
    await env.caughtUp();

    const { pool } = env.stats;
    const raw = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM raw_events');
    expect(raw.rows[0]!.count).toBe(all.length + november.events.length);
    // Each subject's facts are exactly what the metric definitions derive from its events.
    for (const script of [first, second, november]) {
      expect(await storedFacts(pool, [script.id])).toEqual(sortedFacts(deriveConversationFacts(script.events, alwaysOpen)));
    }
    const presenceFacts = [...derivePresenceFacts(presence[0]!, presence[1]!), ...derivePresenceFacts(presence[1]!, presence[2]!)];
    expect(await storedFacts(pool, [ANNA])).toEqual(sortedFacts(presenceFacts));
    // Anna answered the first conversation's customer after 5 minutes; she was online 1 h 40 min.
    const firstResponse = await pool.query('SELECT value::int FROM facts WHERE subject_id = $1 AND kind = $2', [first.id, 'response.first']);
    expect(firstResponse.rows).toEqual([{ value: 5 * 60_000 }]);
    const online = await pool.query<{ total: number }>("SELECT sum(sum_value)::int AS total FROM rollup_hourly WHERE kind = 'agent.online' AND agent_id = $1", [ANNA]);
    expect(online.rows[0]!.total).toBe(100 * 60_000);
    // The rollups are the facts summed per UTC hour, in integers.
    expect((await storePicture(pool)).rollups).toEqual(await rollupsFromFacts(pool));
    expect((await storePicture(pool)).teamRollups).toEqual(await teamRollupsFromFacts(pool));
    expect((await storePicture(pool)).agentRollups).toEqual(await agentRollupsFromFacts(pool));
    expect((await storePicture(pool)).histograms).toEqual(await histogramsFromFacts(pool));
    const newInSales = await pool.query<{ n: number }>("SELECT sum(n)::int AS n FROM rollup_hourly WHERE kind = 'conversation.new' AND team_id = $1", [SALES]);
    expect(newInSales.rows[0]!.n).toBe(3);

    const partitions = await pool.query<{ name: string }>("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'raw_events'::regclass ORDER BY 1");
    expect(partitions.rows.map((row) => row.name)).toEqual(['raw_events_y2026m10', 'raw_events_y2026m11']);
    // Names for dashboards: Boris joined Sales through the team's membership change.
    expect((await pool.query('SELECT team_id, name, deleted_at FROM teams')).rows).toEqual([{ team_id: SALES, name: 'Sales', deleted_at: null }]);
    expect((await pool.query('SELECT agent_id, name, team_ids FROM agents ORDER BY name')).rows).toEqual([
      { agent_id: ANNA, name: 'Anna', team_ids: [SALES] },
      { agent_id: BORIS, name: 'Boris', team_ids: [SALES] },
    ]);
  });

  it('a duplicated event and a redelivered batch change nothing', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources);
    const { first, all } = morning();
    const close = first.events.at(-1)!;
    const process = await env.start();
    // The close twice in a row (the outbox relay may send an event twice), then everything again.
    await env.produce([...all, structuredClone(close)]);
    await env.caughtUp();
    const once = await storePicture(env.stats.pool);
    await env.produce(all);
    await env.caughtUp();

    expect(await storePicture(env.stats.pool)).toEqual(once);
    expect(once.rawEvents).toHaveLength(all.length);
    const closes = await env.stats.pool.query<{ n: number }>("SELECT sum(n)::int AS n FROM rollup_hourly WHERE kind = 'conversation.closed'");
    expect(closes.rows[0]!.n).toBe(1);
    // Every copy was consumed (events/s counts what came), none was counted twice in the store.
    await expectMetric(process, 'smartchat_stats_events_total', 'type', 'conversation.closed', 3);
  });

  it("a conversation's later events are derived from what the process kept, and say so in its metrics", async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources);
    const { first, all } = morning();
    const process = await env.start();
    const close = first.events.at(-1)!;
    await env.produce(all.filter((event) => event !== close));
    await env.caughtUp();
    await env.produce([close]);
    await env.caughtUp();

    // The close came alone, after the process had derived its conversation: taken from memory.
    await expectMetric(process, 'smartchat_stats_derivation_cache_total', 'outcome', 'hit', { atLeast: 1 });
    await expectMetric(process, 'smartchat_stats_derivation_cache_total', 'outcome', 'miss', { atLeast: 1 });
    expect((await process.registry.getSingleMetric('smartchat_stats_derivation_cache_events')!.get()).values[0]!.value).toBeGreaterThan(0);
    // And the store is the one that reading every conversation again gives.
    const plain = await createTestStatsDatabase(resources);
    await ingestEvents(plain.pool, all);
    expect(await storePicture(env.stats.pool)).toEqual(await storePicture(plain.pool));
  });

  it('a crash between the write and the offset commit loses nothing and counts nothing twice', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources);
    const { all } = morning();
    const later = conversation().created(t('13:00'), { teamId: SALES }).customer(t('13:00')).assigned(t('13:01'), ANNA).reply(t('13:03'), ANNA);

    // This process writes everything but never commits an offset: as if it died after each write.
    const crashed = await env.start({ commitOffsets: false });
    await env.produce(all);
    await env.caughtUp();
    const written = await storePicture(env.stats.pool);
    await crashed.close();

    // Its successor in the group gets every record again, and more.
    const successor = await env.start();
    await env.produce(later.events);
    await env.caughtUp();
    await expectMetric(successor, 'smartchat_stats_events_total', 'type', 'conversation.created', 3);

    const reference = await createTestStatsDatabase(resources);
    await ingestEvents(reference.pool, [...all, ...later.events]);
    const picture = await storePicture(env.stats.pool);
    expect(picture).toEqual(await storePicture(reference.pool));
    expect(picture.rawEvents).toEqual([...new Set([...written.rawEvents, ...later.events.map((event) => event.eventId)])].sort());
  });

  it('a record that is not a readable event goes to dead letters with the metric, and its partition moves on', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 1);
    const process = await env.start();
    const before = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00'));
    const after = conversation().created(t('09:10'), { teamId: SALES }).customer(t('09:10'));
    const good = (event: DomainEvent) => ({ key: before.id, value: JSON.stringify(event) });
    const created = before.events[0]!;
    await env.produceRaw([
      ...before.events.map(good),
      { key: before.id, value: '{"type": "message.created", "version": 1,' },
      { key: before.id, value: '{"hello": "world"}' },
      { key: before.id, value: JSON.stringify({ ...created, eventId: 'x-1', type: 'conversation.teleported' }) },
      { key: before.id, value: JSON.stringify({ ...created, eventId: 'x-2', version: 7 }) },
      { key: before.id, value: JSON.stringify({ ...created, eventId: 'x-3', occurredAt: 'yesterday' }) },
      ...after.events.map(good),
    ]);
    await env.caughtUp();

    const letters = await env.stats.pool.query('SELECT kafka_partition, kafka_offset::int, reason FROM dead_letters ORDER BY kafka_offset');
    const offset = before.events.length;
    expect(letters.rows).toEqual([
      { kafka_partition: 0, kafka_offset: offset, reason: 'not_json' },
      { kafka_partition: 0, kafka_offset: offset + 1, reason: 'not_an_event' },
      { kafka_partition: 0, kafka_offset: offset + 2, reason: 'unknown_type' },
      { kafka_partition: 0, kafka_offset: offset + 3, reason: 'unknown_version' },
      { kafka_partition: 0, kafka_offset: offset + 4, reason: 'not_an_event' },
    ]);
    const stored = await env.stats.pool.query<{ event_id: string }>('SELECT event_id FROM raw_events');
    expect(stored.rows.map((row) => row.event_id).sort()).toEqual([...before.events, ...after.events].map((event) => event.eventId).sort());
    expect(await storedFacts(env.stats.pool, [after.id])).toEqual(sortedFacts(deriveConversationFacts(after.events, alwaysOpen)));
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'not_json', 1);
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'not_an_event', 2);
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'unknown_type', 1);
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'unknown_version', 1);
  });

  it('an event the database refuses, or whose facts cannot be derived, is dead-lettered without blocking the partition; the latter is kept for a rebuild', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 1);
    const process = await env.start();
    // Business hours no week has (as a bug in the derivation would): Support's durations cannot be derived.
    await env.stats.pool.query(
      `INSERT INTO team_settings (team_id, valid_from, settings) VALUES ($1, '2026-10-01', '{"businessHours": {"timeZone": "Nowhere/Land", "days": {"mon": [["09:00", "18:00"]]}}}')`,
      [SUPPORT],
    );
    const broken = conversation().created(t('09:00'), { teamId: SUPPORT }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:05'), ANNA);
    const withNul = conversation().created(t('09:10'), { teamId: SALES, topic: 'nul \u0000 byte' });
    const after = conversation().created(t('09:20'), { teamId: SALES }).customer(t('09:20')).assigned(t('09:21'), BORIS).reply(t('09:22'), BORIS);
    await env.produce([...broken.events, ...withNul.events, ...after.events]);
    await env.caughtUp();

    const letters = await env.stats.pool.query<{ reason: string; kafka_key: string; detail: string }>('SELECT reason, kafka_key, detail FROM dead_letters ORDER BY kafka_offset');
    const reasons = new Set(letters.rows.map((row) => row.reason));
    expect(reasons).toEqual(new Set(['derivation_failed', 'unstorable']));
    // Only the event that carries the NUL (its creation); the queue entry after it is stored.
    const nulEvents = withNul.events.filter((event) => JSON.stringify(event).includes('\\u0000'));
    expect(nulEvents).toHaveLength(1);
    expect(letters.rows.filter((row) => row.reason === 'unstorable').map((row) => row.kafka_key)).toEqual([withNul.id]);
    expect(letters.rows.find((row) => row.reason === 'derivation_failed')!.detail).toContain('Nowhere/Land');
    // Every event of the broken conversation is kept: a rebuild after the fix derives it.
    const kept = await env.stats.pool.query<{ event_id: string }>('SELECT event_id FROM raw_events WHERE subject_id = $1', [broken.id]);
    expect(kept.rows.map((row) => row.event_id).sort()).toEqual(broken.events.map((event) => event.eventId).sort());
    expect(await storedFacts(env.stats.pool, [after.id])).toEqual(sortedFacts(deriveConversationFacts(after.events, alwaysOpen)));
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'unstorable', 1);
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'derivation_failed', { atLeast: 1 });
  });

  it('a backlog is stored many events per transaction; a record the database refuses in the middle of a batch is dead-lettered alone and the others are stored', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 1);
    const before = Array.from({ length: 5 }, (_, index) => conversation().created(t(`09:0${index}`), { teamId: SALES }).customer(t(`09:0${index}`)).assigned(t('09:10'), ANNA).reply(t('09:15'), ANNA));
    const withNul = conversation().created(t('09:20'), { teamId: SALES, topic: 'nul \u0000 byte' });
    const after = Array.from({ length: 5 }, (_, index) => conversation().created(t(`09:3${index}`), { teamId: SALES }).customer(t(`09:3${index}`)).assigned(t('09:40'), BORIS).reply(t('09:45'), BORIS));
    const good = [...before, ...after].flatMap((script) => script.events);
    const [nul, ...queuedWithNul] = withNul.events;
    expect(JSON.stringify(nul)).toContain('\\u0000');
    // On the topic before the process starts, in one request: one fetch, one batch.
    const record = (event: DomainEvent) => ({ key: domainEventKey(event), value: JSON.stringify(event) });
    await env.producer.send({
      topic: env.topic,
      messages: [...before.flatMap((script) => script.events.map(record)), record(nul!), { key: withNul.id, value: '{"not": json' }, ...queuedWithNul.map(record), ...after.flatMap((script) => script.events.map(record))],
    });
    const process = await env.start();
    await env.caughtUp();

    const nulOffset = before.flatMap((script) => script.events).length;
    const letters = await env.stats.pool.query('SELECT kafka_offset::int AS offset, reason FROM dead_letters ORDER BY kafka_offset');
    expect(letters.rows).toEqual([
      { offset: nulOffset, reason: 'unstorable' },
      { offset: nulOffset + 1, reason: 'not_json' },
    ]);
    const stored = await env.stats.pool.query<{ event_id: string }>('SELECT event_id FROM raw_events');
    expect(stored.rows.map((row) => row.event_id).sort()).toEqual([...good, ...queuedWithNul].map((event) => event.eventId).sort());
    for (const script of [...before, ...after]) expect(await storedFacts(env.stats.pool, [script.id])).toEqual(sortedFacts(deriveConversationFacts(script.events, alwaysOpen)));
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'unstorable', 1);
    await expectMetric(process, 'smartchat_stats_dead_letters_total', 'reason', 'not_json', 1);
    await expectMetric(process, 'smartchat_stats_events_total', 'type', 'conversation.created', 11);

    // Live records written together are stored together: a few transactions, not one per event.
    const more = Array.from({ length: 20 }, (_, index) => conversation().created(t(`10:${10 + index}`), { teamId: SALES }).customer(t(`10:${10 + index}`)).assigned(t('10:40'), ANNA).reply(t('10:45'), ANNA));
    const moreEvents = more.flatMap((script) => script.events);
    await env.produce(moreEvents);
    await env.caughtUp();
    const transactions = await env.stats.pool.query<{ events: number; transactions: number }>(
      'SELECT count(*)::int AS events, count(DISTINCT received_at)::int AS transactions FROM raw_events WHERE event_id = ANY($1)',
      [moreEvents.map((event) => event.eventId)],
    );
    expect(transactions.rows[0]!.events).toBe(moreEvents.length);
    expect(transactions.rows[0]!.transactions).toBeLessThan(5);
    expect((await storePicture(env.stats.pool)).rollups).toEqual(await rollupsFromFacts(env.stats.pool));
  });

  it('two processes in one group share the partitions, and the store is the same as with one', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 4);
    const scripts = Array.from({ length: 60 }, (_, index) => {
      const minute = String(index % 60).padStart(2, '0');
      const script = conversation().created(t(`09:${minute}`), { teamId: index % 2 ? SALES : SUPPORT }).customer(t(`09:${minute}`));
      script.assigned(t(`10:${minute}`), index % 3 ? ANNA : BORIS).reply(t(`10:${minute}`), index % 3 ? ANNA : BORIS);
      if (index % 4 === 0) script.closed(t(`11:${minute}`), ANNA).reopened(t(`11:${minute}`, '2026-10-06'), null).closed(t(`12:${minute}`, '2026-10-06'), BORIS);
      return script;
    });
    const one = await env.start();
    const two = await env.start();
    const consumed = (process: StatsProcess) => metricValue(process, 'smartchat_stats_events_total', 'type', 'conversation.created');
    // Until the group has settled with both members, one of them may take every partition: the
    // conversations go out a few at a time until each process has had some.
    const produced: DomainEvent[] = [];
    await eventually(
      'both processes consuming',
      async () => {
        const batch = scripts.splice(0, 4).flatMap((script) => script.events);
        produced.push(...batch);
        await env.produce(batch);
        await env.caughtUp();
        return (await consumed(one)) > 0 && (await consumed(two)) > 0;
      },
      60_000,
      500,
    );
    const rest = scripts.flatMap((script) => script.events);
    produced.push(...rest);
    await env.produce(rest);
    await env.caughtUp();

    const reference = await createTestStatsDatabase(resources);
    await ingestEvents(reference.pool, produced);
    expect(await storePicture(env.stats.pool)).toEqual(await storePicture(reference.pool));
    // A group settles in seconds, more on a busy machine.
  }, 180_000);

  it('events of one subject in any order give the facts of the right order (late status change, late business hours)', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 2);
    await env.start();
    // Anna: online 08:00, (away 09:30 comes last), offline 11:00.
    const online = statusChanged('p1', ANNA, t('08:00'), 'online', 'offline');
    const away = statusChanged('p2', ANNA, t('09:30'), 'away', 'online');
    const offline = statusChanged('p3', ANNA, t('11:00'), 'offline', 'away');
    // Sales works 09:00-18:00 Moscow (06:00-15:00 UTC) from 08:00 UTC: a change that arrives after
    // the conversation it applies to was counted as always open.
    const hours = teamSettingsChanged('h1', SALES, t('08:00'), ANNA, { businessHours: null }, {
      businessHours: { timeZone: 'Europe/Moscow', days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']] } },
      firstResponseMinutes: 30,
    });
    const waiting = conversation().created(t('14:00'), { teamId: SALES }).customer(t('14:00')).assigned(t('14:10'), ANNA).reply(t('07:00', '2026-10-06'), ANNA);
    await env.produce([online, offline, ...waiting.events]);
    await env.caughtUp();
    const beforeLateHours = await storedFacts(env.stats.pool, [waiting.id]);
    expect(beforeLateHours).toEqual(sortedFacts(deriveConversationFacts(waiting.events, alwaysOpen)));
    await env.produce([away, hours]);
    await env.caughtUp();

    const calendar = teamCalendarFromEvents([hours]);
    const expected = sortedFacts(deriveConversationFacts(waiting.events, calendar));
    expect(await storedFacts(env.stats.pool, [waiting.id])).toEqual(expected);
    // 14:00 to 15:00 UTC Monday and 06:00 to 07:00 Tuesday: two business hours of a 17-hour wait.
    const first = expected.find((fact: Fact) => fact.kind === 'response.first')!;
    expect([first.value, first.businessValue]).toEqual([17 * 3_600_000, 2 * 3_600_000]);
    expect(await storedFacts(env.stats.pool, [ANNA])).toEqual(sortedFacts([...derivePresenceFacts(online, away), ...derivePresenceFacts(away, offline)]));
    expect((await storePicture(env.stats.pool)).rollups).toEqual(await rollupsFromFacts(env.stats.pool));
    const settings = await env.stats.pool.query('SELECT valid_from, settings FROM team_settings WHERE team_id = $1', [SALES]);
    expect(settings.rows).toHaveLength(1);
    expect(settings.rows[0]).toMatchObject({ valid_from: new Date(t('08:00')), settings: { firstResponseMinutes: 30, businessHours: { timeZone: 'Europe/Moscow' }, topics: [] } });
  });

  it('reports consumer lag per partition until the records are in the store, and serves its metrics and readiness', async () => {
    const resources = isolatedResources();
    const env = await pipelineEnvironment(resources, 2);
    const lagging = await env.start();
    await env.produce(morning().all);
    await env.caughtUp();
    const lagOf = async () => {
      await lagging.refreshStatus();
      const metric = await lagging.metrics.consumerLag.get();
      return metric.values.map((value) => ({ partition: value.labels.partition, lag: value.value })).sort((a, b) => Number(a.partition) - Number(b.partition));
    };
    expect(await lagOf()).toEqual([
      { partition: '0', lag: 0 },
      { partition: '1', lag: 0 },
    ]);
    // The store behind by a partition's whole content: that much lag.
    const progress = await env.stats.pool.query<{ next_offset: string }>('SELECT next_offset FROM kafka_progress WHERE topic = $1 AND kafka_partition = 0', [env.topic]);
    const backlog = Number(progress.rows[0]!.next_offset);
    await env.stats.pool.query('UPDATE kafka_progress SET next_offset = 0 WHERE topic = $1 AND kafka_partition = 0', [env.topic]);
    expect(backlog).toBeGreaterThan(0);
    expect(await lagOf()).toEqual([
      { partition: '0', lag: backlog },
      { partition: '1', lag: 0 },
    ]);

    const base = `http://127.0.0.1:${lagging.port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'smartchat_stats_consumer_lag{',
      'smartchat_stats_events_total{',
      'smartchat_stats_processing_seconds_bucket{',
      'smartchat_stats_event_age_seconds_bucket{',
      'smartchat_stats_dead_letters_total{',
      'smartchat_stats_rebuild_running{',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
