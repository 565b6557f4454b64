// The managed Redis (pod 0 the primary, the others replicas of it), or the URL of an external one.
//
// The managed Redis has no password, to keep it simple: a NetworkPolicy that admits only Smartchat
// pods to port 6379 is meant to be the fence (nothing creates one yet). No automatic failover either:
// the client Service always names pod 0, and the replicas hold a copy of the data for a quick recovery.
import type { KubernetesObject, V1Container, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import type { ManagedRedisSpec, SmartchatCluster } from '../../api/types.js';
import { childMeta, childName, containerResources, labels, podDns, selectorLabels } from '../meta.js';
import { claimRetention, containerSecurity, dataVolumeClaim, imagePullSecrets, nonRootPod, oneAtATime, podField, quantityValue, spreadAcrossNodes, storeMode } from './stateful-store.js';

export const REDIS_PORT = 6379;
/** The uid (and gid) of the redis user in the official image. */
const REDIS_UID = 999;
/** The label the StatefulSet controller puts on each of its pods. */
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The Redis objects to apply: [] for an external Redis. A PodDisruptionBudget only with replicas. */
export function redisObjects(cluster: SmartchatCluster): KubernetesObject[] {
  const mode = storeMode(cluster, 'redis', cluster.spec.redis);
  if (!('managed' in mode)) return [];
  const spec = mode.managed;
  return [
    redisHeadlessService(cluster),
    redisClientService(cluster),
    ...(spec.replicas > 1 ? [oneAtATime(cluster, 'redis', childName.redis(cluster))] : []),
    redisStatefulSet(cluster, spec),
  ];
}

/**
 * The Redis URL the application uses: the client Service (the primary) when managed, the first
 * endpoint when external. Credentials, when given, are percent-encoded into it; an empty username
 * gives the `redis://:password@` form of a requirepass-only server.
 */
export function redisUrl(cluster: SmartchatCluster, credentials?: { username: string; password: string }): string {
  const mode = storeMode(cluster, 'redis', cluster.spec.redis);
  const userinfo = credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : '';
  if ('managed' in mode) return `redis://${userinfo}${childName.redis(cluster)}.${cluster.metadata.namespace}.svc:${REDIS_PORT}`;
  const endpoint = mode.external.endpoints[0];
  if (endpoint === undefined) throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name}: spec.redis.external.endpoints is empty`);
  return `redis://${userinfo}${endpoint}`;
}

function redisHeadlessService(cluster: SmartchatCluster): V1Service & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'redis', childName.redisHeadless(cluster)),
    spec: {
      clusterIP: 'None',
      // Replicas resolve the primary's pod name while it starts.
      publishNotReadyAddresses: true,
      selector: selectorLabels(cluster, 'redis'),
      ports: [{ name: 'redis', port: REDIS_PORT }],
    },
  };
}

function redisClientService(cluster: SmartchatCluster): V1Service & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'redis', childName.redis(cluster)),
    spec: {
      selector: { ...selectorLabels(cluster, 'redis'), [POD_NAME_LABEL]: `${childName.redis(cluster)}-0` },
      ports: [{ name: 'redis', port: REDIS_PORT }],
    },
  };
}

/** Writes fail with an OOM error at 80% of the memory limit instead of the kernel killing the pod; unset without a limit. */
export function redisMaxMemoryBytes(spec: ManagedRedisSpec): number | undefined {
  const limit = quantityValue(spec.resources.limits?.memory);
  return limit === undefined || limit <= 0 ? undefined : Math.floor(limit * 0.8);
}

/** redis-server arguments shared by every pod; pods other than 0 add --replicaof. */
export function redisServerArgs(spec: ManagedRedisSpec): string[] {
  const maxMemory = redisMaxMemoryBytes(spec);
  return [
    '--port',
    String(REDIS_PORT),
    '--dir',
    '/data',
    // Queued BullMQ jobs survive a restart.
    '--appendonly',
    'yes',
    // BullMQ loses jobs if Redis evicts keys: a full Redis must refuse writes instead.
    '--maxmemory-policy',
    'noeviction',
    ...(maxMemory === undefined ? [] : ['--maxmemory', String(maxMemory)]),
    // Without a password protected mode refuses every non-loopback client; the network policy is the fence.
    '--protected-mode',
    'no',
  ];
}

function redisStatefulSet(cluster: SmartchatCluster, spec: ManagedRedisSpec): V1StatefulSet & KubernetesObject {
  const name = childName.redis(cluster);
  const primary = podDns(cluster, name, childName.redisHeadless(cluster), 0);
  const resources = containerResources(spec.resources);
  // One pod template for all pods: the ordinal in the pod name decides primary or replica.
  const start = `if [ "\${POD_NAME##*-}" = 0 ]; then exec redis-server "$@"; else exec redis-server "$@" --replicaof ${primary} ${REDIS_PORT}; fi`;
  const container: V1Container = {
    name: 'redis',
    image: `${spec.image}:${spec.version}`,
    command: ['sh', '-c', start, 'redis-server', ...redisServerArgs(spec)],
    env: [podField('POD_NAME', 'metadata.name')],
    ports: [{ name: 'redis', containerPort: REDIS_PORT }],
    ...(resources ? { resources } : {}),
    readinessProbe: { exec: { command: ['sh', '-c', `test "$(redis-cli -p ${REDIS_PORT} ping)" = PONG`] }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    // Redis accepts connections while it loads its data (PING then answers LOADING), so liveness
    // checks only the socket: a large append-only file does not get the pod restarted mid-load.
    livenessProbe: { tcpSocket: { port: REDIS_PORT }, initialDelaySeconds: 30, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 },
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
    securityContext: containerSecurity({ runsAsRoot: false, readOnlyRootFilesystem: true }),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: childMeta(cluster, 'redis', name),
    spec: {
      serviceName: childName.redisHeadless(cluster),
      replicas: spec.replicas,
      selector: { matchLabels: selectorLabels(cluster, 'redis') },
      persistentVolumeClaimRetentionPolicy: claimRetention(cluster),
      template: {
        metadata: { labels: labels(cluster, 'redis') },
        spec: {
          ...imagePullSecrets(cluster),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 60,
          securityContext: nonRootPod(REDIS_UID),
          affinity: spreadAcrossNodes(cluster, 'redis'),
          containers: [container],
        },
      },
      volumeClaimTemplates: [dataVolumeClaim(cluster, 'redis', spec.storage)],
    },
  };
}
