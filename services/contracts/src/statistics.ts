// The statistics API (GET /v1/statistics/...): what a manager's console and any other client read
// about the desk's work. Figures come from the statistics store (services/stats), sliced in one
// IANA time zone that every answer names; every figure carries its n. The metrics themselves (ids,
// exact definitions) are the catalogue of GET /v1/statistics/metrics and docs/metrics.md.
import { z } from 'zod';
import { channels } from './conversation.js';
import { documented, timeZoneSchema, wholeNumber } from './input-values.js';

/** The longest range one request may cover, in local days (a year and a bit: this year against last). */
export const STATISTICS_MAX_RANGE_DAYS = 400;
/**
 * At most this many ids (or channels) in one filter, and this many topics: so that the longest
 * request the document allows (every list full, every topic 200 characters of 3-byte UTF-8,
 * percent-encoded) stays within the chat server's 64 KiB of request line and headers.
 */
export const STATISTICS_FILTER_MAX = 50;
export const STATISTICS_TOPIC_FILTER_MAX = 20;
/** Drill-down lists (SLA breaches, CSAT comments) give at most this many rows, newest first. */
export const STATISTICS_LIST_MAX = 500;

// --- parameters ----------------------------------------------------------------------------------

/**
 * A calendar date `YYYY-MM-DD` in the request's time zone (1970 to 9999). A date the calendar does
 * not have (2026-02-30) matches this pattern and is refused with 422 (rule `impossible_date`).
 */
