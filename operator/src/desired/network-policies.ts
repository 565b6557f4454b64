// NetworkPolicies that fence a cluster's pods (spec.networkPolicies; off for clusters whose
// policies are managed elsewhere). Each selects one component's pods and admits, per port:
//
//   ScyllaDB  CQL 9042 from chat, balancer, mail, stats (the search indexer reads messages), the
//             migrations Job, the bootstrap-admin Job and the scylla-auth Job of this cluster; 7000 (node to node) from its own members;
//             metrics 9180 from spec.networkPolicies.metricsFrom
//   RabbitMQ  AMQP 5672 from chat, balancer, mail, migrations, bootstrap-admin; epmd 4369 and
//             clustering 25672 from its own nodes; metrics 15692 from metricsFrom
//   Redis     6379 from chat, balancer, mail, stats (the reports' queue), migrations,
//             bootstrap-admin and its own pods (replication)
//   chat      the public API 8080 from anywhere (it is the public API); the operations port 8081
//             (/healthz, /readyz, /metrics) from metricsFrom
//   balancer  its operations port 8081 from metricsFrom
//   stats     its operations port 8081 from metricsFrom (when spec.stats is enabled)
//   mail      (when spec.mail is enabled) the SMTP listener 2525 from spec.mail.smtp.allowedFrom,
//             or, when that is empty, from the pods of the cluster's namespace; its operations port
//             8081 from metricsFrom. Egress too, unless spec.mail.egress.restricted is false: DNS
//             (53), the managed stores' pods on their client ports, the ports of external stores,
//             PostgreSQL and Kafka (to any address: they are host names, which a NetworkPolicy
//             cannot name), and spec.mail.egress.ports (remote IMAP and SMTP servers) to
//             spec.mail.egress.cidrs only. Mailboxes (host and port) are set in the console by its
//             admins: this bounds where their settings can make a mail pod connect.
//
// "Of this cluster" means the same namespace and the labels app.kubernetes.io/name=smartchat,
// app.kubernetes.io/instance=<cluster> and app.kubernetes.io/component, which only the operator's
// own pod templates carry. Apart from the mail pods', only ingress is restricted (the app reaches
// PostgreSQL and Kafka wherever they are). Kubelet probes come from the node, which
// NetworkPolicies always admit. The store policies exist only for managed stores; an empty
// metricsFrom admits nobody to the metrics ports (a rule without peers would admit everyone, so
// none is written).
import type { V1NetworkPolicy, V1NetworkPolicyEgressRule, V1NetworkPolicyIngressRule, V1NetworkPolicyPeer, V1NetworkPolicyPort } from '@kubernetes/client-node';
import { enabledMail, type MailSpec, type NetworkPeer, type SmartchatCluster } from '../api/types.js';
import { APP_HTTP_PORT, APP_OPS_PORT, BALANCER_HTTP_PORT, MAIL_SMTP_PORT, type Connections } from './config.js';
import { childMeta, childName, instanceLabels, LABEL_COMPONENT, selectorLabels, type ComponentName } from './meta.js';
import { RABBITMQ_AMQP_PORT, RABBITMQ_CLUSTER_PORT, RABBITMQ_EPMD_PORT, RABBITMQ_PROMETHEUS_PORT } from './stores/rabbitmq.js';
import { REDIS_PORT } from './stores/redis.js';
import { SCYLLA_CQL_PORT, SCYLLA_INTRA_NODE_PORT, SCYLLA_PROMETHEUS_PORT } from './stores/scylla.js';

type Typed<T> = T & { apiVersion: string; kind: string; metadata: { name: string } };
type Fenced = 'chat' | 'balancer' | 'stats' | 'mail' | 'scylla' | 'rabbitmq' | 'redis';

/** The app's pods that talk to the stores. */
export const STORE_CLIENTS: readonly ComponentName[] = ['chat', 'balancer', 'migrations', 'bootstrap-admin'];
const DNS_PORT = 53;
const DEFAULT_POSTGRES_PORT = 5432;

