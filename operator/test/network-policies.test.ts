// The NetworkPolicies of a cluster: which pods each one fences, and who each rule admits to which
// port, worked out with the NetworkPolicy semantics against the labels of the pods the operator
// really creates (Deployments, StatefulSets, Jobs), of this cluster, of another cluster in the same
// namespace, of a stranger and of a Prometheus in the namespace monitoring. Then the API server's
// own validation, which also shows the rules survive the client library's serialization.
import type { KubernetesObject, V1Deployment, V1Job, V1LabelSelector, V1NetworkPolicy, V1NetworkPolicyEgressRule, V1NetworkPolicyPeer, V1StatefulSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPeer, SmartchatCluster } from '../src/api/types.js';
import { appObjects } from '../src/desired/app.js';
import { bootstrapAdminJob } from '../src/desired/bootstrap-admin.js';
import { mailObjects } from '../src/desired/mail.js';
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
  const objects: KubernetesObject[] = [...appObjects(cluster, 'hash'), ...mailObjects(cluster, 'hash'), ...storeObjects(cluster, credentials), migrationJob(cluster, 'hash'), bootstrapAdminJob(cluster, 'admin'), scyllaAuthJob(cluster, cluster.spec.scylla.managed!, scylla)];
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
function admitted(policy: V1NetworkPolicy, port: number, population: Pod[] = pods): string[] {
  const namespace = policy.metadata!.namespace!;
  return population
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
    // The stats pods' search indexer reads messages.
    ['desk-scylla', 9042, [...appClients, 'desk/stats', 'desk/scylla-auth']],
    ['desk-scylla', 7000, ['desk/scylla']],
    ['desk-scylla', 9180, ['prometheus']],
    ['desk-rabbitmq', 5672, appClients],
    ['desk-rabbitmq', 4369, ['desk/rabbitmq']],
    ['desk-rabbitmq', 25672, ['desk/rabbitmq']],
    ['desk-rabbitmq', 15692, ['prometheus']],
    // The stats pods run the reports' BullMQ queue (and read messages from ScyllaDB for search).
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

describe('the mail pods (spec.mail)', () => {
  // What the reconciler resolved from the PostgreSQL and Kafka Secrets: only their ports matter here.
  const connections = { postgresUrl: 'postgres://smartchat:s3cret@pg.databases.svc:6432/smartchat', kafkaBrokers: 'kafka-0.kafka:9092,kafka-1.kafka:9093' };
  const withMail = (mail: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => clusterFixture({ spec: { keyringSecret: { name: 'keys', key: 'keys' }, mail: { enabled: true, ...mail }, ...spec } });
  const mailDesk = withMail();
  const population: Pod[] = [...podsOf(mailDesk), ...pods.filter((pod) => !pod.name.startsWith('desk/'))];
  const mailPolicies = networkPolicyObjects(mailDesk, connections);
  const mailPolicy = (list = mailPolicies) => {
    const found = list.find((item) => item.metadata.name === 'desk-mail');
    if (!found) throw new Error(`no NetworkPolicy desk-mail among ${list.map((item) => item.metadata.name).join(', ')}`);
    return found;
  };

  /** Whether the pods `policy` selects may open `protocol`/`port` to a pod or an IPv4 address outside the cluster's pods. */
  function egressAllows(policy: V1NetworkPolicy, target: { pod: Pod } | { address: string }, port: number, protocol = 'TCP'): boolean {
    if (!(policy.spec!.policyTypes ?? []).includes('Egress')) return true;
    const peerMatches = (peer: V1NetworkPolicyPeer) => ('pod' in target ? !peer.ipBlock && peerAdmits(peer, policy.metadata!.namespace!, target.pod) : peer.ipBlock !== undefined && inBlock(target.address, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr) => inBlock(target.address, cidr)));
    return (policy.spec!.egress ?? []).some((rule: V1NetworkPolicyEgressRule) => (rule.ports ?? []).some((item) => item.port === port && (item.protocol ?? 'TCP') === protocol) && (rule.to === undefined || rule.to.some(peerMatches)));
  }
  function inBlock(address: string, cidr: string): boolean {
    const toNumber = (ip: string) => ip.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
    const [base, bits] = cidr.split('/') as [string, string];
    const size = 2 ** (32 - Number(bits));
    return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
  }
  const pod = (name: string) => ({ pod: population.find((item) => item.name === name)! });

  it('fence the mail pods, in and out; every other policy stays ingress only', () => {
    expect(mailPolicies.map((item) => item.metadata.name)).toEqual(['desk-scylla', 'desk-rabbitmq', 'desk-redis', 'desk-chat', 'desk-balancer', 'desk-stats', 'desk-mail']);
    const item = mailPolicy();
    expect(item.metadata).toMatchObject({ namespace: 'shop', labels: { 'smartchat.io/cluster': 'desk', 'app.kubernetes.io/component': 'mail' }, ownerReferences: [{ kind: 'SmartchatCluster', uid: FIXTURE_UID, controller: true }] });
    expect(population.filter((candidate) => candidate.namespace === 'shop' && selects(item.spec!.podSelector!, candidate.labels)).map((candidate) => candidate.name)).toEqual(['desk/mail']);
    expect(item.spec!.policyTypes).toEqual(['Ingress', 'Egress']);
    for (const other of mailPolicies.filter((candidate) => candidate !== item)) expect(other.spec!.policyTypes, other.metadata.name).toEqual(['Ingress']);
  });

  it.each([
    // By default the SMTP listener admits only the pods of the cluster's namespace: a relay elsewhere must be named.
    ['desk-mail', 2525, population.filter((candidate) => candidate.namespace === 'shop').map((candidate) => candidate.name)],
    ['desk-mail', 8081, ['prometheus']],
    ['desk-mail', 25, []],
    // The mail pods use every store.
    ['desk-scylla', 9042, [...appClients, 'desk/mail', 'desk/stats', 'desk/scylla-auth']],
    ['desk-rabbitmq', 5672, [...appClients, 'desk/mail']],
    ['desk-redis', 6379, [...appClients, 'desk/mail', 'desk/stats', 'desk/redis']],
    ['desk-chat', 8081, ['prometheus']],
  ] as const)('%s: port %i admits %j', (name, port, expected) => {
    const item = mailPolicies.find((candidate) => candidate.metadata.name === name)!;
    expect(admitted(item, port, population).sort()).toEqual([...expected].sort());
  });

  it('spec.mail.smtp.allowedFrom replaces the namespace: only the named relays reach the listener', () => {
    const allowedFrom: NetworkPeer[] = [{ ipBlock: { cidr: '203.0.113.25/32' } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mail-relay' } } }];
    const item = mailPolicy(networkPolicyObjects(withMail({ smtp: { allowedFrom, serviceType: 'LoadBalancer' } }), connections));
    expect(item.spec!.ingress![0]).toEqual({ _from: allowedFrom, ports: [{ protocol: 'TCP', port: 2525 }] });
    expect(admitted(item, 2525, population)).toEqual([]);
  });

  it('the listener off: no SMTP rule at all', () => {
    const item = mailPolicy(networkPolicyObjects(withMail({ smtp: { enabled: false } }), connections));
    expect((item.spec!.ingress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port))).toEqual([8081]);
  });

  it('egress: DNS, the managed stores\' pods, the PostgreSQL and Kafka ports, and the remote mail ports to spec.mail.egress.cidrs; nothing else', () => {
    const item = mailPolicy();
    const store = (component: string, port: number) => ({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'smartchat', 'app.kubernetes.io/instance': 'desk', 'app.kubernetes.io/component': component } } }], ports: [{ protocol: 'TCP', port }] });
    expect(item.spec!.egress).toEqual([
      { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      store('scylla', 9042),
      store('rabbitmq', 5672),
      store('redis', 6379),
      { ports: [{ protocol: 'TCP', port: 6432 }, { protocol: 'TCP', port: 9092 }, { protocol: 'TCP', port: 9093 }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [25, 143, 465, 587, 993].map((port) => ({ protocol: 'TCP', port })) },
    ]);
    // What that means for a few destinations.
    expect({
      'DNS over UDP': egressAllows(item, { address: '10.96.0.10' }, 53, 'UDP'),
      'a remote IMAP server (993)': egressAllows(item, { address: '198.51.100.7' }, 993),
      'a remote SMTP server (587)': egressAllows(item, { address: '198.51.100.8' }, 587),
      'PostgreSQL on its port': egressAllows(item, { address: '10.1.2.3' }, 6432),
      'Kafka on its ports': egressAllows(item, { address: '10.1.2.4' }, 9093),
      'Scylla of this cluster': egressAllows(item, pod('desk/scylla'), 9042),
      'Redis of this cluster': egressAllows(item, pod('desk/redis'), 6379),
      "another cluster's Redis": egressAllows(item, pod('help/redis'), 6379),
      "chat's public API": egressAllows(item, pod('desk/chat'), 8080),
      'a pod of the namespace on 8080': egressAllows(item, pod('stranger'), 8080),
      'the cloud metadata service': egressAllows(item, { address: '169.254.169.254' }, 80),
      'a web server': egressAllows(item, { address: '198.51.100.7' }, 443),
      'PostgreSQL on another port': egressAllows(item, { address: '10.1.2.3' }, 5432),
    }).toEqual({
      'DNS over UDP': true,
      'a remote IMAP server (993)': true,
      'a remote SMTP server (587)': true,
      'PostgreSQL on its port': true,
      'Kafka on its ports': true,
      'Scylla of this cluster': true,
      'Redis of this cluster': true,
      "another cluster's Redis": false,
      "chat's public API": false,
      'a pod of the namespace on 8080': false,
      'the cloud metadata service': false,
      'a web server': false,
      'PostgreSQL on another port': false,
    });
  });

  it('external stores are reached on their endpoints\' ports; a PostgreSQL URL without a port means 5432', () => {
    const external = withMail({}, { scylla: { managed: undefined, external: { endpoints: ['cql-1.example:19042', 'cql-2.example:19042'] } }, rabbitmq: { managed: undefined, external: { endpoints: ['mq.example:5671'] } }, redis: { managed: undefined, external: { endpoints: ['cache.example:6380'] } } });
    const item = mailPolicy(networkPolicyObjects(external, { postgresUrl: 'postgres://smartchat:s3cret@pg.example/smartchat', kafkaBrokers: 'kafka.example:9092' }));
    expect(item.spec!.egress).toEqual([
      { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      { ports: [5432, 5671, 6380, 9092, 19042].map((port) => ({ protocol: 'TCP', port })) },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [25, 143, 465, 587, 993].map((port) => ({ protocol: 'TCP', port })) },
    ]);
  });

  it('the remote mail servers\' addresses and ports come from spec.mail.egress', () => {
    const item = mailPolicy(networkPolicyObjects(withMail({ egress: { cidrs: ['198.51.100.0/24', '2001:db8::/32'], ports: [993, 465, 2525] } }), connections));
    expect(item.spec!.egress!.at(-1)).toEqual({ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }, { ipBlock: { cidr: '2001:db8::/32' } }], ports: [993, 465, 2525].map((port) => ({ protocol: 'TCP', port })) });
    expect(egressAllows(item, { address: '198.51.100.7' }, 2525)).toBe(true);
    expect(egressAllows(item, { address: '192.0.2.7' }, 993)).toBe(false);
  });

  it('egress left open with restricted false; without the resolved connections a restricted policy is not written at all', () => {
    const open = mailPolicy(networkPolicyObjects(withMail({ egress: { restricted: false } })));
    expect(open.spec!.policyTypes).toEqual(['Ingress']);
    expect(open.spec).not.toHaveProperty('egress');
    expect(networkPolicyObjects(mailDesk).map((item) => item.metadata.name)).not.toContain('desk-mail');
  });

  it('mail off: no mail policy, and no store admits mail pods', () => {
    const off = networkPolicyObjects(clusterFixture({ spec: { keyringSecret: { name: 'keys', key: 'keys' } } }), connections);
    expect(off.map((item) => item.metadata.name)).not.toContain('desk-mail');
    expect(JSON.stringify(off)).not.toContain('"mail"');
  });
});

describe('the mail policy on the API server', () => {
  let kube: KubeClients;
  let namespace: string;
  beforeAll(async () => {
    kube = testKube();
    namespace = await createNamespace(kube, 'op-netpol-mail');
  });
  afterAll(async () => {
    await kube?.core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('is valid, ingress and egress arrive whole', async () => {
    const cluster = clusterFixture({ spec: { keyringSecret: { name: 'keys', key: 'keys' }, mail: { enabled: true, smtp: { allowedFrom: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] }, egress: { cidrs: ['0.0.0.0/0', '::/0'] } } } });
    cluster.metadata.namespace = namespace;
    const item = networkPolicyObjects(cluster, { postgresUrl: 'postgres://a:b@pg:5432/x', kafkaBrokers: 'kafka:9092' }).find((candidate) => candidate.metadata.name === 'desk-mail')!;
    const created = (await kube.objects.create({ ...item, metadata: { ...item.metadata, ownerReferences: [] } }, undefined, 'All')) as V1NetworkPolicy;
    expect(created.spec).toEqual(item.spec);
    expect(created.spec!.egress!.length).toBe(6);
  });
});
