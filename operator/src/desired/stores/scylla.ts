// The managed ScyllaDB cluster (a StatefulSet behind a headless Service), or the connection to an
// external one.
//
// Access: PasswordAuthenticator with CassandraAuthorizer. A fresh cluster creates its first
// superuser itself from --auth-superuser-name and --auth-superuser-salted-password (a SHA-512-crypt
// hash, so Scylla never sees that password in its configuration), both read from the Secret
// <cluster>-scylla-credentials; the image's well-known cassandra/cassandra account is never created.
// The app logs in as its own role, which the Job of ./scylla-auth.ts creates with that superuser.
// The cluster's NetworkPolicy (../network-policies.ts) admits CQL from Smartchat's own pods only.
//
// Node requirements of a production Scylla (developer mode off), which no pod spec can set:
// fs.aio-max-nr of at least 1048576 on every node that runs a member, and a data volume that supports
// O_DIRECT (XFS recommended). With developer mode off the image runs iotune at every container start
// (its result lives in the container, not on the volume), which adds a minute or so to each start.
import type { KubernetesObject, V1ConfigMap, V1Container, V1Secret, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import type { ManagedScyllaSpec, SmartchatCluster } from '../../api/types.js';
import { ANNOTATION_CONFIG_HASH, childMeta, childName, containerResources, labels, podDns, selectorLabels } from '../meta.js';
import { sha512Crypt } from './sha-crypt.js';
import { MiB, claimRetention, configHash, containerSecurity, dataVolumeClaim, imagePullSecrets, oneAtATime, podField, quantityValue, secretKeyEnv, spreadAcrossNodes, storeMode } from './stateful-store.js';

export const SCYLLA_CQL_PORT = 9042;
export const SCYLLA_INTRA_NODE_PORT = 7000;
export const SCYLLA_PROMETHEUS_PORT = 9180;
const DATA_DIR = '/var/lib/scylla';
const RACKDC_FILE = 'cassandra-rackdc.properties';
/** Long enough for `nodetool drain` to flush the memtables of a busy node (the image's own supervisor waits 900 s). */
const TERMINATION_GRACE_SECONDS = 900;

export interface ScyllaConnection {
  contactPoints: string[];
  localDatacenter: string;
  replicationFactor: number;
}

/** Keys of the Secret childName.scyllaCredentials. */
export const SCYLLA_SECRET_KEYS = {
  username: 'username',
  password: 'password',
  superuserName: 'superuser-username',
  superuserPassword: 'superuser-password',
  superuserSaltedPassword: 'superuser-salted-password',
} as const;

/**
 * Generated once by the caller and passed back unchanged on every reconcile. The superuser exists
 * in Scylla's own tables from the cluster's first start: changing its name or password here later
 * does not change it in Scylla (use ALTER ROLE, then update the Secret). The app role's password may
 * be changed in the Secret: the authentication Job sets it, then the app's pods roll.
 */
export interface ScyllaCredentials {
  /** The app's role (chat, balancer, migrations). */
  username: string;
  password: string;
  superuserName: string;
  superuserPassword: string;
  /**
   * SHA-512-crypt of superuserPassword, with every "$" written "\$": the image's entrypoint
   * (docker-entrypoint.py) writes its extra arguments into /etc/scylla.d/docker.conf between double
   * quotes, and the start script sources that file, so an unescaped "$6$salt$..." would be expanded
   * by the shell into something else.
   */
  superuserSaltedPassword: string;
}

/** ScyllaCredentials.superuserSaltedPassword for a password: its SHA-512-crypt, each "$" escaped for the entrypoint. */
export function scyllaSaltedPassword(password: string, salt?: string): string {
  return sha512Crypt(password, salt).replaceAll('$', () => '\\$');
}

/** The Scylla objects to apply: [] for an external Scylla. */
export function scyllaObjects(cluster: SmartchatCluster, credentials: ScyllaCredentials): KubernetesObject[] {
  const mode = storeMode(cluster, 'scylla', cluster.spec.scylla);
  if (!('managed' in mode)) return [];
  const config = scyllaConfigMap(cluster, mode.managed);
  return [scyllaSecret(cluster, credentials), config, scyllaHeadlessService(cluster), oneAtATime(cluster, 'scylla', childName.scylla(cluster)), scyllaStatefulSet(cluster, mode.managed, configHash(config.data!))];
}

function scyllaSecret(cluster: SmartchatCluster, credentials: ScyllaCredentials): V1Secret & KubernetesObject {
  const keys = SCYLLA_SECRET_KEYS;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: childMeta(cluster, 'scylla', childName.scyllaCredentials(cluster)),
    type: 'Opaque',
    stringData: {
      [keys.username]: credentials.username,
      [keys.password]: credentials.password,
      [keys.superuserName]: credentials.superuserName,
      [keys.superuserPassword]: credentials.superuserPassword,
      [keys.superuserSaltedPassword]: credentials.superuserSaltedPassword,
    },
  };
}