/**
 * The cluster's NetworkPolicies: none when spec.networkPolicies.enabled is false. The mail pods'
 * restricted egress needs the PostgreSQL and Kafka ports, which only the resolved Secrets know:
 * without `connections` that policy is left out (the reconciler then prunes nothing, so one
 * written before stays, and no mail pod is created without it).
 */
export function networkPolicyObjects(cluster: SmartchatCluster, connections?: Pick<Connections, 'postgresUrl' | 'kafkaBrokers'>): Typed<V1NetworkPolicy>[] {
  if (!cluster.spec.networkPolicies.enabled) return [];
  const { scylla, rabbitmq, redis } = cluster.spec;
  const mail = enabledMail(cluster);
  const metrics = metricsPeers(cluster);
  const clients = (...extra: ComponentName[]) => clientPeer(cluster, [...STORE_CLIENTS, ...(mail ? (['mail'] as const) : []), ...extra]);
  const peers = (component: Fenced) => ({ podSelector: { matchLabels: selectorLabels(cluster, component) } });
  const mailPolicy = mail && (connections || !mail.egress.restricted) ? [mailPolicyOf(cluster, mail, metrics, connections)] : [];
  return [
    ...(scylla.managed
      ? [policy(cluster, 'scylla', [rule([clients('scylla-auth', ...(cluster.spec.stats.enabled ? (['stats'] as const) : []))], SCYLLA_CQL_PORT), rule([peers('scylla')], SCYLLA_INTRA_NODE_PORT), rule(metrics, SCYLLA_PROMETHEUS_PORT)])]
      : []),
    ...(rabbitmq.managed
      ? [policy(cluster, 'rabbitmq', [rule([clients()], RABBITMQ_AMQP_PORT), rule([peers('rabbitmq')], RABBITMQ_EPMD_PORT, RABBITMQ_CLUSTER_PORT), rule(metrics, RABBITMQ_PROMETHEUS_PORT)])]
      : []),
    ...(redis.managed ? [policy(cluster, 'redis', [rule([clients(...(cluster.spec.stats.enabled ? (['stats'] as const) : [])), peers('redis')], REDIS_PORT)])] : []),
    // No peers: the public API is open to every source.
    policy(cluster, 'chat', [{ ports: [tcp(APP_HTTP_PORT)] }, rule(metrics, APP_OPS_PORT)]),
    policy(cluster, 'balancer', [rule(metrics, BALANCER_HTTP_PORT)]),
    ...(cluster.spec.stats.enabled ? [policy(cluster, 'stats', [rule(metrics, APP_OPS_PORT)])] : []),
    ...mailPolicy,
  ];
}

function policy(cluster: SmartchatCluster, component: Fenced, rules: (V1NetworkPolicyIngressRule | undefined)[], egress?: V1NetworkPolicyEgressRule[]): Typed<V1NetworkPolicy> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: childMeta(cluster, component, childName.networkPolicy(cluster, component)),
    spec: {
      podSelector: { matchLabels: selectorLabels(cluster, component) },
      policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress: rules.filter((item): item is V1NetworkPolicyIngressRule => item !== undefined),
      ...(egress ? { egress } : {}),
    },
  };
}

/**
 * The mail pods' policy. Ingress: the SMTP listener from spec.mail.smtp.allowedFrom (empty: the
 * pods of the namespace, so nothing outside it reaches the listener until it is named), the
 * operations port from metricsFrom. Egress, when restricted: see the list at the top.
 */
