// What the business dashboard would show, proved without Grafana: every panel's SQL, expanded as
// Grafana's PostgreSQL data source expands it, runs on a real statistics database as the read-only
// role and returns the numbers worked out by hand below. The facts are written straight into the
// store here (with their hourly rollup), a handful per conversation, placed on the edges that
// matter: a Moscow month's first and last hour, a conversation created before the range and answered
// inside it, a close inside and a CSAT answer after it, an internal conversation, a range that
// starts and ends inside an hour. (The known-answer month fed through the real pipeline is
// statistics-known-month.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestResources } from '@smartchat/platform/testing';
import { ALL } from '../src/expand/variables.js';
import { panelsOf } from './support/dashboards.js';
import { GrafanaSql, statisticsDashboard } from './support/grafana-sql.js';
import { statisticsDatabase, type StatisticsDatabase } from './support/stats-database.js';

const SALES = '0a000000-0000-4000-8000-00000000000a';
const SUPPORT = '0b000000-0000-4000-8000-00000000000b';
const ANNA = 'a1000000-0000-4000-8000-000000000001';
const BORIS = 'b2000000-0000-4000-8000-000000000002';

/** November 2026 in Moscow (UTC+3 all year), ending as Grafana's "last month" ends: a millisecond before the next. */
const NOVEMBER_MOSCOW = { from: new Date('2026-10-31T21:00:00Z'), to: new Date('2026-11-30T20:59:59.999Z') };
const NOVEMBER_UTC = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

type Fact = [subject: string, key: string, kind: string, at: string, team: string | null, agent: string | null, channel: string, internal: boolean, value: number, business: number | null];
const customer = (subject: string, team: string, channel: string) => ({
  fact: (key: string, kind: string, at: string, agent: string | null, value = 1, business: number | null = null): Fact => [subject, key, kind, at, team, agent, channel, false, value, business],
});
const c1 = customer('c1', SALES, 'widget');
const c2 = customer('c2', SALES, 'email');
const c3 = customer('c3', SUPPORT, 'widget');
const c4 = customer('c4', SUPPORT, 'api');
const c5 = customer('c5', SALES, 'widget');

