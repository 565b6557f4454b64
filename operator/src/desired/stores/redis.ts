// The managed Redis (pod 0 the primary, the others replicas of it), or the URL of an external one.
//
// Access: every client must authenticate with the generated password (requirepass; the replicas
// use it towards the primary too, masterauth), which lives in the Secret <cluster>-redis-credentials
// and reaches the pods only through secretKeyRef. The cluster's NetworkPolicy (../network-policies.ts)
// also admits only Smartchat's own pods to port 6379. No automatic failover: the client Service
// always names pod 0, and the replicas hold a copy of the data for a quick recovery.
import type { KubernetesObject, V1Container, V1Secret, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import type { ManagedRedisSpec, SmartchatCluster } from '../../api/types.js';
import { ANNOTATION_CONFIG_HASH, childMeta, childName, containerResources, labels, podDns, selectorLabels } from '../meta.js';
import { claimRetention, configHash, containerSecurity, dataVolumeClaim, imagePullSecrets, nonRootPod, oneAtATime, podField, quantityValue, secretKeyEnv, spreadAcrossNodes, storeMode } from './stateful-store.js';

export const REDIS_PORT = 6379;
/** Keys of the Secret childName.redisCredentials. */
export const REDIS_SECRET_KEYS = { password: 'password' } as const;

/** Generated once by the caller and passed back unchanged on every reconcile (a new one rolls Redis and the app). */
export interface RedisCredentials {
  password: string;
}
/** The uid (and gid) of the redis user in the official image. */
const REDIS_UID = 999;
/** The label the StatefulSet controller puts on each of its pods. */
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The Redis objects to apply: [] for an external Redis. A PodDisruptionBudget only with replicas. */
export function redisObjects(cluster: SmartchatCluster, credentials: RedisCredentials): KubernetesObject[] {
  const mode = storeMode(cluster, 'redis', cluster.spec.redis);
  if (!('managed' in mode)) return [];
  const spec = mode.managed;
  return [
    redisSecret(cluster, credentials),
    redisHeadlessService(cluster),
    redisClientService(cluster),
    ...(spec.replicas > 1 ? [oneAtATime(cluster, 'redis', childName.redis(cluster))] : []),
    redisStatefulSet(cluster, spec, credentials),
  ];
}

function redisSecret(cluster: SmartchatCluster, credentials: RedisCredentials): V1Secret & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: childMeta(cluster, 'redis', childName.redisCredentials(cluster)),
    type: 'Opaque',
    stringData: { [REDIS_SECRET_KEYS.password]: credentials.password },
  };
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
    // Protected mode only matters for a server without a password; this one always has one
    // (requirepass, added by the start command from the Secret).
    '--protected-mode',
    'no',
  ];
}

/**
 * The container's start command: the password comes from the environment (REDIS_PASSWORD, from the
 * Secret), never from the manifest; redis-server rewrites its process title, so it does not stay
 * readable in the process list either. One pod template for all pods: the ordinal in the pod name
 * decides primary or replica.
 */
export function redisStartCommand(cluster: SmartchatCluster, spec: ManagedRedisSpec): string[] {
  const primary = podDns(cluster, childName.redis(cluster), childName.redisHeadless(cluster), 0);
  const start = [
    'set -- "$@" --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD"',
    `if [ "\${POD_NAME##*-}" = 0 ]; then exec redis-server "$@"; else exec redis-server "$@" --replicaof ${primary} ${REDIS_PORT}; fi`,
  ].join('; ');
  return ['sh', '-c', start, 'redis-server', ...redisServerArgs(spec)];
}

function redisStatefulSet(cluster: SmartchatCluster, spec: ManagedRedisSpec, credentials: RedisCredentials): V1StatefulSet & KubernetesObject {
  const name = childName.redis(cluster);
  const secret = childName.redisCredentials(cluster);
  const resources = containerResources(spec.resources);
  const container: V1Container = {
    name: 'redis',
    image: `${spec.image}:${spec.version}`,
    command: redisStartCommand(cluster, spec),
    env: [
      podField('POD_NAME', 'metadata.name'),
      secretKeyEnv('REDIS_PASSWORD', secret, REDIS_SECRET_KEYS.password),
      // redis-cli (the readiness probe) authenticates with this variable.
      secretKeyEnv('REDISCLI_AUTH', secret, REDIS_SECRET_KEYS.password),
    ],
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
        // A changed password must restart every Redis pod (they read it only at start), so it is part of the hash.
        metadata: { labels: labels(cluster, 'redis'), annotations: { [ANNOTATION_CONFIG_HASH]: configHash({ password: credentials.password }) } },
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
