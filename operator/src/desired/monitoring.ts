// A ServiceMonitor and a PrometheusRule for clusters that run the Prometheus Operator (created
// only when the API server serves monitoring.coreos.com/v1). Every series scraped from this
// cluster gets the label smartchat_cluster=<name>, which the autoscaler's queries select on.
// /metrics is scraped where each process serves it: chat on its `ops` port (never the public
// `http` one), the balancer on its only port, `http`; each endpoint keeps only its component's
// Services, so the chat Service's public port is never scraped.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { AppComponent, SmartchatCluster } from '../api/types.js';
import { childMeta, childName, LABEL_COMPONENT } from './meta.js';

export const MONITORING_API = 'monitoring.coreos.com/v1';

/** One scrape endpoint: `port` of the Services of `component` only. */
function metricsEndpoint(cluster: SmartchatCluster, component: AppComponent, port: string) {
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
  const selector = `namespace="${cluster.metadata.namespace}",smartchat_cluster="${cluster.metadata.name}"`;
  const serviceMonitor = {
    apiVersion: MONITORING_API,
    kind: 'ServiceMonitor',
    metadata: childMeta(cluster, 'monitoring', name),
    spec: {
      selector: {
        matchLabels: { 'app.kubernetes.io/instance': cluster.metadata.name, 'app.kubernetes.io/name': 'smartchat' },
        matchExpressions: [{ key: LABEL_COMPONENT, operator: 'In', values: ['chat', 'balancer'] }],
      },
      endpoints: [metricsEndpoint(cluster, 'chat', 'ops'), metricsEndpoint(cluster, 'balancer', 'http')],
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
          ],
        },
      ],
    },
  };
  return [serviceMonitor, prometheusRule];
}