export const LOCAL_DATE_PATTERN = /^(?:19[7-9][0-9]|[2-9][0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;
const localDate = z.string().regex(LOCAL_DATE_PATTERN, 'must be a date YYYY-MM-DD');

/**
 * A repeated query parameter (`teamIds=a&teamIds=b`; a lone one gives [a]). Not comma lists: the
 * document says exactly what is taken, and a topic may hold a comma. Duplicates count once. The
 * document shows an array of the items (the zod form is a preprocess it cannot show).
 */
function queryList<T extends z.ZodType<string>>(item: T, max: number = STATISTICS_FILTER_MAX) {
  const { $schema: _, ...items } = z.toJSONSchema(item, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return documented(
    z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item).max(max).transform((values) => [...new Set(values)]).optional()),
    { replace: { type: 'array', items, maxItems: max } },
  );
}

const queryUuid = z.uuid().transform((id) => id.toLowerCase());
/** A topic as stored. */
const topicItem = z.string().min(1).max(200);

/** `true` or `false` in a query string. */
const queryBoolean = z.enum(['true', 'false']).default('false').transform((value) => value === 'true');

/**
 * What every statistics request narrows by. `from` and `to` are local dates in `timeZone`, both
 * included: from `from` 00:00 to the end of `to` (so `from=to` is one day). The zone defaults to the
 * caller's own (their profile's time zone); it must keep a whole-hour UTC offset over the range
 * (hourly rollups cannot cut a half hour), else 422 `partial_hour_zone`. `to` before `from` is 422
 * `inverted_range`; more than STATISTICS_MAX_RANGE_DAYS days is 422 `over_long_range`.
 * teamIds, agentIds, channels and topics narrow to any of the given values each (and together);
 * naming a team or agent outside the caller's statistics scope is 403. `internal=true` reports
 * internal conversations (agents among themselves) only; by default only customer conversations
 * count — the two are never mixed.
 */
export const statisticsQuery = z.object({
  from: localDate,
  to: localDate,
  timeZone: timeZoneSchema.optional(),
  teamIds: queryList(queryUuid),
  agentIds: queryList(queryUuid),
  channels: queryList(z.enum(channels)),
  topics: queryList(topicItem, STATISTICS_TOPIC_FILTER_MAX),
  internal: queryBoolean,
});
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

/** A metric id of the catalogue (GET /v1/statistics/metrics); an id not in it is 422 `unknown_metric`. */
export const METRIC_ID_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;

export const statisticsIntervals = ['hour', 'day', 'week', 'month'] as const;
export type StatisticsInterval = (typeof statisticsIntervals)[number];

/**
 * GET /v1/statistics/series: one metric per bucket of the zone's local calendar: hours, days,
 * weeks (Monday to Sunday) or months. A bucket cut by the range's start or end covers only the
 * part inside. Hourly series are limited to 31 days (422 `over_long_range`).
 */
export const statisticsSeriesQuery = statisticsQuery.extend({
  metric: z.string().regex(METRIC_ID_PATTERN, 'must be a metric id of GET /v1/statistics/metrics'),
  interval: z.enum(statisticsIntervals).default('day'),
});
export type StatisticsSeriesQuery = z.infer<typeof statisticsSeriesQuery>;
/** The longest hourly series, in days. */
export const STATISTICS_HOURLY_MAX_DAYS = 31;

/** Drill-down lists: at most `limit` rows, newest first. */
export const statisticsListQuery = statisticsQuery.extend({
  limit: wholeNumber(1, STATISTICS_LIST_MAX).default(100),
});
export type StatisticsListQuery = z.infer<typeof statisticsListQuery>;

export const statisticsExportFormats = ['csv', 'xlsx'] as const;
export type StatisticsExportFormat = (typeof statisticsExportFormats)[number];
/**
 * Exports of the team and agent tables: the same parameters, the file format, and the language of
 * the column headings. CSV: UTF-8 with a byte-order mark, comma-separated; XLSX: the table and a
 * sheet naming the zone, range and filters. Durations in seconds, online and away time in hours.
 */
export const statisticsExportQuery = statisticsQuery.extend({ format: z.enum(statisticsExportFormats), lang: z.enum(['en', 'ru']).default('en') });
export type StatisticsExportQuery = z.infer<typeof statisticsExportQuery>;
export const STATISTICS_EXPORT_MEDIA_TYPES: Record<StatisticsExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The rules a well-formed request can still break (422 SC_ERR_UNPROCESSABLE, `details` =
 * [{path, rule, message}]): see statisticsQuery and statisticsSeriesQuery.
 */
export const statisticsRules = ['impossible_date', 'inverted_range', 'over_long_range', 'partial_hour_zone', 'unknown_metric'] as const;
export type StatisticsRule = (typeof statisticsRules)[number];

// --- figures -----------------------------------------------------------------------------------

/**
 * How a metric is summed up, and so the shape of its figures:
 * - count: how many times it happened (`n`);
 * - duration: spans in whole milliseconds, `n` of them, median, p90 (linear interpolation, as
 *   PostgreSQL's percentile_cont) and mean, in calendar time and in the team's business hours;
 * - ratio: `hits` of `n` cases were a yes (SLA met, reopened, satisfied), `rate` = hits / n;
 * - distribution: plain numbers (messages per conversation, ratings): n, median, p90, mean;
 * - total: time summed up (agents' online and away time) in ms, `n` = the agents it is summed over.
 * Values are null when n is 0.
 */
export const figureKinds = ['count', 'duration', 'ratio', 'distribution', 'total'] as const;
export type FigureKind = (typeof figureKinds)[number];

export const spreadSchema = z.object({ median: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable() });
export type Spread = z.infer<typeof spreadSchema>;

export const countFigureSchema = z.object({ kind: z.literal('count'), n: z.number().int() });
export const durationFigureSchema = z.object({ kind: z.literal('duration'), n: z.number().int(), calendar: spreadSchema, business: spreadSchema });
export const ratioFigureSchema = z.object({ kind: z.literal('ratio'), n: z.number().int(), hits: z.number().int(), rate: z.number().nullable() });
export const distributionFigureSchema = z.object({ kind: z.literal('distribution'), n: z.number().int(), median: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable() });
export const totalFigureSchema = z.object({ kind: z.literal('total'), n: z.number().int(), totalMs: z.number().int() });
/** One number (or spread) with its n; `kind` says which. */
export const figureSchema = z
  .discriminatedUnion('kind', [countFigureSchema, durationFigureSchema, ratioFigureSchema, distributionFigureSchema, totalFigureSchema])
  .meta({ id: 'StatisticsFigure' });
export type Figure = z.infer<typeof figureSchema>;
export type CountFigure = z.infer<typeof countFigureSchema>;
export type DurationFigure = z.infer<typeof durationFigureSchema>;
export type RatioFigure = z.infer<typeof ratioFigureSchema>;
export type DistributionFigure = z.infer<typeof distributionFigureSchema>;
export type TotalFigure = z.infer<typeof totalFigureSchema>;

// --- answers -----------------------------------------------------------------------------------

const localized = z.object({ en: z.string(), ru: z.string() });

/** How a metric's facts are summed up (docs/metrics.md); a count ratio is one count over another. */
export const statisticsAggregations = ['count', 'duration', 'distribution', 'ratio', 'count_ratio', 'total'] as const;

/** One metric of the catalogue, with its exact definition in English and Russian. */
export const statisticsMetricSchema = z.object({
  /** Stable: the `metric` of series, the keys of overview figures, reports and exports. */
  id: z.string(),
  /** What its values count: conversations, messages, surveys, milliseconds, share (0..1), rating (1..5). */
  unit: z.string(),
  aggregation: z.enum(statisticsAggregations),
  /** The fact kinds it is computed from (docs/metrics.md). */
  factKinds: z.array(z.string()),
  /** The shape of this metric's figures. */
  figure: z.enum(figureKinds),
  /** Which way is good, for trend arrows; null for volumes. */
  better: z.enum(['higher', 'lower']).nullable(),
  name: localized,
  definition: localized,
});
export type StatisticsMetric = z.infer<typeof statisticsMetricSchema>;
export const statisticsMetricsSchema = z.object({ metrics: z.array(statisticsMetricSchema) });

/** The filters the answer was computed with: as asked, and for a narrow scope narrowed to it. */
export const statisticsFiltersSchema = z.object({
  teamIds: z.array(z.uuid()),
  agentIds: z.array(z.uuid()),
  channels: z.array(z.string()),
  topics: z.array(z.string()),
  internal: z.boolean(),
});
export type StatisticsFilters = z.infer<typeof statisticsFiltersSchema>;

/**
 * What every answer starts with: the zone it was sliced in, the range as local dates (`from`, `to`
 * included) and as instants (`start` included, `end` excluded), the caller's statistics scope and
 * the filters applied.
 */
export const statisticsEnvelopeSchema = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  start: z.string(),
  end: z.string(),
  /** all: every team; teams: the caller's teams only; assigned: the caller's own figures only. */
  scope: z.enum(['all', 'teams', 'assigned']),
  filters: statisticsFiltersSchema,
});
export type StatisticsEnvelope = z.infer<typeof statisticsEnvelopeSchema>;

