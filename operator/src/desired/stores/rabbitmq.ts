// The managed RabbitMQ cluster (a StatefulSet that forms its cluster through Kubernetes peer
// discovery), or the URL of an external broker.
//
// Access: the only account is the generated one (user smartchat, a random password, in the Secret
// <cluster>-rabbitmq-credentials): RABBITMQ_DEFAULT_USER/PASS replace the image's guest/guest, which
// is therefore never created. The nodes trust each other through the generated Erlang cookie. The
// cluster's NetworkPolicy (../network-policies.ts) admits AMQP from Smartchat's own pods only.
import type { KubernetesObject, V1ConfigMap, V1Container, V1Role, V1RoleBinding, V1Secret, V1Service, V1ServiceAccount, V1StatefulSet } from '@kubernetes/client-node';
import type { ManagedRabbitmqSpec, SmartchatCluster } from '../../api/types.js';
import { ANNOTATION_CONFIG_HASH, childMeta, childName, containerResources, labels, selectorLabels } from '../meta.js';
import { claimRetention, configHash, containerSecurity, dataVolumeClaim, imagePullSecrets, nonRootPod, oneAtATime, podField, quantityValue, secretKeyEnv, spreadAcrossNodes, storeMode } from './stateful-store.js';

export const RABBITMQ_AMQP_PORT = 5672;
export const RABBITMQ_AMQPS_PORT = 5671;
export const RABBITMQ_PROMETHEUS_PORT = 15692;
export const RABBITMQ_EPMD_PORT = 4369;
export const RABBITMQ_CLUSTER_PORT = 25672;
/** Keys of the Secret childName.rabbitmqCredentials. */
export const RABBITMQ_SECRET_KEYS = { username: 'username', password: 'password', erlangCookie: 'erlang-cookie' } as const;
/** The uid (and gid) of the rabbitmq user in the official image. */
const RABBITMQ_UID = 999;
const GiB = 1024 ** 3;

/**
 * Generated once by the caller and passed back unchanged on every reconcile: RabbitMQ creates the
 * default user only when the cluster first forms, and members with different Erlang cookies cannot
 * talk to each other, so new values would not take effect and would break a running cluster.
 */
export interface RabbitmqCredentials {
  username: string;
  password: string;
  erlangCookie: string;
}

/** The RabbitMQ objects to apply: [] for an external broker. */
export function rabbitmqObjects(cluster: SmartchatCluster, credentials: RabbitmqCredentials): KubernetesObject[] {
  const mode = storeMode(cluster, 'rabbitmq', cluster.spec.rabbitmq);
  if (!('managed' in mode)) return [];
  const config = rabbitmqConfigMap(cluster, mode.managed);
  return [
    rabbitmqSecret(cluster, credentials),
    ...peerDiscoveryAccess(cluster),
    config,
    rabbitmqHeadlessService(cluster),
    rabbitmqClientService(cluster),
    oneAtATime(cluster, 'rabbitmq', childName.rabbitmq(cluster)),
    rabbitmqStatefulSet(cluster, mode.managed, configHash(config.data!)),
  ];
}

/**
 * The AMQP URL the application uses. Managed: the client Service, default vhost "/". External: the
 * FIRST endpoint only (the client library takes one host; list a load-balanced address first), its
 * vhost (default "/"), and amqps when that endpoint's port is 5671. Every part is percent-encoded.
 */
export function rabbitmqUrl(cluster: SmartchatCluster, credentials: { username: string; password: string }): string {
  const mode = storeMode(cluster, 'rabbitmq', cluster.spec.rabbitmq);
  const userinfo = `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}`;
  if ('managed' in mode) return `amqp://${userinfo}@${childName.rabbitmq(cluster)}.${cluster.metadata.namespace}.svc:${RABBITMQ_AMQP_PORT}/${encodeURIComponent('/')}`;
  const endpoint = mode.external.endpoints[0];
  if (endpoint === undefined) throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name}: spec.rabbitmq.external.endpoints is empty`);
  const scheme = endpoint.endsWith(`:${RABBITMQ_AMQPS_PORT}`) ? 'amqps' : 'amqp';
  return `${scheme}://${userinfo}@${endpoint}/${encodeURIComponent(mode.external.vhost ?? '/')}`;
}