function mailPolicyOf(cluster: SmartchatCluster, mail: MailSpec, metrics: V1NetworkPolicyPeer[], connections: Pick<Connections, 'postgresUrl' | 'kafkaBrokers'> | undefined): Typed<V1NetworkPolicy> {
  const smtpFrom = mail.smtp.allowedFrom.length > 0 ? asPeers(mail.smtp.allowedFrom) : [{ podSelector: {} }];
  const ingress = [mail.smtp.enabled ? rule(smtpFrom, MAIL_SMTP_PORT) : undefined, rule(metrics, APP_OPS_PORT)];
  if (!mail.egress.restricted || !connections) return policy(cluster, 'mail', ingress);
  const { scylla, rabbitmq, redis } = cluster.spec;
  const managed = (store: 'scylla' | 'rabbitmq' | 'redis', port: number): V1NetworkPolicyEgressRule[] => (cluster.spec[store].managed ? [{ to: [{ podSelector: { matchLabels: selectorLabels(cluster, store) } }], ports: [tcp(port)] }] : []);
  const elsewhere = [
    postgresPort(connections.postgresUrl),
    ...connections.kafkaBrokers.split(',').map((broker) => portOf(broker.trim())),
    ...[scylla, rabbitmq, redis].flatMap((store) => (store.external?.endpoints ?? []).map(portOf)),
  ].filter((port): port is number => port !== undefined);
  const egress: V1NetworkPolicyEgressRule[] = [
    // No `to`: the cluster's DNS may be a Service, a node-local cache or an outside resolver.
    { ports: [{ protocol: 'UDP', port: DNS_PORT }, tcp(DNS_PORT)] },
    ...managed('scylla', SCYLLA_CQL_PORT),
    ...managed('rabbitmq', RABBITMQ_AMQP_PORT),
    ...managed('redis', REDIS_PORT),
    { ports: [...new Set(elsewhere)].sort((a, b) => a - b).map(tcp) },
    { to: mail.egress.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: mail.egress.ports.map(tcp) },
    // An empty `to` or `ports` would mean every address or every port: such a rule is never written
    // (the CRD requires at least one of each).
  ].filter((item) => (item.ports ?? []).length > 0 && (item.to === undefined || item.to.length > 0));
  return policy(cluster, 'mail', ingress, egress);
}

/** The port of a PostgreSQL URL, 5432 when it names none. */
function postgresPort(url: string): number {
  try {
    return Number(new URL(url).port || DEFAULT_POSTGRES_PORT);
  } catch {
    return DEFAULT_POSTGRES_PORT;
  }
}

/** The port of a host:port (the CRD and the services' config require one). */
function portOf(endpoint: string): number | undefined {
  const port = Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}

/**
 * A rule admitting `from` to `ports`; none at all when there is nobody to admit. (The client
 * library's model calls the field `_from`; it is serialized as `from`.)
 */
function rule(from: V1NetworkPolicyPeer[], ...ports: number[]): V1NetworkPolicyIngressRule | undefined {
  return from.length === 0 ? undefined : { _from: from, ports: ports.map(tcp) };
}

function tcp(port: number): V1NetworkPolicyPort & { port: number } {
  return { protocol: 'TCP', port };
}

/** The cluster's own pods of the given components, in its namespace. */
function clientPeer(cluster: SmartchatCluster, components: readonly ComponentName[]): V1NetworkPolicyPeer {
  return { podSelector: { matchLabels: instanceLabels(cluster), matchExpressions: [{ key: LABEL_COMPONENT, operator: 'In', values: [...components] }] } };
}

/** spec.networkPolicies.metricsFrom, as NetworkPolicy peers. */
function metricsPeers(cluster: SmartchatCluster): V1NetworkPolicyPeer[] {
  return asPeers(cluster.spec.networkPolicies.metricsFrom);
}

/** Peers of the spec as NetworkPolicy peers (copies, so the desired objects share nothing with the spec). */
function asPeers(list: readonly NetworkPeer[]): V1NetworkPolicyPeer[] {
  return list.map((peer) => ({
    ...(peer.namespaceSelector ? { namespaceSelector: { ...peer.namespaceSelector } } : {}),
    ...(peer.podSelector ? { podSelector: { ...peer.podSelector } } : {}),
    ...(peer.ipBlock ? { ipBlock: { ...peer.ipBlock } } : {}),
  }));
}
