import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject, V1ConfigMap, V1Container, V1PodDisruptionBudget, V1Role, V1RoleBinding, V1Secret, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { SmartchatCluster } from '../src/api/types.js';
import { ANNOTATION_CONFIG_HASH, LABEL_CLUSTER, selectorLabels } from '../src/desired/meta.js';
import { type RabbitmqCredentials, type RedisCredentials, type ScyllaCredentials, rabbitmqObjects, rabbitmqUrl, redisObjects, redisUrl, scyllaConnection, scyllaObjects, storeObjects, storeWorkloads } from '../src/desired/stores/index.js';
import { quantityValue } from '../src/desired/stores/stateful-store.js';
import { FIXTURE_UID, clusterFixture } from './fixtures.js';

const credentials: RabbitmqCredentials = { username: 'smartchat', password: 's3cret', erlangCookie: 'COOKIECOOKIECOOKIE' };
// Recognisable values: none of them may appear in a store object other than its Secret.
const redisCredentials: RedisCredentials = { password: 'redis-Pa55word-0123456789' };
const scyllaCredentials: ScyllaCredentials = {
  username: 'smartchat',
  password: 'cql-app-Pa55word-0123456789',
  superuserName: 'smartchat_admin',
  superuserPassword: 'cql-super-Pa55word-0123456789',
  superuserSaltedPassword: '\\$6\\$saltsaltsaltsalt\\$HASHHASHHASH',
};
const allCredentials = { scylla: scyllaCredentials, rabbitmq: credentials, redis: redisCredentials };