function rabbitmqSecret(cluster: SmartchatCluster, credentials: RabbitmqCredentials): V1Secret & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: childMeta(cluster, 'rabbitmq', childName.rabbitmqCredentials(cluster)),
    type: 'Opaque',
    stringData: { [RABBITMQ_SECRET_KEYS.username]: credentials.username, [RABBITMQ_SECRET_KEYS.password]: credentials.password, [RABBITMQ_SECRET_KEYS.erlangCookie]: credentials.erlangCookie },
  };
}

/** RabbitMQ up to 4.0 lists the headless Service's endpoints to find its peers (4.1 and later ignore these settings and need no access). */
function peerDiscoveryAccess(cluster: SmartchatCluster): [V1ServiceAccount & KubernetesObject, V1Role & KubernetesObject, V1RoleBinding & KubernetesObject] {
  const name = childName.rabbitmq(cluster);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: childMeta(cluster, 'rabbitmq', name) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: childMeta(cluster, 'rabbitmq', name),
      rules: [
        { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: childMeta(cluster, 'rabbitmq', name),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: cluster.metadata.namespace }],
    },
  ];
}

/** The DNS suffix that turns a pod name into its name behind the headless Service. */
function hostnameSuffix(cluster: SmartchatCluster): string {
  return `.${childName.rabbitmqHeadless(cluster)}.${cluster.metadata.namespace}.svc`;
}

/**
 * rabbitmq.conf and enabled_plugins. The credentials are not here: they come from the Secret through
 * RABBITMQ_DEFAULT_USER/RABBITMQ_DEFAULT_PASS, read by the server on the cluster's first start.
 */
export function rabbitmqConf(cluster: SmartchatCluster, spec: ManagedRabbitmqSpec): string {
  const memory = rabbitmqMemoryBytes(spec);
  return [
    '# Written by smartchat-operator; edits are overwritten.',
    'cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s',
    'cluster_formation.k8s.host = kubernetes.default.svc',
    'cluster_formation.k8s.address_type = hostname',
    `cluster_formation.k8s.service_name = ${childName.rabbitmqHeadless(cluster)}`,
    `cluster_formation.k8s.hostname_suffix = ${hostnameSuffix(cluster)}`,
    // With fewer than 3 nodes no side of a partition holds a majority, so pause_minority would stop every node.
    `cluster_partition_handling = ${spec.replicas >= 3 ? 'pause_minority' : 'autoheal'}`,
    `listeners.tcp.default = ${RABBITMQ_AMQP_PORT}`,
    `prometheus.tcp.port = ${RABBITMQ_PROMETHEUS_PORT}`,
    // This ConfigMap's mount hides the image's conf.d, which set these two: logs go to the console
    // only, and metrics come from the Prometheus plugin, not the management collector.
    'log.console = true',
    'log.console.level = info',
    'log.file = false',
    'management_agent.disable_metrics_collector = true',
    // The Erlang VM does not see the container's memory limit; the memory alarm is computed from this.
    ...(memory === undefined ? [] : [`total_memory_available_override_value = ${memory}`]),
    '',
  ].join('\n');
}

/** The memory limit minus room for the Erlang VM's own use (20%, at most 2 GiB); undefined without a limit. */
export function rabbitmqMemoryBytes(spec: ManagedRabbitmqSpec): number | undefined {
  const limit = quantityValue(spec.resources.limits?.memory);
  if (limit === undefined || limit <= 0) return undefined;
  return Math.floor(limit - Math.min(limit * 0.2, 2 * GiB));
}

function rabbitmqConfigMap(cluster: SmartchatCluster, spec: ManagedRabbitmqSpec): V1ConfigMap & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: childMeta(cluster, 'rabbitmq', childName.rabbitmqConfig(cluster)),
    data: { 'rabbitmq.conf': rabbitmqConf(cluster, spec), enabled_plugins: '[rabbitmq_peer_discovery_k8s,rabbitmq_prometheus].\n' },
  };
}

function rabbitmqHeadlessService(cluster: SmartchatCluster): V1Service & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'rabbitmq', childName.rabbitmqHeadless(cluster)),
    spec: {
      clusterIP: 'None',
      // Peers must resolve and list each other while they boot, before they are ready.
      publishNotReadyAddresses: true,
      selector: selectorLabels(cluster, 'rabbitmq'),
      ports: [
        { name: 'epmd', port: RABBITMQ_EPMD_PORT },
        { name: 'cluster', port: RABBITMQ_CLUSTER_PORT },
      ],
    },
  };
}

