// The PromQL behind each autoscaling target. Every series scraped from a cluster carries
// namespace and smartchat_cluster labels (the ServiceMonitor adds them; see desired/monitoring.ts).
// Each query returns one value; an empty result means "missing", never zero: the services export
// every series these read from their start (0 when idle), so "empty" means nothing is scraped.
import type { AppComponent, SmartchatCluster, TargetName } from '../api/types.js';
import type { MetricKind } from './hpa.js';

export interface MetricDefinition {
  component: AppComponent;
  kind: MetricKind;
  query: (selector: string) => string;
}

export const METRICS: Record<TargetName, MetricDefinition> = {
  // Socket connections are per pod: their sum is the load the chat pods share.
  connectionsPerPod: { component: 'chat', kind: 'perPod', query: (selector) => `sum(smartchat_socket_connections{${selector}})` },
  messagesPerSecondPerPod: { component: 'chat', kind: 'perPod', query: (selector) => `sum(rate(smartchat_messages_accepted_total{${selector}}[1m]))` },
  // Every balancer reports the same cluster-wide queue, so take one value, not the sum.
  waitingAssignmentsPerPod: { component: 'balancer', kind: 'perPod', query: (selector) => `max(smartchat_balancer_waiting_conversations{${selector}})` },
  oldestWaitingSeconds: { component: 'balancer', kind: 'value', query: (selector) => `max(smartchat_balancer_oldest_waiting_seconds{${selector}})` },
  // Every stats pod can report every partition's lag (from the store's progress): one value per
  // partition, then their sum is the backlog the pods share.
  consumerLagPerPod: { component: 'stats', kind: 'perPod', query: (selector) => `sum(max by (partition) (smartchat_stats_consumer_lag{${selector}}))` },
};

export function clusterSelector(cluster: SmartchatCluster): string {
  return `namespace="${cluster.metadata.namespace}",smartchat_cluster="${cluster.metadata.name}"`;
}

/** The configured targets of a component, with their queries. */
export function targetsOf(cluster: SmartchatCluster, component: AppComponent): { name: TargetName; target: number; kind: MetricKind; query: string }[] {
  const targets = cluster.spec[component].autoscaling.targets;
  return (Object.keys(METRICS) as TargetName[])
    .filter((name) => METRICS[name].component === component && typeof targets[name] === 'number')
    .map((name) => ({ name, target: targets[name]!, kind: METRICS[name].kind, query: METRICS[name].query(clusterSelector(cluster)) }));
}
