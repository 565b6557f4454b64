// The NetworkPolicies of a cluster: which pods each one fences, and who each rule admits to which
// port, worked out with the NetworkPolicy semantics against the labels of the pods the operator
// really creates (Deployments, StatefulSets, Jobs), of this cluster, of another cluster in the same
// namespace, of a stranger and of a Prometheus in the namespace monitoring. Then the API server's
// own validation, which also shows the rules survive the client library's serialization.
import type { KubernetesObject, V1Deployment, V1Job, V1LabelSelector, V1NetworkPolicy, V1NetworkPolicyPeer, V1StatefulSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPeer, SmartchatCluster } from '../src/api/types.js';
import { appObjects } from '../src/desired/app.js';
import { bootstrapAdminJob } from '../src/desired/bootstrap-admin.js';
import { migrationJob } from '../src/desired/migrations.js';
import { networkPolicyObjects } from '../src/desired/network-policies.js';
import { scyllaAuthJob, storeObjects } from '../src/desired/stores/index.js';
import type { KubeClients } from '../src/runtime/kube.js';
import { FIXTURE_UID, clusterFixture } from './fixtures.js';
import { createNamespace, testKube } from './support/kube.js';

interface Pod {
  name: string;
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
}

const scylla = { username: 'smartchat', password: 'p', superuserName: 'smartchat_admin', superuserPassword: 's', superuserSaltedPassword: 'h' };
const credentials = { scylla, rabbitmq: { username: 'smartchat', password: 'p', erlangCookie: 'c' }, redis: { password: 'p' } };

/** The pods the operator creates for a cluster, by component, with their template labels. */
function podsOf(cluster: SmartchatCluster): Pod[] {
  const objects: KubernetesObject[] = [...appObjects(cluster, 'hash'), ...storeObjects(cluster, credentials), migrationJob(cluster, 'hash'), bootstrapAdminJob(cluster, 'admin'), scyllaAuthJob(cluster, cluster.spec.scylla.managed!, scylla)];
  const namespace = cluster.metadata.namespace;
  return objects
    .filter((object): object is V1Deployment | V1StatefulSet | V1Job => ['Deployment', 'StatefulSet', 'Job'].includes(object.kind!))
    .map((workload) => ({ name: `${cluster.metadata.name}/${workload.spec!.template.metadata!.labels!['app.kubernetes.io/component']}`, namespace, namespaceLabels: { 'kubernetes.io/metadata.name': namespace }, labels: workload.spec!.template.metadata!.labels! }));
}

const desk = clusterFixture();
const pods: Pod[] = [
  ...podsOf(desk),
  ...podsOf(clusterFixture({ metadata: { name: 'help' } })),
  { name: 'stranger', namespace: 'shop', namespaceLabels: { 'kubernetes.io/metadata.name': 'shop' }, labels: { app: 'curious' } },
  { name: 'elsewhere/desk-chat-lookalike', namespace: 'other', namespaceLabels: { 'kubernetes.io/metadata.name': 'other' }, labels: podsOf(desk).find((pod) => pod.name === 'desk/chat')!.labels },
  { name: 'prometheus', namespace: 'monitoring', namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, labels: { 'app.kubernetes.io/name': 'prometheus' } },
];

function selects(selector: V1LabelSelector, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((expression) => {
    const value = labels[expression.key];
    if (expression.operator === 'In') return value !== undefined && (expression.values ?? []).includes(value);
    if (expression.operator === 'NotIn') return value === undefined || !(expression.values ?? []).includes(value);
    if (expression.operator === 'Exists') return value !== undefined;
    if (expression.operator === 'DoesNotExist') return value === undefined;
    throw new Error(`unknown operator ${expression.operator}`);
  });
  return byLabels && byExpressions;
}

/** NetworkPolicy peer semantics (an ipBlock matches no pod here: the pods have no addresses). */
function peerAdmits(peer: V1NetworkPolicyPeer, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, pod.namespaceLabels) : pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selects(peer.podSelector, pod.labels) : true;
  return namespaceOk && podOk;
}