/**
 * Where the application connects. Managed: the pod DNS names of the first three members (resolvable
 * before the pod is ready, the headless Service publishes not-ready addresses); the driver discovers
 * the other members itself, so scaling Scylla does not change the settings and roll the chat pods. External: the endpoints as given, with
 * the keyspace replicated 3 times, or once per endpoint when there are fewer than 3.
 */
export function scyllaConnection(cluster: SmartchatCluster): ScyllaConnection {
  const mode = storeMode(cluster, 'scylla', cluster.spec.scylla);
  if ('managed' in mode) {
    const statefulSet = childName.scylla(cluster);
    return {
      contactPoints: Array.from({ length: Math.min(mode.managed.members, 3) }, (_, ordinal) => `${podDns(cluster, statefulSet, statefulSet, ordinal)}:${SCYLLA_CQL_PORT}`),
      localDatacenter: mode.managed.datacenter,
      replicationFactor: mode.managed.replicationFactor,
    };
  }
  const { endpoints, datacenter } = mode.external;
  return { contactPoints: [...endpoints], localDatacenter: datacenter ?? 'datacenter1', replicationFactor: Math.min(3, endpoints.length) };
}

/**
 * The datacenter reaches Scylla through GossipingPropertyFileSnitch and its cassandra-rackdc.properties:
 * the image's entrypoint (6.x) has no datacenter flag, and Scylla reads no scylla.yaml fragments, so a
 * mounted scylla.yaml would have to replace the image's whole file. The cluster name is a plain flag
 * (--cluster-name, see scyllaArgs).
 * Changing the datacenter of a cluster that holds data stops its nodes from starting (Scylla refuses
 * a node whose datacenter changed).
 */
function scyllaConfigMap(cluster: SmartchatCluster, spec: ManagedScyllaSpec): V1ConfigMap & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: childMeta(cluster, 'scylla', childName.scyllaConfig(cluster)),
    data: { [RACKDC_FILE]: `dc=${spec.datacenter}\nrack=rack1\n` },
  };
}

function scyllaHeadlessService(cluster: SmartchatCluster): V1Service & KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: childMeta(cluster, 'scylla', childName.scylla(cluster)),
    spec: {
      clusterIP: 'None',
      // Members find the seeds, and clients the members, by DNS before the pods are ready.
      publishNotReadyAddresses: true,
      selector: selectorLabels(cluster, 'scylla'),
      ports: [
        { name: 'cql', port: SCYLLA_CQL_PORT },
        { name: 'intra-node', port: SCYLLA_INTRA_NODE_PORT },
        { name: 'prometheus', port: SCYLLA_PROMETHEUS_PORT },
      ],
    },
  };
}

/** The cluster name Scylla stores on first start; it never changes because namespace and name never do. */
export function scyllaClusterName(cluster: SmartchatCluster): string {
  return `${cluster.metadata.namespace}-${cluster.metadata.name}`;
}

/**
 * Arguments of the image's entrypoint (docker-entrypoint.py); flags it does not know are passed on to
 * scylla itself. Scylla's addresses are the pod IP: listen_address cannot be 0.0.0.0, and the
 * broadcast addresses are what the other members and the drivers are told.
 */
export function scyllaArgs(cluster: SmartchatCluster, spec: ManagedScyllaSpec): string[] {
  const statefulSet = childName.scylla(cluster);
  const seeds = Array.from({ length: Math.min(spec.members, 2) }, (_, ordinal) => podDns(cluster, statefulSet, statefulSet, ordinal));
  const memory = scyllaMemoryMiB(spec);
  return [
    `--seeds=${seeds.join(',')}`,
    `--smp=${scyllaShards(spec)}`,
    ...(memory === undefined ? [] : [`--memory=${memory}M`]),
    // Pods share the node's CPUs: no busy-polling, no CPU pinning.
    '--overprovisioned=1',
    '--developer-mode=0',
    `--cluster-name=${scyllaClusterName(cluster)}`,
    '--endpoint-snitch=GossipingPropertyFileSnitch',
    '--listen-address=$(POD_IP)',
    '--rpc-address=$(POD_IP)',
    '--broadcast-address=$(POD_IP)',
    '--broadcast-rpc-address=$(POD_IP)',
    // A self-hosted install does not phone home for version checks.
    '--disable-version-check',
    // Every client logs in, and may do only what its role was granted. The first superuser comes
    // from the Secret through the environment (Kubernetes expands $(VAR) in arguments).
    '--authenticator=PasswordAuthenticator',
    '--authorizer=CassandraAuthorizer',
    '--auth-superuser-name=$(SCYLLA_SUPERUSER_NAME)',
    '--auth-superuser-salted-password=$(SCYLLA_SUPERUSER_SALTED_PASSWORD)',
  ];
}

