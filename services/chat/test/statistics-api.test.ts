// The statistics API as managers and agents meet it: who sees which teams' and agents' figures,
// clear refusals of bad input and of filters outside one's scope, drill-down lists that obey the
// inbox's visibility, exports that hold the same numbers and are audited, and a desk without a
// statistics database that still runs.
import { randomUUID } from 'node:crypto';
import type { StatisticsAgents, StatisticsCsat, StatisticsLive, StatisticsOverview, StatisticsSeries, StatisticsSla, StatisticsTeams } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { createTestStatsDatabase, ingestEvents, type TestStatsDatabase } from '@smartchat/stats';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { deskEvents, minutesAfter, StatsConversation } from './support/statistics-events.js';

type ErrorBody = { error: { code: string; message: string; details?: unknown } };
const NOVEMBER = 'from=2026-11-01&to=2026-11-30&timeZone=Europe/Moscow';

/** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return records;
}

describe('the statistics API', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let stats: TestStatsDatabase;
  const teams = { lead: '', other: '' };
  const agents = { self: '', colleague: '', stranger: '' };
  const conversations = { mine: '', moved: '', other: '', quiet: '' };
  const tokens = { admin: '', lead: '', reader: '', agent: '', self: '', customer: '' };

  const get = <T>(path: string, token: string = tokens.admin) => api<T>(node, 'GET', path, token);
  const fetchFile = async (path: string, token: string = tokens.admin) => {
    const response = await fetch(`${node.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    // Migrated first, so that the chat processes start with it; filled once the desk exists.
    stats = await createTestStatsDatabase(resources);
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_STATS_PG_URL: stats.readerUrl });
    node = cluster.nodes[0]!;
    const { pg } = cluster;
    const team = async (name: string) => (await pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
    teams.lead = await team('Авиабилеты');
    teams.other = await team('Отели');
    await pg.query(`INSERT INTO roles (name, scope, permissions) VALUES
      ('team-lead', 'teams', '{statistics.view,reports.export,conversations.reply}'),
      ('stats-reader', 'all', '{statistics.view}'),
      ('self-view', 'assigned', '{statistics.view,conversations.reply}')`);
    const member = async (name: string, role: string, teamIds: string[]) => {
      const created = await cluster.createAgent(name, { role });
      for (const teamId of teamIds) await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, created.id]);
      return { id: created.id, token: await cluster.login(node, created.email, created.password) };
    };
    const admin = await member('Админ', 'admin', []);
    const lead = await member('Руководитель', 'team-lead', [teams.lead]);
    const reader = await member('Аналитик', 'stats-reader', []);
    const plain = await member('Агент', 'agent', [teams.lead]);
    const self = await member('Сам', 'self-view', [teams.lead]);
    const colleague = await member('Коллега', 'agent', [teams.lead]);
    const stranger = await member('Чужой', 'agent', [teams.other]);
    Object.assign(tokens, { admin: admin.token, lead: lead.token, reader: reader.token, agent: plain.token, self: self.token });
    Object.assign(agents, { self: self.id, colleague: colleague.id, stranger: stranger.id });
    tokens.customer = await cluster.customerToken('stats-customer', 'Клиент');
    // Conversations that exist in the desk, as drill-down lists name them.
    for (const key of Object.keys(conversations) as (keyof typeof conversations)[]) {
      conversations[key] = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', tokens.customer, { topic: key })).body.conversation.id;
    }
    const place = (id: string, teamId: string, assigneeId: string) => pg.query('UPDATE conversations SET team_id = $2, assignee_id = $3 WHERE id = $1', [id, teamId, assigneeId]);
    await place(conversations.mine, teams.lead, agents.self);
    // Held by the lead's team in November, in the other team now: counted for the lead's team, not theirs to open.
    await place(conversations.moved, teams.other, agents.stranger);
    await place(conversations.other, teams.other, agents.stranger);
    await place(conversations.quiet, teams.lead, agents.colleague);

    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));
    const story = (id: string, teamId: string, assignee: string, day: number, options: { breach: boolean; rating: number; comment: string | null }) => {
      const start = at(day, 9);
      const conversation = new StatsConversation(id, teamId, start).customer(start).assigned(minutesAfter(start, 5), assignee);
      if (options.breach) conversation.breached(start, 30);
      conversation.reply(minutesAfter(start, options.breach ? 45 : 10), assignee).closed(minutesAfter(start, 90), assignee);
      return conversation.rated(minutesAfter(start, 90), minutesAfter(start, 100), assignee, options.rating, options.comment).events;
    };
    await ingestEvents(stats.pool, [
      ...deskEvents(at(1, 0), [
        { id: teams.lead, name: 'Авиабилеты', memberIds: [lead.id, plain.id, self.id, colleague.id] },
        { id: teams.other, name: 'Отели', memberIds: [stranger.id] },
      ], [
        { id: lead.id, name: 'Руководитель', teamIds: [teams.lead] },
        { id: plain.id, name: 'Агент', teamIds: [teams.lead] },
        { id: self.id, name: 'Сам', teamIds: [teams.lead] },
        { id: colleague.id, name: 'Коллега', teamIds: [teams.lead] },
        { id: stranger.id, name: 'Чужой', teamIds: [teams.other] },
      ]),
      ...story(conversations.mine, teams.lead, agents.self, 10, { breach: true, rating: 5, comment: 'Отлично' }),
      ...story(conversations.moved, teams.lead, agents.colleague, 11, { breach: true, rating: 2, comment: 'Долго ждал' }),
      ...story(conversations.other, teams.other, agents.stranger, 12, { breach: true, rating: 4, comment: '=HYPERLINK("x")' }),
      ...story(conversations.quiet, teams.lead, agents.colleague, 13, { breach: false, rating: 1, comment: null }),
    ]);
  }, 240_000);
  afterAll(() => resources.cleanup());

  it('shows an admin every team and a team lead only their own, in tables, overview and the live panel', async () => {
    const all = await get<StatisticsTeams>(`/v1/statistics/teams?${NOVEMBER}`);
    expect(all.status).toBe(200);
    expect(all.body.timeZone).toBe('Europe/Moscow');
    expect(all.body.teams.map((row) => [row.name, row.newConversations.n, row.slaFirstResponse.n, row.slaFirstResponse.hits])).toEqual([
      ['Авиабилеты', 3, 2, 0],
      ['Отели', 1, 1, 0],
    ]);
    const own = await get<StatisticsTeams>(`/v1/statistics/teams?${NOVEMBER}`, tokens.lead);
    expect(own.body.scope).toBe('teams');
    expect(own.body.teams.map((row) => row.name)).toEqual(['Авиабилеты']);
    expect(own.body.teams[0]).toEqual(all.body.teams[0]);
    const agentsSeen = await get<StatisticsAgents>(`/v1/statistics/agents?${NOVEMBER}`, tokens.lead);
    expect(agentsSeen.body.agents.map((row) => row.name).sort()).toEqual(['Агент', 'Коллега', 'Руководитель', 'Сам']);
    expect(agentsSeen.body.agents.find((row) => row.name === 'Коллега')!.closedConversations.n).toBe(2);
    const overview = await get<StatisticsOverview>(`/v1/statistics/overview?${NOVEMBER}`, tokens.lead);
    const adminForTeam = await get<StatisticsOverview>(`/v1/statistics/overview?${NOVEMBER}&teamIds=${teams.lead}`);
    expect(overview.body.figures).toEqual(adminForTeam.body.figures);
    expect(overview.body.filters.teamIds).toEqual([teams.lead]);
    expect(overview.body.figures.find((card) => card.metric === 'conversations_new')!.current).toEqual({ kind: 'count', n: 3 });
    expect([overview.body.previousFrom, overview.body.previousTo]).toEqual(['2026-10-02', '2026-10-31']);
    const live = await get<StatisticsLive>('/v1/statistics/live', tokens.lead);
    expect(live.body.teams.map((row) => row.teamId)).toEqual([teams.lead]);
    const liveAll = await get<StatisticsLive>('/v1/statistics/live');
    expect(liveAll.body.teams.map((row) => row.teamId).sort()).toEqual([teams.lead, teams.other].sort());
  });

  it('shows in the live panel who waits in each queue, since when, and who is there to answer', async () => {
    const waiting = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', tokens.customer, { topic: 'ждёт' })).body.conversation.id;
    await cluster.pg.query(`UPDATE conversations SET team_id = $2, assignee_id = NULL, status = 'open', queued_at = now() - interval '7 minutes' WHERE id = $1`, [waiting, teams.lead]);
    const socket = await cluster.socket(node, tokens.lead);
    try {
      const { body } = await get<StatisticsLive>('/v1/statistics/live', tokens.lead);
      const [lead] = body.teams;
      expect(lead).toMatchObject({ teamId: teams.lead, name: 'Авиабилеты', queueLength: 1, agentsOnline: 1, agentsAvailable: 1 });
      expect(lead!.oldestWaitMs).toBeGreaterThanOrEqual(7 * 60_000);
      expect(lead!.oldestWaitMs).toBeLessThan(9 * 60_000);
      const other = (await get<StatisticsLive>('/v1/statistics/live')).body.teams.find((team) => team.teamId === teams.other)!;
      expect(other).toMatchObject({ queueLength: 0, oldestWaitingSince: null, oldestWaitMs: null, agentsOnline: 0 });
    } finally {
      socket.disconnect();
      await cluster.pg.query(`UPDATE conversations SET status = 'closed', queued_at = NULL WHERE id = $1`, [waiting]);
    }
  });

  it('refuses filters naming teams or agents outside the caller’s scope, saying nothing about them, and audits it', async () => {
    const unknown = randomUUID();
    for (const query of [`teamIds=${teams.other}`, `agentIds=${agents.stranger}`, `teamIds=${unknown}`, `teamIds=${teams.lead}&teamIds=${teams.other}`]) {
      const refused = await get<ErrorBody>(`/v1/statistics/overview?${NOVEMBER}&${query}`, tokens.lead);
      expect(refused.status, query).toBe(403);
      expect(refused.body.error.code).toBe('SC_ERR_FORBIDDEN');
      expect(JSON.stringify(refused.body)).not.toContain('Отели');
    }
    const unknownTeam = await get<ErrorBody>(`/v1/statistics/teams?${NOVEMBER}&teamIds=${unknown}`, tokens.lead);
    const otherTeam = await get<ErrorBody>(`/v1/statistics/teams?${NOVEMBER}&teamIds=${teams.other}`, tokens.lead);
    expect(unknownTeam.body.error.message).toBe(otherTeam.body.error.message);
    expect((await get(`/v1/statistics/teams?${NOVEMBER}&teamIds=${teams.lead}&agentIds=${agents.colleague}`, tokens.lead)).status).toBe(200);
    const { rows } = await cluster.pg.query<{ outcome: string; details: { teamIds: string[] } }>(`SELECT outcome, details FROM audit_log WHERE action = 'statistics.teams' AND outcome = 'denied' ORDER BY id`);
    expect(rows.map((row) => row.details.teamIds)).toEqual([[unknown], [teams.other]]);
  });

  it('refuses every statistics route to agents without statistics.view and to customers', async () => {
    const paths = ['metrics', `overview?${NOVEMBER}`, `series?${NOVEMBER}&metric=conversations_new`, `heatmap?${NOVEMBER}`, `teams?${NOVEMBER}`, `agents?${NOVEMBER}`, `sla?${NOVEMBER}`, `csat?${NOVEMBER}`, 'live', `teams/export?${NOVEMBER}&format=csv`, `agents/export?${NOVEMBER}&format=xlsx`];
    for (const path of paths) {
      for (const token of [tokens.agent, tokens.customer]) {
        const refused = await get<ErrorBody>(`/v1/statistics/${path}`, token);
        expect(refused.status, path).toBe(403);
        expect(refused.body.error.code).toBe('SC_ERR_FORBIDDEN');
      }
      expect((await get(`/v1/statistics/${path}`, '')).status).toBe(401);
    }
  });

  it('shows an agent whose scope is their own conversations only their own figures', async () => {
    const overview = await get<StatisticsOverview>(`/v1/statistics/overview?${NOVEMBER}`, tokens.self);
    expect(overview.body.scope).toBe('assigned');
    expect(overview.body.filters.agentIds).toEqual([agents.self]);
    expect(overview.body.figures.find((card) => card.metric === 'conversations_closed')!.current).toEqual({ kind: 'count', n: 1 });
    const table = await get<StatisticsAgents>(`/v1/statistics/agents?${NOVEMBER}`, tokens.self);
    expect(table.body.agents.map((row) => row.agentId)).toEqual([agents.self]);
    expect((await get<StatisticsLive>('/v1/statistics/live', tokens.self)).body.teams).toEqual([]);
    expect((await get(`/v1/statistics/overview?${NOVEMBER}&agentIds=${agents.colleague}`, tokens.self)).status).toBe(403);
  });

  it('lists breaches and comments only of conversations the viewer may open in the inbox', async () => {
    const adminSla = await get<StatisticsSla>(`/v1/statistics/sla?${NOVEMBER}`);
    expect(new Set(adminSla.body.breaches.map((breach) => breach.conversationId))).toEqual(new Set([conversations.mine, conversations.moved, conversations.other]));
    expect(adminSla.body.total.firstResponse).toEqual({ kind: 'ratio', n: 3, hits: 0, rate: 0 });
    const leadSla = await get<StatisticsSla>(`/v1/statistics/sla?${NOVEMBER}`, tokens.lead);
    // Both breaches count for the lead's team; the one of the conversation now in another team is not listed.
    expect(leadSla.body.teams).toEqual([{ teamId: teams.lead, name: 'Авиабилеты', firstResponse: { kind: 'ratio', n: 2, hits: 0, rate: 0 }, nextResponse: { kind: 'ratio', n: 0, hits: 0, rate: null } }]);
    expect(leadSla.body.breaches.map((breach) => breach.conversationId)).toEqual([conversations.mine]);
    const selfSla = await get<StatisticsSla>(`/v1/statistics/sla?${NOVEMBER}`, tokens.self);
    expect(selfSla.body.breaches.map((breach) => breach.conversationId)).toEqual([conversations.mine]);

    const adminCsat = await get<StatisticsCsat>(`/v1/statistics/csat?${NOVEMBER}`);
    expect(adminCsat.body.distribution).toEqual([{ rating: 1, n: 1 }, { rating: 2, n: 1 }, { rating: 3, n: 0 }, { rating: 4, n: 1 }, { rating: 5, n: 1 }]);
    expect(adminCsat.body.satisfied).toEqual({ kind: 'ratio', n: 4, hits: 2, rate: 0.5 });
    expect(adminCsat.body.comments.map((comment) => comment.comment)).toEqual(['=HYPERLINK("x")', 'Долго ждал', 'Отлично']);
    const leadCsat = await get<StatisticsCsat>(`/v1/statistics/csat?${NOVEMBER}&limit=1`, tokens.lead);
    expect(leadCsat.body.satisfied).toEqual({ kind: 'ratio', n: 3, hits: 1, rate: 1 / 3 });
    expect(leadCsat.body.comments.map((comment) => [comment.conversationId, comment.rating, comment.comment])).toEqual([[conversations.mine, 5, 'Отлично']]);
  });

  it('refuses bad input with a stable code, the rule and the parameter', async () => {
    const rule = async (query: string) => {
      const answer = await get<ErrorBody>(`/v1/statistics/series?${query}`);
      return { status: answer.status, code: answer.body.error.code, details: answer.body.error.details as { path: string; rule?: string }[], message: answer.body.error.message };
    };
    expect(await rule('from=2026-11-01&to=2026-11-30&metric=no_such_metric')).toMatchObject({ status: 422, code: 'SC_ERR_UNPROCESSABLE', details: [{ path: 'query.metric', rule: 'unknown_metric' }] });
    expect(await rule('from=2026-11-30&to=2026-11-01&metric=conversations_new')).toMatchObject({ status: 422, details: [{ path: 'query.to', rule: 'inverted_range' }] });
    const overLong = await rule('from=2025-01-01&to=2026-11-30&metric=conversations_new');
    expect(overLong).toMatchObject({ status: 422, details: [{ path: 'query.to', rule: 'over_long_range' }] });
    expect(overLong.message).toContain('over-long');
    expect(await rule('from=2026-11-01&to=2026-11-30&metric=conversations_new&timeZone=Asia/Kolkata')).toMatchObject({ status: 422, details: [{ path: 'query.timeZone', rule: 'partial_hour_zone' }] });
    expect(await rule('from=2026-02-30&to=2026-03-01&metric=conversations_new')).toMatchObject({ status: 422, details: [{ path: 'query.from', rule: 'impossible_date' }] });
    expect(await rule('from=2026-10-01&to=2026-11-30&metric=conversations_new&interval=hour')).toMatchObject({ status: 422, details: [{ path: 'query.interval', rule: 'over_long_range' }] });
    for (const query of ['from=2026-13-01&to=2026-11-30&metric=x', 'from=2026-11-01&to=2026-11-30&metric=conversations_new&teamIds=not-a-team', 'from=2026-11-01&to=2026-11-30&metric=conversations_new&interval=year', 'from=2026-11-01&to=2026-11-30&metric=conversations_new&timeZone=Mars/Base', 'to=2026-11-30&metric=conversations_new', 'from=2026-11-01&to=2026-11-30&metric=conversations_new&channels=fax', `from=2026-11-01&to=2026-11-30&metric=conversations_new&teamIds=${teams.lead},${teams.other}`]) {
      expect(await rule(query), query).toMatchObject({ status: 400, code: 'SC_ERR_VALIDATION' });
    }
  });

  it('slices in the caller’s own time zone by default, and says which', async () => {
    const adminId = (await cluster.pg.query<{ agent_id: string }>(`SELECT id AS agent_id FROM agents WHERE name = 'Админ'`)).rows[0]!.agent_id;
    await cluster.pg.query(`UPDATE agents SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [adminId]);
    const series = await get<StatisticsSeries>('/v1/statistics/series?from=2026-11-10&to=2026-11-13&metric=conversations_new');
    expect(series.status).toBe(200);
    expect(series.body.timeZone).toBe('Asia/Tokyo');
    expect(series.body.start).toBe('2026-11-09T15:00:00.000Z');
    expect(series.body.buckets.map((bucket) => [bucket.label, bucket.figure])).toEqual([
      ['2026-11-10', { kind: 'count', n: 1 }],
      ['2026-11-11', { kind: 'count', n: 1 }],
      ['2026-11-12', { kind: 'count', n: 1 }],
      ['2026-11-13', { kind: 'count', n: 1 }],
    ]);
  });

  it('exports the team and agent tables as CSV and XLSX with the numbers of the API, and audits each export', async () => {
    const table = (await get<StatisticsTeams>(`/v1/statistics/teams?${NOVEMBER}`)).body.teams;
    const csv = await fetchFile(`/v1/statistics/teams/export?${NOVEMBER}&format=csv&lang=ru`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.disposition).toBe('attachment; filename="teams_2026-11-01_2026-11-30_Europe-Moscow.csv"');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.slice(0, 2)).toEqual(['Команда', 'Новые диалоги']);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => [row[0], Number(row[column('Новые диалоги')]), Number(row[column('SLA первого ответа, n')])])).toEqual(table.map((row) => [row.name, row.newConversations.n, row.slaFirstResponse.n]));
    const firstResponse = table[0]!.firstResponse.calendar.median!;
    expect(Number(rows[0]![column('Первый ответ, медиана (с)')])).toBe(Math.round(firstResponse / 100) / 10);

    const agentTable = (await get<StatisticsAgents>(`/v1/statistics/agents?${NOVEMBER}`)).body.agents;
    const xlsx = await fetchFile(`/v1/statistics/agents/export?${NOVEMBER}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = (rowNumber: number) => (sheet.getRow(rowNumber).values as unknown[]).slice(1);
    const heading = values(1) as string[];
    expect(heading[0]).toBe('Agent');
    const replies = heading.indexOf('Replies');
    const closed = heading.indexOf('Closed conversations');
    const parsed = Array.from({ length: sheet.rowCount - 1 }, (_, index) => values(index + 2));
    expect(parsed.map((row) => [row[0], row[replies], row[closed]])).toEqual(agentTable.map((row) => [row.name, row.replies.n, row.closedConversations.n]));
    const about = workbook.worksheets[1]!;
    expect((about.getRow(1).values as unknown[]).slice(1)).toEqual(['Time zone', 'Europe/Moscow']);

    const { rows: audited } = await cluster.pg.query<{ target: string; outcome: string; details: { format: string; from: string; to: string; timeZone: string } }>(
      `SELECT target, outcome, details FROM audit_log WHERE action = 'statistics.export' AND outcome = 'ok' ORDER BY id`,
    );
    expect(audited.map((row) => [row.target, row.outcome, row.details.format, row.details.from, row.details.to, row.details.timeZone])).toEqual([
      ['statistics:teams', 'ok', 'csv', '2026-11-01', '2026-11-30', 'Europe/Moscow'],
      ['statistics:agents', 'ok', 'xlsx', '2026-11-01', '2026-11-30', 'Europe/Moscow'],
    ]);
  });

  it('refuses exports without reports.export, and audits the refusal', async () => {
    const denied = async () => (await cluster.pg.query(`SELECT 1 FROM audit_log WHERE action = 'statistics.export' AND target = 'statistics:teams' AND outcome = 'denied' AND details->'missing' ? 'reports.export'`)).rowCount;
    const before = await denied();
    const refused = await fetchFile(`/v1/statistics/teams/export?${NOVEMBER}&format=csv`, tokens.reader);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString()).error.details).toEqual({ missing: ['reports.export'] });
    expect((await get(`/v1/statistics/teams?${NOVEMBER}`, tokens.reader)).status).toBe(200);
    expect(await denied()).toBe(before! + 1);
  });

  it('answers 503 with a stable code on a desk without a statistics database, while the live panel and the rest still work', async () => {
    // A statistics database that does not answer gets the same answer as none, not a 500.
    const [bare, unreachable] = await Promise.all([cluster.startNode({ SMARTCHAT_STATS_PG_URL: '' }), cluster.startNode({ SMARTCHAT_STATS_PG_URL: 'postgres://smartchat@127.0.0.1:1/smartchat_stats' })]);
    const answer = await api<ErrorBody>(bare, 'GET', `/v1/statistics/overview?${NOVEMBER}`, tokens.admin);
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe('SC_ERR_STATISTICS_UNAVAILABLE');
    expect((await api(bare, 'GET', '/v1/statistics/live', tokens.admin)).status).toBe(200);
    expect((await api(bare, 'GET', '/v1/statistics/metrics', tokens.admin)).status).toBe(200);
    expect((await api(bare, 'GET', '/v1/conversations', tokens.admin)).status).toBe(200);
    expect((await api<ErrorBody>(unreachable, 'GET', `/v1/statistics/teams?${NOVEMBER}`, tokens.admin)).body.error.code).toBe('SC_ERR_STATISTICS_UNAVAILABLE');
  });

  it('describes every metric of the catalogue in English and Russian', async () => {
    const { body } = await get<{ metrics: { id: string; figure: string; name: { en: string; ru: string }; definition: { en: string; ru: string } }[] }>('/v1/statistics/metrics', tokens.reader);
    expect(body.metrics.length).toBeGreaterThan(15);
    expect(body.metrics.find((metric) => metric.id === 'first_response_time')).toMatchObject({ figure: 'duration', name: { en: 'First response time', ru: 'Время первого ответа' } });
    for (const metric of body.metrics) expect(metric.definition.ru.length).toBeGreaterThan(20);
  });
});
