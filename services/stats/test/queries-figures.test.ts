// The read side's SQL against the reference aggregation (metrics/aggregate.ts) on a real statistics
// database filled through the pipeline's own ingest: every metric of the catalogue, under every kind
// of filter, overall, per team, per agent, per local day and per hour of the week, gives exactly
// the figure the reference computes from the same facts.
import { localDateParts } from '@smartchat/core';
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigure, metricDefinition, metricDefinitions, selectFacts, spreadOf, type Fact, type FactFilter, type FactKind } from '../src/metrics/index.js';
import { createTestStatsDatabase, ingestEvents, type TestStatsDatabase } from '../src/pipeline/index.js';
import {
  agentRows,
  bucketsOf,
  csatComments,
  csatSummary,
  heatmapOf,
  metricFigures,
  overviewFigures,
  previousRange,
  resolveRange,
  seriesFigures,
  slaBreaches,
  slaHitRatesByTeam,
  teamRows,
  AGENT_COLUMNS,
  TEAM_COLUMNS,
  type StatisticsSlice,
} from '../src/queries/index.js';
import { agentHistogramServes, agentHistogramSpreads } from '../src/queries/agent-spreads.js';
import { bucketBounds, DAY_BY_DAY_MAX_DAYS, histogramSpans, histogramSpreads, HISTOGRAM_KINDS, utcDaysOf, valueBucket } from '../src/queries/percentiles.js';
import { queriesDesk, type QueriesDesk } from './queries-desk.js';