/** One shard per CPU when the CPU limit (or request) is a whole number of CPUs, else a single shard. */
export function scyllaShards(spec: ManagedScyllaSpec): number {
  const cpus = quantityValue(spec.resources.limits?.cpu ?? spec.resources.requests?.cpu);
  return cpus !== undefined && Number.isInteger(cpus) && cpus >= 1 ? cpus : 1;
}

/**
 * Seastar allocates its memory up front; it gets the memory limit (or request) minus room for what
 * runs beside it in the container (10%, at least 512 MiB). Without a memory setting Scylla sizes itself.
 */
export function scyllaMemoryMiB(spec: ManagedScyllaSpec): number | undefined {
  const bytes = quantityValue(spec.resources.limits?.memory ?? spec.resources.requests?.memory);
  if (bytes === undefined) return undefined;
  const total = Math.floor(bytes / MiB);
  const memory = total - Math.max(512, Math.ceil(total * 0.1));
  return memory >= 256 ? memory : undefined;
}

function scyllaStatefulSet(cluster: SmartchatCluster, spec: ManagedScyllaSpec, hash: string): V1StatefulSet & KubernetesObject {
  const name = childName.scylla(cluster);
  const resources = containerResources(spec.resources);
  const container: V1Container = {
    name: 'scylla',
    image: `${spec.image}:${spec.version}`,
    args: scyllaArgs(cluster, spec),
    env: [
      podField('POD_IP', 'status.podIP'),
      secretKeyEnv('SCYLLA_SUPERUSER_NAME', childName.scyllaCredentials(cluster), SCYLLA_SECRET_KEYS.superuserName),
      secretKeyEnv('SCYLLA_SUPERUSER_SALTED_PASSWORD', childName.scyllaCredentials(cluster), SCYLLA_SECRET_KEYS.superuserSaltedPassword),
    ],
    ports: [
      { name: 'cql', containerPort: SCYLLA_CQL_PORT },
      { name: 'intra-node', containerPort: SCYLLA_INTRA_NODE_PORT },
      { name: 'prometheus', containerPort: SCYLLA_PROMETHEUS_PORT },
    ],
    ...(resources ? { resources } : {}),
    // The CQL port opens once the node has joined the ring: with OrderedReady this makes members
    // bootstrap one at a time, which Scylla requires. No liveness probe: restarting a member that is
    // slow (compacting, streaming) costs more than it saves.
    readinessProbe: { tcpSocket: { port: SCYLLA_CQL_PORT }, initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    // Flush memtables and stop accepting writes before the process is signalled, so the next start
    // does not replay the commit log and clients move to other members.
    lifecycle: { preStop: { exec: { command: ['nodetool', 'drain'] } } },
    volumeMounts: [
      { name: 'data', mountPath: DATA_DIR },
      { name: 'config', mountPath: `/etc/scylla/${RACKDC_FILE}`, subPath: RACKDC_FILE, readOnly: true },
    ],
    // The scylla image runs its entrypoint and server as root (it writes /etc/scylla.d at start), so
    // runAsNonRoot is not set; privilege escalation is still closed.
    securityContext: containerSecurity({ runsAsRoot: true }),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: childMeta(cluster, 'scylla', name),
    spec: {
      serviceName: name,
      podManagementPolicy: 'OrderedReady',
      replicas: spec.members,
      selector: { matchLabels: selectorLabels(cluster, 'scylla') },
      persistentVolumeClaimRetentionPolicy: claimRetention(cluster),
      template: {
        metadata: { labels: labels(cluster, 'scylla'), annotations: { [ANNOTATION_CONFIG_HASH]: hash } },
        spec: {
          ...imagePullSecrets(cluster),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          affinity: spreadAcrossNodes(cluster, 'scylla'),
          containers: [container],
          volumes: [{ name: 'config', configMap: { name: childName.scyllaConfig(cluster) } }],
        },
      },
      volumeClaimTemplates: [dataVolumeClaim(cluster, 'scylla', spec.storage)],
    },
  };
}
