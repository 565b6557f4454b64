// The reports API as the console calls it: the kit's REST client, typed by path from the OpenAPI
// document, through the session's client; a report's files are downloads (state/download.ts).
import type { CreateReportInput, Report, ReportFormat } from '@smartchat/contracts';
import { api } from '../../state/session.js';
import { downloadFile } from '../../state/download.js';

export const reportsApi = {
  list: (before?: string) => api.get('/v1/statistics/reports', { params: { query: { limit: 50, before } } }),
  get: (id: string) => api.get('/v1/statistics/reports/{id}', { params: { path: { id } } }),
  create: (input: CreateReportInput) => api.post('/v1/statistics/reports', { body: input }),
};

/** Downloads one of a report's files; resolves with the file's name (the server's). */
export function downloadReport(report: Report, format: ReportFormat): Promise<string> {
  return downloadFile(`/v1/statistics/reports/${report.id}/${format}`, `smartchat-report-${report.from}_${report.to}.${format}`);
}

/** Whether the list should be asked again soon: something is still on its way. */
export const inProgress = (report: Report) => report.status === 'queued' || report.status === 'building';
