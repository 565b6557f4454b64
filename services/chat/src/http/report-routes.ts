// Statistics reports: the list, one report's status and progress, a custom build on request, and
// the downloads (XLSX workbook, PDF summary). The stats process builds them (monthly by itself,
// custom ones from the queue this adds to); the records and files are shared through the main
// database and the blob store.
//
// Who: listing and reading need statistics.view, asking for one and downloading need
// reports.export. A report covers the whole desk (every monthly one) or some teams. A manager whose
// scope is `all` reads every report and may ask for either. A manager whose scope is `teams` reads
// only reports of teams that are all theirs (another report is "not found", so nothing tells them
// it exists) and asks for reports of their teams (all of them by default; naming a team outside is
// refused with the teams named). Scope `assigned` is refused (403): one agent's own figures are on
// the Statistics page. Downloads are audited (report.download), refusals too (by the error handler).
import {
  createReportInput,
  REPORT_MEDIA_TYPES,
  reportFormats,
  reportListQuery,
  reportListSchema,
  reportSchema,
  SmartchatError,
  type ReportFormat,
} from '@smartchat/contracts';
import type { AgentAccess, Permission } from '@smartchat/core';
import { customRange, publicReport, type ReportFiles, type ReportQueue, type ReportRecord, type ReportRecords } from '@smartchat/stats/reports';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { Directory } from '../access/directory.js';
import { requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface ReportRouteDeps {
  access: AccessStore;
  directory: Directory;
  audit: AuditLog;
  records: ReportRecords;
  files: ReportFiles;
  queue: ReportQueue;
  now?: () => Date;
}

const errors = { 403: errorResponseSchema, 404: errorResponseSchema };
const idParams = z.object({ id: z.uuid() });

/** `smartchat-report-2026-11.xlsx`, `smartchat-report-2026-11-01_2026-11-15.pdf`. */
export function reportFileName(report: Pick<ReportRecord, 'kind' | 'period' | 'from' | 'to'>, format: ReportFormat): string {
  const what = report.kind === 'monthly' && report.period ? report.period : `${report.from}_${report.to}`;
  return `smartchat-report-${what}.${format}`;
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const now = deps.now ?? (() => new Date());

  /**
   * The caller, refused unless they hold `permission` with scope `all` or `teams`. Names the
   * attempt first, so that a refusal is audited as `action` on `target`.
   */
  const permitted = async (request: FastifyRequest, action: string, target: string | null, permission: Permission): Promise<AgentAccess> => {
    auditAs(request, action, target);
    const identity = requireAgent(request);
    const access = await deps.access.agentAccess(identity.agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    if (!access.permissions.has(permission)) throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs the ${permission} permission`, { missing: [permission] });
    if (access.scope === 'assigned') {
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Reports cover the whole desk or whole teams: they need a role whose scope is all or teams (the Statistics page shows your own figures)', { reason: 'scope', scope: access.scope });
    }
    return access;
  };
  /** The teams whose reports the caller may read; null: every report. */
  const readableTeams = (access: AgentAccess): string[] | null => (access.scope === 'all' ? null : [...access.teamIds]);
  /** The report, if it exists and the caller may read it; "not found" either way otherwise. */
  const found = async (id: string, access: AgentAccess): Promise<ReportRecord> => {
    const record = await deps.records.get(id);
    const teams = readableTeams(access);
    const readable = record && (teams === null || (record.teamIds !== null && record.teamIds.every((teamId) => teams.includes(teamId))));
    if (!record || !readable) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such report');
    return record;
  };
  /** The teams a new report covers: those asked for (each the caller's to ask for), the caller's own in scope `teams`, or null (the whole desk). */
  const coveredTeams = async (access: AgentAccess, asked: readonly string[] | undefined): Promise<string[] | null> => {
    const named = asked && asked.length > 0 ? [...asked] : null;
    if (access.scope === 'all') {
      if (!named) return null;
      const known = new Set((await deps.directory.teams()).map((team) => team.id));
      const unknown = named.filter((teamId) => !known.has(teamId));
      if (unknown.length > 0) {
        const message = `no such teams: ${unknown.join(', ')}`;
        throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'Unknown teams', [{ path: 'body.teamIds', rule: 'unknown_team', message }]);
      }
      return named;
    }
    const own = [...access.teamIds];
    if (!named) {
      if (own.length === 0) throw new SmartchatError('SC_ERR_FORBIDDEN', 'You are a member of no team, so there is no report of your teams to make', { reason: 'scope', scope: access.scope });
      return own;
    }
    const outside = named.filter((teamId) => !access.teamIds.has(teamId));
    if (outside.length > 0) throw new SmartchatError('SC_ERR_FORBIDDEN', 'These teams are outside your statistics scope', { teamIds: outside });
    return named;
  };

  api.get(
    '/v1/statistics/reports',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Reports, newest first: monthly ones of the whole desk (built on the 1st, rebuilt and frozen on the 3rd) and custom ones of the desk or of some teams (statistics.view; scope all: every report; scope teams: reports of teams that are all yours)',
        querystring: reportListQuery,
        response: { 200: reportListSchema, ...errors },
      },
    },
    async (request) => {
      const access = await permitted(request, 'report.list', null, 'statistics.view');
      const { reports, more } = await deps.records.list(request.query, readableTeams(access));
      return { reports: reports.map(publicReport), more };
    },
  );

  api.post(
    '/v1/statistics/reports',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Ask for a report for local days from..to (both included) in timeZone (default: yours), of the teams teamIds or of the whole desk; scope teams: of your teams (all of them unless you name some; naming another team is 403). It is built in the background — follow its status and progress with GET …/reports/{id} (reports.export). 202: queued; 200: the same range and teams you asked for are already queued or building, that report. 422 (details[].rule): impossible_date, inverted_range, over_long_range (over 400 days), future_range (ends after today), partial_hour_zone, unknown_team',
        body: createReportInput,
        response: { 200: reportSchema, 202: reportSchema, ...errors, 422: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const access = await permitted(request, 'report.create', null, 'reports.export');
      const timeZone = request.body.timeZone ?? (await deps.directory.agent(access.agentId))?.timeZone ?? 'Europe/Moscow';
      const range = customRange({ from: request.body.from, to: request.body.to, timeZone }, now());
      const teamIds = await coveredTeams(access, request.body.teamIds);
      const { report, created } = await deps.records.createCustom(range, access.agentId, teamIds);
      if (!created) return reply.code(200).send(publicReport(report));
      await deps.queue.requestBuild(report.id);
      await deps.audit.record({ actor: auditActor(request.identity), action: 'report.create', target: `report:${report.id}`, outcome: 'ok', ip: request.ip, details: { from: range.from, to: range.to, timeZone, teamIds: report.teamIds } });
      return reply.code(202).send(publicReport(report));
    },
  );

  api.get(
    '/v1/statistics/reports/:id',
    {
      schema: {
        tags: ['statistics'],
        summary: 'One report: its status, progress while it is built, and the sizes of its files once built (statistics.view; 404 for a report the caller may not read)',
        params: idParams,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request) => {
      const access = await permitted(request, 'report.view', `report:${request.params.id}`, 'statistics.view');
      return publicReport(await found(request.params.id, access));
    },
  );

  for (const format of reportFormats) {
    api.get(
      `/v1/statistics/reports/:id/${format}`,
      {
        config: { file: { answers: [REPORT_MEDIA_TYPES[format]] } },
        schema: {
          tags: ['statistics'],
          summary: `Download the report's ${format === 'xlsx' ? 'XLSX workbook (summary, teams, agents, SLA breaches, CSAT comments)' : 'PDF summary with charts'} of its last finished build (reports.export; audited). 404 for a report the caller may not read; 409: not built yet`,
          params: idParams,
          response: { 200: z.unknown().describe('The file'), ...errors, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const target = `report:${request.params.id}`;
        const access = await permitted(request, 'report.download', target, 'reports.export');
        let record = await found(request.params.id, access);
        let file = record.keys[format] ? await deps.files.open(record.keys[format]) : undefined;
        // A rebuild may have replaced (and deleted) the file between reading the record and opening it.
        if (!file && record.keys[format]) {
          record = await found(request.params.id, access);
          file = record.keys[format] ? await deps.files.open(record.keys[format]) : undefined;
        }
        if (!record.keys[format]) throw new SmartchatError('SC_ERR_CONFLICT', 'This report has not been built yet; follow its progress and download it once it is ready', { status: record.status, progress: record.progress });
        if (!file) throw new SmartchatError('SC_ERR_NOT_FOUND', "The report's file is missing from the blob store");
        await deps.audit.record({
          actor: auditActor(request.identity),
          action: 'report.download',
          target,
          outcome: 'ok',
          ip: request.ip,
          details: { format, bytes: file.bytes, kind: record.kind, from: record.from, to: record.to, timeZone: record.timeZone, teamIds: record.teamIds, builtAt: record.builtAt },
        });
        return reply
          .header('content-type', REPORT_MEDIA_TYPES[format])
          .header('content-length', file.bytes)
          .header('content-disposition', `attachment; filename="${reportFileName(record, format)}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-cache')
          .send(file.stream);
      },
    );
  }
}
