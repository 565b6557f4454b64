// The operations dashboard: the message path (rates, latencies, errors), the delivery lanes on
// RabbitMQ and the event log on Kafka, sockets, the balancer's queues and the autoscaler, from the
// metrics every Smartchat process exports (Prometheus data source).
import { DashboardBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { prometheusDatasource } from '../grafana/datasources.js';
import { section, timeseriesPanel, type PanelBuilder } from '../grafana/panels.js';
import { CLUSTER, clusterVariables, prom, quantile, role } from './promql.js';

export const OPERATIONS_UID = 'smartchat-operations';

export function operationsDashboard(): Dashboard {
  const messages: PanelBuilder[] = [
    timeseriesPanel({ title: 'Messages per second', description: 'Messages accepted (the publisher confirm came back), written to the message store and emitted to their rooms, by kind.' }, prometheusDatasource, [
      prom('A', `sum by (kind) (rate(smartchat_messages_accepted_total{${CLUSTER}}[$__rate_interval]))`, 'accepted {{kind}}'),
      prom('B', `sum by (kind) (rate(smartchat_messages_persisted_total{${CLUSTER}}[$__rate_interval]))`, 'persisted {{kind}}'),
      prom('C', `sum by (kind) (rate(smartchat_messages_delivered_total{${CLUSTER}}[$__rate_interval]))`, 'delivered {{kind}}'),
    ])
      .unit('reqps')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'Accept → persist and accept → deliver latency', description: 'Median and p99 over all chat processes: from the publisher confirm to the message stored, and to it emitted to its rooms.' }, prometheusDatasource, [
      prom('A', quantile(0.5, 'smartchat_message_accept_to_deliver_seconds', CLUSTER), 'deliver p50'),
      prom('B', quantile(0.99, 'smartchat_message_accept_to_deliver_seconds', CLUSTER), 'deliver p99'),
      prom('C', quantile(0.99, 'smartchat_message_accept_to_persist_seconds', CLUSTER), 'persist p99'),
    ])
      .unit('s')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'HTTP requests by status', description: 'Requests answered by the chat API, by status code.' }, prometheusDatasource, [
      prom('A', `sum by (status) (rate(smartchat_http_requests_total{${CLUSTER}}[$__rate_interval]))`, '{{status}}'),
    ])
      .unit('reqps')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'HTTP latency p99 by route', description: 'p99 of the chat API per route.' }, prometheusDatasource, [
      prom('A', quantile(0.99, 'smartchat_http_request_duration_seconds', CLUSTER, ['route']), '{{route}}'),
    ])
      .unit('s')
      .height(8)
      .span(12),
  ];
  const brokers: PanelBuilder[] = [
    timeseriesPanel({ title: 'Delivery lag (RabbitMQ lanes)', description: 'Per chat process, how long the oldest message it took off its delivery queues has waited unacknowledged (0: none). It grows while a delivery step keeps failing; the SmartchatDeliveryStuck alert fires past a minute.' }, prometheusDatasource, [
      prom('A', `max by (instance) (smartchat_delivery_oldest_unacked_seconds{${CLUSTER}})`, '{{instance}}'),
    ])
      .unit('s')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Statistics consumer lag (Kafka)', description: 'Records of smartchat.events not yet processed by the consumer group smartchat-stats, per partition (the stats pods scale on the total).' }, prometheusDatasource, [
      prom('A', `max by (partition) (smartchat_stats_consumer_lag{${CLUSTER}})`, 'partition {{partition}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Broker errors', description: 'Failed publishes to RabbitMQ (the client is told and retries) and failed attempts to produce domain events to Kafka (retried).' }, prometheusDatasource, [
      prom('A', `sum(rate(smartchat_publish_errors_total{${CLUSTER}}[$__rate_interval]))`, 'RabbitMQ publish'),
      prom('B', `sum(rate(smartchat_produce_errors_total{${CLUSTER}}[$__rate_interval]))`, 'Kafka produce'),
    ])
      .unit('reqps')
      .height(8)
      .span(8),
  ];
  const sockets: PanelBuilder[] = [
    timeseriesPanel({ title: 'Open sockets', description: 'socket.io connections of agents and customers over all chat processes.' }, prometheusDatasource, [
      prom('A', `sum by (type) (smartchat_socket_connections{${CLUSTER}})`, '{{type}}'),
    ])
      .unit('short')
      .height(8)
      .span(12),
    timeseriesPanel({ title: 'Sockets per chat process', description: 'Open connections per chat process: the load the autoscaler divides (connectionsPerPod).' }, prometheusDatasource, [
      prom('A', `sum by (instance) (smartchat_socket_connections{${CLUSTER}})`, '{{instance}}'),
    ])
      .unit('short')
      .height(8)
      .span(12),
  ];
  // The balancer's gauges are the same on every balancer process (shared state): max(), not sum().
  const balancer: PanelBuilder[] = [
    timeseriesPanel({ title: 'Conversations waiting for an assignee', description: 'Over all teams (the balancer pods scale on it and on the oldest wait).' }, prometheusDatasource, [
      prom('A', `max(smartchat_balancer_waiting_conversations{${CLUSTER}})`, 'waiting'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Oldest waiting conversation', description: 'How long the conversation that has waited longest for an assignee has waited.' }, prometheusDatasource, [
      prom('A', `max(smartchat_balancer_oldest_waiting_seconds{${CLUSTER}})`, 'oldest'),
    ])
      .unit('s')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Balancer jobs by state', description: 'Jobs on the balancer queue (assignment, wake-ups, SLA timers, webhooks) waiting, active, delayed and failed.' }, prometheusDatasource, [
      prom('A', `max by (state) (smartchat_balancer_jobs{${CLUSTER}})`, '{{state}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Queued conversations per team', description: 'Conversations in each team\'s queue, all priorities.' }, prometheusDatasource, [
      prom('A', `max by (team) (sum without (priority) (smartchat_balancer_queued_conversations{${CLUSTER}}))`, '{{team}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Agents online and available per team', description: 'Online team members, and of those the available ones (not paused, below capacity).' }, prometheusDatasource, [
      prom('A', `max by (team, state) (smartchat_balancer_agents{${CLUSTER}})`, '{{team}} {{state}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Capacity used per team', description: "Open conversations of a team's online agents over their capacity." }, prometheusDatasource, [
      prom('A', `max by (team) (smartchat_balancer_capacity_utilisation{${CLUSTER}})`, '{{team}}'),
    ])
      .unit('percentunit')
      .height(8)
      .span(8),
  ];
  const autoscaler: PanelBuilder[] = [
    timeseriesPanel({ title: 'Processes up by role', description: 'Processes Prometheus scrapes as up: what the autoscaler\'s decisions became.' }, prometheusDatasource, [
      prom('A', `count(up{${role('chat')}} == 1)`, 'chat'),
      prom('B', `count(up{${role('balancer')}} == 1)`, 'balancer'),
      prom('C', `count(up{${role('stats')}} == 1)`, 'stats'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Autoscaler decisions', description: 'Pod count changes the operator made, by component and direction (kubectl describe smartchatcluster shows each with its reason).' }, prometheusDatasource, [
      prom('A', 'sum by (component, direction) (increase(smartchat_operator_scaling_decisions_total[$__rate_interval]))', '{{component}} {{direction}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
    timeseriesPanel({ title: 'Autoscaling metrics not read', description: 'Metrics the autoscaler could not read (missing, or Prometheus unreachable): it then holds the pod count and the cluster reports Degraded.' }, prometheusDatasource, [
      prom('A', 'sum by (metric) (increase(smartchat_operator_metric_failures_total[$__rate_interval]))', '{{metric}}'),
    ])
      .unit('short')
      .height(8)
      .span(8),
  ];

  const builder = new DashboardBuilder('Smartchat — operations')
    .uid(OPERATIONS_UID)
    .description('The message path, delivery lanes and event log, sockets, the balancer and the autoscaler of one Smartchat cluster.')
    .tags(['smartchat', 'operations'])
    .timezone('browser')
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .readonly()
    .variables(clusterVariables());
  section(builder, 'Messages', messages);
  section(builder, 'Brokers: RabbitMQ delivery lanes and the Kafka event log', brokers);
  section(builder, 'Sockets', sockets);
  section(builder, 'Balancer', balancer);
  section(builder, 'Autoscaler', autoscaler);
  return builder.build();
}
