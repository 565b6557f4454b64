// The reports API of a real chat process, with the stats process's report worker running beside it
// on the same Redis, main database and blob directory: who may list, ask for and download reports,
// how bad ranges are refused, what a download is (content, type, name) and that it is audited.
import { join } from 'node:path';
import { createLogger, createMetricsRegistry, migratePostgres, repoRoot } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { reportsConfigSchema, startReports } from '@smartchat/stats/reports/runtime';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportList } from '@smartchat/contracts';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface Who {
  id: string;
  token: string;
}

describe('statistics reports over REST', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let admin: Who;
  let analyst: Who;
  let teamManager: Who;
  let agent: Who;
  let support: string;
  let sales: string;

  const person = async (name: string, role: string): Promise<Who> => {
    const created = await cluster.createAgent(name, { role });
    return { id: created.id, token: await cluster.login(node, created.email, created.password) };
  };
  const role = (name: string, scope: string, permissions: string[]) => cluster.pg.query('INSERT INTO roles (name, scope, permissions) VALUES ($1, $2, $3)', [name, scope, permissions]);
  const download = (id: string, format: 'xlsx' | 'pdf', token: string) => fetch(`${node.url}/v1/statistics/reports/${id}/${format}`, { headers: { authorization: `Bearer ${token}` } });
  const audit = async (action: string) =>
    (await cluster.pg.query<{ actor: string; target: string; outcome: string; details: Record<string, unknown> }>('SELECT actor, target, outcome, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1);
    node = cluster.nodes[0]!;
    await role('analyst', 'all', ['statistics.view']);
    await role('team-manager', 'teams', ['statistics.view', 'reports.export']);
    admin = await person('Администратор', 'admin');
    analyst = await person('Аналитик', 'analyst');
    teamManager = await person('Руководитель группы', 'team-manager');
    agent = await person('Агент', 'agent');
    // The stats process's side: its worker on the same queue, main database and blob directory.
    const stats = await resources.postgres();
    await migratePostgres(stats.pool, join(repoRoot, 'services/schema/stats'), resources.logger);
    // Two teams, the team manager in one; the statistics store knows them as its pipeline would
    // have written them from the team events.
    const team = async (name: string) => {
      const id = (await cluster.pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
      await stats.pool.query('INSERT INTO teams (team_id, name) VALUES ($1, $2)', [id, name]);
      return id;
    };
    support = await team('Поддержка');
    sales = await team('Продажи');
    await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [support, teamManager.id]);
    const { client } = resources.redis({ forBullmq: true });
    const runtime = await startReports({
      config: reportsConfigSchema.parse({ SMARTCHAT_BLOB_DIR: cluster.env.SMARTCHAT_BLOB_DIR, SMARTCHAT_QUEUE_PREFIX: cluster.env.SMARTCHAT_QUEUE_PREFIX, SMARTCHAT_REPORT_LOCALE: 'en' }),
      pg: cluster.pg,
      statsPg: stats.pool,
      bullRedis: client,
      logger: createLogger({ service: 'test', level: 'silent' }),
      registry: createMetricsRegistry('stats-test'),
    });
    resources.defer('stop the report worker', () => runtime.close());
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('builds a custom range on request, with visible status and progress, and lists it', async () => {
    const to = yesterday();
    const asked = await api<Report>(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-11-01', to, timeZone: 'Europe/Moscow' });
    expect(asked).toMatchObject({ status: 202, body: { kind: 'custom', from: '2026-11-01', to, timeZone: 'Europe/Moscow', status: 'queued', progress: 0, createdBy: { id: admin.id, name: 'Администратор' }, files: { xlsx: null, pdf: null } } });
    expect(asked.body.start).toBe('2026-10-31T21:00:00.000Z');
    const ready = await eventually(
      'the report built',
      async () => {
        const { body } = await api<Report>(node, 'GET', `/v1/statistics/reports/${asked.body.id}`, admin.token);
        return body.status === 'ready' ? body : undefined;
      },
      60_000,
      200,
    );
    expect(ready).toMatchObject({ progress: 100, files: { xlsx: { bytes: expect.any(Number) as number }, pdf: { bytes: expect.any(Number) as number } }, error: null });
    expect(ready.builtAt).not.toBeNull();

    const list = await api<ReportList>(node, 'GET', '/v1/statistics/reports?kind=custom', analyst.token);
    expect(list.status).toBe(200);
    expect(list.body.reports.map((report) => report.id)).toContain(asked.body.id);
    expect(await audit('report.create')).toMatchObject([{ actor: `agent:${admin.id}`, target: `report:${asked.body.id}`, outcome: 'ok' }]);
  });

  it('downloads the workbook and the PDF with their types and names, each download audited', async () => {
    const { body: report } = await api<Report>(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC' });
    await eventually('the report built', async () => (await api<Report>(node, 'GET', `/v1/statistics/reports/${report.id}`, admin.token)).body.status === 'ready', 60_000, 200);

    const xlsx = await download(report.id, 'xlsx', admin.token);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="smartchat-report-2026-11-01_2026-11-30.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Teams', 'Agents', 'SLA breaches', 'CSAT comments']);
    expect(workbook.worksheets[0]!.getCell('B3').value).toBe('UTC');

    const pdf = await download(report.id, 'pdf', admin.token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Number(pdf.headers.get('content-length'))).toBe(bytes.length);

    const downloads = (await audit('report.download')).filter((row) => row.target === `report:${report.id}`);
    expect(downloads).toMatchObject([
      { actor: `agent:${admin.id}`, outcome: 'ok', details: { format: 'xlsx', from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC' } },
      { actor: `agent:${admin.id}`, outcome: 'ok', details: { format: 'pdf', bytes: bytes.length } },
    ]);
  });

  it('lets whole-desk and team roles in: statistics.view to read, reports.export to ask and download; a team manager never sees a desk report; refusals are audited', async () => {
    const { body: report } = await api<Report>(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-10-01', to: '2026-10-31', timeZone: 'Europe/Moscow' });
    await eventually('the report built', async () => (await api<Report>(node, 'GET', `/v1/statistics/reports/${report.id}`, admin.token)).body.status === 'ready', 60_000, 200);

    // A reader without reports.export sees the list and the report, and may not download or ask.
    expect((await api(node, 'GET', `/v1/statistics/reports/${report.id}`, analyst.token)).status).toBe(200);
    expect((await download(report.id, 'xlsx', analyst.token)).status).toBe(403);
    expect(await api(node, 'POST', '/v1/statistics/reports', analyst.token, { from: '2026-10-01', to: '2026-10-31' })).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN', details: { missing: ['reports.export'] } } } });
    // A manager of some teams does not see a whole-desk report: not in the list, and "not found".
    const theirs = await api<ReportList>(node, 'GET', '/v1/statistics/reports', teamManager.token);
    expect(theirs.status).toBe(200);
    expect(theirs.body.reports.map((listed) => listed.id)).not.toContain(report.id);
    expect((await api(node, 'GET', `/v1/statistics/reports/${report.id}`, teamManager.token)).status).toBe(404);
    expect((await download(report.id, 'pdf', teamManager.token)).status).toBe(404);
    // An agent has neither permission.
    expect((await api(node, 'GET', '/v1/statistics/reports', agent.token)).status).toBe(403);
    expect((await api(node, 'GET', `/v1/statistics/reports/${report.id}`, agent.token)).status).toBe(403);
    expect((await api(node, 'GET', '/v1/statistics/reports', undefined)).status).toBe(401);

    const denied = (await audit('report.download')).filter((row) => row.outcome === 'denied');
    expect(denied).toMatchObject([{ actor: `agent:${analyst.id}`, target: `report:${report.id}` }]);
    expect((await audit('report.list')).map((row) => row.actor)).toEqual([`agent:${agent.id}`]);
  });

  it("builds a team manager's report of their teams, which only managers of those teams and of the desk read", async () => {
    // Without teams named: all of the manager's teams (here one), sorted and stated in the report.
    const asked = await api<Report>(node, 'POST', '/v1/statistics/reports', teamManager.token, { from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC' });
    expect(asked).toMatchObject({ status: 202, body: { kind: 'custom', teamIds: [support], createdBy: { id: teamManager.id } } });
    await eventually('the report built', async () => (await api<Report>(node, 'GET', `/v1/statistics/reports/${asked.body.id}`, teamManager.token)).body.status === 'ready', 60_000, 200);
    const xlsx = await download(asked.body.id, 'xlsx', teamManager.token);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const summary = workbook.worksheets[0]!;
    expect([summary.getCell('A4').value, summary.getCell('B4').value]).toEqual(['Covers', 'Поддержка']);
    // Only the report's teams in its team sheet.
    expect(workbook.getWorksheet('Teams')!.getColumn(1).values.filter((value) => value === 'Поддержка' || value === 'Продажи')).toEqual(['Поддержка']);
    const listed = await api<ReportList>(node, 'GET', '/v1/statistics/reports', teamManager.token);
    expect(listed.body.reports.map((report) => report.id)).toEqual([asked.body.id]);
    // The desk's managers read it too; naming a team outside one's scope is refused, naming it.
    expect((await api(node, 'GET', `/v1/statistics/reports/${asked.body.id}`, analyst.token)).status).toBe(200);
    expect(await api(node, 'POST', '/v1/statistics/reports', teamManager.token, { from: '2026-11-01', to: '2026-11-30', teamIds: [support, sales] })).toMatchObject({
      status: 403,
      body: { error: { code: 'SC_ERR_FORBIDDEN', details: { teamIds: [sales] } } },
    });
    // A desk manager may ask for any teams (and a report of Sales is not the Support manager's to read).
    const salesReport = await api<Report>(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-11-01', to: '2026-11-30', teamIds: [sales] });
    expect(salesReport).toMatchObject({ status: 202, body: { teamIds: [sales] } });
    expect((await api(node, 'GET', `/v1/statistics/reports/${salesReport.body.id}`, teamManager.token)).status).toBe(404);
    expect(await api(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-11-01', to: '2026-11-30', teamIds: ['00000000-0000-4000-8000-000000000001'] })).toMatchObject({
      status: 422,
      body: { error: { code: 'SC_ERR_UNPROCESSABLE', details: [{ path: 'body.teamIds', rule: 'unknown_team' }] } },
    });
    expect((await audit('report.create')).find((row) => row.target === `report:${asked.body.id}`)).toMatchObject({ details: { teamIds: [support] } });
  });

  it('refuses bad ranges with the rule they break, and unknown reports as not found', async () => {
    const ask = (body: unknown) => api<{ error: { code: string; details: { path: string; rule: string }[] } }>(node, 'POST', '/v1/statistics/reports', admin.token, body);
    const rule = async (body: unknown) => {
      const answer = await ask(body);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('SC_ERR_UNPROCESSABLE');
      return answer.body.error.details[0];
    };
    expect(await rule({ from: '2026-11-10', to: '2026-11-01' })).toMatchObject({ path: 'body.to', rule: 'inverted_range' });
    expect(await rule({ from: '2025-01-01', to: '2026-11-30' })).toMatchObject({ path: 'body.to', rule: 'over_long_range' });
    expect(await rule({ from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ path: 'body.from', rule: 'impossible_date' });
    expect(await rule({ from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Kolkata' })).toMatchObject({ path: 'body.timeZone', rule: 'partial_hour_zone' });
    expect(await rule({ from: '2026-11-01', to: '2099-01-01' })).toMatchObject({ rule: 'over_long_range' });
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(await rule({ from: yesterday(), to: tomorrow, timeZone: 'UTC' })).toMatchObject({ path: 'body.to', rule: 'future_range' });
    // What the document itself rules out is 400.
    expect(await ask({ from: '2026-11-01', to: '2026-11-30', timeZone: 'Mars/Olympus' })).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
    expect(await ask({ from: '1.11.2026', to: '2026-11-30' })).toMatchObject({ status: 400 });
    expect(await ask({ from: '2026-11-01' })).toMatchObject({ status: 400 });

    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await api(node, 'GET', `/v1/statistics/reports/${unknown}`, admin.token)).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_NOT_FOUND' } } });
    expect((await download(unknown, 'xlsx', admin.token)).status).toBe(404);
    expect((await api(node, 'GET', '/v1/statistics/reports/not-an-id', admin.token)).status).toBe(400);
  });

  it('answers the same queued report to the same request twice, and 409 for a download before it is built', async () => {
    // A report waiting for its build (written straight into the table: no job, so it stays queued).
    const { rows } = await cluster.pg.query<{ id: string }>(
      "INSERT INTO reports (kind, from_day, to_day, time_zone, range_start, range_end, created_by) VALUES ('custom', '2026-09-01', '2026-09-30', 'UTC', '2026-09-01Z', '2026-10-01Z', $1) RETURNING id",
      [admin.id],
    );
    const queuedId = rows[0]!.id;
    const again = await api<Report>(node, 'POST', '/v1/statistics/reports', admin.token, { from: '2026-09-01', to: '2026-09-30', timeZone: 'UTC' });
    expect(again).toMatchObject({ status: 200, body: { id: queuedId } });
    const early = await download(queuedId, 'xlsx', admin.token);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('SC_ERR_CONFLICT');
    // The request went nowhere new: no second record, no job for it.
    const queue = new Queue('smartchat-reports', { connection: resources.redis({ forBullmq: true }).client, prefix: cluster.env.SMARTCHAT_QUEUE_PREFIX });
    expect(await queue.getJob(`build.${queuedId}`)).toBeUndefined();
    await queue.close();
  });
});