const FACTS: Fact[] = [
  // c1: Monday 2 November, 10:15 Moscow; answered in a minute, closed, rated 5.
  c1.fact('new', 'conversation.new', '2026-11-02T07:15:00Z', null),
  c1.fact('m1', 'message.customer', '2026-11-02T07:15:00Z', null),
  c1.fact('m2', 'message.reply', '2026-11-02T07:16:00Z', ANNA),
  c1.fact('first', 'response.first', '2026-11-02T07:16:00Z', ANNA, 60_000, 60_000),
  c1.fact('sla1', 'sla.first_response', '2026-11-02T07:16:00Z', ANNA, 1),
  c1.fact('close:1', 'conversation.closed', '2026-11-02T09:00:00Z', ANNA),
  c1.fact('resolution:1', 'resolution.time', '2026-11-02T09:00:00Z', ANNA, 6_300_000, 6_300_000),
  c1.fact('csat:req', 'csat.requested', '2026-11-02T09:00:00Z', ANNA),
  c1.fact('csat:rating', 'csat.rating', '2026-11-02T09:30:00Z', ANNA, 5),
  c1.fact('csat:satisfied', 'csat.satisfied', '2026-11-02T09:30:00Z', ANNA, 1),
  // c2: Tuesday 3 November 23:59:59 Moscow, by e-mail; answered the next morning (late: SLA breached).
  c2.fact('new', 'conversation.new', '2026-11-03T20:59:59Z', null),
  c2.fact('m1', 'message.customer', '2026-11-03T20:59:59Z', null),
  c2.fact('m2', 'message.reply', '2026-11-04T06:00:00Z', BORIS),
  c2.fact('first', 'response.first', '2026-11-04T06:00:00Z', BORIS, 32_401_000, 3_600_000),
  c2.fact('sla1', 'sla.first_response', '2026-11-04T06:00:00Z', BORIS, 0),
  c2.fact('m3', 'message.customer', '2026-11-04T07:55:00Z', null),
  c2.fact('m4', 'message.reply', '2026-11-04T08:00:00Z', BORIS),
  c2.fact('next:1', 'response.next', '2026-11-04T08:00:00Z', BORIS, 300_000, 300_000),
  c2.fact('sla2', 'sla.next_response', '2026-11-04T08:00:00Z', BORIS, 1),
  // c3: created 31 October 23:30 Moscow (before the range), answered 1 November 00:10 (inside),
  // closed 30 November 23:30 (inside), rated 1 December 00:05 (after).
  c3.fact('new', 'conversation.new', '2026-10-31T20:30:00Z', null),
  c3.fact('assign:1', 'assign.time', '2026-10-31T20:40:00Z', BORIS, 600_000, 600_000),
  c3.fact('first', 'response.first', '2026-10-31T21:10:00Z', BORIS, 2_400_000, 0),
  c3.fact('close:1', 'conversation.closed', '2026-11-30T20:30:00Z', BORIS),
  c3.fact('resolution:1', 'resolution.time', '2026-11-30T20:30:00Z', BORIS, 2_592_000_000, 864_000_000),
  c3.fact('csat:req', 'csat.requested', '2026-11-30T20:30:00Z', BORIS),
  c3.fact('csat:rating', 'csat.rating', '2026-11-30T21:05:00Z', BORIS, 2),
  c3.fact('csat:satisfied', 'csat.satisfied', '2026-11-30T21:05:00Z', BORIS, 0),
  // c4: 1 December 00:00 Moscow exactly: the next month.
  c4.fact('new', 'conversation.new', '2026-11-30T21:00:00Z', null),
  // c5: Tuesday 10 November 15:00 Moscow; closed, reopened the next day and closed again.
  c5.fact('new', 'conversation.new', '2026-11-10T12:00:00Z', null),
  c5.fact('assign:1', 'assign.time', '2026-11-10T12:05:00Z', ANNA, 300_000, 300_000),
  c5.fact('first', 'response.first', '2026-11-10T12:07:00Z', ANNA, 420_000, 420_000),
  c5.fact('close:1', 'conversation.closed', '2026-11-10T13:00:00Z', ANNA),
  c5.fact('resolution:1', 'resolution.time', '2026-11-10T13:00:00Z', ANNA, 3_600_000, 3_600_000),
  c5.fact('csat:req', 'csat.requested', '2026-11-10T13:00:00Z', ANNA),
  c5.fact('csat:rating', 'csat.rating', '2026-11-10T13:30:00Z', ANNA, 4),
  c5.fact('csat:satisfied', 'csat.satisfied', '2026-11-10T13:30:00Z', ANNA, 1),
  c5.fact('reopen:1', 'conversation.reopened', '2026-11-11T08:00:00Z', ANNA),
  c5.fact('close:2', 'conversation.closed', '2026-11-11T09:00:00Z', ANNA),
  c5.fact('resolution:2', 'resolution.time', '2026-11-11T09:00:00Z', ANNA, 3_600_000, 3_600_000),
  // An internal conversation: reported apart, never in the customer figures.
  ['i1', 'new', 'conversation.new', '2026-11-05T10:00:00Z', SALES, null, 'internal', true, 1, null],
  ['i1', 'first', 'response.first', '2026-11-05T10:05:00Z', SALES, ANNA, 'internal', true, 300_000, 300_000],
  ['i1', 'close:1', 'conversation.closed', '2026-11-05T11:00:00Z', SALES, ANNA, 'internal', true, 1, null],
  // Presence: Anna online 07:00–08:30 and away 08:30–08:40 UTC on 2 November; Boris online before the range and on 4 November.
  [ANNA, 'online:e1:2026-11-02T07', 'agent.online', '2026-11-02T07:00:00Z', null, ANNA, 'none', false, 3_600_000, null],
  [ANNA, 'online:e1:2026-11-02T08', 'agent.online', '2026-11-02T08:00:00Z', null, ANNA, 'none', false, 1_800_000, null],
  [ANNA, 'away:e2:2026-11-02T08', 'agent.away', '2026-11-02T08:30:00Z', null, ANNA, 'none', false, 600_000, null],
  [BORIS, 'online:e3:2026-10-31T20', 'agent.online', '2026-10-31T20:00:00Z', null, BORIS, 'none', false, 3_600_000, null],
  [BORIS, 'online:e4:2026-11-04T06', 'agent.online', '2026-11-04T06:00:00Z', null, BORIS, 'none', false, 2_700_000, null],
];