function find<T extends KubernetesObject>(objects: KubernetesObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((object) => `${object.kind}/${object.metadata?.name}`).join(', ')}`);
  return found as T;
}
const kindsAndNames = (objects: KubernetesObject[]) => objects.map((object) => `${object.kind}/${object.metadata?.name}`);
const containerOf = (statefulSet: V1StatefulSet): V1Container => statefulSet.spec!.template.spec!.containers[0]!;
const envValue = (container: V1Container, name: string) => container.env?.find((variable) => variable.name === name);
const configHashOf = (statefulSet: V1StatefulSet) => statefulSet.spec!.template.metadata!.annotations?.[ANNOTATION_CONFIG_HASH];

const scyllaSet = (cluster: SmartchatCluster) => find<V1StatefulSet>(scyllaObjects(cluster, scyllaCredentials), 'StatefulSet', 'desk-scylla');
const rabbitSet = (cluster: SmartchatCluster) => find<V1StatefulSet>(rabbitmqObjects(cluster, credentials), 'StatefulSet', 'desk-rabbitmq');
const redisSet = (cluster: SmartchatCluster) => find<V1StatefulSet>(redisObjects(cluster, redisCredentials), 'StatefulSet', 'desk-redis');

describe('every store object', () => {
  const objects = storeObjects(clusterFixture(), allCredentials);

  it('has apiVersion, kind, the cluster namespace, its owner reference and labels, and no status', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) {
      expect(object.apiVersion, kindsAndNames([object])[0]).toMatch(/^(v1|apps\/v1|policy\/v1|rbac\.authorization\.k8s\.io\/v1)$/);
      expect(object.kind).toBeTruthy();
      expect(object.metadata?.namespace).toBe('shop');
      expect(object.metadata?.ownerReferences).toEqual([{ apiVersion: 'smartchat.io/v1alpha1', kind: 'SmartchatCluster', name: 'desk', uid: FIXTURE_UID, controller: true, blockOwnerDeletion: true }]);
      expect(object.metadata?.labels).toMatchObject({ [LABEL_CLUSTER]: 'desk', 'app.kubernetes.io/managed-by': 'smartchat-operator' });
      expect(object).not.toHaveProperty('status');
      expect(JSON.stringify(object)).not.toMatch(/creationTimestamp|resourceVersion|"uid":"(?!6f1c1b52)/);
    }
  });

  it('comes out the same on every call, so re-applying changes nothing', () => {
    expect(JSON.stringify(storeObjects(clusterFixture(), allCredentials))).toBe(JSON.stringify(objects));
  });

  it('creates what a pod needs before the StatefulSet that runs it', () => {
    const names = kindsAndNames(objects);
    const before = (first: string, second: string) => expect(names.indexOf(first)).toBeLessThan(names.indexOf(second));
    before('ConfigMap/desk-scylla-config', 'StatefulSet/desk-scylla');
    before('Secret/desk-scylla-credentials', 'StatefulSet/desk-scylla');
    before('Secret/desk-redis-credentials', 'StatefulSet/desk-redis');
    before('Secret/desk-rabbitmq-credentials', 'StatefulSet/desk-rabbitmq');
    before('ServiceAccount/desk-rabbitmq', 'StatefulSet/desk-rabbitmq');
    before('ConfigMap/desk-rabbitmq-config', 'StatefulSet/desk-rabbitmq');
  });

  it('runs every container without privilege escalation, and as non-root where the image allows it (all but Scylla)', () => {
    for (const statefulSet of objects.filter((object): object is V1StatefulSet => object.kind === 'StatefulSet')) {
      expect(containerOf(statefulSet).securityContext?.allowPrivilegeEscalation).toBe(false);
    }
    expect(scyllaSet(clusterFixture()).spec!.template.spec!.securityContext?.runAsNonRoot).toBeUndefined();
    expect(rabbitSet(clusterFixture()).spec!.template.spec!.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
    expect(redisSet(clusterFixture()).spec!.template.spec!.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
  });

  it("gives every store pod the cluster's image pull secrets", () => {
    const cluster = clusterFixture({ spec: { images: { pullSecrets: ['mirror'] } } });
    for (const statefulSet of [scyllaSet(cluster), rabbitSet(cluster), redisSet(cluster)]) {
      expect(statefulSet.spec!.template.spec!.imagePullSecrets).toEqual([{ name: 'mirror' }]);
    }
    expect(scyllaSet(clusterFixture()).spec!.template.spec).not.toHaveProperty('imagePullSecrets');
  });

  it.each(['Retain', 'Delete'] as const)('pvcRetention %s decides what deleting a StatefulSet does to its volumes; scaling down keeps them', (pvcRetention) => {
    const cluster = clusterFixture({ spec: { teardown: { pvcRetention } } });
    for (const statefulSet of [scyllaSet(cluster), rabbitSet(cluster), redisSet(cluster)]) {
      expect(statefulSet.spec!.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: pvcRetention, whenScaled: 'Retain' });
      // The claims carry the cluster's labels, so teardown finds them.
      expect(statefulSet.spec!.volumeClaimTemplates![0]!.metadata!.labels).toMatchObject({ [LABEL_CLUSTER]: 'desk' });
    }
  });
});

describe('storeObjects and storeWorkloads', () => {
  const external = clusterFixture({
    spec: {
      scylla: { managed: undefined, external: { endpoints: ['scylla-a.db:9042'] } },
      rabbitmq: { managed: undefined, external: { endpoints: ['mq.example:5672'] } },
      redis: { managed: undefined, external: { endpoints: ['cache.example:6379'] } },
    },
  });

  it('the StatefulSets to watch are the managed stores, with the replicas each should have ready', () => {
    expect(storeWorkloads(clusterFixture())).toEqual([
      { store: 'scylla', kind: 'StatefulSet', name: 'desk-scylla', replicas: 3 },
      { store: 'rabbitmq', kind: 'StatefulSet', name: 'desk-rabbitmq', replicas: 3 },
      { store: 'redis', kind: 'StatefulSet', name: 'desk-redis', replicas: 1 },
    ]);
  });

  it('external stores contribute no objects and no workloads, and need no RabbitMQ credentials', () => {
    expect(storeObjects(external, {})).toEqual([]);
    expect(storeWorkloads(external)).toEqual([]);
  });

  it.each([
    ['ScyllaDB', 'scylla'],
    ['RabbitMQ', 'rabbitmq'],
    ['Redis', 'redis'],
  ] as const)('a managed %s without its credentials is refused rather than given empty ones', (name, store) => {
    const { [store]: _missing, ...others } = allCredentials;
    expect(() => storeObjects(clusterFixture(), others)).toThrow(new RegExp(`managed ${name} needs its credentials`));
  });

  it('a store that is neither managed nor external is refused', () => {
    expect(() => scyllaObjects(clusterFixture({ spec: { scylla: { managed: undefined } } }), scyllaCredentials)).toThrow(/spec\.scylla must set exactly one of managed or external/);
  });
});

describe('managed ScyllaDB', () => {
  it('a managed Scylla of 3 members becomes a 3-replica StatefulSet with its headless Service, a PDB allowing one pod down, and seeds naming the first pods', () => {
    const objects = scyllaObjects(clusterFixture(), scyllaCredentials);
    expect(kindsAndNames(objects)).toEqual(['Secret/desk-scylla-credentials', 'ConfigMap/desk-scylla-config', 'Service/desk-scylla', 'PodDisruptionBudget/desk-scylla', 'StatefulSet/desk-scylla']);

    const statefulSet = find<V1StatefulSet>(objects, 'StatefulSet', 'desk-scylla');
    expect(statefulSet.spec).toMatchObject({ replicas: 3, serviceName: 'desk-scylla', podManagementPolicy: 'OrderedReady', selector: { matchLabels: selectorLabels(clusterFixture(), 'scylla') } });
    expect(containerOf(statefulSet).image).toBe('docker.io/scylladb/scylla:6.2.3');
    expect(containerOf(statefulSet).args).toContain('--seeds=desk-scylla-0.desk-scylla.shop.svc,desk-scylla-1.desk-scylla.shop.svc');

    const service = find<V1Service>(objects, 'Service', 'desk-scylla');
    expect(service.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(service.spec!.ports!.map((port) => [port.name, port.port])).toEqual([
      ['cql', 9042],
      ['intra-node', 7000],
      ['prometheus', 9180],
    ]);

    const budget = find<V1PodDisruptionBudget>(objects, 'PodDisruptionBudget', 'desk-scylla');
    expect(budget.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selectorLabels(clusterFixture(), 'scylla') } });
  });

  it('a single member is its own only seed', () => {
    const args = containerOf(scyllaSet(clusterFixture({ spec: { scylla: { managed: { members: 1, replicationFactor: 1 } } } }))).args!;
    expect(args).toContain('--seeds=desk-scylla-0.desk-scylla.shop.svc');
  });

  it('each member listens and announces itself on its pod IP, as a production node of cluster <namespace>-<name>', () => {
    const container = containerOf(scyllaSet(clusterFixture()));
    expect(envValue(container, 'POD_IP')).toEqual({ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    expect(container.args).toEqual(
      expect.arrayContaining([
        '--listen-address=$(POD_IP)',
        '--rpc-address=$(POD_IP)',
        '--broadcast-address=$(POD_IP)',
        '--broadcast-rpc-address=$(POD_IP)',
        '--overprovisioned=1',
        '--developer-mode=0',
        '--cluster-name=shop-desk',
        '--endpoint-snitch=GossipingPropertyFileSnitch',
      ]),
    );
    expect(container.args!.some((arg) => arg.includes('0.0.0.0'))).toBe(false);
  });

  it("the datacenter of the spec reaches Scylla through cassandra-rackdc.properties from the ConfigMap", () => {
    const cluster = clusterFixture({ spec: { scylla: { managed: { datacenter: 'eu-west' } } } });
    const configMap = find<V1ConfigMap>(scyllaObjects(cluster, scyllaCredentials), 'ConfigMap', 'desk-scylla-config');
    expect(configMap.data).toEqual({ 'cassandra-rackdc.properties': 'dc=eu-west\nrack=rack1\n' });
    const statefulSet = scyllaSet(cluster);
    expect(containerOf(statefulSet).volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/scylla/cassandra-rackdc.properties', subPath: 'cassandra-rackdc.properties', readOnly: true });
    expect(statefulSet.spec!.template.spec!.volumes).toContainEqual({ name: 'config', configMap: { name: 'desk-scylla-config' } });
    expect(scyllaConnection(cluster).localDatacenter).toBe('eu-west');
  });

  it('changing the Scylla config changes the pod template hash, changing nothing keeps it', () => {
    const before = configHashOf(scyllaSet(clusterFixture()));
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(configHashOf(scyllaSet(clusterFixture()))).toBe(before);
    expect(configHashOf(scyllaSet(clusterFixture({ spec: { scylla: { managed: { members: 5 } } } })))).toBe(before);
    expect(configHashOf(scyllaSet(clusterFixture({ spec: { scylla: { managed: { datacenter: 'eu-west' } } } })))).not.toBe(before);
  });

  it.each([
    ['a whole CPU limit', { limits: { cpu: '4' } }, 4],
    ['a numeric CPU limit', { limits: { cpu: 2 } }, 2],
    ['a whole request in millicores', { requests: { cpu: '2000m' } }, 2],
    ['the limit over the request', { requests: { cpu: '1' }, limits: { cpu: '3' } }, 3],
    ['a fraction of a CPU', { limits: { cpu: '1500m' } }, 1],
    ['less than a CPU', { requests: { cpu: '500m' } }, 1],
    ['no CPU at all', {}, 1],
  ])('--smp from %s', (_, resources, shards) => {
    expect(containerOf(scyllaSet(clusterFixture({ spec: { scylla: { managed: { resources } } } }))).args).toContain(`--smp=${shards}`);
  });

  it.each([
    ['4Gi', '--memory=3584M'],
    ['16Gi', '--memory=14745M'],
    ['8G', '--memory=6866M'],
  ])('a %s memory limit leaves room beside Seastar: %s', (memory, flag) => {
    const cluster = clusterFixture({ spec: { scylla: { managed: { resources: { limits: { memory }, requests: { memory } } } } } });
    const container = containerOf(scyllaSet(cluster));
    expect(container.args).toContain(flag);
    expect(container.resources).toEqual({ limits: { memory }, requests: { memory } });
  });

  it('without resources, no memory flag and no resources are written', () => {
    const container = containerOf(scyllaSet(clusterFixture()));
    expect(container.args!.some((arg) => arg.startsWith('--memory'))).toBe(false);
    expect(container).not.toHaveProperty('resources');
  });

  it('is ready when CQL answers, drains before it stops, and has time to do so', () => {
    const statefulSet = scyllaSet(clusterFixture());
    const container = containerOf(statefulSet);
    expect(container.readinessProbe?.tcpSocket?.port).toBe(9042);
    expect(container.lifecycle?.preStop?.exec?.command).toEqual(['nodetool', 'drain']);
    expect(statefulSet.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(300);
  });

  it('spreads members across nodes', () => {
    const affinity = scyllaSet(clusterFixture()).spec!.template.spec!.affinity!;
    expect(affinity.podAntiAffinity!.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selectorLabels(clusterFixture(), 'scylla') } } },
    ]);
  });

  it('the data claim has the storage size, and the storage class only when set', () => {
    const [unset] = scyllaSet(clusterFixture()).spec!.volumeClaimTemplates!;
    expect(unset!.metadata!.name).toBe('data');
    expect(unset!.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
    expect(unset!).not.toHaveProperty('status');

    const [set] = scyllaSet(clusterFixture({ spec: { scylla: { managed: { storage: { size: '200Gi', storageClassName: 'fast-xfs' } } } } })).spec!.volumeClaimTemplates!;
    expect(set!.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '200Gi' } }, storageClassName: 'fast-xfs' });
    expect(containerOf(scyllaSet(clusterFixture())).volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/scylla' });
  });

  it('the application connects to every member by pod DNS name, in the spec datacenter, at the spec replication factor', () => {
    expect(scyllaConnection(clusterFixture())).toEqual({
      contactPoints: ['desk-scylla-0.desk-scylla.shop.svc:9042', 'desk-scylla-1.desk-scylla.shop.svc:9042', 'desk-scylla-2.desk-scylla.shop.svc:9042'],
      localDatacenter: 'datacenter1',
      replicationFactor: 3,
    });
  });
});

describe('external ScyllaDB', () => {
  const external = (endpoints: string[], datacenter?: string) => clusterFixture({ spec: { scylla: { managed: undefined, external: { endpoints, ...(datacenter ? { datacenter } : {}) } } } });

  it('produces no objects and connects to the endpoints as given', () => {
    expect(scyllaObjects(external(['a.db:9042', 'b.db:9042']), scyllaCredentials)).toEqual([]);
    expect(scyllaConnection(external(['a.db:9042', 'b.db:9042'], 'dc-east'))).toEqual({ contactPoints: ['a.db:9042', 'b.db:9042'], localDatacenter: 'dc-east', replicationFactor: 2 });
  });

  it('the datacenter defaults to datacenter1', () => {
    expect(scyllaConnection(external(['a.db:9042'])).localDatacenter).toBe('datacenter1');
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [5, 3],
  ])('%i endpoints replicate the keyspace %i times', (count, factor) => {
    expect(scyllaConnection(external(Array.from({ length: count }, (_, i) => `node${i}.db:9042`))).replicationFactor).toBe(factor);
  });
});

describe('managed RabbitMQ', () => {
  const objects = rabbitmqObjects(clusterFixture(), credentials);

  it('gets its credentials Secret, peer-discovery access, config, both Services, a PDB and a Parallel StatefulSet', () => {
    expect(kindsAndNames(objects)).toEqual([
      'Secret/desk-rabbitmq-credentials',
      'ServiceAccount/desk-rabbitmq',
      'Role/desk-rabbitmq',
      'RoleBinding/desk-rabbitmq',
      'ConfigMap/desk-rabbitmq-config',
      'Service/desk-rabbitmq-headless',
      'Service/desk-rabbitmq',
      'PodDisruptionBudget/desk-rabbitmq',
      'StatefulSet/desk-rabbitmq',
    ]);
    const statefulSet = find<V1StatefulSet>(objects, 'StatefulSet', 'desk-rabbitmq');
    expect(statefulSet.spec).toMatchObject({ replicas: 3, serviceName: 'desk-rabbitmq-headless', podManagementPolicy: 'Parallel' });
    expect(statefulSet.spec!.template.spec!.serviceAccountName).toBe('desk-rabbitmq');
    expect(containerOf(statefulSet).image).toBe('docker.io/library/rabbitmq:4.0.5');
    expect(find<V1PodDisruptionBudget>(objects, 'PodDisruptionBudget', 'desk-rabbitmq').spec!.maxUnavailable).toBe(1);
  });

  it("the Secret holds the caller's credentials; the ConfigMap holds none", () => {
    const secret = find<V1Secret>(objects, 'Secret', 'desk-rabbitmq-credentials');
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toEqual({ username: 'smartchat', password: 's3cret', 'erlang-cookie': 'COOKIECOOKIECOOKIE' });
    const config = JSON.stringify(find<V1ConfigMap>(objects, 'ConfigMap', 'desk-rabbitmq-config').data);
    expect(config).not.toMatch(/default_user|default_pass|s3cret|COOKIE/);
  });

  it('nodes find each other through the headless Service, by hostname, with the k8s and Prometheus plugins', () => {
    const data = find<V1ConfigMap>(objects, 'ConfigMap', 'desk-rabbitmq-config').data!;
    const conf = data['rabbitmq.conf']!.split('\n');
    expect(conf).toEqual(
      expect.arrayContaining([
        'cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s',
        'cluster_formation.k8s.host = kubernetes.default.svc',
        'cluster_formation.k8s.address_type = hostname',
        'cluster_formation.k8s.service_name = desk-rabbitmq-headless',
        'cluster_formation.k8s.hostname_suffix = .desk-rabbitmq-headless.shop.svc',
        'cluster_partition_handling = pause_minority',
      ]),
    );
    expect(data.enabled_plugins).toBe('[rabbitmq_peer_discovery_k8s,rabbitmq_prometheus].\n');
    expect(containerOf(find<V1StatefulSet>(objects, 'StatefulSet', 'desk-rabbitmq')).volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/rabbitmq', readOnly: true });
  });

  it('a cluster of fewer than 3 nodes heals partitions instead of pausing every node', () => {
    const data = find<V1ConfigMap>(rabbitmqObjects(clusterFixture({ spec: { rabbitmq: { managed: { replicas: 2 } } } }), credentials), 'ConfigMap', 'desk-rabbitmq-config').data!;
    expect(data['rabbitmq.conf']).toContain('cluster_partition_handling = autoheal');
  });

  it('each node is named rabbit@<pod>.<headless>.<namespace>.svc and reads its cookie and default user from the Secret', () => {
    const container = containerOf(find<V1StatefulSet>(objects, 'StatefulSet', 'desk-rabbitmq'));
    const names = container.env!.map((variable) => variable.name);
    expect(names.indexOf('POD_NAME')).toBeLessThan(names.indexOf('RABBITMQ_NODENAME'));
    expect(envValue(container, 'RABBITMQ_NODENAME')?.value).toBe('rabbit@$(POD_NAME).desk-rabbitmq-headless.shop.svc');
    expect(envValue(container, 'RABBITMQ_USE_LONGNAME')?.value).toBe('true');
    for (const [name, key] of [
      ['RABBITMQ_ERLANG_COOKIE', 'erlang-cookie'],
      ['RABBITMQ_DEFAULT_USER', 'username'],
      ['RABBITMQ_DEFAULT_PASS', 'password'],
    ]) {
      expect(envValue(container, name!)?.valueFrom).toEqual({ secretKeyRef: { name: 'desk-rabbitmq-credentials', key } });
    }
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/rabbitmq' });
  });

  it('may read the endpoints and write events, and nothing else, as its own ServiceAccount', () => {
    expect(find<V1Role>(objects, 'Role', 'desk-rabbitmq').rules).toEqual([
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create'] },
    ]);
    const binding = find<V1RoleBinding>(objects, 'RoleBinding', 'desk-rabbitmq');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'desk-rabbitmq' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'desk-rabbitmq', namespace: 'shop' }]);
  });

  it('the headless Service carries the clustering ports and publishes booting peers; the client Service AMQP and metrics', () => {
    const headless = find<V1Service>(objects, 'Service', 'desk-rabbitmq-headless');
    expect(headless.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(headless.spec!.ports!.map((port) => port.port)).toEqual([4369, 25672]);
    const client = find<V1Service>(objects, 'Service', 'desk-rabbitmq');
    expect(client.spec).not.toHaveProperty('clusterIP');
    expect(client.spec!.ports!.map((port) => [port.name, port.port])).toEqual([
      ['amqp', 5672],
      ['prometheus', 15692],
    ]);
  });

  it('is ready when its ports answer, and live while `status` answers, with room for a slow boot', () => {
    const container = containerOf(find<V1StatefulSet>(objects, 'StatefulSet', 'desk-rabbitmq'));
    expect(container.readinessProbe?.exec?.command).toEqual(['rabbitmq-diagnostics', '-q', 'check_port_connectivity']);
    expect(container.livenessProbe?.exec?.command).toEqual(['rabbitmq-diagnostics', '-q', 'status']);
    const liveness = container.livenessProbe!;
    expect(liveness.initialDelaySeconds! + liveness.periodSeconds! * liveness.failureThreshold!).toBeGreaterThan(300);
  });

  it('a memory limit tells RabbitMQ how much memory it has; without one nothing is claimed', () => {
    const limited = clusterFixture({ spec: { rabbitmq: { managed: { resources: { limits: { memory: '2Gi' } } } } } });
    const conf = (cluster: SmartchatCluster) => find<V1ConfigMap>(rabbitmqObjects(cluster, credentials), 'ConfigMap', 'desk-rabbitmq-config').data!['rabbitmq.conf']!;
    expect(conf(limited)).toContain(`total_memory_available_override_value = ${Math.floor(2 * 1024 ** 3 * 0.8)}`);
    expect(conf(clusterFixture())).not.toContain('total_memory_available_override_value');
  });

  it('a config change rolls the pods; the same config, or other credentials, do not', () => {
    const before = configHashOf(rabbitSet(clusterFixture()));
    expect(configHashOf(rabbitSet(clusterFixture()))).toBe(before);
    expect(configHashOf(find<V1StatefulSet>(rabbitmqObjects(clusterFixture(), { ...credentials, password: 'other' }), 'StatefulSet', 'desk-rabbitmq'))).toBe(before);
    expect(configHashOf(rabbitSet(clusterFixture({ spec: { rabbitmq: { managed: { replicas: 1 } } } })))).not.toBe(before);
  });
});

describe('RabbitMQ URL', () => {
  it('managed: the client Service in the default vhost', () => {
    expect(rabbitmqUrl(clusterFixture(), credentials)).toBe('amqp://smartchat:s3cret@desk-rabbitmq.shop.svc:5672/%2F');
  });

  it('the rabbitmq URL escapes special characters in the password', () => {
    const password = 'p@ss:w/rd#?%&+ é';
    const url = rabbitmqUrl(clusterFixture(), { username: 'us:er', password });
    expect(url).toBe('amqp://us%3Aer:p%40ss%3Aw%2Frd%23%3F%25%26%2B%20%C3%A9@desk-rabbitmq.shop.svc:5672/%2F');
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe(password);
    expect(decodeURIComponent(parsed.username)).toBe('us:er');
    expect(parsed.hostname).toBe('desk-rabbitmq.shop.svc');
  });

  it('external: only the first endpoint is used, in its vhost', () => {
    const cluster = clusterFixture({ spec: { rabbitmq: { managed: undefined, external: { endpoints: ['mq-1.example:5672', 'mq-2.example:5672'], vhost: 'support/eu' } } } });
    expect(rabbitmqObjects(cluster, credentials)).toEqual([]);
    expect(rabbitmqUrl(cluster, credentials)).toBe('amqp://smartchat:s3cret@mq-1.example:5672/support%2Feu');
  });

  it('external on port 5671 speaks TLS', () => {
    const cluster = clusterFixture({ spec: { rabbitmq: { managed: undefined, external: { endpoints: ['mq.example:5671'] } } } });
    expect(rabbitmqUrl(cluster, credentials)).toBe('amqps://smartchat:s3cret@mq.example:5671/%2F');
  });
});

describe('managed Redis', () => {
  it('a single Redis gets a headless and a client Service and a 1-replica StatefulSet, but no PDB', () => {
    const objects = redisObjects(clusterFixture(), redisCredentials);
    expect(kindsAndNames(objects)).toEqual(['Secret/desk-redis-credentials', 'Service/desk-redis-headless', 'Service/desk-redis', 'StatefulSet/desk-redis']);
    const statefulSet = find<V1StatefulSet>(objects, 'StatefulSet', 'desk-redis');
    expect(statefulSet.spec).toMatchObject({ replicas: 1, serviceName: 'desk-redis-headless' });
    expect(containerOf(statefulSet).image).toBe('docker.io/library/redis:7.4.2');
    expect(find<V1Service>(objects, 'Service', 'desk-redis-headless').spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
  });

  it('with replicas, the client Service names pod 0 only, and a PDB allows one pod down', () => {
    const objects = redisObjects(clusterFixture({ spec: { redis: { managed: { replicas: 3 } } } }), redisCredentials);
    expect(find<V1Service>(objects, 'Service', 'desk-redis').spec!.selector).toEqual({ ...selectorLabels(clusterFixture(), 'redis'), 'statefulset.kubernetes.io/pod-name': 'desk-redis-0' });
    expect(find<V1PodDisruptionBudget>(objects, 'PodDisruptionBudget', 'desk-redis').spec!.maxUnavailable).toBe(1);
  });

  it('keeps every job: append-only, and refuses writes rather than evicting keys when full', () => {
    const command = containerOf(redisSet(clusterFixture())).command!.join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).not.toContain('--maxmemory ');
    const limited = containerOf(redisSet(clusterFixture({ spec: { redis: { managed: { resources: { limits: { memory: '1Gi' } } } } } })));
    expect(limited.command!.join(' ')).toContain(`--maxmemory ${Math.floor(1024 ** 3 * 0.8)}`);
    expect(limited.resources).toEqual({ limits: { memory: '1Gi' } });
  });

  it('is ready when it answers PING, runs as the redis user on a read-only root filesystem', () => {
    const statefulSet = redisSet(clusterFixture());
    const container = containerOf(statefulSet);
    expect(container.readinessProbe?.exec?.command?.join(' ')).toContain('redis-cli -p 6379 ping');
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
  });

  // The start command is run for real by sh, against a stand-in redis-server that prints its arguments.
  it('pod 0 starts as the primary; every other pod replicates from pod 0 by its DNS name, with the password from the environment', () => {
    const command = containerOf(redisSet(clusterFixture({ spec: { redis: { managed: { replicas: 3 } } } }))).command!;
    const bin = mkdtempSync(join(tmpdir(), 'redis-start-'));
    try {
      writeFileSync(join(bin, 'redis-server'), '#!/bin/sh\necho "$@"\n');
      chmodSync(join(bin, 'redis-server'), 0o755);
      const password = "from-the-Secret 'quoted' $HOME";
      const start = (podName: string) => execFileSync(command[0]!, command.slice(1), { env: { PATH: `${bin}:/usr/bin:/bin`, POD_NAME: podName, REDIS_PASSWORD: password }, encoding: 'utf8' }).trim();
      expect(start('desk-redis-0')).not.toContain('--replicaof');
      expect(start('desk-redis-0')).toContain('--appendonly yes');
      expect(start('desk-redis-0')).toContain(`--requirepass ${password} --masterauth ${password}`);
      expect(start('desk-redis-2')).toMatch(/--replicaof desk-redis-0\.desk-redis-headless\.shop\.svc 6379$/);
      expect(start('desk-redis-2')).toContain(`--requirepass ${password} --masterauth ${password}`);
      expect(start('desk-redis-10')).toContain('--replicaof');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('the URL names the client Service, with the password alone (requirepass)', () => {
    expect(redisUrl(clusterFixture(), { username: '', password: 'pw/@' })).toBe('redis://:pw%2F%40@desk-redis.shop.svc:6379');
  });
});

describe('managed Redis requires its password', () => {
  const objects = redisObjects(clusterFixture(), redisCredentials);
  const statefulSet = find<V1StatefulSet>(objects, 'StatefulSet', 'desk-redis');
  const container = containerOf(statefulSet);

  it('the password is in the Secret desk-redis-credentials and nowhere else', () => {
    expect(find<V1Secret>(objects, 'Secret', 'desk-redis-credentials')).toMatchObject({ type: 'Opaque', stringData: { password: redisCredentials.password } });
    for (const object of objects.filter((item) => item.kind !== 'Secret')) expect(JSON.stringify(object), kindsAndNames([object])[0]).not.toContain(redisCredentials.password);
  });

  it('the server requires it (requirepass, masterauth for replicas), read from the Secret, and the readiness probe authenticates', () => {
    expect(container.command!.join(' ')).toContain('--requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD"');
    for (const name of ['REDIS_PASSWORD', 'REDISCLI_AUTH']) {
      expect(envValue(container, name)).toEqual({ name, valueFrom: { secretKeyRef: { name: 'desk-redis-credentials', key: 'password' } } });
    }
    expect(container.readinessProbe?.exec?.command?.join(' ')).toContain('redis-cli -p 6379 ping');
  });

  it('a changed password rolls the Redis pods; the same password does not', () => {
    const before = configHashOf(statefulSet);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(configHashOf(redisSet(clusterFixture()))).toBe(before);
    expect(configHashOf(find<V1StatefulSet>(redisObjects(clusterFixture(), { password: 'rotated' }), 'StatefulSet', 'desk-redis'))).not.toBe(before);
  });
});

describe('external Redis', () => {
  const cluster = clusterFixture({ spec: { redis: { managed: undefined, external: { endpoints: ['cache.example:6380', 'cache-2.example:6380'] } } } });

  it('an external Redis produces no objects and its URL names the endpoint', () => {
    expect(redisObjects(cluster, redisCredentials)).toEqual([]);
    expect(redisUrl(cluster)).toBe('redis://cache.example:6380');
  });

  it('credentials are escaped into the URL; an empty username leaves only the password', () => {
    expect(redisUrl(cluster, { username: 'app', password: 'a/b@c' })).toBe('redis://app:a%2Fb%40c@cache.example:6380');
    expect(redisUrl(cluster, { username: '', password: 'pw' })).toBe('redis://:pw@cache.example:6380');
  });
});

describe('resource quantities', () => {
  it.each([
    ['2', 2],
    [3, 3],
    ['500m', 0.5],
    ['3000m', 3],
    ['1.5', 1.5],
    ['4Gi', 4 * 1024 ** 3],
    ['512Mi', 512 * 1024 ** 2],
    ['8G', 8e9],
    ['1e3', 1000],
    ['lots', undefined],
    [undefined, undefined],
  ] as const)('%s is %s', (quantity, value) => {
    expect(quantityValue(quantity)).toBe(value);
  });
});