/** GET /v1/statistics/overview: every metric of the catalogue for the range and for the range of as many days just before it (the trend). */
export const statisticsOverviewSchema = statisticsEnvelopeSchema.extend({
  previousFrom: z.string(),
  previousTo: z.string(),
  figures: z.array(z.object({ metric: z.string(), current: figureSchema, previous: figureSchema })),
});
export type StatisticsOverview = z.infer<typeof statisticsOverviewSchema>;

export const statisticsSeriesSchema = statisticsEnvelopeSchema.extend({
  metric: z.string(),
  interval: z.enum(statisticsIntervals),
  buckets: z.array(
    z.object({
      /** Local: `YYYY-MM-DDTHH:00` for hours, the first day `YYYY-MM-DD` for days, weeks and months. */
      label: z.string(),
      /** The bucket's first instant (within the range). */
      start: z.string(),
      figure: figureSchema,
    }),
  ),
});
export type StatisticsSeries = z.infer<typeof statisticsSeriesSchema>;

/** GET /v1/statistics/heatmap: load by local weekday and hour, all 7 × 24 cells (ISO weekdays: 1 Monday … 7 Sunday). */
export const statisticsHeatmapSchema = statisticsEnvelopeSchema.extend({
  cells: z.array(z.object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23), newConversations: z.number().int(), customerMessages: z.number().int() })),
});
export type StatisticsHeatmap = z.infer<typeof statisticsHeatmapSchema>;

/** A row of the team table. */
export const teamStatisticsRowSchema = z.object({
  teamId: z.uuid(),
  name: z.string(),
  newConversations: countFigureSchema,
  closedConversations: countFigureSchema,
  reopenedConversations: countFigureSchema,
  firstResponse: durationFigureSchema,
  nextResponse: durationFigureSchema,
  resolution: durationFigureSchema,
  slaFirstResponse: ratioFigureSchema,
  slaNextResponse: ratioFigureSchema,
  csatSatisfied: ratioFigureSchema,
});
export type TeamStatisticsRow = z.infer<typeof teamStatisticsRowSchema>;
/** GET /v1/statistics/teams: one row per team in scope (and in the teamIds filter), by name. */
export const statisticsTeamsSchema = statisticsEnvelopeSchema.extend({ teams: z.array(teamStatisticsRowSchema) });
export type StatisticsTeams = z.infer<typeof statisticsTeamsSchema>;

