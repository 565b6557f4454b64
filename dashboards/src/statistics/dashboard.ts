// The business dashboard: what the console's Statistics section shows, read by Grafana from the
// statistics database (PostgreSQL data source, read-only role smartchat_stats_reader). Every panel
// names its time zone in its title and shows n beside each figure; internal conversations have
// their own row and never mix into the customer figures.
import * as common from '@grafana/grafana-foundation-sdk/common';
import { CustomVariableBuilder, DashboardBuilder, QueryVariableBuilder, VariableRefresh, VariableSort, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { statsDatasource, statsDatasourceVariable } from '../grafana/datasources.js';
import { section, statPanel, tablePanel, timeseriesPanel, type PanelBuilder } from '../grafana/panels.js';
import { SqlQueryBuilder } from '../grafana/sql-query.js';
import { agentPresence, closeRates, conversationCounts, conversationsPerDay, csat, durations, hourOfWeek, messagesPerHour, presenceTotals, slaHitRates, teams } from './queries.js';
import { ALL_VALUE } from './sql.js';

export const STATISTICS_UID = 'smartchat-statistics';

/**
 * The zones the dashboard offers: each keeps a whole-hour UTC offset all year, so hourly rollups
 * slice them exactly (the in-app statistics refuse the others for the same reason).
 */
export const TIME_ZONES = [
  'Europe/Moscow',
  'UTC',
  'Europe/Kaliningrad',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Dubai',
];
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';
export const CHANNELS = ['widget', 'email', 'api', 'internal'];

const sql = (rawSql: string, format: 'table' | 'time_series' = 'table') => new SqlQueryBuilder(rawSql).format(format).datasource(statsDatasource);
const all = { text: 'All', value: '$__all' };

/** Which part of the time zone, filters and n rules a panel's description repeats. */
const ZONE_NOTE = 'Hours and days are those of the time zone chosen above ($tz); the range covers the hours that start inside it.';

function variables() {
  return [
    statsDatasourceVariable(),
    new CustomVariableBuilder('tz')
      .label('Time zone')
      .description('The IANA time zone that days and hours of week are counted in (whole-hour zones only). Set the time picker to the same zone, so that "today" and "this month" start at its midnight.')
      .values(TIME_ZONES.join(','))
      .allowCustomValue(false)
      .current({ text: DEFAULT_TIME_ZONE, value: DEFAULT_TIME_ZONE }),
    new QueryVariableBuilder('team')
      .label('Team')
      .datasource(statsDatasource)
      .query(`SELECT team_id::text AS __value, name || CASE WHEN deleted_at IS NULL THEN '' ELSE ' (deleted)' END AS __text FROM teams ORDER BY name`)
      .refresh(VariableRefresh.OnDashboardLoad)
      .sort(VariableSort.Disabled)
      .multi(true)
      .includeAll(true)
      .allValue(ALL_VALUE)
      .allowCustomValue(false)
      .current(all),
    new QueryVariableBuilder('agent')
      .label('Agent')
      .description('Narrows the figures that belong to an agent (replies, closes, response times, CSAT, presence); figures without one (new conversations) count none.')
      .datasource(statsDatasource)
      .query(`SELECT agent_id::text AS __value, name AS __text FROM agents WHERE ${ALL_VALUE} IN ($team) OR team_ids::text[] && ARRAY[$team] ORDER BY name`)
      .refresh(VariableRefresh.OnDashboardLoad)
      .sort(VariableSort.Disabled)
      .multi(true)
      .includeAll(true)
      .allValue(ALL_VALUE)
      .allowCustomValue(false)
      .current(all),
    new CustomVariableBuilder('channel').label('Channel').values(CHANNELS.join(',')).multi(true).includeAll(true).allValue(ALL_VALUE).allowCustomValue(false).current(all),
  ];
}

export function statisticsDashboard(): Dashboard {
  const customer: PanelBuilder[] = [
    statPanel({ title: 'Customer conversations · $tz', description: `New, closed and reopened customer conversations in the range; each number is its own n. A conversation counts for the team that held it when it happened. ${ZONE_NOTE}` }, statsDatasource, sql(conversationCounts('customer')))
      .height(5)
      .span(8),
    timeseriesPanel({ title: 'Customer conversations per day · $tz', description: 'New, closed and reopened customer conversations per local day of $tz.' }, statsDatasource, [sql(conversationsPerDay('customer'), 'time_series')])
      .height(8)
      .span(16),
    tablePanel({ title: 'Response, assignment and resolution times · $tz', description: `Median, p90 (linear interpolation, as percentile_cont) and mean, with n, in calendar time and in the team's business hours. First response: the customer's first message to the first agent reply (notes excluded); next response: each later wait to the next reply; handling: the time a cycle was open, assigned and not snoozed. ${ZONE_NOTE}` }, statsDatasource, sql(durations('customer')))
      .unit('ms')
      .overrideByName('n', [{ id: 'unit', value: 'none' }])
      .height(12)
      .span(12),
    tablePanel({ title: 'SLA hit rate · $tz', description: `Per kind, the share of SLA clocks that ended in the range met; n counts every clock that ended (met or breached). ${ZONE_NOTE}` }, statsDatasource, sql(slaHitRates()))
      .overrideByName('Hit rate', [{ id: 'unit', value: 'percentunit' }])
      .height(5)
      .span(6),
    tablePanel({ title: 'Reopen rate and first-contact resolution · $tz', description: `Reopen rate: the share of closes followed by a reopen (n = closes). First-contact resolution: the share of first closes, after at least one reply, that were never reopened (n = such closes). ${ZONE_NOTE}` }, statsDatasource, sql(closeRates('customer')))
      .overrideByName('Rate', [{ id: 'unit', value: 'percentunit' }])
      .height(5)
      .span(6),
    tablePanel({ title: 'CSAT · $tz', description: `Satisfied: the share of answers rating 4 or 5 (n = answers); the ratings' median, p90 and mean. Response rate: answers over surveys sent in the range (n = surveys sent). ${ZONE_NOTE}` }, statsDatasource, sql(csat()))
      .overrideByName('Satisfied (4–5)', [{ id: 'unit', value: 'percentunit' }])
      .overrideByName('Response rate', [{ id: 'unit', value: 'percentunit' }])
      .height(5)
      .span(24),
    timeseriesPanel({ title: 'Messages per hour · $tz', description: 'Customer messages and agent replies in customer conversations per hour (notes excluded).' }, statsDatasource, [sql(messagesPerHour('customer'), 'time_series')])
      .height(8)
      .span(24),
    tablePanel({ title: 'New conversations by hour of week · $tz', description: `New customer conversations per local weekday and hour of $tz over the range (the load the desk must staff). ${ZONE_NOTE}` }, statsDatasource, sql(hourOfWeek('conversation.new')))
      .displayMode(common.TableCellDisplayMode.ColorBackground)
      .height(14)
      .span(12),
    tablePanel({ title: 'Customer messages by hour of week · $tz', description: `Customer messages per local weekday and hour of $tz over the range. ${ZONE_NOTE}` }, statsDatasource, sql(hourOfWeek('message.customer')))
      .displayMode(common.TableCellDisplayMode.ColorBackground)
      .height(14)
      .span(12),
    tablePanel({ title: 'Teams · $tz', description: `Per team: volume, first response (median, p90, n), first-response SLA and CSAT shares with their n. ${ZONE_NOTE}` }, statsDatasource, sql(teams()))
      .overrideByRegexp('First response (median|p90)', [{ id: 'unit', value: 'ms' }])
      .overrideByRegexp('SLA first response|CSAT satisfied', [{ id: 'unit', value: 'percentunit' }])
      .height(10)
      .span(24),
  ];
  const agents: PanelBuilder[] = [
    statPanel({ title: 'Agents online and away · $tz', description: `Time online and away in the range, summed over the agents; n is the number of agents who were. The team filter takes each agent's teams. ${ZONE_NOTE}` }, statsDatasource, sql(presenceTotals()))
      .overrideByRegexp('^(Online|Away)$', [{ id: 'unit', value: 'ms' }])
      .height(5)
      .span(24),
    tablePanel({ title: 'Agent online and away time · $tz', description: `Time each agent (one row, n = 1) was online and away in the range. ${ZONE_NOTE}` }, statsDatasource, sql(agentPresence()))
      .overrideByRegexp('^(Online|Away)$', [{ id: 'unit', value: 'ms' }])
      .height(10)
      .span(24),
  ];
  const internal: PanelBuilder[] = [
    statPanel({ title: 'Internal conversations · $tz', description: `New, closed and reopened internal conversations: never part of the customer figures above. ${ZONE_NOTE}` }, statsDatasource, sql(conversationCounts('internal')))
      .height(5)
      .span(8),
    tablePanel({ title: 'Internal: response and resolution times · $tz', description: `The same times as above, for internal conversations only. ${ZONE_NOTE}` }, statsDatasource, sql(durations('internal')))
      .unit('ms')
      .overrideByName('n', [{ id: 'unit', value: 'none' }])
      .height(12)
      .span(16),
    tablePanel({ title: 'Internal: reopen rate and first-contact resolution · $tz', description: `The same shares as above, for internal conversations only. ${ZONE_NOTE}` }, statsDatasource, sql(closeRates('internal')))
      .overrideByName('Rate', [{ id: 'unit', value: 'percentunit' }])
      .height(5)
      .span(8),
  ];

  const builder = new DashboardBuilder('Smartchat — statistics')
    .uid(STATISTICS_UID)
    .description('Conversations, response times, SLA, CSAT and agents from the Smartchat statistics database. Every figure carries its n and names its time zone.')
    .tags(['smartchat', 'statistics'])
    .timezone(DEFAULT_TIME_ZONE)
    .time({ from: 'now-30d/d', to: 'now' })
    .readonly()
    .variables(variables());
  section(builder, 'Customer conversations', customer);
  section(builder, 'Agents', agents);
  section(builder, 'Internal conversations (agents among themselves, reported apart)', internal);
  return builder.build();
}
