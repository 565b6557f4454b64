// The figures of the metric catalogue as the business dashboard's panels show them, for a range,
// zone and filters: so that they can be compared with hand-written answers and with the in-app
// statistics (services/stats/src/queries), figure for figure.
import type { Figure } from '@smartchat/contracts';
import type { MetricId } from '@smartchat/stats/metrics';
import type { TimeRange } from '../../src/expand/time.js';
import { ALL, type VariableValue } from '../../src/expand/variables.js';
import type { GrafanaSql, Row } from './grafana-sql.js';

/** What the business dashboard does not show (the console and the reports do). */
export const NOT_ON_THE_DASHBOARD: readonly MetricId[] = ['messages_per_conversation', 'messages_note'];
/** Internal conversations have their own panels: counts, times and the close rates. */
export const INTERNAL_PANELS: readonly MetricId[] = ['conversations_new', 'conversations_closed', 'conversations_reopened', 'first_response_time', 'next_response_time', 'time_to_assign', 'time_in_queue', 'resolution_time', 'handling_time', 'reopen_rate', 'fcr_rate'];

const DURATIONS: Partial<Record<MetricId, string>> = {
  first_response_time: 'First response',
  next_response_time: 'Next response',
  time_to_assign: 'Time to assign',
  time_in_queue: 'Time in queue',
  resolution_time: 'Resolution',
  handling_time: 'Handling',
};

export interface DashboardView {
  range: TimeRange;
  timeZone: string;
  teamIds?: string[];
  agentIds?: string[];
  channels?: string[];
  internal?: boolean;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const spread = (row: Row | undefined) => ({ median: num(row?.Median), p90: num(row?.p90), mean: num(row?.Mean) });

/** The figures of one view as the dashboard's panels show them, by metric id. */
export async function dashboardFigures(grafana: GrafanaSql, view: DashboardView): Promise<Map<MetricId, Figure>> {
  const values: Record<string, VariableValue> = {
    tz: view.timeZone,
    team: view.teamIds ?? ALL,
    agent: view.agentIds ?? ALL,
    channel: view.channels ?? ALL,
  };
  const internal = view.internal === true;
  const rows = (title: string) => grafana.rows(title, view.range, values);
  const figures = new Map<MetricId, Figure>();

  const [counts] = await rows(internal ? 'Internal conversations · $tz' : 'Customer conversations · $tz');
  figures.set('conversations_new', { kind: 'count', n: num(counts?.New)! });
  figures.set('conversations_closed', { kind: 'count', n: num(counts?.Closed)! });
  figures.set('conversations_reopened', { kind: 'count', n: num(counts?.Reopened)! });

  const times = await rows(internal ? 'Internal: response and resolution times · $tz' : 'Response, assignment and resolution times · $tz');
  for (const [metric, measure] of Object.entries(DURATIONS) as [MetricId, string][]) {
    const calendar = times.find((row) => row.Measure === measure && row.Clock === 'calendar');
    const business = times.find((row) => row.Measure === measure && row.Clock === 'business hours');
    figures.set(metric, { kind: 'duration', n: num(calendar?.n)!, calendar: spread(calendar), business: spread(business) });
  }

  const rates = await rows(internal ? 'Internal: reopen rate and first-contact resolution · $tz' : 'Reopen rate and first-contact resolution · $tz');
  const rate = (measure: string): Figure => {
    const row = rates.find((item) => item.Measure === measure);
    return { kind: 'ratio', n: num(row?.n)!, hits: num(row?.Yes)!, rate: num(row?.Rate) };
  };
  figures.set('reopen_rate', rate('Reopen rate'));
  figures.set('fcr_rate', rate('First-contact resolution'));
  if (internal) return figures;

  const sla = await rows('SLA hit rate · $tz');
  const slaFigure = (label: string): Figure => {
    const row = sla.find((item) => item.SLA === label);
    return { kind: 'ratio', n: num(row?.n)!, hits: num(row?.Met)!, rate: num(row?.['Hit rate']) };
  };
  figures.set('sla_first_response_hit_rate', slaFigure('First response'));
  figures.set('sla_next_response_hit_rate', slaFigure('Next response'));

  const [csat] = await rows('CSAT · $tz');
  const answers = num(csat?.['Answers (n)'])!;
  const satisfiedShare = num(csat?.['Satisfied (4–5)']);
  figures.set('csat_score', { kind: 'ratio', n: answers, hits: satisfiedShare === null ? 0 : Math.round(satisfiedShare * answers), rate: satisfiedShare });
  figures.set('csat_average_rating', { kind: 'distribution', n: answers, median: num(csat?.['Rating median']), p90: num(csat?.['Rating p90']), mean: num(csat?.['Mean rating']) });
  figures.set('csat_response_rate', { kind: 'ratio', n: num(csat?.['Surveys sent (n)'])!, hits: answers, rate: num(csat?.['Response rate']) });
  figures.set('csat_surveys_sent', { kind: 'count', n: num(csat?.['Surveys sent (n)'])! });

  const [presence] = await rows('Agents online and away · $tz');
  figures.set('agent_online_time', { kind: 'total', n: num(presence?.['Agents online (n)'])!, totalMs: num(presence?.Online)! });
  figures.set('agent_away_time', { kind: 'total', n: num(presence?.['Agents away (n)'])!, totalMs: num(presence?.Away)! });

  // The hourly series, summed over the range, is what its legend's total shows.
  const perHour = await rows('Messages per hour · $tz');
  figures.set('messages_customer', { kind: 'count', n: perHour.reduce((sum, row) => sum + num(row['Customer messages'])!, 0) });
  figures.set('messages_reply', { kind: 'count', n: perHour.reduce((sum, row) => sum + num(row['Agent replies'])!, 0) });
  return figures;
}