/** The pods that may connect to `port` of the pods `policy` selects. */
function admitted(policy: V1NetworkPolicy, port: number): string[] {
  const namespace = policy.metadata!.namespace!;
  return pods
    .filter((pod) => (policy.spec!.ingress ?? []).some((rule) => (rule.ports ?? []).some((item) => item.port === port) && (rule._from === undefined || rule._from.some((peer) => peerAdmits(peer, namespace, pod)))))
    .map((pod) => pod.name);
}

const policies = networkPolicyObjects(desk);
const policy = (name: string) => {
  const found = policies.find((item) => item.metadata.name === name);
  if (!found) throw new Error(`no NetworkPolicy ${name} among ${policies.map((item) => item.metadata.name).join(', ')}`);
  return found;
};
const appClients = ['desk/chat', 'desk/balancer', 'desk/migrations', 'desk/bootstrap-admin'];

describe('the NetworkPolicies of a cluster with managed stores', () => {
  it('fence each store, chat, the balancer and the stats pods: ingress only, egress left alone, owned by the cluster', () => {
    expect(policies.map((item) => `${item.kind}/${item.metadata.name}`)).toEqual(['NetworkPolicy/desk-scylla', 'NetworkPolicy/desk-rabbitmq', 'NetworkPolicy/desk-redis', 'NetworkPolicy/desk-chat', 'NetworkPolicy/desk-balancer', 'NetworkPolicy/desk-stats']);
    for (const item of policies) {
      expect(item.apiVersion).toBe('networking.k8s.io/v1');
      expect(item.metadata).toMatchObject({ namespace: 'shop', labels: { 'smartchat.io/cluster': 'desk', 'app.kubernetes.io/managed-by': 'smartchat-operator' }, ownerReferences: [{ kind: 'SmartchatCluster', name: 'desk', uid: FIXTURE_UID, controller: true }] });
      expect(item.spec!.policyTypes).toEqual(['Ingress']);
    }
  });

  it.each([
    ['desk-scylla', ['desk/scylla']],
    ['desk-rabbitmq', ['desk/rabbitmq']],
    ['desk-redis', ['desk/redis']],
    ['desk-chat', ['desk/chat']],
    ['desk-balancer', ['desk/balancer']],
    ['desk-stats', ['desk/stats']],
  ])('%s applies to exactly %s', (name, fenced) => {
    const item = policy(name);
    expect(pods.filter((pod) => pod.namespace === 'shop' && selects(item.spec!.podSelector!, pod.labels)).map((pod) => pod.name)).toEqual(fenced);
  });

  it.each([
    ['desk-scylla', 9042, [...appClients, 'desk/scylla-auth']],
    ['desk-scylla', 7000, ['desk/scylla']],
    ['desk-scylla', 9180, ['prometheus']],
    ['desk-rabbitmq', 5672, appClients],
    ['desk-rabbitmq', 4369, ['desk/rabbitmq']],
    ['desk-rabbitmq', 25672, ['desk/rabbitmq']],
    ['desk-rabbitmq', 15692, ['prometheus']],
    // The stats pods run the reports' BullMQ queue; they use no other store of the cluster.
    ['desk-redis', 6379, [...appClients, 'desk/stats', 'desk/redis']],
    ['desk-chat', 8080, pods.map((pod) => pod.name)],
    ['desk-chat', 8081, ['prometheus']],
    ['desk-balancer', 8081, ['prometheus']],
    ['desk-balancer', 8080, []],
    ['desk-stats', 8081, ['prometheus']],
    ['desk-redis', 9042, []],
  ] as const)('%s: port %i admits %j', (name, port, expected) => {
    expect(admitted(policy(name), port).sort()).toEqual([...expected].sort());
  });

  it('no other port is opened, and no rule but chat\'s public one admits everyone', () => {
    const opened = policies.map((item) => [item.metadata.name, (item.spec!.ingress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => Number(port.port))).sort((a, b) => a - b)]);
    expect(Object.fromEntries(opened)).toEqual({ 'desk-scylla': [7000, 9042, 9180], 'desk-rabbitmq': [4369, 5672, 15692, 25672], 'desk-redis': [6379], 'desk-chat': [8080, 8081], 'desk-balancer': [8081], 'desk-stats': [8081] });
    const open = policies.flatMap((item) => (item.spec!.ingress ?? []).filter((rule) => rule._from === undefined).map((rule) => `${item.metadata.name}:${rule.ports!.map((port) => port.port).join(',')}`));
    expect(open).toEqual(['desk-chat:8080']);
  });
});

