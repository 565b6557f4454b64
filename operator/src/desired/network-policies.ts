// NetworkPolicies that fence a cluster's pods (spec.networkPolicies; off for clusters whose
// policies are managed elsewhere). Each selects one component's pods and admits, per port:
//
//   ScyllaDB  CQL 9042 from chat, balancer, the migrations Job, the bootstrap-admin Job and the
//             scylla-auth Job of this cluster; 7000 (node to node) from its own members; metrics 9180
//             from spec.networkPolicies.metricsFrom
//   RabbitMQ  AMQP 5672 from chat, balancer, migrations, bootstrap-admin; epmd 4369 and
//             clustering 25672 from its own nodes; metrics 15692 from metricsFrom
//   Redis     6379 from chat, balancer, stats (the reports' queue), migrations, bootstrap-admin and
//             its own pods (replication)
//   chat      the public API 8080 from anywhere (it is the public API); the operations port 8081
//             (/healthz, /readyz, /metrics) from metricsFrom
//   balancer  its operations port 8081 from metricsFrom
//   stats     its operations port 8081 from metricsFrom (when spec.stats is enabled)
//
// "Of this cluster" means the same namespace and the labels app.kubernetes.io/name=smartchat,
// app.kubernetes.io/instance=<cluster> and app.kubernetes.io/component, which only the operator's
// own pod templates carry. Only ingress is restricted (the app reaches PostgreSQL and Kafka
// wherever they are). Kubelet probes come from the node, which NetworkPolicies always admit. The
// store policies exist only for managed stores; an empty metricsFrom admits nobody to the metrics
// ports (a rule without peers would admit everyone, so none is written).
import type { V1NetworkPolicy, V1NetworkPolicyIngressRule, V1NetworkPolicyPeer } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import { APP_HTTP_PORT, APP_OPS_PORT, BALANCER_HTTP_PORT } from './config.js';
import { childMeta, childName, instanceLabels, LABEL_COMPONENT, selectorLabels, type ComponentName } from './meta.js';
import { RABBITMQ_AMQP_PORT, RABBITMQ_CLUSTER_PORT, RABBITMQ_EPMD_PORT, RABBITMQ_PROMETHEUS_PORT } from './stores/rabbitmq.js';
import { REDIS_PORT } from './stores/redis.js';
import { SCYLLA_CQL_PORT, SCYLLA_INTRA_NODE_PORT, SCYLLA_PROMETHEUS_PORT } from './stores/scylla.js';

type Typed<T> = T & { apiVersion: string; kind: string; metadata: { name: string } };
type Fenced = 'chat' | 'balancer' | 'stats' | 'scylla' | 'rabbitmq' | 'redis';

/** The app's pods that talk to the stores. */
export const STORE_CLIENTS: readonly ComponentName[] = ['chat', 'balancer', 'migrations', 'bootstrap-admin'];

/** The cluster's NetworkPolicies: none when spec.networkPolicies.enabled is false. */
export function networkPolicyObjects(cluster: SmartchatCluster): Typed<V1NetworkPolicy>[] {
  if (!cluster.spec.networkPolicies.enabled) return [];
  const { scylla, rabbitmq, redis } = cluster.spec;
  const metrics = metricsPeers(cluster);
  const clients = (...extra: ComponentName[]) => clientPeer(cluster, [...STORE_CLIENTS, ...extra]);
  const peers = (component: Fenced) => ({ podSelector: { matchLabels: selectorLabels(cluster, component) } });
  return [
    ...(scylla.managed
      ? [policy(cluster, 'scylla', [rule([clients('scylla-auth')], SCYLLA_CQL_PORT), rule([peers('scylla')], SCYLLA_INTRA_NODE_PORT), rule(metrics, SCYLLA_PROMETHEUS_PORT)])]
      : []),
    ...(rabbitmq.managed
      ? [policy(cluster, 'rabbitmq', [rule([clients()], RABBITMQ_AMQP_PORT), rule([peers('rabbitmq')], RABBITMQ_EPMD_PORT, RABBITMQ_CLUSTER_PORT), rule(metrics, RABBITMQ_PROMETHEUS_PORT)])]
      : []),
    ...(redis.managed ? [policy(cluster, 'redis', [rule([clients(...(cluster.spec.stats.enabled ? (['stats'] as const) : [])), peers('redis')], REDIS_PORT)])] : []),
    // No peers: the public API is open to every source.
    policy(cluster, 'chat', [{ ports: [tcp(APP_HTTP_PORT)] }, rule(metrics, APP_OPS_PORT)]),
    policy(cluster, 'balancer', [rule(metrics, BALANCER_HTTP_PORT)]),
    ...(cluster.spec.stats.enabled ? [policy(cluster, 'stats', [rule(metrics, APP_OPS_PORT)])] : []),
  ];
}

function policy(cluster: SmartchatCluster, component: Fenced, rules: (V1NetworkPolicyIngressRule | undefined)[]): Typed<V1NetworkPolicy> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: childMeta(cluster, component, childName.networkPolicy(cluster, component)),
    spec: {
      podSelector: { matchLabels: selectorLabels(cluster, component) },
      policyTypes: ['Ingress'],
      ingress: rules.filter((item): item is V1NetworkPolicyIngressRule => item !== undefined),
    },
  };
}

/**
 * A rule admitting `from` to `ports`; none at all when there is nobody to admit. (The client
 * library's model calls the field `_from`; it is serialized as `from`.)
 */
function rule(from: V1NetworkPolicyPeer[], ...ports: number[]): V1NetworkPolicyIngressRule | undefined {
  return from.length === 0 ? undefined : { _from: from, ports: ports.map(tcp) };
}

function tcp(port: number) {
  return { protocol: 'TCP', port };
}

/** The cluster's own pods of the given components, in its namespace. */
function clientPeer(cluster: SmartchatCluster, components: readonly ComponentName[]): V1NetworkPolicyPeer {
  return { podSelector: { matchLabels: instanceLabels(cluster), matchExpressions: [{ key: LABEL_COMPONENT, operator: 'In', values: [...components] }] } };
}

/** spec.networkPolicies.metricsFrom, as NetworkPolicy peers. */
function metricsPeers(cluster: SmartchatCluster): V1NetworkPolicyPeer[] {
  return cluster.spec.networkPolicies.metricsFrom.map((peer) => ({
    ...(peer.namespaceSelector ? { namespaceSelector: { ...peer.namespaceSelector } } : {}),
    ...(peer.podSelector ? { podSelector: { ...peer.podSelector } } : {}),
    ...(peer.ipBlock ? { ipBlock: { ...peer.ipBlock } } : {}),
  }));
}
