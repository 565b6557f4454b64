// The reports API as the console calls it, typed by the contract's own answers (the paths are not
// in the generated REST types yet: once they are, `api.get('/v1/statistics/reports')` replaces
// `call` here and nowhere else). Calls go through the session's client; downloads are fetched with
// the bearer token and handed to the browser as files.
import type { CreateReportInput, Report, ReportFormat, ReportList } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { api, token } from '../../state/session.js';

type Init = { params?: { path?: Record<string, string>; query?: Record<string, string | number | undefined> }; body?: unknown };
const untyped = api as unknown as Record<'get' | 'post', (path: string, init?: Init) => Promise<unknown>>;

export const reportsApi = {
  list: (before?: string) => untyped.get('/v1/statistics/reports', { params: { query: { limit: 50, before } } }) as Promise<ReportList>,
  get: (id: string) => untyped.get('/v1/statistics/reports/{id}', { params: { path: { id } } }) as Promise<Report>,
  create: (input: CreateReportInput) => untyped.post('/v1/statistics/reports', { body: input }) as Promise<Report>,
};

/** Downloads one of a report's files; resolves with the file's name (the server's). */
export async function downloadReport(report: Report, format: ReportFormat): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/v1/statistics/reports/${report.id}/${format}`, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  } catch {
    throw new ApiError(0, undefined, 'The server cannot be reached');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(response.status, body?.error as never, `HTTP ${response.status}`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `smartchat-report-${report.from}_${report.to}.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** Whether the list should be asked again soon: something is still on its way. */
export const inProgress = (report: Report) => report.status === 'queued' || report.status === 'building';
