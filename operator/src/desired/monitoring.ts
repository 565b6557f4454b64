// A ServiceMonitor and a PrometheusRule for clusters that run the Prometheus Operator (created
// only when the API server serves monitoring.coreos.com/v1). Every series scraped from this
// cluster gets the label smartchat_cluster=<name>, which the autoscaler's queries select on.
// /metrics is scraped where each process serves it: chat on its `ops` port (never the public
// `http` one), the balancer on its only port, `http`, the stats and mail pods on theirs, `ops`; each
// endpoint keeps only its component's Services, so the chat Service's public port is never scraped
// (nor the mail role's SMTP Service, which has no `ops` port).
import type { KubernetesObject } from '@kubernetes/client-node';
import { enabledComponents, enabledMail, type AppRole, type SmartchatCluster } from '../api/types.js';
import { probePort } from './app.js';
import { childMeta, childName, LABEL_COMPONENT } from './meta.js';

export const MONITORING_API = 'monitoring.coreos.com/v1';

/** One scrape endpoint: `port` of the Services of `component` only. */
function metricsEndpoint(cluster: SmartchatCluster, component: AppRole, port: string) {
  return {
    port,
    path: '/metrics',
    interval: '15s',
    relabelings: [
      { action: 'keep', sourceLabels: [`__meta_kubernetes_service_label_${LABEL_COMPONENT.replace(/[^A-Za-z0-9_]/g, '_')}`], regex: component },
      { action: 'replace', targetLabel: 'smartchat_cluster', replacement: cluster.metadata.name },
    ],
  };
}

export function monitoringObjects(cluster: SmartchatCluster): KubernetesObject[] {
  const name = childName.monitoring(cluster);
  const scraped: AppRole[] = [...enabledComponents(cluster), ...(enabledMail(cluster) ? (['mail'] as const) : [])];
  const selector = `namespace="${cluster.metadata.namespace}",smartchat_cluster="${cluster.metadata.name}"`;
  const serviceMonitor = {
    apiVersion: MONITORING_API,
    kind: 'ServiceMonitor',
    metadata: childMeta(cluster, 'monitoring', name),
    spec: {
      selector: {
        matchLabels: { 'app.kubernetes.io/instance': cluster.metadata.name, 'app.kubernetes.io/name': 'smartchat' },
        matchExpressions: [{ key: LABEL_COMPONENT, operator: 'In', values: scraped }],
      },
      endpoints: scraped.map((component) => metricsEndpoint(cluster, component, probePort(component))),
    },
  };
  const rule = (alert: string, expr: string, forDuration: string, severity: string, summary: string) => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity, smartchat_cluster: cluster.metadata.name },
    annotations: { summary },
  });
  const prometheusRule = {
    apiVersion: MONITORING_API,
    kind: 'PrometheusRule',
    metadata: childMeta(cluster, 'monitoring', name),
    spec: {
      groups: [
        {
          name: `smartchat-${cluster.metadata.name}`,
          rules: [
            rule('SmartchatChatAbsent', `absent(up{${selector},service="${childName.chat(cluster)}"} == 1)`, '5m', 'critical', 'No chat pod of this Smartchat cluster is scraped as up: customers and agents cannot connect.'),
            rule('SmartchatBalancerAbsent', `absent(up{${selector},service="${childName.balancer(cluster)}"} == 1)`, '5m', 'critical', 'No balancer pod is up: new conversations are not assigned.'),
            rule('SmartchatDeliveryLatencyHigh', `histogram_quantile(0.99, sum by (le) (rate(smartchat_message_accept_to_deliver_seconds_bucket{${selector}}[5m]))) > 0.25`, '10m', 'warning', 'p99 accept-to-deliver latency is above 250 ms.'),
            rule('SmartchatDeliveryStuck', `max(smartchat_delivery_oldest_unacked_seconds{${selector}}) > 60`, '2m', 'critical', 'An accepted message has waited more than a minute for delivery: a delivery step keeps failing (smartchat_consume_errors_total by stage, chat logs "delivery step failed").'),
            rule('SmartchatOldestWaitingHigh', `max(smartchat_balancer_oldest_waiting_seconds{${selector}}) > 900`, '5m', 'warning', 'A conversation has waited for an assignee for more than 15 minutes.'),
            rule('SmartchatWebhooksDead', `max(smartchat_webhook_pending{${selector},status="failed"}) > 0`, '5m', 'warning', 'Webhook deliveries are dead after their last attempt (smartchat_webhook_pending{status="failed"}): an integration endpoint refuses or does not answer. Redeliver them from the delivery log (Admin → Integrations) once it answers.'),
            rule('SmartchatIntegrationEventsFailed', `max(smartchat_integration_events_pending{${selector},status="failed"}) > 0`, '5m', 'warning', 'Inbound back-office events failed after their last attempt (smartchat_integration_events_pending{status="failed"}); the event log (Admin → Integrations) gives each reason, and "retry" applies them again.'),
            ...(cluster.spec.stats.enabled
              ? [
                  rule('SmartchatStatsAbsent', `absent(up{${selector},service="${childName.stats(cluster)}"} == 1)`, '10m', 'warning', 'No stats pod is up: the statistics stop following the desk (nothing is lost: they catch up from Kafka).'),
                  rule('SmartchatStatsLagHigh', `sum(max by (partition) (smartchat_stats_consumer_lag{${selector}})) > 10000`, '10m', 'warning', 'The statistics are more than 10,000 events behind for 10 minutes: the stats pods cannot keep up (see the statistics pipeline dashboard).'),
                  rule('SmartchatSearchLagHigh', `histogram_quantile(0.99, sum by (le) (rate(smartchat_search_index_lag_seconds_bucket{${selector}}[5m]))) > 10`, '10m', 'warning', 'New messages take more than 10 s (p99) to become searchable: the search indexer in the stats pods (consumer group smartchat-search) cannot keep up, or the message store or PostgreSQL is slow. Nothing is lost: it catches up from Kafka.'),
                  rule('SmartchatStatsDeadLetters', `sum(increase(smartchat_stats_dead_letters_total{${selector}}[15m])) > 0`, '0m', 'warning', 'Events could not be read by the statistics pipeline and went to the dead_letters table (by reason: smartchat_stats_dead_letters_total).'),
                ]
              : []),
            ...(enabledMail(cluster)
              ? [
                  rule('SmartchatMailAbsent', `absent(up{${selector},service="${childName.mail(cluster)}"} == 1)`, '10m', 'warning', 'No mail pod is up: mail is neither received nor sent (IMAP mail waits in its mailbox, relaying servers retry, answers wait in smartchat.events until a mail pod is back).'),
                ]
              : []),
          ],
        },
      ],
    },
  };
  return [serviceMonitor, prometheusRule];
}