function rabbitmqClientService(cluster: SmartchatCluster): V1Service & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'rabbitmq', childName.rabbitmq(cluster)),
    spec: {
      selector: selectorLabels(cluster, 'rabbitmq'),
      ports: [
        { name: 'amqp', port: RABBITMQ_AMQP_PORT },
        { name: 'prometheus', port: RABBITMQ_PROMETHEUS_PORT },
      ],
    },
  };
}

function secretEnv(cluster: SmartchatCluster, name: string, key: string) {
  return secretKeyEnv(name, childName.rabbitmqCredentials(cluster), key);
}

function rabbitmqStatefulSet(cluster: SmartchatCluster, spec: ManagedRabbitmqSpec, hash: string): V1StatefulSet & KubernetesObject {
  const name = childName.rabbitmq(cluster);
  const resources = containerResources(spec.resources);
  const container: V1Container = {
    name: 'rabbitmq',
    image: `${spec.image}:${spec.version}`,
    env: [
      // POD_NAME first: Kubernetes expands $(POD_NAME) only from variables defined before.
      podField('POD_NAME', 'metadata.name'),
      { name: 'RABBITMQ_USE_LONGNAME', value: 'true' },
      { name: 'RABBITMQ_NODENAME', value: `rabbit@$(POD_NAME)${hostnameSuffix(cluster)}` },
      secretEnv(cluster, 'RABBITMQ_ERLANG_COOKIE', RABBITMQ_SECRET_KEYS.erlangCookie),
      secretEnv(cluster, 'RABBITMQ_DEFAULT_USER', RABBITMQ_SECRET_KEYS.username),
      secretEnv(cluster, 'RABBITMQ_DEFAULT_PASS', RABBITMQ_SECRET_KEYS.password),
    ],
    ports: [
      { name: 'amqp', containerPort: RABBITMQ_AMQP_PORT },
      { name: 'prometheus', containerPort: RABBITMQ_PROMETHEUS_PORT },
      { name: 'epmd', containerPort: RABBITMQ_EPMD_PORT },
      { name: 'cluster', containerPort: RABBITMQ_CLUSTER_PORT },
    ],
    ...(resources ? { resources } : {}),
    readinessProbe: { exec: { command: ['rabbitmq-diagnostics', '-q', 'check_port_connectivity'] }, initialDelaySeconds: 10, periodSeconds: 15, timeoutSeconds: 15, failureThreshold: 3 },
    // Generous: after a full restart a node waits up to 5 minutes for its last-seen peers before it
    // boots, and a restart in that window only starts the wait again.
    livenessProbe: { exec: { command: ['rabbitmq-diagnostics', '-q', 'status'] }, initialDelaySeconds: 120, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 5 },
    volumeMounts: [
      { name: 'data', mountPath: '/var/lib/rabbitmq' },
      { name: 'config', mountPath: '/etc/rabbitmq', readOnly: true },
    ],
    securityContext: containerSecurity({ runsAsRoot: false }),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: childMeta(cluster, 'rabbitmq', name),
    spec: {
      serviceName: childName.rabbitmqHeadless(cluster),
      // Nodes of a cluster restarted together wait for each other: they must start together.
      podManagementPolicy: 'Parallel',
      replicas: spec.replicas,
      selector: { matchLabels: selectorLabels(cluster, 'rabbitmq') },
      persistentVolumeClaimRetentionPolicy: claimRetention(cluster),
      template: {
        metadata: { labels: labels(cluster, 'rabbitmq'), annotations: { [ANNOTATION_CONFIG_HASH]: hash } },
        spec: {
          ...imagePullSecrets(cluster),
          serviceAccountName: name,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 120,
          securityContext: nonRootPod(RABBITMQ_UID),
          affinity: spreadAcrossNodes(cluster, 'rabbitmq'),
          containers: [container],
          volumes: [{ name: 'config', configMap: { name: childName.rabbitmqConfig(cluster) } }],
        },
      },
      volumeClaimTemplates: [dataVolumeClaim(cluster, 'rabbitmq', spec.storage)],
    },
  };
}
