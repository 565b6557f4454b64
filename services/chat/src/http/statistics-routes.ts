// The statistics API, GET /v1/statistics/...: the metric catalogue, overview cards with their
// trend, series, the hour-of-week heatmap, team and agent tables (and their CSV/XLSX exports), SLA
// and CSAT with drill-down, and the live panel. Every route needs statistics.view and reads within
// the caller's statistics scope (core/statistics-scope.ts); figures come from the statistics store
// through @smartchat/stats/queries, the live panel from the desk's own database.
import {
  SmartchatError,
  STATISTICS_EXPORT_MEDIA_TYPES,
  statisticsAgentsSchema,
  statisticsCsatSchema,
  statisticsExportQuery,
  statisticsHeatmapSchema,
  statisticsListQuery,
  statisticsLiveQuery,
  statisticsLiveSchema,
  statisticsMetricsSchema,
  statisticsOverviewSchema,
  statisticsQuery,
  statisticsSeriesQuery,
  statisticsSeriesSchema,
  statisticsSlaSchema,
  statisticsTeamsSchema,
  type FigureKind,
  type StatisticsEnvelope,
  type StatisticsQuery,
} from '@smartchat/contracts';
import { canSeeTeamStatistics, outsideStatisticsScope, scopedStatisticsFilter, statisticsScopeOf, type AgentAccess, type Permission, type StatisticsScope, type Viewer } from '@smartchat/core';
import type { PgPool, Redis } from '@smartchat/platform';
import { factKindsOf, metricDefinition, metricDefinitions, type MetricDefinition } from '@smartchat/stats/metrics';
import {
  agentRows,
  csatComments,
  csatSummary,
  heatmapOf,
  overviewFigures,
  previousRange,
  resolveRange,
  ruleRefusal,
  seriesFigures,
  slaBreaches,
  slaHitRates,
  slaHitRatesByTeam,
  teamRows,
  type CsatCommentCursor,
  type SlaBreachCursor,
  type StatisticsRange,
  type StatisticsSlice,
} from '@smartchat/stats/queries';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { Directory } from '../access/directory.js';
import { collectVisible, visibleConversations } from '../statistics/drill-down.js';
import { liveTeams } from '../statistics/live.js';
import type { StatisticsStore } from '../statistics/statistics-store.js';
import { agentTable, exportFile, teamTable } from '../statistics/table-export.js';
import { requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface StatisticsRouteDeps {
  access: AccessStore;
  directory: Directory;
  audit: AuditLog;
  /** The desk's database (live panel, drill-down visibility, names). */
  pg: PgPool;
  /** Presence (who is online), for the live panel. */
  redis: Redis;
  statistics: StatisticsStore;
}

/** 403: no statistics.view, or a team or agent outside the caller's scope; 422: a rule of the range (statisticsRules); 503: no statistics database. */
const errors = { 403: errorResponseSchema, 422: errorResponseSchema, 503: errorResponseSchema };
const TAGS = ['statistics'];

/** The shape of a metric's figures, from its aggregation (a count ratio is a ratio). */
function figureKindOf(metric: MetricDefinition): FigureKind {
  return metric.aggregation.type === 'count_ratio' ? 'ratio' : metric.aggregation.type;
}

interface StatisticsCaller {
  access: AgentAccess;
  scope: StatisticsScope;
}

interface StatisticsView {
  range: StatisticsRange;
  slice: StatisticsSlice;
  envelope: StatisticsEnvelope;
  caller: StatisticsCaller;
}

export function registerStatisticsRoutes(app: FastifyInstance, deps: StatisticsRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /**
   * The caller's statistics scope; refuses (and audits under `action` on `target`) anyone without
   * statistics.view, or without `also` when a route needs more.
   */
  const callerOf = async (request: FastifyRequest, action: string, target: string | null = null, also?: Permission): Promise<StatisticsCaller> => {
    auditAs(request, action, target);
    const identity = requireAgent(request);
    const access = await deps.access.agentAccess(identity.agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    const scope = statisticsScopeOf(access);
    if (!scope) throw new SmartchatError('SC_ERR_FORBIDDEN', 'This needs the statistics.view permission', { missing: ['statistics.view'] });
    if (also && !access.permissions.has(also)) throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs the ${also} permission`, { missing: [also] });
    return { access, scope };
  };

  /** Refuses teams or agents outside the scope, naming only the ids the caller gave. */
  const assertInScope = async (scope: StatisticsScope, teamIds: readonly string[] | undefined, agentIds: readonly string[] | undefined) => {
    const needsMembership = scope.kind === 'teams' && (agentIds?.length ?? 0) > 0;
    const memberships = needsMembership ? new Map((await deps.directory.agents()).map((agent) => [agent.id, agent.teamIds])) : new Map<string, string[]>();
    const outside = outsideStatisticsScope(scope, { teamIds, agentIds }, (agentId) => memberships.get(agentId) ?? []);
    if (outside.teamIds.length > 0 || outside.agentIds.length > 0) {
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'These teams or agents are outside your statistics scope', { teamIds: outside.teamIds, agentIds: outside.agentIds });
    }
  };

  /** Everything a statistics read needs: who asks, the range in the zone, the slice within the scope. */
  const viewOf = async (request: FastifyRequest, action: string, query: StatisticsQuery, options: { target?: string; also?: Permission } = {}): Promise<StatisticsView> => {
    const caller = await callerOf(request, action, options.target ?? null, options.also);
    const timeZone = query.timeZone ?? (await deps.directory.agent(caller.access.agentId))?.timeZone ?? 'UTC';
    const range = resolveRange(query.from, query.to, timeZone);
    await assertInScope(caller.scope, query.teamIds, query.agentIds);
    const subjects = scopedStatisticsFilter(caller.scope, { teamIds: query.teamIds, agentIds: query.agentIds });
    const listed = (values: readonly string[] | undefined) => (values && values.length > 0 ? [...values] : null);
    const slice: StatisticsSlice = {
      start: range.start,
      end: range.end,
      timeZone,
      teamIds: subjects.teamIds,
      agentIds: subjects.agentIds,
      channels: listed(query.channels),
      topics: listed(query.topics),
      internal: query.internal,
    };
    const envelope: StatisticsEnvelope = {
      timeZone,
      from: range.from,
      to: range.to,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      scope: caller.access.scope,
      filters: { teamIds: [...(subjects.teamIds ?? [])], agentIds: [...(subjects.agentIds ?? [])], channels: slice.channels ? [...slice.channels] : [], topics: slice.topics ? [...slice.topics] : [], internal: query.internal },
    };
    return { range, slice, envelope, caller };
  };

  /** The teams a table shows: those of the scope, narrowed by the filter, by name. */
  const teamsOf = async (view: StatisticsView) => {
    const { scope } = view.caller;
    const teams = await deps.directory.teams();
    return teams
      .filter((team) => (view.slice.teamIds ? view.slice.teamIds.includes(team.id) : true))
      .filter((team) => scope.kind === 'all' || scope.teamIds.has(team.id))
      .map((team) => ({ id: team.id, name: team.name }));
  };

  /** The agents a table shows: oneself for scope assigned; else members of the teams in view (everyone for scope all without a team filter), narrowed by the filter. */
  const agentsOf = async (view: StatisticsView) => {
    const agents = await deps.directory.agents();
    const teams = view.slice.teamIds;
    return agents
      .filter((agent) => (view.slice.agentIds ? view.slice.agentIds.includes(agent.id) : true))
      .filter((agent) => view.caller.scope.kind === 'assigned' || teams === null || agent.teamIds.some((teamId) => teams.includes(teamId)))
      .map((agent) => ({ id: agent.id, name: agent.name }));
  };

  const viewerOf = (caller: StatisticsCaller): Viewer => ({ type: 'agent', ...caller.access });

  api.get(
    '/v1/statistics/metrics',
    { schema: { tags: TAGS, summary: 'The metric catalogue: ids, units, how each is summed up, and its exact definition in English and Russian (statistics.view)', response: { 200: statisticsMetricsSchema, 403: errorResponseSchema } } },
    async (request) => {
      await callerOf(request, 'statistics.metrics');
      return {
        metrics: metricDefinitions.map((metric) => ({
          id: metric.id,
          unit: metric.unit,
          aggregation: metric.aggregation.type,
          factKinds: factKindsOf(metric),
          figure: figureKindOf(metric),
          better: metric.better,
          name: metric.name,
          definition: metric.definition,
        })),
      };
    },
  );

  api.get(
    '/v1/statistics/overview',
    {
      schema: {
        tags: TAGS,
        summary: 'Every metric of the catalogue for the range and for as many days just before it (the trend), each figure with its n (statistics.view)',
        querystring: statisticsQuery,
        response: { 200: statisticsOverviewSchema, ...errors },
      },
    },
    async (request) => {
      const view = await viewOf(request, 'statistics.overview', request.query);
      const previous = previousRange(view.range);
      const figures = await deps.statistics.read((db) => overviewFigures(db, view.slice, { ...view.slice, start: previous.start, end: previous.end }));
      return { ...view.envelope, previousFrom: previous.from, previousTo: previous.to, figures };
    },
  );

  api.get(
    '/v1/statistics/series',
    {
      schema: {
        tags: TAGS,
        summary: `One metric per hour, day, week (Monday to Sunday) or month of the zone's calendar; every bucket of the range, empty ones with n 0; hourly at most 31 days (statistics.view)`,
        querystring: statisticsSeriesQuery,
        response: { 200: statisticsSeriesSchema, ...errors },
      },
    },
    async (request) => {
      const { metric: metricId, interval, ...query } = request.query;
      const metric = metricDefinition(metricId);
      const view = await viewOf(request, 'statistics.series', query);
      if (!metric) throw ruleRefusal('query.metric', 'unknown_metric', `There is no metric ${metricId}; GET /v1/statistics/metrics lists them`);
      const buckets = await deps.statistics.read((db) => seriesFigures(db, view.slice, view.range, metric, interval));
      return { ...view.envelope, metric: metric.id, interval, buckets: buckets.map((bucket) => ({ label: bucket.label, start: bucket.start.toISOString(), figure: bucket.figure })) };
    },
  );

  api.get(
    '/v1/statistics/heatmap',
    {
      schema: {
        tags: TAGS,
        summary: 'Load by hour of the week in the zone: new conversations and customer messages per weekday (1 Monday … 7 Sunday) and hour, all 168 cells (statistics.view)',
        querystring: statisticsQuery,
        response: { 200: statisticsHeatmapSchema, ...errors },
      },
    },
    async (request) => {
      const view = await viewOf(request, 'statistics.heatmap', request.query);
      return { ...view.envelope, cells: await deps.statistics.read((db) => heatmapOf(db, view.slice)) };
    },
  );

  api.get(
    '/v1/statistics/teams',
    { schema: { tags: TAGS, summary: 'The team table: main figures per team in scope, by name (statistics.view)', querystring: statisticsQuery, response: { 200: statisticsTeamsSchema, ...errors } } },
    async (request) => {
      const view = await viewOf(request, 'statistics.teams', request.query);
      const teams = await teamsOf(view);
      return { ...view.envelope, teams: await deps.statistics.read((db) => teamRows(db, view.slice, teams)) };
    },
  );

  api.get(
    '/v1/statistics/agents',
    { schema: { tags: TAGS, summary: 'The agent table: online and away time, replies, closes, response and handling times, CSAT per agent in scope, by name (statistics.view)', querystring: statisticsQuery, response: { 200: statisticsAgentsSchema, ...errors } } },
    async (request) => {
      const view = await viewOf(request, 'statistics.agents', request.query);
      const agents = await agentsOf(view);
      return { ...view.envelope, agents: await deps.statistics.read((db) => agentRows(db, view.slice, agents)) };
    },
  );

  for (const table of ['teams', 'agents'] as const) {
    api.get(
      `/v1/statistics/${table}/export`,
      {
        config: { file: { answers: Object.values(STATISTICS_EXPORT_MEDIA_TYPES) } },
        schema: {
          tags: TAGS,
          summary: `The ${table === 'teams' ? 'team' : 'agent'} table as a file: format csv or xlsx, headings in lang (statistics.view and reports.export; audited)`,
          querystring: statisticsExportQuery,
          response: { 200: z.unknown().describe('The file'), ...errors },
        },
      },
      async (request, reply) => {
        const { format, lang, ...query } = request.query;
        const view = await viewOf(request, 'statistics.export', query, { target: `statistics:${table}`, also: 'reports.export' });
        const rows =
          table === 'teams'
            ? teamTable(await deps.statistics.read(async (db) => teamRows(db, view.slice, await teamsOf(view))), lang)
            : agentTable(await deps.statistics.read(async (db) => agentRows(db, view.slice, await agentsOf(view))), lang);
        const file = await exportFile(format, rows, view.envelope, lang);
        await deps.audit.record({
          actor: auditActor(request.identity),
          action: 'statistics.export',
          target: `statistics:${table}`,
          outcome: 'ok',
          ip: request.ip,
          details: { format, from: view.range.from, to: view.range.to, timeZone: view.range.timeZone, filters: view.envelope.filters, rows: rows.rows.length },
        });
        const name = `${table}_${view.range.from}_${view.range.to}_${view.range.timeZone.replace(/\//g, '-')}.${format}`;
        return reply
          .header('content-type', STATISTICS_EXPORT_MEDIA_TYPES[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file);
      },
    );
  }

  api.get(
    '/v1/statistics/sla',
    {
      schema: {
        tags: TAGS,
        summary: 'SLA hit rate per kind, overall and per team in scope, and the breached clocks of conversations the caller may open, newest first, at most limit (statistics.view)',
        querystring: statisticsListQuery,
        response: { 200: statisticsSlaSchema, ...errors },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query;
      const view = await viewOf(request, 'statistics.sla', query);
      const teams = await teamsOf(view);
      const viewer = viewerOf(view.caller);
      const { total, byTeam, breaches } = await deps.statistics.read(async (db) => ({
        total: await slaHitRates(db, view.slice),
        byTeam: await slaHitRatesByTeam(db, view.slice, teams.map((team) => team.id)),
        breaches: await collectVisible(
          limit,
          async (size, cursor: SlaBreachCursor | undefined) => {
            const page = await slaBreaches(db, view.slice, size, cursor);
            return { rows: page.breaches, next: page.next };
          },
          (ids) => visibleConversations(deps.pg, viewer, ids),
        ),
      }));
      return {
        ...view.envelope,
        total,
        teams: teams.map((team) => ({ teamId: team.id, name: team.name, ...byTeam.get(team.id)! })),
        breaches: breaches.map((breach) => ({ ...breach, at: breach.at.toISOString() })),
      };
    },
  );

  api.get(
    '/v1/statistics/csat',
    {
      schema: {
        tags: TAGS,
        summary: 'CSAT: ratings 1..5, the satisfied share, the response rate, and comments of conversations the caller may open, newest first, at most limit (statistics.view)',
        querystring: statisticsListQuery,
        response: { 200: statisticsCsatSchema, ...errors },
      },
    },
    async (request) => {
      const { limit, ...query } = request.query;
      const view = await viewOf(request, 'statistics.csat', query);
      const viewer = viewerOf(view.caller);
      const { summary, comments } = await deps.statistics.read(async (db) => ({
        summary: await csatSummary(db, view.slice),
        comments: await collectVisible(
          limit,
          async (size, cursor: CsatCommentCursor | undefined) => {
            const page = await csatComments(db, view.slice, size, cursor);
            return { rows: page.comments, next: page.next };
          },
          (ids) => visibleConversations(deps.pg, viewer, ids),
        ),
      }));
      return { ...view.envelope, ...summary, comments: comments.map((comment) => ({ ...comment, at: comment.at.toISOString() })) };
    },
  );

  api.get(
    '/v1/statistics/live',
    {
      schema: {
        tags: TAGS,
        summary: "Now, per team in scope (none for scope assigned): customer conversations waiting in the team's queue, the oldest wait, agents online and available (statistics.view; works without the statistics database)",
        querystring: statisticsLiveQuery,
        response: { 200: statisticsLiveSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      const caller = await callerOf(request, 'statistics.live');
      await assertInScope(caller.scope, request.query.teamIds, undefined);
      const asked = request.query.teamIds && request.query.teamIds.length > 0 ? request.query.teamIds : null;
      const teamIds = caller.scope.kind === 'all' ? asked : caller.scope.kind === 'teams' ? (asked ?? [...caller.scope.teamIds]) : [];
      const now = new Date();
      const teams = teamIds !== null && teamIds.length === 0 ? [] : await liveTeams(deps.pg, deps.redis, teamIds);
      return {
        at: now.toISOString(),
        scope: caller.access.scope,
        teams: teams
          .filter((team) => canSeeTeamStatistics(caller.scope, team.teamId))
          .map((team) => ({
            ...team,
            oldestWaitingSince: team.oldestWaitingSince?.toISOString() ?? null,
            oldestWaitMs: team.oldestWaitingSince ? Math.max(0, now.getTime() - team.oldestWaitingSince.getTime()) : null,
          })),
      };
    },
  );
}