/** A row of the agent table. */
export const agentStatisticsRowSchema = z.object({
  agentId: z.uuid(),
  name: z.string(),
  online: totalFigureSchema,
  away: totalFigureSchema,
  replies: countFigureSchema,
  closedConversations: countFigureSchema,
  firstResponse: durationFigureSchema,
  handling: durationFigureSchema,
  csatSatisfied: ratioFigureSchema,
  csatRating: distributionFigureSchema,
});
export type AgentStatisticsRow = z.infer<typeof agentStatisticsRowSchema>;
/** GET /v1/statistics/agents: one row per agent in scope (members of the teams in scope; oneself for scope assigned), by name. */
export const statisticsAgentsSchema = statisticsEnvelopeSchema.extend({ agents: z.array(agentStatisticsRowSchema) });
export type StatisticsAgents = z.infer<typeof statisticsAgentsSchema>;

export const slaKinds = ['first_response', 'next_response'] as const;
/** GET /v1/statistics/sla: hit rates per kind, overall and per team, and the breaches the caller may open. */
export const statisticsSlaSchema = statisticsEnvelopeSchema.extend({
  total: z.object({ firstResponse: ratioFigureSchema, nextResponse: ratioFigureSchema }),
  teams: z.array(z.object({ teamId: z.uuid(), name: z.string(), firstResponse: ratioFigureSchema, nextResponse: ratioFigureSchema })),
  /**
   * Breached clocks in the range, newest first, only of conversations the caller may see in the
   * inbox (the same rule), at most `limit`.
   */
  breaches: z.array(z.object({ conversationId: z.uuid(), kind: z.enum(slaKinds), at: z.string(), teamId: z.uuid().nullable(), agentId: z.uuid().nullable() })),
});
export type StatisticsSla = z.infer<typeof statisticsSlaSchema>;

/** GET /v1/statistics/csat: the answers' distribution, satisfied share, response rate and comments. */
export const statisticsCsatSchema = statisticsEnvelopeSchema.extend({
  /** Ratings 1..5 in order, with how many answers gave each. */
  distribution: z.array(z.object({ rating: z.number().int().min(1).max(5), n: z.number().int() })),
  /** Share of 4 and 5 among the answers. */
  satisfied: ratioFigureSchema,
  /** Share of surveys sent in the range that were answered (n = surveys sent). */
  responseRate: ratioFigureSchema,
  rating: distributionFigureSchema,
  /** Answers with a comment, newest first, only of conversations the caller may see in the inbox, at most `limit`. */
  comments: z.array(z.object({ conversationId: z.uuid(), rating: z.number().int().min(1).max(5), comment: z.string(), at: z.string(), teamId: z.uuid().nullable(), agentId: z.uuid().nullable() })),
});
export type StatisticsCsat = z.infer<typeof statisticsCsatSchema>;

/**
 * GET /v1/statistics/live: now, per team in the caller's scope (none for scope assigned), from the
 * desk's own database rather than the statistics store: customer conversations waiting in the
 * team's queue for an assignee, since when the longest has waited, and the team's agents online
 * and of those available (online, not paused, with free capacity).
 */
export const statisticsLiveQuery = z.object({ teamIds: queryList(queryUuid) });
export type StatisticsLiveQuery = z.infer<typeof statisticsLiveQuery>;
export const statisticsLiveSchema = z.object({
  at: z.string(),
  scope: z.enum(['all', 'teams', 'assigned']),
  teams: z.array(
    z.object({
      teamId: z.uuid(),
      name: z.string(),
      queueLength: z.number().int(),
      oldestWaitingSince: z.string().nullable(),
      oldestWaitMs: z.number().int().nullable(),
      agentsOnline: z.number().int(),
      agentsAvailable: z.number().int(),
    }),
  ),
});
export type StatisticsLive = z.infer<typeof statisticsLiveSchema>;
