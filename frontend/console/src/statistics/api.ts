// The statistics API as the console calls it: the kit's REST client, typed by path from the
// OpenAPI document (so a parameter the routes do not take does not compile), through the session's
// client (its token, its handling of a refused session). Downloads (exports, report files) are
// fetched apart: they are files, not JSON (state/download.ts).
import type { StatisticsExportFormat, StatisticsInterval } from '@smartchat/contracts';
import type { TimeZone } from '@smartchat/contracts/time-zones';
import type { Locale } from '@smartchat/frontend-kit';
import { downloadFile } from '../state/download.js';
import { api } from '../state/session.js';
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