let resources: TestResources;
let database: StatisticsDatabase;
let grafana: GrafanaSql;

beforeAll(async () => {
  resources = new TestResources();
  database = await statisticsDatabase(resources);
  const { owner } = database;
  await owner.query('INSERT INTO teams (team_id, name) VALUES ($1, $2), ($3, $4)', [SALES, 'Sales', SUPPORT, 'Support']);
  await owner.query('INSERT INTO agents (agent_id, name, team_ids) VALUES ($1, $2, $3), ($4, $5, $6)', [ANNA, 'Anna', [SALES], BORIS, 'Boris', [SALES, SUPPORT]]);
  for (const [subject, key, kind, at, team, agent, channel, internal, value, business] of FACTS) {
    // Presence facts have no channel; 'none' above only keeps the tuples the same shape.
    await owner.query(
      'INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10)',
      [subject, key, kind, at, team, agent, channel === 'none' ? null : channel, internal, value, business],
    );
  }
  // The rollup as the pipeline keeps it: facts summed per UTC hour and dimensions.
  await owner.query(`INSERT INTO rollup_hourly (hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business)
    SELECT date_bin('1 hour', at, timestamptz '2000-01-01 00:00:00+00'), kind, team_id, agent_id, channel, topic, internal, count(*), sum(value), coalesce(sum(business_value), 0)
    FROM facts GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  grafana = new GrafanaSql(database.reader);
});

afterAll(async () => {
  await resources?.cleanup();
});

const CONVERSATIONS = 'Customer conversations · $tz';
const PER_DAY = 'Customer conversations per day · $tz';
const TIMES = 'Response, assignment and resolution times · $tz';
const SLA = 'SLA hit rate · $tz';
const CSAT = 'CSAT · $tz';
const PER_HOUR = 'Messages per hour · $tz';
const NEW_BY_HOUR = 'New conversations by hour of week · $tz';
const MESSAGES_BY_HOUR = 'Customer messages by hour of week · $tz';
const TEAMS = 'Teams · $tz';
const PRESENCE = 'Agent online and away time · $tz';
const PRESENCE_TOTALS = 'Agents online and away · $tz';
const RATES = 'Reopen rate and first-contact resolution · $tz';
const INTERNAL_RATES = 'Internal: reopen rate and first-contact resolution · $tz';
const INTERNAL = 'Internal conversations · $tz';
const INTERNAL_TIMES = 'Internal: response and resolution times · $tz';

/** percentile_cont computes in floating point: 23 400 700 may come back as 23 400 700.000000004. */
const about = (value: number | null) => (value === null ? null : expect.closeTo(value, 3));
/** A row of the times table: [measure, clock, median, p90, mean, n]. */
const time = (measure: string, clock: string, median: number | null, p90: number | null, mean: number | null, n: number) => ({ Measure: measure, Clock: clock, Median: about(median), p90: about(p90), Mean: about(mean), n });
const noTimes = (measure: string) => [time(measure, 'calendar', null, null, null, 0), time(measure, 'business hours', null, null, null, 0)];

describe('the business dashboard on a statistics database, as the read-only role', () => {
  it('counts the conversations of the Moscow month: created before it or at the next midnight do not count, a reopened one closes twice', async () => {
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_MOSCOW)).toEqual([{ New: 3, Closed: 4, Reopened: 1 }]);
    // The same month as Grafana's absolute range with an exact end: the hour starting at the end is out.
    expect(await grafana.rows(CONVERSATIONS, { from: NOVEMBER_MOSCOW.from, to: new Date('2026-11-30T21:00:00Z') })).toEqual([{ New: 3, Closed: 4, Reopened: 1 }]);
    // UTC's November: c4 (created at 21:00 UTC on 30 November) is in, nothing moved out.
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_UTC, { tz: 'UTC' })).toEqual([{ New: 4, Closed: 4, Reopened: 1 }]);
  });

  it('per Moscow day: a conversation at 23:59:59 counts on its own day, one at 23:30 on the last day too', async () => {
    const midnight = (day: string) => new Date(`${day}T00:00:00+03:00`).toISOString();
    expect(await grafana.rows(PER_DAY, NOVEMBER_MOSCOW)).toEqual([
      { time: midnight('2026-11-02'), New: 1, Closed: 1, Reopened: 0 },
      { time: midnight('2026-11-03'), New: 1, Closed: 0, Reopened: 0 },
      { time: midnight('2026-11-10'), New: 1, Closed: 1, Reopened: 0 },
      { time: midnight('2026-11-11'), New: 0, Closed: 1, Reopened: 1 },
      { time: midnight('2026-11-30'), New: 0, Closed: 1, Reopened: 0 },
    ]);
  });

  it('gives median, p90, mean and n of each duration, in calendar and business time, with n 0 where nothing happened', async () => {
    // First responses in the range: 60 000, 420 000, 2 400 000 (c3, answered inside though created before), 32 401 000.
    // Median (420 000 + 2 400 000) / 2; p90 at position 0.9 × 3 = 2.7: 2 400 000 + 0.7 × 30 001 000.
    // Business: 0, 60 000, 420 000, 3 600 000. Resolutions: 3 600 000 twice (c5's two cycles), 6 300 000, 2 592 000 000.
    expect(await grafana.rows(TIMES, NOVEMBER_MOSCOW)).toEqual([
      time('First response', 'calendar', 1_410_000, 23_400_700, 8_820_250, 4),
      time('First response', 'business hours', 240_000, 2_646_000, 1_020_000, 4),
      time('Next response', 'calendar', 300_000, 300_000, 300_000, 1),
      time('Next response', 'business hours', 300_000, 300_000, 300_000, 1),
      // c3's assignment was before the range.
      time('Time to assign', 'calendar', 300_000, 300_000, 300_000, 1),
      time('Time to assign', 'business hours', 300_000, 300_000, 300_000, 1),
      ...noTimes('Time in queue'),
      time('Resolution', 'calendar', 4_950_000, 1_816_290_000, 651_375_000, 4),
      time('Resolution', 'business hours', 4_950_000, 606_690_000, 219_375_000, 4),
      ...noTimes('Handling'),
    ]);
  });

  it('gives the SLA hit rate per kind with n, and no rate where no clock ended', async () => {
    expect(await grafana.rows(SLA, NOVEMBER_MOSCOW)).toEqual([
      { SLA: 'First response', 'Hit rate': 0.5, Met: 1, n: 2 },
      { SLA: 'Next response', 'Hit rate': 1, Met: 1, n: 1 },
    ]);
    expect(await grafana.rows(SLA, NOVEMBER_MOSCOW, { team: [SUPPORT] })).toEqual([
      { SLA: 'First response', 'Hit rate': null, Met: 0, n: 0 },
      { SLA: 'Next response', 'Hit rate': null, Met: 0, n: 0 },
    ]);
  });

  it("gives CSAT: c3's answer after midnight belongs to December, its survey to November", async () => {
    // Ratings 4 and 5: median 4.5, p90 4 + 0.9 × 1.
    expect(await grafana.rows(CSAT, NOVEMBER_MOSCOW)).toEqual([{ 'Satisfied (4–5)': 1, 'Answers (n)': 2, 'Rating median': 4.5, 'Rating p90': about(4.9), 'Mean rating': 4.5, 'Response rate': 2 / 3, 'Surveys sent (n)': 3 }]);
  });

  it('gives no reopen rate or first-contact resolution where no such fact is in the range, with n 0', async () => {
    expect(await grafana.rows(RATES, NOVEMBER_MOSCOW)).toEqual([
      { Measure: 'Reopen rate', Rate: null, Yes: 0, n: 0 },
      { Measure: 'First-contact resolution', Rate: null, Yes: 0, n: 0 },
    ]);
    expect(await grafana.rows(INTERNAL_RATES, NOVEMBER_MOSCOW)).toEqual([
      { Measure: 'Reopen rate', Rate: null, Yes: 0, n: 0 },
      { Measure: 'First-contact resolution', Rate: null, Yes: 0, n: 0 },
    ]);
  });

  it('gives customer messages and agent replies per hour (epoch seconds, as $__timeGroupAlias makes them)', async () => {
    const hour = (instant: string) => Date.parse(instant) / 1000;
    expect(await grafana.rows(PER_HOUR, NOVEMBER_MOSCOW)).toEqual([
      { time: hour('2026-11-02T07:00:00Z'), 'Customer messages': 1, 'Agent replies': 1 },
      { time: hour('2026-11-03T20:00:00Z'), 'Customer messages': 1, 'Agent replies': 0 },
      { time: hour('2026-11-04T06:00:00Z'), 'Customer messages': 0, 'Agent replies': 1 },
      { time: hour('2026-11-04T07:00:00Z'), 'Customer messages': 1, 'Agent replies': 0 },
      { time: hour('2026-11-04T08:00:00Z'), 'Customer messages': 0, 'Agent replies': 1 },
    ]);
  });

  it('places load on Moscow weekdays and hours, every hour listed, and says the zone in the header', async () => {
    const cells = (rows: Record<string, unknown>[]) =>
      rows.flatMap((row) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].filter((day) => row[day] !== 0).map((day) => `${day} ${String(row['Hour (Europe/Moscow)'] ?? row['Hour (UTC)'])}=${String(row[day])}`));
    const byHour = await grafana.rows(NEW_BY_HOUR, NOVEMBER_MOSCOW);
    expect(byHour).toHaveLength(24);
    expect(byHour[0]).toHaveProperty('Hour (Europe/Moscow)', '00:00');
    expect(cells(byHour)).toEqual(['Mon 10:00=1', 'Tue 15:00=1', 'Tue 23:00=1']);
    expect(cells(await grafana.rows(MESSAGES_BY_HOUR, NOVEMBER_MOSCOW))).toEqual(['Mon 10:00=1', 'Wed 10:00=1', 'Tue 23:00=1']);
    // In UTC the same conversations fall three hours earlier, and c4 (Monday 30 November 21:00 UTC) joins.
    expect(cells(await grafana.rows(NEW_BY_HOUR, NOVEMBER_UTC, { tz: 'UTC' }))).toEqual(['Mon 07:00=1', 'Tue 12:00=1', 'Tue 20:00=1', 'Mon 21:00=1']);
  });

  it('gives one row per team with its volume, first response and shares, each with n', async () => {
    expect(await grafana.rows(TEAMS, NOVEMBER_MOSCOW)).toEqual([
      // First responses 60 000, 420 000, 32 401 000: p90 at 1.8 = 420 000 + 0.8 × 31 981 000.
      { Team: 'Sales', New: 3, Closed: 3, Reopened: 1, 'First response median': about(420_000), 'First response p90': about(26_004_800), 'First response (n)': 3, 'SLA first response': 0.5, 'SLA (n)': 2, 'CSAT satisfied': 1, 'CSAT (n)': 2 },
      { Team: 'Support', New: 0, Closed: 1, Reopened: 0, 'First response median': 2_400_000, 'First response p90': 2_400_000, 'First response (n)': 1, 'SLA first response': null, 'SLA (n)': 0, 'CSAT satisfied': null, 'CSAT (n)': 0 },
    ]);
  });

  it("gives each agent's online and away time, and their sums with n = the agents who were", async () => {
    expect(await grafana.rows(PRESENCE, NOVEMBER_MOSCOW)).toEqual([
      { Agent: 'Anna', Online: 5_400_000, Away: 600_000 },
      { Agent: 'Boris', Online: 2_700_000, Away: 0 },
    ]);
    expect(await grafana.rows(PRESENCE_TOTALS, NOVEMBER_MOSCOW)).toEqual([{ Online: 8_100_000, 'Agents online (n)': 2, Away: 600_000, 'Agents away (n)': 1 }]);
    // The team filter takes the agent's teams: only Boris is in Support.
    expect(await grafana.rows(PRESENCE, NOVEMBER_MOSCOW, { team: [SUPPORT] })).toEqual([{ Agent: 'Boris', Online: 2_700_000, Away: 0 }]);
    expect(await grafana.rows(PRESENCE_TOTALS, NOVEMBER_MOSCOW, { team: [SUPPORT] })).toEqual([{ Online: 2_700_000, 'Agents online (n)': 1, Away: 0, 'Agents away (n)': 0 }]);
  });

  it('reports internal conversations apart', async () => {
    expect(await grafana.rows(INTERNAL, NOVEMBER_MOSCOW)).toEqual([{ New: 1, Closed: 1, Reopened: 0 }]);
    expect(await grafana.rows(INTERNAL_TIMES, NOVEMBER_MOSCOW)).toEqual([
      time('First response', 'calendar', 300_000, 300_000, 300_000, 1),
      time('First response', 'business hours', 300_000, 300_000, 300_000, 1),
      ...noTimes('Next response'),
      ...noTimes('Time to assign'),
      ...noTimes('Time in queue'),
      ...noTimes('Resolution'),
      ...noTimes('Handling'),
    ]);
  });

  it('narrows by team, agent and channel, one or several values', async () => {
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_MOSCOW, { team: [SUPPORT] })).toEqual([{ New: 0, Closed: 1, Reopened: 0 }]);
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_MOSCOW, { team: [SALES, SUPPORT] })).toEqual([{ New: 3, Closed: 4, Reopened: 1 }]);
    // New conversations have no agent: an agent filter counts none of them.
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_MOSCOW, { agent: [ANNA] })).toEqual([{ New: 0, Closed: 3, Reopened: 1 }]);
    expect(await grafana.rows(CONVERSATIONS, NOVEMBER_MOSCOW, { channel: ['email'] })).toEqual([{ New: 1, Closed: 0, Reopened: 0 }]);
    expect((await grafana.rows(TIMES, NOVEMBER_MOSCOW, { agent: [ANNA] }))[0]).toEqual(time('First response', 'calendar', 240_000, 384_000, 240_000, 2));
  });

  it('counts the same hours from facts as from the rollup when the range starts and ends inside an hour', async () => {
    // 07:30–08:30 UTC on 2 November covers the hour starting at 08:00 only: c1's 07:15 and 07:16 are out.
    const insideHours = { from: new Date('2026-11-02T07:30:00Z'), to: new Date('2026-11-02T08:30:00Z') };
    expect(await grafana.rows(CONVERSATIONS, insideHours)).toEqual([{ New: 0, Closed: 0, Reopened: 0 }]);
    expect((await grafana.rows(TIMES, insideHours))[0]).toEqual(time('First response', 'calendar', null, null, null, 0));
    expect(await grafana.rows(PRESENCE, insideHours)).toEqual([{ Agent: 'Anna', Online: 1_800_000, Away: 600_000 }]);
  });

  it("lists the filters' choices: teams by name, and the chosen teams' agents", async () => {
    expect(await grafana.variableOptions('team')).toEqual([{ text: 'Sales', value: SALES }, { text: 'Support', value: SUPPORT }]);
    expect(await grafana.variableOptions('agent', { team: ALL })).toEqual([{ text: 'Anna', value: ANNA }, { text: 'Boris', value: BORIS }]);
    expect(await grafana.variableOptions('agent', { team: [SUPPORT] })).toEqual([{ text: 'Boris', value: BORIS }]);
  });

  it('reads with a role that cannot write', async () => {
    await expect(database.reader.query("INSERT INTO teams (team_id, name) VALUES (gen_random_uuid(), 'x')")).rejects.toThrow(/permission denied/);
    const { rows } = await database.reader.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]?.user).toBe('smartchat_stats_reader');
  });

  it('gives from the fast functions (0006) what rollup_hourly and percentile_cont over facts give, for ranges cut into months, days and hours', async () => {
    // Whole months, a month mostly covered (less its edge days and hours), days, hours, a range
    // inside an hour, and ends inside hours; with and without a team filter, customer and internal.
    const ranges: [string, string][] = [
      ['2026-10-31T21:00:00Z', '2026-11-30T21:00:00Z'],
      ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'],
      ['2026-10-20T05:00:00Z', '2026-12-03T07:30:00Z'],
      ['2026-11-02T07:30:00Z', '2026-11-11T08:10:00Z'],
      ['2026-11-02T07:30:00Z', '2026-11-02T08:30:00Z'],
      ['2026-11-04T06:00:00Z', '2026-11-30T20:30:00Z'],
      ['2026-09-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2026-11-10T12:00:00Z', '2026-11-10T12:00:00Z'],
    ];
    const kinds = ['conversation.new', 'conversation.closed', 'sla.first_response', 'csat.satisfied', 'agent.online', 'agent.away'];
    const spreadKinds = ['response.first', 'resolution.time', 'assign.time', 'csat.rating'];
    for (const [from, to] of ranges) {
      for (const teams of [null, [SALES], [SUPPORT, SALES]]) {
        for (const internal of [false, true]) {
          const args = [from, to, teams, internal];
          const sums = await database.reader.query(
            `SELECT kind, team_id, agent_id, n::float8, sum_value::float8, sum_business::float8 FROM stats_rollup_sums($5, $1, $2, $3, $4) ORDER BY 1, 2, 3`,
            [...args, kinds],
          );
          // Presence by its agent's teams, everything else by its team (the dashboard's filters).
          const expected = await database.reader.query(
            `SELECT kind, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END AS agent_id, sum(n)::float8 AS n, sum(sum_value)::float8 AS sum_value, sum(sum_business)::float8 AS sum_business
               FROM rollup_hourly
              WHERE kind = ANY($5) AND hour >= $1 AND hour < $2 AND internal = $4
                AND ($3::uuid[] IS NULL OR team_id = ANY($3) OR agent_id IN (SELECT agent_id FROM agents WHERE team_ids && $3::uuid[] AND kind IN ('agent.online', 'agent.away')))
              GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
            [...args, kinds],
          );
          expect(sums.rows, `sums ${from}..${to} ${JSON.stringify(teams)} internal=${internal}`).toEqual(expected.rows);
          for (const byTeam of [false, true]) {
            const spreads = await database.reader.query(`SELECT * FROM stats_spreads($5, $1, $2, $3, $4, $6) ORDER BY kind, team_id`, [...args, spreadKinds, byTeam]);
            const sorted = await database.reader.query(
              `SELECT kind, ${byTeam ? 'team_id' : 'NULL::uuid AS team_id'}, count(*) AS n,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90, sum(value)::float8 / count(*) AS mean,
                      percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(business_value, value)) AS business_median,
                      percentile_cont(0.9) WITHIN GROUP (ORDER BY coalesce(business_value, value)) AS business_p90,
                      sum(coalesce(business_value, value))::float8 / count(*) AS business_mean
                 FROM facts
                WHERE kind = ANY($5) AND at >= stats_hour_at_or_after($1) AND at < stats_hour_at_or_after($2) AND internal = $4
                  AND ($3::uuid[] IS NULL OR team_id = ANY($3)) AND ${byTeam ? 'team_id IS NOT NULL' : 'true'}
                GROUP BY 1, 2 ORDER BY 1, 2`,
              [...args, spreadKinds],
            );
            expect(spreads.rows, `spreads ${from}..${to} ${JSON.stringify(teams)} internal=${internal} by team=${byTeam}`).toEqual(sorted.rows);
          }
        }
      }
    }
  });

  it('ran every panel of the dashboard', () => {
    expect([...grafana.ran].sort()).toEqual(panelsOf(statisticsDashboard).map((panel) => panel.title).sort());
  });
});