describe('settings', () => {
  it('spec.networkPolicies.enabled false: none at all', () => {
    expect(networkPolicyObjects(clusterFixture({ spec: { networkPolicies: { enabled: false } } }))).toEqual([]);
  });

  it('external stores get no policy; chat, the balancer and the stats pods still do', () => {
    const external = clusterFixture({ spec: { scylla: { managed: undefined, external: { endpoints: ['cql.example:9042'] } }, rabbitmq: { managed: undefined, external: { endpoints: ['mq.example:5672'] } }, redis: { managed: undefined, external: { endpoints: ['cache.example:6379'] } } } });
    expect(networkPolicyObjects(external).map((item) => item.metadata.name)).toEqual(['desk-chat', 'desk-balancer', 'desk-stats']);
  });

  it('stats off: no stats policy, and Redis admits no stats pod', () => {
    const off = networkPolicyObjects(clusterFixture({ spec: { stats: { enabled: false } } }));
    expect(off.map((item) => item.metadata.name)).toEqual(['desk-scylla', 'desk-rabbitmq', 'desk-redis', 'desk-chat', 'desk-balancer']);
    const redis = off.find((item) => item.metadata.name === 'desk-redis')!;
    expect(JSON.stringify(redis.spec!.ingress)).not.toContain('"stats"');
  });

  it('an empty metricsFrom admits nobody to the metrics ports: the rules are left out, never written without peers', () => {
    const closed = networkPolicyObjects(clusterFixture({ spec: { networkPolicies: { metricsFrom: [] } } }));
    const ports = (name: string) => (closed.find((item) => item.metadata.name === name)!.spec!.ingress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port));
    expect(ports('desk-chat')).toEqual([8080]);
    expect(ports('desk-balancer')).toEqual([]);
    expect(ports('desk-scylla')).toEqual([9042, 7000]);
    expect(ports('desk-rabbitmq')).toEqual([5672, 4369, 25672]);
    for (const item of closed) for (const rule of item.spec!.ingress ?? []) if (rule._from !== undefined) expect(rule._from.length).toBeGreaterThan(0);
  });

  it('metricsFrom is used as given: pods by label in a namespace by label, or an address block', () => {
    const metricsFrom: NetworkPeer[] = [
      { namespaceSelector: { matchLabels: { team: 'observability' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } },
      { ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.1.0/24'] } },
    ];
    const chat = networkPolicyObjects(clusterFixture({ spec: { networkPolicies: { metricsFrom } } })).find((item) => item.metadata.name === 'desk-chat')!;
    expect(chat.spec!.ingress![1]).toEqual({ _from: metricsFrom, ports: [{ protocol: 'TCP', port: 8081 }] });
  });
});

describe('on the API server', () => {
  let kube: KubeClients;
  let namespace: string;
  beforeAll(async () => {
    kube = testKube();
    namespace = await createNamespace(kube, 'op-netpol');
  });
  afterAll(async () => {
    await kube?.core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('every policy is valid, and its rules arrive whole (the library writes `_from` as `from`)', async () => {
    const cluster = clusterFixture({ metadata: { namespace: 'placeholder' } });
    cluster.metadata.namespace = namespace;
    for (const item of networkPolicyObjects(cluster)) {
      // No owner to point at here: the cluster object does not exist in this namespace.
      const created = (await kube.objects.create({ ...item, metadata: { ...item.metadata, ownerReferences: [] } }, undefined, 'All')) as V1NetworkPolicy;
      expect(created.spec, item.metadata.name).toEqual({ ...item.spec, ingress: item.spec!.ingress });
      expect(created.spec!.ingress!.filter((rule) => rule._from === undefined).length, item.metadata.name).toBe(item.metadata.name === 'desk-chat' ? 1 : 0);
    }
  });
});
