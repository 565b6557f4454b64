// @smartchat/stats/queries: the read side of the statistics store, for the chat API, the monthly
// reports and the Grafana parity test. Every figure is computed here, once (figures.ts).
export { resolveRange, previousRange, bucketsOf, bucketKeySql, parseLocalDate, formatLocalDate, offsetMinutesAt, ruleRefusal, type StatisticsRange, type StatisticsBucket } from './range.js';
export { sliceWhere, wholeSlice, SqlParams, type Queryable, type StatisticsSlice, type SliceWhereOptions } from './slice.js';
export { figuresOf, figureOf, FigureTable, type FigureGrouping, type Aggregation } from './figures.js';
export { overviewFigures, metricFigures, seriesFigures, type MetricFigures, type SeriesBucket } from './overview.js';
export { heatmapOf, type HeatmapCell } from './heatmap.js';
export { teamRows, agentRows, storedTeams, storedAgents, TEAM_COLUMNS, AGENT_COLUMNS, type NamedSubject } from './tables.js';
export { slaHitRates, slaHitRatesByTeam, slaBreaches, SLA_FACT_KINDS, type SlaHitRates, type SlaBreach, type SlaBreachCursor, type SlaClockKind } from './sla.js';
export { csatSummary, csatComments, type CsatSummary, type CsatComment, type CsatCommentCursor } from './csat.js';