describe('statistics queries', () => {
  const resources = new TestResources();
  let stats: TestStatsDatabase;
  let desk: QueriesDesk;
  let facts: Fact[];

  beforeAll(async () => {
    stats = await createTestStatsDatabase(resources);
    desk = queriesDesk();
    await ingestEvents(stats.pool, desk.events);
    const { rows } = await stats.pool.query<{ subject_id: string; key: string; kind: FactKind; at: Date; team_id: string | null; agent_id: string | null; channel: string | null; topic: string | null; internal: boolean; value: string; business_value: string | null }>(
      'SELECT * FROM facts',
    );
    facts = rows.map((row) => ({
      subjectId: row.subject_id,
      key: row.key,
      kind: row.kind,
      at: row.at,
      teamId: row.team_id,
      agentId: row.agent_id,
      channel: row.channel,
      topic: row.topic,
      internal: row.internal,
      value: Number(row.value),
      businessValue: row.business_value === null ? null : Number(row.business_value),
    }));
  }, 180_000);
  afterAll(() => resources.cleanup());

  const sliceOf = (from: string, to: string, timeZone: string, narrow: Partial<StatisticsSlice> = {}): StatisticsSlice => {
    const range = resolveRange(from, to, timeZone);
    return { start: range.start, end: range.end, timeZone, teamIds: null, agentIds: null, channels: null, topics: null, internal: false, ...narrow };
  };
  const filterOf = (slice: StatisticsSlice): FactFilter => ({
    from: slice.start,
    to: slice.end,
    internal: slice.internal,
    ...(slice.teamIds ? { teamIds: slice.teamIds } : {}),
    ...(slice.agentIds ? { agentIds: slice.agentIds } : {}),
    ...(slice.channels ? { channels: slice.channels } : {}),
    ...(slice.topics ? { topics: slice.topics } : {}),
    agentTeams: desk.memberships,
  });
  const reference = (slice: StatisticsSlice) => new Map(metricDefinitions.map((metric) => [metric.id, computeFigure(metric, selectFacts(facts, filterOf(slice)))]));

  it('has facts of every kind the catalogue reads, so that no metric is compared only at zero', () => {
    const kinds = new Set(facts.map((fact) => fact.kind));
    for (const kind of ['response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'sla.first_response', 'csat.rating', 'csat.requested', 'agent.online', 'agent.away', 'conversation.reopened'] as const) {
      expect(kinds, kind).toContain(kind);
    }
    expect(facts.some((fact) => fact.kind === 'response.first' && fact.businessValue !== fact.value)).toBe(true);
    expect(desk.breached.length).toBeGreaterThan(1);
    expect(desk.commented.length).toBeGreaterThan(1);
    expect(facts.some((fact) => fact.kind === 'sla.first_response' && fact.value === 1)).toBe(true);
  });

  it('computes every metric as the reference does, whatever the filter', async () => {
    const { teams, agents } = desk;
    const slices: Record<string, StatisticsSlice> = {
      'the month, UTC': sliceOf('2026-10-01', '2026-10-31', 'UTC'),
      'the month, Moscow': sliceOf('2026-10-01', '2026-10-31', 'Europe/Moscow'),
      // Whole UTC months, and parts of months added as days and hours or taken away from a whole one.
      'two months and more, Moscow': sliceOf('2026-09-12', '2026-11-20', 'Europe/Moscow'),
      'two months and more, team A, New York': sliceOf('2026-09-25', '2026-11-03', 'America/New_York', { teamIds: [teams.a] }),
      // Longer than DAY_BY_DAY_MAX_DAYS: a rank's bucket is read in value order, not day by day.
      'half a year, Moscow': sliceOf('2026-06-01', '2026-12-31', 'Europe/Moscow'),
      'half a year, team B, UTC': sliceOf('2026-07-01', '2026-12-31', 'UTC', { teamIds: [teams.b] }),
      'the day clocks go back, Berlin': sliceOf('2026-10-25', '2026-10-25', 'Europe/Berlin'),
      'a week, New York': sliceOf('2026-10-21', '2026-10-27', 'America/New_York'),
      'team A': sliceOf('2026-10-01', '2026-10-31', 'UTC', { teamIds: [teams.a] }),
      'team B': sliceOf('2026-10-01', '2026-10-31', 'UTC', { teamIds: [teams.b] }),
      'agent a2': sliceOf('2026-10-01', '2026-10-31', 'UTC', { agentIds: [agents.a2] }),
      'agents a1 and a3 in team B': sliceOf('2026-10-01', '2026-10-31', 'UTC', { agentIds: [agents.a1, agents.a3], teamIds: [teams.b] }),
      'e-mail': sliceOf('2026-10-01', '2026-10-31', 'UTC', { channels: ['email'] }),
      'topic Возвраты on widget': sliceOf('2026-10-01', '2026-10-31', 'UTC', { topics: ['Возвраты'], channels: ['widget'] }),
      'internal conversations': sliceOf('2026-10-01', '2026-10-31', 'UTC', { internal: true }),
    };
    for (const [name, slice] of Object.entries(slices)) {
      const expected = reference(slice);
      const actual = await metricFigures(stats.pool, slice);
      for (const metric of metricDefinitions) expect(actual.get(metric.id), `${metric.id} for ${name}`).toEqual(expected.get(metric.id));
    }
    // Not all empty: the comparisons above compare numbers.
    expect(reference(slices['team A']!).get('first_response_time')!.n).toBeGreaterThan(10);
    expect(reference(slices['internal conversations']!).get('messages_note')!.n).toBe(2);
    expect(reference(slices['internal conversations']!).get('conversations_new')!.n).toBe(1);
  });

  it('compares with the days just before', async () => {
    const range = resolveRange('2026-10-25', '2026-10-31', 'Europe/Berlin');
    const before = previousRange(range);
    const slice = sliceOf(range.from, range.to, range.timeZone);
    const previous = sliceOf(before.from, before.to, before.timeZone);
    const cards = await overviewFigures(stats.pool, slice, previous);
    expect(cards.map((card) => card.metric)).toEqual(metricDefinitions.map((metric) => metric.id));
    for (const card of cards) {
      expect(card.current).toEqual(reference(slice).get(card.metric));
      expect(card.previous).toEqual(reference(previous).get(card.metric));
    }
  });

  it('fills the team and agent tables with each row as the reference computes it for that team or agent', async () => {
    const slice = sliceOf('2026-10-01', '2026-10-31', 'Europe/Moscow');
    const teams = await teamRows(stats.pool, slice, [{ id: desk.teams.a, name: 'Авиа' }, { id: desk.teams.b, name: 'Отели' }]);
    for (const row of teams) {
      const expected = reference({ ...slice, teamIds: [row.teamId] });
      for (const [column, metric] of Object.entries(TEAM_COLUMNS)) expect(row[column as keyof typeof TEAM_COLUMNS], `${column} of ${row.name}`).toEqual(expected.get(metric));
    }
    const agents = await agentRows(stats.pool, slice, Object.entries(desk.agents).map(([name, id]) => ({ id, name })));
    for (const row of agents) {
      const expected = reference({ ...slice, agentIds: [row.agentId] });
      for (const [column, metric] of Object.entries(AGENT_COLUMNS)) expect(row[column as keyof typeof AGENT_COLUMNS], `${column} of ${row.name}`).toEqual(expected.get(metric));
    }
    expect(agents.find((row) => row.name === 'a1')!.online.totalMs).toBe(2.75 * 3_600_000);
    expect(agents.find((row) => row.name === 'a1')!.away.totalMs).toBe(45 * 60_000);
  });

  it('cuts series into local days (one of 25 hours) and hours, each bucket as the reference computes its span', async () => {
    const range = resolveRange('2026-10-20', '2026-10-31', 'Europe/Berlin');
    const slice = sliceOf(range.from, range.to, range.timeZone);
    for (const id of ['conversations_new', 'first_response_time', 'sla_first_response_hit_rate', 'agent_online_time', 'csat_response_rate']) {
      const metric = metricDefinition(id)!;
      const days = await seriesFigures(stats.pool, slice, range, metric, 'day');
      expect(days).toHaveLength(12);
      for (const bucket of days) {
        const end = resolveRange(bucket.label, bucket.label, range.timeZone).end;
        expect(bucket.figure, `${id} on ${bucket.label}`).toEqual(computeFigure(metric, selectFacts(facts, filterOf({ ...slice, start: bucket.start, end }))));
      }
    }
    // Weeks from Monday and months, the first and last cut by the range; days and weeks of one team
    // too (counted by octave first, then the buckets of the octaves that hold a rank).
    const long = resolveRange('2026-09-20', '2026-11-03', 'America/New_York');
    for (const narrow of [{}, { teamIds: [desk.teams.a] }]) {
      const longSlice = sliceOf(long.from, long.to, long.timeZone, narrow);
      for (const interval of ['day', 'week', 'month'] as const) {
        const ends = bucketsOf(long, interval);
        for (const id of ['first_response_time', 'next_response_time', 'resolution_time', 'csat_average_rating']) {
          const metric = metricDefinition(id)!;
          const buckets = await seriesFigures(stats.pool, longSlice, long, metric, interval);
          expect(buckets.map((bucket) => bucket.label)).toEqual(ends.map((bucket) => bucket.label));
          buckets.forEach((bucket, index) => {
            expect(bucket.figure, `${id} by ${interval} ${bucket.label} ${JSON.stringify(narrow)}`).toEqual(computeFigure(metric, selectFacts(facts, filterOf({ ...longSlice, start: bucket.start, end: ends[index]!.end }))));
          });
          expect(buckets.filter((bucket) => bucket.figure.n > 1).length, `${id} by ${interval}`).toBeGreaterThan(interval === 'month' ? 0 : 1);
        }
      }
    }
    // A month bucket the range's end cuts, mostly covered: the month less the days after the range.
    const cutMonth = resolveRange('2026-09-20', '2026-10-28', 'UTC');
    const cutMonthSlice = sliceOf(cutMonth.from, cutMonth.to, cutMonth.timeZone);
    const months = bucketsOf(cutMonth, 'month');
    const monthFigures = await seriesFigures(stats.pool, cutMonthSlice, cutMonth, metricDefinition('first_response_time')!, 'month');
    monthFigures.forEach((bucket, index) => {
      expect(bucket.figure, `month ${bucket.label}`).toEqual(computeFigure(metricDefinition('first_response_time')!, selectFacts(facts, filterOf({ ...cutMonthSlice, start: bucket.start, end: months[index]!.end }))));
    });
    expect(monthFigures.at(-1)!.figure.n).toBeGreaterThan(0);
    const sunday = resolveRange('2026-10-25', '2026-10-25', 'Europe/Berlin');
    const hours = await seriesFigures(stats.pool, sliceOf('2026-10-25', '2026-10-25', 'Europe/Berlin'), sunday, metricDefinition('agent_online_time')!, 'hour');
    expect(hours).toHaveLength(25);
    // a1 was online 22:30Z–01:15Z: 00:30–03:15 local summer time, then the clocks went back at 03:00 to 02:00.
    expect(hours.map((hour) => [hour.label, hour.figure.kind === 'total' ? hour.figure.totalMs / 60_000 : null]).slice(0, 5)).toEqual([
      ['2026-10-25T00:00', 30],
      ['2026-10-25T01:00', 60],
      ['2026-10-25T02:00', 60],
      ['2026-10-25T02:00', 15],
      ['2026-10-25T03:00', 0],
    ]);
  });

  it('counts the load per local weekday and hour', async () => {
    const slice = sliceOf('2026-10-01', '2026-10-31', 'Asia/Tokyo');
    const cells = await heatmapOf(stats.pool, slice);
    expect(cells).toHaveLength(168);
    const selected = selectFacts(facts, filterOf(slice));
    const expected = new Map<string, { newConversations: number; customerMessages: number }>();
    for (const fact of selected) {
      if (fact.kind !== 'conversation.new' && fact.kind !== 'message.customer') continue;
      const local = localDateParts(fact.at, 'Asia/Tokyo');
      const key = `${local.weekday === 0 ? 7 : local.weekday}:${local.hour}`;
      const cell = expected.get(key) ?? { newConversations: 0, customerMessages: 0 };
      if (fact.kind === 'conversation.new') cell.newConversations += 1;
      else cell.customerMessages += 1;
      expected.set(key, cell);
    }
    for (const cell of cells) expect(cell, `${cell.weekday}:${cell.hour}`).toEqual({ weekday: cell.weekday, hour: cell.hour, ...(expected.get(`${cell.weekday}:${cell.hour}`) ?? { newConversations: 0, customerMessages: 0 }) });
    expect(cells.reduce((sum, cell) => sum + cell.newConversations, 0)).toBe(40);
  });

  it('lists breached SLA clocks newest first, page after page, and their hit rate per team', async () => {
    const slice = sliceOf('2026-10-01', '2026-10-31', 'UTC');
    const first = await slaBreaches(stats.pool, slice, 2);
    expect(first.breaches).toHaveLength(2);
    const rest = await slaBreaches(stats.pool, slice, 100, first.next!);
    const all = [...first.breaches, ...rest.breaches];
    expect(new Set(all.map((breach) => breach.conversationId))).toEqual(new Set(desk.breached));
    expect(all.map((breach) => breach.at.getTime())).toEqual(all.map((breach) => breach.at.getTime()).sort((a, b) => b - a));
    const rates = await slaHitRatesByTeam(stats.pool, slice, [desk.teams.a, desk.teams.b]);
    expect(rates.get(desk.teams.a)!.firstResponse).toEqual(reference({ ...slice, teamIds: [desk.teams.a] }).get('sla_first_response_hit_rate'));
    expect(rates.get(desk.teams.a)!.firstResponse.n - rates.get(desk.teams.a)!.firstResponse.hits).toBe(desk.breached.length);
    expect(rates.get(desk.teams.b)!.firstResponse.n).toBe(0);
  });

  it('finds percentiles in the value histograms exactly where percentile_cont finds them, over months, days and edge hours, overall and per team', async () => {
    // The SQL bucket of a value is the bucket whose bounds hold it, around every power of two.
    const probes = [-5, 0, 1, 31, 32, 63, 95, 96, 1_000, 59_999, 60_000, 3_600_000, 2 ** 31 + 7, 2 ** 52 + 3, 2 ** 53 - 1];
    // Either side of every power of two, and of a bucket edge inside each.
    for (let exponent = 6; exponent < 53; exponent += 1) probes.push(2 ** exponent - 1, 2 ** exponent, 2 ** exponent + 1, 2 ** exponent + 2 ** (exponent - 1) - 1, 2 ** exponent + 2 ** (exponent - 1));
    const { rows } = await stats.pool.query<{ v: string; bucket: number }>('SELECT v::text, stats_value_bucket(v) AS bucket FROM unnest($1::bigint[]) v', [probes]);
    for (const row of rows) {
      const [low, high] = bucketBounds(row.bucket);
      expect(Number(row.v) >= low && Number(row.v) < high, `${row.v} in bucket ${row.bucket} [${low}, ${high})`).toBe(true);
      // The series' edge hours are bucketed in TypeScript: the same bucket.
      expect(valueBucket(Number(row.v)), `bucket of ${row.v}`).toBe(row.bucket);
    }
    // A span is cut into whole UTC months, then whole UTC days, then the hours left; a month or a
    // day mostly covered counts whole, less what it leaves out.
    const iso = (spans: { start: Date; end: Date; sign: number }[]) => spans.map((span) => [span.start.toISOString(), span.end.toISOString(), span.sign]);
    const cut = histogramSpans(new Date('2026-09-20T04:00:00Z'), new Date('2026-11-03T05:00:00Z'));
    expect(iso(cut.months)).toEqual([['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 1]]);
    expect(iso(cut.days)).toEqual([
      ['2026-09-21T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 1],
      ['2026-09-20T00:00:00.000Z', '2026-09-21T00:00:00.000Z', 1],
      ['2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z', 1],
    ]);
    expect(iso(cut.hours)).toEqual([
      ['2026-09-20T00:00:00.000Z', '2026-09-20T04:00:00.000Z', -1],
      ['2026-11-03T00:00:00.000Z', '2026-11-03T05:00:00.000Z', 1],
    ]);
    const mostly = histogramSpans(new Date('2026-09-30T21:00:00Z'), new Date('2026-10-30T22:00:00Z'));
    expect(iso(mostly.months)).toEqual([['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 1]]);
    expect(iso(mostly.days)).toEqual([['2026-10-31T00:00:00.000Z', '2026-11-01T00:00:00.000Z', -1]]);
    expect(iso(mostly.hours)).toEqual([
      ['2026-09-30T21:00:00.000Z', '2026-10-01T00:00:00.000Z', 1],
      ['2026-10-30T22:00:00.000Z', '2026-10-31T00:00:00.000Z', -1],
    ]);

    const slices = [
      sliceOf('2026-09-20', '2026-11-03', 'America/New_York'),
      sliceOf('2026-10-01', '2026-10-30', 'Europe/Moscow'),
      sliceOf('2026-10-02', '2026-10-31', 'America/New_York', { teamIds: [desk.teams.b] }),
      sliceOf('2026-10-01', '2026-10-31', 'UTC'),
      sliceOf('2026-10-21', '2026-10-27', 'Asia/Tokyo', { teamIds: [desk.teams.a] }),
      sliceOf('2026-10-25', '2026-10-25', 'Europe/Berlin'),
      // Longer than DAY_BY_DAY_MAX_DAYS: the ranks' buckets are read in value order, not day by day.
      sliceOf('2026-06-01', '2026-12-31', 'Europe/Moscow'),
      sliceOf('2026-07-01', '2026-12-31', 'UTC', { teamIds: [desk.teams.a] }),
    ];
    expect(slices.map((slice) => utcDaysOf(slice.start, slice.end).length > DAY_BY_DAY_MAX_DAYS)).toEqual([false, false, false, false, false, false, true, true]);
    let compared = 0;
    for (const slice of slices) {
      const selected = selectFacts(facts, filterOf(slice));
      for (const kind of HISTOGRAM_KINDS) {
        for (const by of ['none', 'team'] as const) {
          const found = await histogramSpreads(stats.pool, kind, slice, by);
          const groups = by === 'none' ? [''] : [desk.teams.a, desk.teams.b];
          for (const group of groups) {
            const ofGroup = selected.filter((fact) => fact.kind === kind && (group === '' || fact.teamId === group));
            const spreads = found.get(group);
            if (ofGroup.length === 0) {
              expect(spreads, `${kind} ${group}`).toBeUndefined();
              continue;
            }
            compared += 1;
            expect(spreads, `${kind} ${by} ${group}`).toEqual({
              n: ofGroup.length,
              calendar: spreadOf(ofGroup.map((fact) => fact.value)),
              business: spreadOf(ofGroup.map((fact) => fact.businessValue ?? fact.value)),
            });
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(30);

    // Per agent (schema 0007), wherever the span holds a whole UTC month: the octave counts, the
    // bucket counts of the octave that holds a rank, then the value there. The agent table reads
    // them so only for spans mostly of whole months (the others sort faster); the reads are exact
    // for any span with a month.
    const agentSlices = [...slices, sliceOf('2026-10-01', '2026-10-31', 'Europe/Moscow', { agentIds: [desk.agents.a1, desk.agents.a3] }), sliceOf('2026-09-15', '2026-11-20', 'Asia/Tokyo', { teamIds: [desk.teams.b] })];
    expect(agentSlices.map((slice) => agentHistogramServes('response.first', slice))).toEqual([false, true, true, true, false, false, true, true, true, false]);
    const withMonths = agentSlices.filter((slice) => histogramSpans(slice.start, slice.end).months.length > 0);
    expect(withMonths.length).toBe(8);
    let agentsCompared = 0;
    for (const slice of withMonths) {
      const selected = selectFacts(facts, filterOf(slice)).filter((fact) => fact.agentId !== null);
      for (const kind of HISTOGRAM_KINDS) {
        const found = await agentHistogramSpreads(stats.pool, kind, slice);
        const agents = new Set(selected.filter((fact) => fact.kind === kind).map((fact) => fact.agentId!));
        expect([...found.keys()].sort(), `agents with ${kind}`).toEqual([...agents].sort());
        for (const agent of agents) {
          const ofAgent = selected.filter((fact) => fact.kind === kind && fact.agentId === agent);
          agentsCompared += 1;
          expect(found.get(agent), `${kind} of ${agent}`).toEqual({
            n: ofAgent.length,
            calendar: spreadOf(ofAgent.map((fact) => fact.value)),
            business: spreadOf(ofAgent.map((fact) => fact.businessValue ?? fact.value)),
          });
        }
      }
    }
    expect(agentsCompared).toBeGreaterThan(30);
  });

  it('reads the two ranks of a percentile at once, from the nearer end of their value bucket', async () => {
    // A store of its own: a few first responses whose ranks share buckets (values 992–1007 are one
    // bucket, 16 ms wide), so that a percentile's two ranks are one read, from the bottom of the
    // bucket or, past its middle, from its top. Per team and per agent as well.
    const own = await createTestStatsDatabase(resources);
    const team = '7ea70000-0000-4000-8000-000000000001';
    const agent = '7ea70000-0000-4000-8000-0000000000a1';
    const shapes = [
      [1000, 1001, 1002],
      [1000, 1001, 1002, 1003, 1004, 1005, 1006],
      [993, 994, 995, 996, 997, 998, 999, 1000, 1001, 1002, 1003],
      [100, 1000, 1001, 1002, 1003, 5000],
    ];
    for (const [index, values] of shapes.entries()) {
      const month = `2026-0${index + 3}`;
      await own.pool.query(
        `INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value)
         SELECT $1 || '-' || i, 'response.first', 'response.first', $1::timestamptz + i * interval '1 hour', $2, $3, 'chat', NULL, false, v, v + 7 FROM unnest($4::bigint[]) WITH ORDINALITY AS u(v, i)`,
        [`${month}-10T08:00:00Z`, team, agent, values],
      );
      const slice = sliceOf(`${month}-01`, `${month}-28`, 'UTC');
      const expected = { n: values.length, calendar: spreadOf(values), business: spreadOf(values.map((value) => value + 7)) };
      expect((await histogramSpreads(own.pool, 'response.first', slice, 'none')).get(''), `${values.join(',')}`).toEqual(expected);
      expect((await histogramSpreads(own.pool, 'response.first', slice, 'team')).get(team), `${values.join(',')} per team`).toEqual(expected);
      const monthSlice = sliceOf(`${month}-01`, `${month}-${index === 0 ? 31 : 30}`, 'UTC');
      expect((await agentHistogramSpreads(own.pool, 'response.first', monthSlice)).get(agent), `${values.join(',')} per agent`).toEqual(expected);
    }
  });

  it('sums up CSAT and lists the comments with their latest rating', async () => {
    const slice = sliceOf('2026-10-01', '2026-10-31', 'UTC');
    const summary = await csatSummary(stats.pool, slice);
    const expected = reference(slice);
    expect(summary.satisfied).toEqual(expected.get('csat_score'));
    expect(summary.responseRate).toEqual(expected.get('csat_response_rate'));
    expect(summary.rating).toEqual(expected.get('csat_average_rating'));
    const ratings = selectFacts(facts, filterOf(slice)).filter((fact) => fact.kind === 'csat.rating');
    expect(summary.distribution).toEqual([1, 2, 3, 4, 5].map((rating) => ({ rating, n: ratings.filter((fact) => fact.value === rating).length })));
    const { comments } = await csatComments(stats.pool, slice, 100);
    expect(new Set(comments.map((comment) => comment.conversationId))).toEqual(new Set(desk.commented));
    for (const comment of comments) expect(comment.comment).toMatch(/^Отзыв \d+$/);
  });
});
