// The statistics API as the console calls it: the kit's REST client, typed by path from the
// OpenAPI document (so a parameter the routes do not take does not compile), through the session's
// client (its token, its handling of a refused session). Downloads (exports, report files) are
// fetched apart: they are files, not JSON.
import type { StatisticsExportFormat, StatisticsInterval } from '@smartchat/contracts';
import type { TimeZone } from '@smartchat/contracts/time-zones';
import { ApiError, type Locale } from '@smartchat/frontend-kit';
import { api, token } from '../state/session.js';
import type { Channel } from './selection.js';

/** What every statistics request narrows by. */
export interface StatisticsParams {
  from: string;
  to: string;
  timeZone: TimeZone;
  teamIds?: string[];
  agentIds?: string[];
  channels?: Channel[];
  topics?: string[];
  internal: boolean;
}

/** The query string of a statistics request: empty lists and the default (customer conversations) left out. */
function query(params: StatisticsParams) {
  return {
    from: params.from,
    to: params.to,
    timeZone: params.timeZone,
    teamIds: params.teamIds?.length ? params.teamIds : undefined,
    agentIds: params.agentIds?.length ? params.agentIds : undefined,
    channels: params.channels?.length ? params.channels : undefined,
    topics: params.topics?.length ? params.topics : undefined,
    internal: params.internal ? ('true' as const) : undefined,
  };
}

export const statisticsApi = {
  metrics: () => api.get('/v1/statistics/metrics'),
  overview: (params: StatisticsParams) => api.get('/v1/statistics/overview', { params: { query: query(params) } }),
  series: (params: StatisticsParams, metric: string, interval: StatisticsInterval) => api.get('/v1/statistics/series', { params: { query: { ...query(params), metric, interval } } }),
  heatmap: (params: StatisticsParams) => api.get('/v1/statistics/heatmap', { params: { query: query(params) } }),
  teams: (params: StatisticsParams) => api.get('/v1/statistics/teams', { params: { query: query(params) } }),
  agents: (params: StatisticsParams) => api.get('/v1/statistics/agents', { params: { query: query(params) } }),
  sla: (params: StatisticsParams, limit = 100) => api.get('/v1/statistics/sla', { params: { query: { ...query(params), limit } } }),
  csat: (params: StatisticsParams, limit = 100) => api.get('/v1/statistics/csat', { params: { query: { ...query(params), limit } } }),
  live: (teamIds?: string[]) => api.get('/v1/statistics/live', { params: { query: { teamIds: teamIds?.length ? teamIds : undefined } } }),
};

export type ExportTable = 'teams' | 'agents';

/** Where a table's export is: the table's own path with /export and the format. */
export function exportPath(table: ExportTable): string {
  return `/v1/statistics/${table}/export`;
}

/**
 * Downloads a table's export as a file. The file's name is the server's (Content-Disposition), its
 * headings in the console's language.
 */
export function downloadExport(table: ExportTable, params: StatisticsParams, format: StatisticsExportFormat, lang: Locale): Promise<string> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query(params), format, lang })) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return downloadFile(`${exportPath(table)}?${search.toString()}`, `${table}-${params.from}-${params.to}.${format}`);
}

/**
 * Fetches a file of the API and hands it to the browser as a download (exports, report files). A
 * download needs the bearer token, so it is fetched and given to the browser as a blob. Resolves
 * with the file's name: the server's (Content-Disposition), or `fallbackName`.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  } catch {
    throw new ApiError(0, undefined, 'The server cannot be reached');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(response.status, body?.error as never, `HTTP ${response.status}`);
  }
  const name = fileName(response.headers.get('content-disposition')) ?? fallbackName;
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

function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}
