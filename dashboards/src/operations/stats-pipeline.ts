// The statistics pipeline's health: how many domain events the stats processes take in, how long
// each takes from receipt (and from when it happened) to committed, what could not be read (dead
// letters), how far the consumer group is behind, and whether a rebuild runs.
import { DashboardBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { prometheusDatasource } from '../grafana/datasources.js';
import { section, timeseriesPanel, type PanelBuilder } from '../grafana/panels.js';
import { CLUSTER, clusterVariables, prom, quantile, role } from './promql.js';

export const STATS_PIPELINE_UID = 'smartchat-stats-pipeline';

export function statsPipelineDashboard(): Dashboard {
  const intake: PanelBuilder[] = [
    timeseriesPanel({ title: 'Events per second by type', description: 'Domain events of smartchat.events processed by the stats consumers, by event type.' }, prometheusDatasource, [
      prom('A', `sum by (type) (rate(smartchat_stats_events_total{${CLUSTER}}[$__rate_interval]))`, '{{type}}'),
    ])
      .unit('reqps')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'Consumer lag per partition', description: 'Records not yet processed by the consumer group smartchat-stats, per partition of smartchat.events. The stats pods scale on the total.' }, prometheusDatasource, [
      prom('A', `max by (partition) (smartchat_stats_consumer_lag{${CLUSTER}})`, 'partition {{partition}}'),
      prom('B', `sum(max by (partition) (smartchat_stats_consumer_lag{${CLUSTER}}))`, 'total'),
    ])
      .unit('short')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'Processing latency', description: 'From receipt to committed (facts and rollups written, offset committed): median and p99.' }, prometheusDatasource, [
      prom('A', quantile(0.5, 'smartchat_stats_processing_seconds', CLUSTER), 'p50'),
      prom('B', quantile(0.99, 'smartchat_stats_processing_seconds', CLUSTER), 'p99'),
    ])
      .unit('s')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Event age at commit', description: 'From when the event happened to committed: how fresh the statistics are (p50 and p99).' }, prometheusDatasource, [
      prom('A', quantile(0.5, 'smartchat_stats_event_age_seconds', CLUSTER), 'p50'),
      prom('B', quantile(0.99, 'smartchat_stats_event_age_seconds', CLUSTER), 'p99'),
    ])
      .unit('s')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Dead letters by reason', description: 'Records that could not be processed (not JSON, not an event, unknown type or version): kept in the dead_letters table, never blocking their partition.' }, prometheusDatasource, [
      prom('A', `sum by (reason) (increase(smartchat_stats_dead_letters_total{${CLUSTER}}[$__rate_interval]))`, '{{reason}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Stats processes and rebuilds', description: 'Stats processes scraped as up, and whether a rebuild (stats rebuild --from) is running.' }, prometheusDatasource, [
      prom('A', `count(up{${role('stats')}} == 1)`, 'processes up'),
      prom('B', `max(smartchat_stats_rebuild_running{${CLUSTER}})`, 'rebuild running'),
    ])
      .unit('short')
      .height(8)
      .span(24),
  ];

  const builder = new DashboardBuilder('Smartchat — statistics pipeline')
    .uid(STATS_PIPELINE_UID)
    .description('The Kafka consumers that keep the statistics database: intake, latency, dead letters, lag.')
    .tags(['smartchat', 'statistics', 'operations'])
    .timezone('browser')
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .readonly()
    .variables(clusterVariables());
  section(builder, 'Statistics pipeline', intake);
  return builder.build();
}
