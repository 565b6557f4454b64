// Statistics reports: the list, one report's status and progress, a custom build on request, and
// the downloads (XLSX workbook, PDF summary). The stats process builds them (monthly by itself,
// custom ones from the queue this adds to); the records and files are shared through the main
// database and the blob store.
//
// Who: a report covers the whole desk — every team and agent — so it is for roles whose scope is
// `all`: listing and reading need statistics.view, asking for one and downloading need
// reports.export. A manager whose scope is `teams` or `assigned` is refused (403) rather than shown
// other teams' figures; their own teams' numbers are on the Statistics page and its exports.
// Downloads are audited (report.download), refusals too (by the error handler).
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
import type { Permission } from '@smartchat/core';
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
   * The caller, refused unless they hold `permission` with scope `all`. Names the attempt first, so
   * that a refusal is audited as `action` on `target`.
   */
  const permitted = async (request: FastifyRequest, action: string, target: string | null, permission: Permission) => {
    auditAs(request, action, target);
    const identity = requireAgent(request);
    const access = await deps.access.agentAccess(identity.agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    if (!access.permissions.has(permission)) throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs the ${permission} permission`, { missing: [permission] });
    if (access.scope !== 'all') {
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Reports cover the whole desk: they need a role whose scope is all (the Statistics page shows your teams)', { reason: 'scope', scope: access.scope });
    }
    return access;
  };
  const found = async (id: string): Promise<ReportRecord> => {
    const record = await deps.records.get(id);
    if (!record) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such report');
    return record;
  };

  api.get(
    '/v1/statistics/reports',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Reports of the whole desk, newest first: monthly ones (built on the 1st, rebuilt and frozen on the 3rd) and custom ones (statistics.view, scope all)',
        querystring: reportListQuery,
        response: { 200: reportListSchema, ...errors },
      },
    },
    async (request) => {
      await permitted(request, 'report.list', null, 'statistics.view');
      const { reports, more } = await deps.records.list(request.query);
      return { reports: reports.map(publicReport), more };
    },
  );

  api.post(
    '/v1/statistics/reports',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'Ask for a report of the whole desk for local days from..to (both included) in timeZone (default: yours); it is built in the background — follow its status and progress with GET …/reports/{id} (reports.export, scope all). 202: queued; 200: the same range you asked for is already queued or building, that report. 422 (details[].rule): impossible_date, inverted_range, over_long_range (over 400 days), future_range (ends after today), partial_hour_zone',
        body: createReportInput,
        response: { 200: reportSchema, 202: reportSchema, ...errors, 422: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const access = await permitted(request, 'report.create', null, 'reports.export');
      const timeZone = request.body.timeZone ?? (await deps.directory.agent(access.agentId))?.timeZone ?? 'Europe/Moscow';
      const range = customRange({ from: request.body.from, to: request.body.to, timeZone }, now());
      const { report, created } = await deps.records.createCustom(range, access.agentId);
      if (!created) return reply.code(200).send(publicReport(report));
      await deps.queue.requestBuild(report.id);
      await deps.audit.record({ actor: auditActor(request.identity), action: 'report.create', target: `report:${report.id}`, outcome: 'ok', ip: request.ip, details: { from: range.from, to: range.to, timeZone } });
      return reply.code(202).send(publicReport(report));
    },
  );

  api.get(
    '/v1/statistics/reports/:id',
    {
      schema: {
        tags: ['statistics'],
        summary: 'One report: its status, progress while it is built, and the sizes of its files once built (statistics.view, scope all)',
        params: idParams,
        response: { 200: reportSchema, ...errors },
      },
    },
    async (request) => {
      await permitted(request, 'report.view', `report:${request.params.id}`, 'statistics.view');
      return publicReport(await found(request.params.id));
    },
  );

  for (const format of reportFormats) {
    api.get(
      `/v1/statistics/reports/:id/${format}`,
      {
        config: { file: { answers: [REPORT_MEDIA_TYPES[format]] } },
        schema: {
          tags: ['statistics'],
          summary: `Download the report's ${format === 'xlsx' ? 'XLSX workbook (summary, teams, agents, SLA breaches, CSAT comments)' : 'PDF summary with charts'} of its last finished build (reports.export, scope all; audited). 409: not built yet`,
          params: idParams,
          response: { 200: z.unknown().describe('The file'), ...errors, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const target = `report:${request.params.id}`;
        await permitted(request, 'report.download', target, 'reports.export');
        let record = await found(request.params.id);
        let file = record.keys[format] ? await deps.files.open(record.keys[format]) : undefined;
        // A rebuild may have replaced (and deleted) the file between reading the record and opening it.
        if (!file && record.keys[format]) {
          record = await found(request.params.id);
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
          details: { format, bytes: file.bytes, kind: record.kind, from: record.from, to: record.to, timeZone: record.timeZone, builtAt: record.builtAt },
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
