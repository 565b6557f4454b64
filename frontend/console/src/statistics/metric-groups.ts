// How the overview arranges the catalogue's metrics (ids from GET /v1/statistics/metrics): by the
// question a manager asks. A metric the catalogue gains later lands in "other" until placed here.
import type { StatisticsMetric } from '@smartchat/contracts';

export const METRIC_GROUPS = ['volume', 'response', 'resolution', 'sla', 'csat', 'agents', 'other'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

const groupOf: Record<string, MetricGroup> = {
  conversations_new: 'volume',
  conversations_closed: 'volume',
  conversations_reopened: 'volume',
  messages_customer: 'volume',
  messages_reply: 'volume',
  messages_note: 'volume',
  messages_per_conversation: 'volume',
  first_response_time: 'response',
  next_response_time: 'response',
  time_to_assign: 'response',
  time_in_queue: 'response',
  resolution_time: 'resolution',
  handling_time: 'resolution',
  reopen_rate: 'resolution',
  fcr_rate: 'resolution',
  sla_first_response_hit_rate: 'sla',
  sla_next_response_hit_rate: 'sla',
  csat_score: 'csat',
  csat_average_rating: 'csat',
  csat_response_rate: 'csat',
  csat_surveys_sent: 'csat',
  agent_online_time: 'agents',
  agent_away_time: 'agents',
};

/** The metrics of each group in the catalogue's order; empty groups left out. */
export function groupMetrics(metrics: readonly StatisticsMetric[]): { group: MetricGroup; metrics: StatisticsMetric[] }[] {
  return METRIC_GROUPS.map((group) => ({ group, metrics: metrics.filter((metric) => (groupOf[metric.id] ?? 'other') === group) })).filter((entry) => entry.metrics.length > 0);
}

/** The chart's first metric: new conversations when the catalogue has it. */
export const DEFAULT_SERIES_METRIC = 'conversations_new';
