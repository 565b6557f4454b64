import { execFileSync } from 'node:child_process';
import type { KubernetesObject, V1Container, V1Deployment, V1Job, V1LabelSelector, V1PersistentVolumeClaim, V1PodSpec, V1Service } from '@kubernetes/client-node';
import { infraConfigSchema, loadConfig } from '@smartchat/platform/config';
import { describe, expect, it } from 'vitest';
import { enabledMail, type AppRole, type ChatSettings, type SmartchatCluster } from '../src/api/types.js';
import { queryScalar } from '../src/autoscale/prometheus.js';
import { appObjects } from '../src/desired/app.js';
import { statsRoleConfigSchema } from '@smartchat/stats';
import { appConfig, defaultStatsUrl, hashOf, type Connections } from '../src/desired/config.js';
import { MAIL_COMMAND, mailEnv, mailObjects } from '../src/desired/mail.js';
import { ANNOTATION_CONFIG_HASH, ANNOTATION_KEYRING_HASH, LABEL_CLUSTER, LABEL_COMPONENT } from '../src/desired/meta.js';
import { bootstrapAdminJob } from '../src/desired/bootstrap-admin.js';
import { migrationJob } from '../src/desired/migrations.js';
import { monitoringObjects } from '../src/desired/monitoring.js';
import { scyllaConnection } from '../src/desired/stores/index.js';
import { FIXTURE_UID, clusterFixture } from './fixtures.js';
import { repoRoot } from './support/kube.js';

// Recognisable secrets: none of them may appear outside the Secret.
const PG_PASSWORD = 'pg-Pa55word';
const RABBIT_PASSWORD = 'mq-Pa55word';
const SESSION_SECRET = 'session-secret-0123456789abcdef0123456789';
const CUSTOMER_TOKEN_SECRET = 'customer-token-secret-0123456789abcdef';
const SCYLLA_PASSWORD = 'cql-Pa55word';
const STATS_READER_PASSWORD = 'reader-Pa55word-0123456789';

function connectionsOf(cluster: SmartchatCluster, overrides: Partial<Connections> = {}): Connections {
  return {
    postgresUrl: `postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat`,
    kafkaBrokers: 'kafka-0.kafka.shop.svc:9092,kafka-1.kafka.shop.svc:9092',
    redisUrl: 'redis://desk-redis.shop.svc:6379',
    rabbitmqUrl: `amqp://smartchat:${RABBIT_PASSWORD}@desk-rabbitmq.shop.svc:5672/%2F`,
    scylla: scyllaConnection(cluster),
    sessionSecret: SESSION_SECRET,
    customerTokenSecret: CUSTOMER_TOKEN_SECRET,
    ...(cluster.spec.stats.enabled ? { stats: { url: `postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat_stats`, readerPassword: STATS_READER_PASSWORD } } : {}),
    ...overrides,
  };
}

/** Everything the operator desires for the apps of a cluster, as the reconciler builds it. */
function desiredApps(cluster = clusterFixture(), overrides: Partial<Connections> = {}) {
  const connections = connectionsOf(cluster, overrides);
  const config = appConfig(cluster, connections);
  const apps = [...appObjects(cluster, config.hash, connections.keyringHash), ...mailObjects(cluster, config.hash, connections.keyringHash)];
  return { config, apps, job: migrationJob(cluster, config.hash), monitoring: monitoringObjects(cluster) };
}

function find<T extends KubernetesObject>(objects: KubernetesObject[], kind: string, name: string): T {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((object) => `${object.kind}/${object.metadata?.name}`).join(', ')}`);
  return found as T;
}
const deployment = (cluster: SmartchatCluster, component: AppRole, overrides: Partial<Connections> = {}) =>
  find<V1Deployment>(desiredApps(cluster, overrides).apps, 'Deployment', `${cluster.metadata.name}-${component}`);
const podOf = (workload: V1Deployment | V1Job): V1PodSpec => workload.spec!.template.spec!;
const containerOf = (workload: V1Deployment | V1Job): V1Container => podOf(workload).containers[0]!;
const configHashOf = (workload: V1Deployment) => workload.spec!.template.metadata!.annotations?.[ANNOTATION_CONFIG_HASH];

/** What `kubectl get -l` would do with a label selector. */
function selects(selector: V1LabelSelector, labels: Record<string, string> = {}): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((expression) => {
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        return value !== undefined && (expression.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(expression.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${expression.operator}`);
    }
  });
  return byLabels && byExpressions;
}

describe('every object the operator desires for chat, balancer, settings, migrations and monitoring', () => {
  const { config, apps, job, monitoring } = desiredApps();
  const everything: KubernetesObject[] = [config.configMap, config.secret, ...apps, job, ...monitoring];

  it('is complete: the settings, the attachments volume, a Deployment, Service and disruption budget per app, the migration Job and the monitoring', () => {
    expect(everything.map((object) => `${object.kind}/${object.metadata?.name}`)).toEqual([
      'ConfigMap/desk-config',
      'Secret/desk-connections',
      'PersistentVolumeClaim/desk-attachments',
      'Deployment/desk-chat',
      'Service/desk-chat',
      'PodDisruptionBudget/desk-chat',
      'Deployment/desk-balancer',
      'Service/desk-balancer',
      'PodDisruptionBudget/desk-balancer',
      'Deployment/desk-stats',
      'Service/desk-stats',
      'PodDisruptionBudget/desk-stats',
      `Job/${job.metadata.name}`,
      'ServiceMonitor/desk',
      'PrometheusRule/desk',
    ]);
  });

  it('has apiVersion and kind, lives in the cluster namespace, is owned by the cluster and carries its labels', () => {
    for (const object of everything) {
      const what = `${object.kind}/${object.metadata?.name}`;
      expect(object.apiVersion, what).toMatch(/^(v1|apps\/v1|batch\/v1|policy\/v1|monitoring\.coreos\.com\/v1)$/);
      expect(object.kind, what).toBeTruthy();
      expect(object.metadata?.namespace, what).toBe('shop');
      expect(object.metadata?.ownerReferences, what).toEqual([{ apiVersion: 'smartchat.io/v1alpha1', kind: 'SmartchatCluster', name: 'desk', uid: FIXTURE_UID, controller: true, blockOwnerDeletion: true }]);
      expect(object.metadata?.labels, what).toMatchObject({
        [LABEL_CLUSTER]: 'desk',
        'app.kubernetes.io/instance': 'desk',
        'app.kubernetes.io/managed-by': 'smartchat-operator',
        [LABEL_COMPONENT]: expect.any(String),
      });
      expect(object, what).not.toHaveProperty('status');
    }
  });

  it('comes out the same on every call, so re-applying changes nothing', () => {
    const again = desiredApps();
    expect(JSON.stringify([again.config.configMap, again.config.secret, ...again.apps, again.job, ...again.monitoring])).toBe(JSON.stringify(everything));
  });

  it('fits the Kubernetes limits of 63 characters for names and label values with the longest cluster name the CRD allows (40)', () => {
    const longest = clusterFixture({ metadata: { name: 'a'.repeat(40) } });
    const { config: longConfig, apps: longApps, job: longJob, monitoring: longMonitoring } = desiredApps(longest);
    for (const object of [longConfig.configMap, longConfig.secret, ...longApps, longJob, ...longMonitoring] as KubernetesObject[]) {
      expect(object.metadata!.name!.length, object.metadata!.name).toBeLessThanOrEqual(63);
      for (const value of Object.values(object.metadata!.labels ?? {})) expect(value.length).toBeLessThanOrEqual(63);
    }
  });

  it('has no name twice for the same kind', () => {
    const keys = everything.map((object) => `${object.kind}/${object.metadata?.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('connection settings', () => {
  it('the Secret holds the URLs and signing secrets; the ConfigMap holds only plain settings', () => {
    const { configMap, secret } = desiredApps().config;
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toEqual({
      SMARTCHAT_PG_URL: `postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat`,
      SMARTCHAT_STATS_PG_URL: `postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat_stats`,
      SMARTCHAT_KAFKA_BROKERS: 'kafka-0.kafka.shop.svc:9092,kafka-1.kafka.shop.svc:9092',
      SMARTCHAT_REDIS_URL: 'redis://desk-redis.shop.svc:6379',
      SMARTCHAT_RABBITMQ_URL: `amqp://smartchat:${RABBIT_PASSWORD}@desk-rabbitmq.shop.svc:5672/%2F`,
      SMARTCHAT_SESSION_SECRET: SESSION_SECRET,
      SMARTCHAT_CUSTOMER_TOKEN_SECRET: CUSTOMER_TOKEN_SECRET,
    });
    expect(configMap.data).toEqual({
      SMARTCHAT_CASSANDRA_CONTACT_POINTS: 'desk-scylla-0.desk-scylla.shop.svc:9042,desk-scylla-1.desk-scylla.shop.svc:9042,desk-scylla-2.desk-scylla.shop.svc:9042',
      SMARTCHAT_CASSANDRA_LOCAL_DC: 'datacenter1',
      SMARTCHAT_CASSANDRA_KEYSPACE: 'smartchat',
      SMARTCHAT_CASSANDRA_REPLICATION_FACTOR: '3',
      SMARTCHAT_HTTP_HOST: '0.0.0.0',
      SMARTCHAT_BLOB_DIR: '/var/lib/smartchat/blobs',
      SMARTCHAT_LOG_LEVEL: 'info',
    });
  });

  it('no secret ends up in the ConfigMap, even with external Scylla credentials', () => {
    const cluster = clusterFixture({ spec: { scylla: { managed: undefined, external: { endpoints: ['cql.example:9042'], credentialsSecret: { name: 'cql' } } } } });
    const { configMap } = appConfig(cluster, connectionsOf(cluster, { scylla: { ...scyllaConnection(cluster), credentials: { username: 'smartchat', password: SCYLLA_PASSWORD } } }));
    const visible = JSON.stringify(configMap);
    for (const secret of [PG_PASSWORD, RABBIT_PASSWORD, SESSION_SECRET, CUSTOMER_TOKEN_SECRET, SCYLLA_PASSWORD]) expect(visible).not.toContain(secret);
  });

  it.each([
    ['without credentials for an external Scylla, no login variables are set', undefined, undefined],
    ['with credentials, the Secret carries the login', { username: 'smartchat', password: SCYLLA_PASSWORD }, { SMARTCHAT_CASSANDRA_USERNAME: 'smartchat', SMARTCHAT_CASSANDRA_PASSWORD: SCYLLA_PASSWORD }],
  ] as const)('%s', (_description, credentials, expected) => {
    const cluster = clusterFixture({ spec: { scylla: { managed: undefined, external: { endpoints: ['cql-1.example:9042', 'cql-2.example:9042'], datacenter: 'eu-west' } } } });
    const scylla = { ...scyllaConnection(cluster), ...(credentials ? { credentials } : {}) };
    const { configMap, secret } = appConfig(cluster, connectionsOf(cluster, { scylla }));
    const login = Object.fromEntries(Object.entries(secret.stringData!).filter(([key]) => key.startsWith('SMARTCHAT_CASSANDRA_')));
    expect(login).toEqual(expected ?? {});
    expect(Object.keys(configMap.data!).filter((key) => /USERNAME|PASSWORD/.test(key))).toEqual([]);
    expect(configMap.data).toMatchObject({ SMARTCHAT_CASSANDRA_CONTACT_POINTS: 'cql-1.example:9042,cql-2.example:9042', SMARTCHAT_CASSANDRA_LOCAL_DC: 'eu-west', SMARTCHAT_CASSANDRA_REPLICATION_FACTOR: '2' });
  });

  it.each(['chat', 'balancer'] as const)('a %s pod reads both, and what it reads passes the services\' own config validation', (component) => {
    const cluster = clusterFixture();
    const { config, apps } = desiredApps(cluster);
    const container = containerOf(find<V1Deployment>(apps, 'Deployment', `desk-${component}`));
    expect(container.envFrom).toEqual([{ configMapRef: { name: config.configMap.metadata!.name } }, { secretRef: { name: config.secret.metadata!.name } }]);
    const env = { ...config.configMap.data, ...config.secret.stringData, ...Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value])) };
    const loaded = loadConfig(infraConfigSchema, env);
    expect(loaded.SMARTCHAT_PG_URL).toBe(`postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat`);
    expect(loaded.SMARTCHAT_CASSANDRA_CONTACT_POINTS).toHaveLength(3);
  });
});

describe('the config hash on the pod templates rolls the pods when a connection setting changes', () => {
  const cluster = clusterFixture();
  const before = configHashOf(deployment(cluster, 'chat'));

  it('both Deployments carry the same hash', () => {
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(configHashOf(deployment(cluster, 'balancer'))).toBe(before);
  });

  it.each([
    ['another PostgreSQL URL', { postgresUrl: 'postgres://smartchat:rotated@pg.shop.svc:5432/smartchat' }],
    ['other Kafka brokers', { kafkaBrokers: 'kafka-9.kafka.shop.svc:9092' }],
    ['another Redis', { redisUrl: 'redis://cache.example:6380' }],
    ['a rotated RabbitMQ password', { rabbitmqUrl: 'amqp://smartchat:rotated@desk-rabbitmq.shop.svc:5672/%2F' }],
    ['a new session secret', { sessionSecret: 'another-session-secret-0123456789abcdef' }],
    ['a new customer token secret', { customerTokenSecret: 'another-customer-token-secret-0123456789' }],
    ['Scylla credentials', { scylla: { ...scyllaConnection(cluster), credentials: { username: 'smartchat', password: SCYLLA_PASSWORD } } }],
    ['another Scylla datacenter', { scylla: { ...scyllaConnection(cluster), localDatacenter: 'dc2' } }],
  ] as [string, Partial<Connections>][])('%s changes the hash of chat and balancer', (_description, change) => {
    expect(configHashOf(deployment(cluster, 'chat', change))).not.toBe(before);
    expect(configHashOf(deployment(cluster, 'balancer', change))).not.toBe(before);
  });

  it('the same settings give the same hash, whatever order the connections were gathered in', () => {
    const reordered = Object.fromEntries(Object.entries(connectionsOf(cluster)).reverse()) as unknown as Connections;
    expect(appConfig(cluster, reordered).hash).toBe(appConfig(cluster, connectionsOf(cluster)).hash);
    expect(configHashOf(deployment(cluster, 'chat'))).toBe(before);
  });

  it.each([
    ['key order does not matter', [{ a: '1', b: '2' }], [{ b: '2', a: '1' }], true],
    ['a changed value matters', [{ a: '1', b: '2' }], [{ a: '1', b: '3' }], false],
    ['moving a setting from the ConfigMap to the Secret matters', [{ a: '1' }, {}], [{}, { a: '1' }], false],
    ['where a key ends and its value starts matters', [{ ab: 'c' }], [{ a: 'bc' }], false],
  ] as [string, Record<string, string>[], Record<string, string>[], boolean][])('hashOf: %s', (_description, first, second, same) => {
    expect(hashOf(...first) === hashOf(...second)).toBe(same);
  });

  it('a spec change outside the settings (more replicas allowed) does not roll the pods through the hash', () => {
    const wider = clusterFixture({ spec: { chat: { maxReplicas: 50 } } });
    expect(configHashOf(deployment(wider, 'chat'))).toBe(before);
  });
});

describe('chat and balancer Deployments', () => {
  const cluster = clusterFixture({ spec: { chat: { resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: 1024 } } } } });
  const { apps } = desiredApps(cluster);

  it.each(['chat', 'balancer'] as const)('%s: never sets spec.replicas, so re-applying never undoes a scaling decision', (component) => {
    const spec = find<V1Deployment>(apps, 'Deployment', `desk-${component}`).spec!;
    expect(spec).not.toHaveProperty('replicas');
    expect(JSON.stringify(spec)).not.toContain('"replicas"');
  });

  it.each(['chat', 'balancer'] as const)('%s: the selector picks its own pods, and the Service sends to their http port', (component) => {
    const workload = find<V1Deployment>(apps, 'Deployment', `desk-${component}`);
    const podLabels = workload.spec!.template.metadata!.labels;
    expect(selects(workload.spec!.selector, podLabels)).toBe(true);
    const other = find<V1Deployment>(apps, 'Deployment', `desk-${component === 'chat' ? 'balancer' : 'chat'}`);
    expect(selects(workload.spec!.selector, other.spec!.template.metadata!.labels)).toBe(false);
    const service = find<V1Service>(apps, 'Service', `desk-${component}`);
    expect(selects({ matchLabels: service.spec!.selector! }, podLabels)).toBe(true);
    const [port] = service.spec!.ports!;
    expect(containerOf(workload).ports?.map((containerPort) => containerPort.name)).toContain(port!.targetPort);
  });

  it('chat serves its public API on http (8080) and /healthz, /readyz, /metrics only on ops (8081): probes on ops, the Service carries both', () => {
    const container = containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat'));
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'SMARTCHAT_HTTP_PORT', value: '8080' },
      { name: 'SMARTCHAT_OPS_PORT', value: '8081' },
    ]));
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'ops', containerPort: 8081, protocol: 'TCP' },
    ]);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'ops' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'ops' });
    expect(find<V1Service>(apps, 'Service', 'desk-chat').spec!.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      { name: 'ops', port: 8081, targetPort: 'ops', protocol: 'TCP' },
    ]);
  });

  it('the balancer is unchanged: its only server (operations) on http 8081, where its probes and Service point', () => {
    const container = containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-balancer'));
    expect(container.env).toEqual([{ name: 'SMARTCHAT_HTTP_PORT', value: '8081' }]);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8081, protocol: 'TCP' }]);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(find<V1Service>(apps, 'Service', 'desk-balancer').spec!.ports).toEqual([{ name: 'http', port: 8081, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('chat stores attachments on the shared ReadWriteMany claim; the balancer mounts no attachments', () => {
    const claim = find<V1PersistentVolumeClaim>(apps, 'PersistentVolumeClaim', 'desk-attachments');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } });
    const chat = find<V1Deployment>(apps, 'Deployment', 'desk-chat');
    expect(podOf(chat).volumes).toContainEqual({ name: 'attachments', persistentVolumeClaim: { claimName: 'desk-attachments' } });
    expect(containerOf(chat).volumeMounts).toContainEqual({ name: 'attachments', mountPath: '/var/lib/smartchat/blobs' });
    const balancer = find<V1Deployment>(apps, 'Deployment', 'desk-balancer');
    expect(JSON.stringify(podOf(balancer))).not.toMatch(/attachments|persistentVolumeClaim/);
  });

  it('the attachments claim uses the storage class and size of the spec', () => {
    const claim = find<V1PersistentVolumeClaim>(desiredApps(clusterFixture({ spec: { attachments: { storage: { size: '200Gi', storageClassName: 'nfs' } } } })).apps, 'PersistentVolumeClaim', 'desk-attachments');
    expect(claim.spec).toMatchObject({ storageClassName: 'nfs', resources: { requests: { storage: '200Gi' } } });
  });

  it('chat gets its own resources as strings; the balancer without resources gets none', () => {
    expect(containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat')).resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1024' } });
    expect(containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-balancer')).resources).toEqual({});
  });

  it('rolls out without losing capacity: no pod is removed before its replacement is ready', () => {
    for (const component of ['chat', 'balancer']) {
      expect(find<V1Deployment>(apps, 'Deployment', `desk-${component}`).spec!.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
    }
  });
});

describe('images', () => {
  it.each([
    ['the tag defaults to spec.version', { version: '0.3.1', images: { app: { repository: 'ghcr.io/smartchat/smartchat' } } }, 'ghcr.io/smartchat/smartchat:0.3.1'],
    ['an explicit tag wins over the version', { version: '0.3.1', images: { app: { repository: 'ghcr.io/smartchat/smartchat', tag: 'sha-4f2a9c1' } } }, 'ghcr.io/smartchat/smartchat:sha-4f2a9c1'],
    ['a registry with a port keeps its port', { version: '0.3.1', images: { app: { repository: 'registry.local:5000/smartchat' } } }, 'registry.local:5000/smartchat:0.3.1'],
  ] as const)('%s', (_description, spec, image) => {
    const { apps, job } = desiredApps(clusterFixture({ spec }));
    for (const workload of [find<V1Deployment>(apps, 'Deployment', 'desk-chat'), find<V1Deployment>(apps, 'Deployment', 'desk-balancer'), job]) {
      expect(containerOf(workload).image).toBe(image);
      expect(containerOf(workload).imagePullPolicy).toBe('IfNotPresent');
    }
  });

  it('pull secrets of a private registry are used by chat and balancer pods', () => {
    const { apps } = desiredApps(clusterFixture({ spec: { images: { pullSecrets: ['registry-login'] } } }));
    for (const component of ['chat', 'balancer']) expect(podOf(find<V1Deployment>(apps, 'Deployment', `desk-${component}`)).imagePullSecrets).toEqual([{ name: 'registry-login' }]);
    expect(podOf(find<V1Deployment>(desiredApps().apps, 'Deployment', 'desk-chat'))).not.toHaveProperty('imagePullSecrets');
  });

  // The migration pod runs the same image as chat and balancer, so it needs the same login.
  it('pull secrets of a private registry are used by the migration pod too', () => {
    const { job } = desiredApps(clusterFixture({ spec: { images: { pullSecrets: ['registry-login'] } } }));
    expect(podOf(job).imagePullSecrets).toEqual([{ name: 'registry-login' }]);
  });
});

describe('every app container runs locked down', () => {
  const { apps, job } = desiredApps();
  const workloads: [string, V1Deployment | V1Job][] = [
    ['chat', find<V1Deployment>(apps, 'Deployment', 'desk-chat')],
    ['balancer', find<V1Deployment>(apps, 'Deployment', 'desk-balancer')],
    ['migrations', job],
  ];

  it.each(workloads)('%s: as a non-root user, on a read-only root filesystem, without privilege escalation or capabilities', (_name, workload) => {
    expect(podOf(workload).securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(containerOf(workload).securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  });

  it.each(workloads)('%s: /tmp is a writable scratch volume, and every mount names a volume of the pod', (_name, workload) => {
    const pod = podOf(workload);
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
    expect(containerOf(workload).volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    const volumes = new Set((pod.volumes ?? []).map((volume) => volume.name));
    for (const mount of containerOf(workload).volumeMounts ?? []) expect(volumes.has(mount.name), mount.name).toBe(true);
  });
});

describe('the migration Job', () => {
  const cluster = clusterFixture();
  const settings = desiredApps(cluster).config.hash;
  const name = migrationJob(cluster, settings).metadata.name;

  it('runs the migrations once, with the app settings, within 15 minutes', () => {
    const job = migrationJob(cluster, settings);
    expect(name).toMatch(/^desk-migrate-[0-9a-f]{10}$/);
    expect(containerOf(job).command).toEqual(['node', '--import', 'tsx', 'services/platform/src/bin/migrate.ts']);
    expect(containerOf(job).envFrom).toEqual([{ configMapRef: { name: 'desk-config' } }, { secretRef: { name: 'desk-connections' } }]);
    expect(podOf(job).restartPolicy).toBe('Never');
    expect(job.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 900 });
    expect(job.spec!.template.metadata!.labels).toMatchObject({ [LABEL_CLUSTER]: 'desk', [LABEL_COMPONENT]: 'migrations' });
  });

  it.each([
    ['a new version', clusterFixture({ spec: { version: '0.2.0' } }), settings],
    ['a new image tag for the same version', clusterFixture({ spec: { images: { app: { tag: 'hotfix-1' } } } }), settings],
    ['another image repository', clusterFixture({ spec: { images: { app: { repository: 'registry.local:5000/smartchat' } } } }), settings],
    ['new connection settings', cluster, desiredApps(cluster, { postgresUrl: 'postgres://smartchat:x@pg-new.shop.svc:5432/smartchat' }).config.hash],
  ] as [string, SmartchatCluster, string][])('%s gives the Job a new name, so the migrations run again', (_description, changed, changedSettings) => {
    const renamed = migrationJob(changed, changedSettings).metadata.name;
    expect(renamed).toMatch(/^desk-migrate-[0-9a-f]{10}$/);
    expect(renamed).not.toBe(name);
  });

  it.each([
    ['the same cluster again', clusterFixture()],
    ['other replica bounds', clusterFixture({ spec: { chat: { minReplicas: 4, maxReplicas: 40 }, balancer: { maxReplicas: 3 } } })],
    ['other autoscaling targets', clusterFixture({ spec: { chat: { autoscaling: { targets: { connectionsPerPod: 500 } } } } })],
    ['monitoring switched off', clusterFixture({ spec: { monitoring: { enabled: false } } })],
  ] as const)('%s keeps the name, so the migrations do not run again', (_description, same) => {
    expect(migrationJob(same, desiredApps(same).config.hash).metadata.name).toBe(name);
  });
});

describe('monitoring', () => {
  const [serviceMonitor, prometheusRule] = monitoringObjects(clusterFixture()) as [KubernetesObject & { spec: ServiceMonitorSpec }, KubernetesObject & { spec: PrometheusRuleSpec }];

  // The Prometheus Operator makes one scrape job per endpoint, over the Services the ServiceMonitor
  // selects that have a port of that name; the endpoint's relabelings then run on each target.
  const scraped = (service: V1Service) =>
    serviceMonitor.spec.endpoints.filter((endpoint) => {
      if (!service.spec!.ports!.some((port) => port.name === endpoint.port)) return false;
      if (!selects(serviceMonitor.spec.selector, service.metadata!.labels)) return false;
      return endpoint.relabelings.filter((item) => item.action === 'keep').every((item) => {
        const label = item.sourceLabels![0]!.replace('__meta_kubernetes_service_label_', '');
        const value = Object.entries(service.metadata!.labels ?? {}).find(([key]) => key.replace(/[^A-Za-z0-9_]/g, '_') === label)?.[1] ?? '';
        return new RegExp(`^(?:${item.regex})$`).test(value);
      });
    }).map((endpoint) => `${endpoint.port} ${endpoint.path}`);

  it('the ServiceMonitor scrapes /metrics on chat\'s ops port and the balancer\'s port, never chat\'s public port, and nothing of another cluster', () => {
    expect(serviceMonitor).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' });
    const { apps } = desiredApps();
    expect(scraped(find<V1Service>(apps, 'Service', 'desk-chat'))).toEqual(['ops /metrics']);
    expect(scraped(find<V1Service>(apps, 'Service', 'desk-balancer'))).toEqual(['http /metrics']);
    expect(scraped(find<V1Service>(apps, 'Service', 'desk-stats'))).toEqual(['ops /metrics']);
    const other = desiredApps(clusterFixture({ metadata: { name: 'help' } })).apps.filter((object) => object.kind === 'Service') as V1Service[];
    for (const service of other) expect(scraped(service), service.metadata!.name).toEqual([]);
  });

  it('every scraped series is labelled smartchat_cluster=<name>, which the autoscaler selects on', () => {
    for (const endpoint of serviceMonitor.spec.endpoints) expect(endpoint.relabelings).toContainEqual({ action: 'replace', targetLabel: 'smartchat_cluster', replacement: 'desk' });
  });

  it.each([
    ['desk', 'shop'],
    ['help', 'support'],
  ])('the alert expressions of %s in %s look at its own namespace and name only', (name, namespace) => {
    const [, rule] = monitoringObjects(clusterFixture({ metadata: { name, namespace } })) as [unknown, { spec: PrometheusRuleSpec }];
    const rules = rule.spec.groups.flatMap((group) => group.rules);
    expect(rules.map((item) => item.alert)).toEqual(['SmartchatChatAbsent', 'SmartchatBalancerAbsent', 'SmartchatDeliveryLatencyHigh', 'SmartchatDeliveryStuck', 'SmartchatOldestWaitingHigh', 'SmartchatWebhooksDead', 'SmartchatIntegrationEventsFailed', 'SmartchatStatsAbsent', 'SmartchatStatsLagHigh', 'SmartchatSearchLagHigh', 'SmartchatStatsDeadLetters']);
    for (const item of rules) {
      const selectors = item.expr.match(/\{[^}]*\}/g) ?? [];
      expect(selectors.length, item.alert).toBeGreaterThan(0);
      for (const selector of selectors) expect(selector, item.alert).toContain(`namespace="${namespace}",smartchat_cluster="${name}"`);
      expect(item.labels).toMatchObject({ smartchat_cluster: name, severity: expect.stringMatching(/^(critical|warning)$/) });
      expect(item.for).toMatch(/^\d+m$/);
    }
    expect(rules.find((item) => item.alert === 'SmartchatChatAbsent')!.expr).toContain(`service="${name}-chat"`);
    expect(rules.find((item) => item.alert === 'SmartchatBalancerAbsent')!.expr).toContain(`service="${name}-balancer"`);
    expect(rules.find((item) => item.alert === 'SmartchatStatsAbsent')!.expr).toContain(`service="${name}-stats"`);
  });

  // Against the local Prometheus: every expression parses, and for a cluster nothing is scraped from
  // the "absent" alerts fire while the threshold alerts stay quiet.
  it('every alert expression is valid PromQL; with nothing scraped, only the absence alerts fire', async () => {
    const baseUrl = process.env.SMARTCHAT_PROMETHEUS_URL;
    expect(baseUrl, 'SMARTCHAT_PROMETHEUS_URL').toBeTruthy();
    const rules = prometheusRule.spec.groups.flatMap((group) => group.rules);
    const outcomes = await Promise.all(rules.map(async (item) => [item.alert, await queryScalar(baseUrl!, item.expr)] as const));
    expect(Object.fromEntries(outcomes)).toEqual({
      SmartchatChatAbsent: { ok: true, value: 1 },
      SmartchatBalancerAbsent: { ok: true, value: 1 },
      SmartchatDeliveryLatencyHigh: { ok: true, value: undefined },
      SmartchatDeliveryStuck: { ok: true, value: undefined },
      SmartchatOldestWaitingHigh: { ok: true, value: undefined },
      SmartchatWebhooksDead: { ok: true, value: undefined },
      SmartchatIntegrationEventsFailed: { ok: true, value: undefined },
      SmartchatStatsAbsent: { ok: true, value: 1 },
      SmartchatStatsLagHigh: { ok: true, value: undefined },
      SmartchatSearchLagHigh: { ok: true, value: undefined },
      SmartchatStatsDeadLetters: { ok: true, value: undefined },
    });
  });
});

describe('the stats pods', () => {
  const cluster = clusterFixture({ spec: { stats: { resources: { requests: { cpu: '250m' } } } } });
  const { config, apps, job } = desiredApps(cluster);
  const stats = find<V1Deployment>(apps, 'Deployment', 'desk-stats');

  it('run services/stats/src/main.ts from the app image, with /healthz, /readyz and /metrics on ops (8081), where the probes and the Service point', () => {
    const container = containerOf(stats);
    expect(container.command).toEqual(['node', '--import', 'tsx', 'services/stats/src/main.ts']);
    expect(container.image).toBe(containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat')).image);
    expect(container.ports).toEqual([{ name: 'ops', containerPort: 8081, protocol: 'TCP' }]);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'ops' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'ops' });
    expect(find<V1Service>(apps, 'Service', 'desk-stats').spec!.ports).toEqual([{ name: 'ops', port: 8081, targetPort: 'ops', protocol: 'TCP' }]);
    expect(container.resources).toEqual({ requests: { cpu: '250m' } });
    expect(stats.spec).not.toHaveProperty('replicas');
  });

  it('read the settings, and what they read passes the stats process\'s own config validation', () => {
    const container = containerOf(stats);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'desk-config' } }, { secretRef: { name: 'desk-connections' } }]);
    const env = { ...config.configMap.data, ...config.secret.stringData, ...Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value])) };
    const loaded = loadConfig(statsRoleConfigSchema, env);
    expect(loaded.SMARTCHAT_STATS_PG_URL).toBe(`postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat_stats`);
    expect(loaded.SMARTCHAT_OPS_PORT).toBe(8081);
    expect(loaded.SMARTCHAT_KAFKA_BROKERS).toHaveLength(2);
  });

  it('write report files to the shared attachments volume, and a drain takes one pod at a time', () => {
    expect(containerOf(stats).volumeMounts).toContainEqual({ name: 'attachments', mountPath: '/var/lib/smartchat/blobs' });
    expect(podOf(stats).volumes).toContainEqual({ name: 'attachments', persistentVolumeClaim: { claimName: 'desk-attachments' } });
    for (const component of ['chat', 'balancer', 'stats']) {
      const budget = find<KubernetesObject & { spec: { maxUnavailable: number; selector: V1LabelSelector } }>(apps, 'PodDisruptionBudget', `desk-${component}`);
      expect(budget.spec.maxUnavailable).toBe(1);
      expect(budget.spec.selector).toEqual(find<V1Deployment>(apps, 'Deployment', `desk-${component}`).spec!.selector);
    }
  });

  it('the migrations create the statistics database and set its reader\'s password from the cluster\'s Secret, never from the manifest', () => {
    expect(containerOf(job).env).toEqual([{ name: 'SMARTCHAT_STATS_READER_PASSWORD', valueFrom: { secretKeyRef: { name: 'desk-stats-reader', key: 'password' } } }]);
    expect(JSON.stringify(job)).not.toContain(STATS_READER_PASSWORD);
    expect(JSON.stringify([config.configMap, ...apps])).not.toContain(STATS_READER_PASSWORD);
  });

  it.each([
    ['another statistics database', { stats: { url: `postgres://smartchat:${PG_PASSWORD}@stats.shop.svc:5432/desk_stats`, readerPassword: STATS_READER_PASSWORD } }],
    ["a new reader's password", { stats: { url: `postgres://smartchat:${PG_PASSWORD}@pg.shop.svc:5432/smartchat_stats`, readerPassword: 'another-Pa55word-0123' } }],
  ] as [string, Partial<Connections>][])('%s runs the migrations again (a new Job name)', (_description, overrides) => {
    const before = migrationJob(cluster, appConfig(cluster, connectionsOf(cluster)).databaseHash).metadata.name;
    expect(migrationJob(cluster, appConfig(cluster, connectionsOf(cluster, overrides)).databaseHash).metadata.name).not.toBe(before);
  });

  it('off: no stats Deployment, Service or budget, no statistics database for anyone, no reader password for the migrations', () => {
    const off = clusterFixture({ spec: { stats: { enabled: false } } });
    const desired = desiredApps(off);
    expect(desired.apps.map((object) => `${object.kind}/${object.metadata?.name}`).filter((name) => name.includes('stats'))).toEqual([]);
    // Empty, which the services read as unset (a key left out of an applied Secret would stay in it).
    expect(desired.config.secret.stringData).toHaveProperty('SMARTCHAT_STATS_PG_URL', '');
    expect(containerOf(migrationJob(off, desired.config.databaseHash)).env).toBeUndefined();
  });

  it.each([
    ['postgres://smartchat:s3cret@pg.example:5432/smartchat', 'postgres://smartchat:s3cret@pg.example:5432/smartchat_stats'],
    ['postgres://desk:s3cret@pg.example/desk?sslmode=require', 'postgres://desk:s3cret@pg.example/desk_stats?sslmode=require'],
    ['postgresql://smartchat@pg.example:6432', 'postgresql://smartchat@pg.example:6432/smartchat_stats'],
  ])('by default the statistics database of %s is %s', (main, expected) => {
    expect(defaultStatsUrl(main)).toBe(expected);
  });
});

describe('chat settings from the spec', () => {
  const envOf = (cluster: SmartchatCluster) => Object.fromEntries((containerOf(deployment(cluster, 'chat')).env ?? []).map((variable) => [variable.name, variable.value]));

  it('trusted proxies and the sites that may embed the widget reach the chat pods; the balancer gets neither', () => {
    const cluster = clusterFixture({ spec: { chat: { trustedProxies: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'], widgetEmbedOrigins: ['https://shop.example', 'https://*.shop.example'] } } });
    expect(envOf(cluster)).toMatchObject({ SMARTCHAT_TRUSTED_PROXIES: '10.0.0.0/8,192.168.1.7,fd00::/8', SMARTCHAT_WIDGET_FRAME_ANCESTORS: 'https://shop.example https://*.shop.example' });
    expect(JSON.stringify(containerOf(deployment(cluster, 'balancer')).env)).not.toMatch(/TRUSTED_PROXIES|FRAME_ANCESTORS/);
  });

  it('left out, both are empty: no proxy is believed and no site may frame the widget', () => {
    expect(envOf(clusterFixture())).toMatchObject({ SMARTCHAT_TRUSTED_PROXIES: '', SMARTCHAT_WIDGET_FRAME_ANCESTORS: '', SMARTCHAT_COMPANY_NAME: '' });
  });

  it("the desk's time zone and the reports' language reach the stats pods, with the CRD's defaults when left out", () => {
    const statsEnv = (cluster: SmartchatCluster) => Object.fromEntries((containerOf(deployment(cluster, 'stats')).env ?? []).map((variable) => [variable.name, variable.value]));
    expect(statsEnv(clusterFixture())).toMatchObject({ SMARTCHAT_DESK_TIME_ZONE: 'Europe/Moscow', SMARTCHAT_REPORT_LOCALE: 'ru' });
    expect(statsEnv(clusterFixture({ spec: { stats: { deskTimeZone: 'Asia/Yekaterinburg', reportLocale: 'en' } } }))).toMatchObject({ SMARTCHAT_DESK_TIME_ZONE: 'Asia/Yekaterinburg', SMARTCHAT_REPORT_LOCALE: 'en' });
    expect(JSON.stringify(containerOf(deployment(clusterFixture(), 'chat')).env)).not.toMatch(/DESK_TIME_ZONE|REPORT_LOCALE/);
  });

  it('the public URL reaches chat pods (reset links) and mail pods (survey links), and nothing when unset', () => {
    const withUrl = clusterFixture({ spec: { chat: { publicUrl: 'https://support.example.com' }, mail: { enabled: true }, keyringSecret: { name: 'keys' } } });
    expect(envOf(withUrl)).toMatchObject({ SMARTCHAT_PUBLIC_URL: 'https://support.example.com' });
    const mail = Object.fromEntries(mailEnv(withUrl, enabledMail(withUrl)!).map((variable) => [variable.name, variable.value]));
    expect(mail).toMatchObject({ SMARTCHAT_PUBLIC_URL: 'https://support.example.com' });
    expect(envOf(clusterFixture())).not.toHaveProperty('SMARTCHAT_PUBLIC_URL');
  });

  it("the company's name reaches the chat pods for the sign-in page", () => {
    expect(envOf(clusterFixture({ spec: { chat: { companyName: 'ООО «Деловые поездки»' } } }))).toMatchObject({ SMARTCHAT_COMPANY_NAME: 'ООО «Деловые поездки»' });
  });

  it('a change rolls the chat pods (it is in their template)', () => {
    const before = JSON.stringify(deployment(clusterFixture(), 'chat').spec!.template);
    expect(JSON.stringify(deployment(clusterFixture({ spec: { chat: { widgetEmbedOrigins: ['https://shop.example'] } } }), 'chat').spec!.template)).not.toBe(before);
  });

  // The chat process's own configuration schema, loaded in a child process (the operator does not
  // depend on the chat package): every variable the Deployment sets is one chat reads, and its
  // values pass chat's validation, the ports included.
  it.each([
    [
      'set',
      { trustedProxies: ['10.0.0.0/8', '::1'], widgetEmbedOrigins: ['https://shop.example', "'self'"], companyName: 'ООО «Деловые поездки»', publicUrl: 'https://support.example.com' },
      { proxies: ['10.0.0.0/8', '::1'], frame: "https://shop.example 'self'", company: 'ООО «Деловые поездки»', publicUrl: 'https://support.example.com' },
    ],
    ['left out', {}, {}],
  ] as [string, ChatSettings, Record<string, unknown>][])('every variable the chat container sets is one the chat process reads, and passes its validation (settings %s)', (_description, chatSettings, expected) => {
    const cluster = clusterFixture({ spec: { chat: chatSettings } });
    const { config, apps } = desiredApps(cluster);
    const container = containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat'));
    const own = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value ?? '']));
    const env = { ...config.configMap.data, ...config.secret.stringData, ...own };
    const script = [
      "import { chatConfigSchema } from './services/chat/src/config.ts';",
      "import { loadConfig } from '@smartchat/platform';",
      'const env = JSON.parse(process.env.CHAT_ENV);',
      'const known = Object.keys(chatConfigSchema.shape);',
      'const config = loadConfig(chatConfigSchema, env);',
      'console.log(JSON.stringify({ unknown: JSON.parse(process.env.OWN).filter((name) => !known.includes(name)), http: config.SMARTCHAT_HTTP_PORT, ops: config.SMARTCHAT_OPS_PORT, proxies: config.SMARTCHAT_TRUSTED_PROXIES, frame: config.SMARTCHAT_WIDGET_FRAME_ANCESTORS, company: config.SMARTCHAT_COMPANY_NAME, publicUrl: config.SMARTCHAT_PUBLIC_URL }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', CHAT_ENV: JSON.stringify(env), OWN: JSON.stringify(Object.keys(own)) } });
    // Left out, both are unset for chat: no proxy believed, no site may frame the widget.
    expect(JSON.parse(out)).toEqual({ unknown: [], http: 8080, ops: 8081, ...expected });
  });
});

describe('the bootstrap-admin Job', () => {
  const cluster = clusterFixture({ spec: { bootstrapAdmin: { secretRef: { name: 'first-admin' } } } });
  const job = bootstrapAdminJob(cluster, 'first-admin');
  const container = containerOf(job);

  it('runs the admin command of the app image once per cluster, with the connection settings', () => {
    expect(job.metadata.name).toBe('desk-bootstrap-admin');
    expect(container.image).toBe('ghcr.io/smartchat/smartchat:0.1.0');
    expect(container.command).toEqual(['node', '--import', 'tsx', 'services/chat/src/bin/admin.ts', 'create', '--role', 'super-admin', '--if-no-super-admin']);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'desk-config' } }, { secretRef: { name: 'desk-connections' } }]);
    expect(job.spec!.template.metadata!.labels).toMatchObject({ [LABEL_CLUSTER]: 'desk', [LABEL_COMPONENT]: 'bootstrap-admin' });
    expect(podOf(job)).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: { runAsNonRoot: true } });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('takes e-mail, password and the optional name from the referenced Secret: no value is in the Job', () => {
    expect(container.env).toEqual([
      { name: 'SMARTCHAT_ADMIN_EMAIL', valueFrom: { secretKeyRef: { name: 'first-admin', key: 'email' } } },
      { name: 'SMARTCHAT_ADMIN_NAME', valueFrom: { secretKeyRef: { name: 'first-admin', key: 'name', optional: true } } },
      { name: 'SMARTCHAT_ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'first-admin', key: 'password' } } },
    ]);
    expect(JSON.stringify(job)).not.toMatch(/"value":/);
  });
});

interface ServiceMonitorSpec {
  selector: V1LabelSelector;
  endpoints: { port: string; path: string; relabelings: { action: string; sourceLabels?: string[]; regex?: string; targetLabel?: string; replacement?: string }[] }[];
}
interface PrometheusRuleSpec {
  groups: { name: string; rules: { alert: string; expr: string; for: string; labels: Record<string, string> }[] }[];
}

describe('the mail role (spec.mail)', () => {
  // A keyring as the services take it (services/platform/src/sealed-secrets.ts): it never reaches
  // a manifest; only the kubelet reads it, from the Secret the spec names.
  const KEYRING = `k2:${Buffer.alloc(32, 7).toString('base64')},k1:${Buffer.alloc(32, 3).toString('base64')}`;
  const KEYRING_HASH = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const keyringSecret = { name: 'desk-keyring', key: 'keys' };
  const mailCluster = (mail: Record<string, unknown> = {}) => clusterFixture({ spec: { keyringSecret, mail: { enabled: true, ...mail } } });
  const cluster = mailCluster({ resources: { requests: { cpu: '100m', memory: '256Mi' } } });
  const { config, apps, monitoring } = desiredApps(cluster, { keyringHash: KEYRING_HASH });
  const mail = find<V1Deployment>(apps, 'Deployment', 'desk-mail');
  const envOf = (workload: V1Deployment) => containerOf(workload).env ?? [];
  const valueOf = (workload: V1Deployment, name: string) => envOf(workload).find((variable) => variable.name === name);

  it('off by default: no mail Deployment, Service or budget, and without spec.keyringSecret no keyring for chat', () => {
    const { apps: off } = desiredApps();
    expect(off.map((object) => `${object.kind}/${object.metadata?.name}`).filter((name) => name.includes('mail'))).toEqual([]);
    expect(JSON.stringify(off)).not.toContain('SMARTCHAT_SECRET_KEYS');
    // Named but off: chat still gets the keyring (admins save mailboxes through chat's API), no mail object is made.
    const namedOnly = desiredApps(clusterFixture({ spec: { keyringSecret } }), { keyringHash: KEYRING_HASH }).apps;
    expect(namedOnly.some((object) => object.metadata?.name?.includes('mail'))).toBe(false);
    expect(valueOf(find<V1Deployment>(namedOnly, 'Deployment', 'desk-chat'), 'SMARTCHAT_SECRET_KEYS')).toEqual({ name: 'SMARTCHAT_SECRET_KEYS', valueFrom: { secretKeyRef: keyringSecret } });
  });

  it('on: a Deployment, its operations Service, its SMTP Service and a disruption budget, owned by the cluster', () => {
    const objects = apps.filter((object) => object.metadata?.labels?.[LABEL_COMPONENT] === 'mail');
    expect(objects.map((object) => `${object.kind}/${object.metadata?.name}`)).toEqual(['Deployment/desk-mail', 'Service/desk-mail', 'Service/desk-mail-smtp', 'PodDisruptionBudget/desk-mail']);
    for (const object of objects) expect(object.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'SmartchatCluster', uid: FIXTURE_UID, controller: true })]);
    const longest = desiredApps(clusterFixture({ metadata: { name: 'a'.repeat(40) }, spec: { keyringSecret, mail: { enabled: true } } })).apps;
    for (const object of longest) expect(object.metadata!.name!.length, object.metadata!.name).toBeLessThanOrEqual(63);
  });

  it('runs services/chat/src/mail-main.ts from the chat image, with the settings chat pods read, a fixed pod count and probes on ops', () => {
    const container = containerOf(mail);
    const chat = containerOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat'));
    expect(container.command).toEqual(MAIL_COMMAND);
    expect(container.command).toEqual(['node', '--import', 'tsx', 'services/chat/src/mail-main.ts']);
    expect(container.image).toBe(chat.image);
    expect(container.envFrom).toEqual(chat.envFrom);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'desk-config' } }, { secretRef: { name: 'desk-connections' } }]);
    expect(container.ports).toEqual([
      { name: 'smtp', containerPort: 2525, protocol: 'TCP' },
      { name: 'ops', containerPort: 8081, protocol: 'TCP' },
    ]);
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'ops' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'ops' });
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' } });
    // Not autoscaled: one pod reads each IMAP mailbox at a time, the others stand by.
    expect(mail.spec!.replicas).toBe(1);
    expect(find<V1Deployment>(desiredApps(mailCluster({ replicas: 3 })).apps, 'Deployment', 'desk-mail').spec!.replicas).toBe(3);
    expect(mail.spec!.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
    expect(selects(mail.spec!.selector, mail.spec!.template.metadata!.labels)).toBe(true);
    expect(selects(mail.spec!.selector, find<V1Deployment>(apps, 'Deployment', 'desk-chat').spec!.template.metadata!.labels)).toBe(false);
  });

  it('runs locked down like every app container, and mounts the attachments volume chat uses (raw mail and attachments live there)', () => {
    expect(podOf(mail).securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(containerOf(mail).securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const chat = find<V1Deployment>(apps, 'Deployment', 'desk-chat');
    expect(containerOf(mail).volumeMounts).toEqual(containerOf(chat).volumeMounts);
    expect(containerOf(mail).volumeMounts).toContainEqual({ name: 'attachments', mountPath: '/var/lib/smartchat/blobs' });
    expect(podOf(mail).volumes).toEqual(podOf(chat).volumes);
    expect(podOf(mail).volumes).toContainEqual({ name: 'attachments', persistentVolumeClaim: { claimName: 'desk-attachments' } });
    expect(config.configMap.data?.SMARTCHAT_BLOB_DIR).toBe('/var/lib/smartchat/blobs');
    expect(find<V1PersistentVolumeClaim>(apps, 'PersistentVolumeClaim', 'desk-attachments').spec?.accessModes).toEqual(['ReadWriteMany']);
  });

  it('chat and mail pods get the keyring from the Secret by reference; no manifest holds it, and the balancer and stats pods do not get it', () => {
    const reference = { name: 'SMARTCHAT_SECRET_KEYS', valueFrom: { secretKeyRef: { name: 'desk-keyring', key: 'keys' } } };
    expect(valueOf(mail, 'SMARTCHAT_SECRET_KEYS')).toEqual(reference);
    expect(valueOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat'), 'SMARTCHAT_SECRET_KEYS')).toEqual(reference);
    for (const component of ['balancer', 'stats']) expect(JSON.stringify(find<V1Deployment>(apps, 'Deployment', `desk-${component}`))).not.toContain('SMARTCHAT_SECRET_KEYS');
    expect(JSON.stringify([config.configMap, config.secret])).not.toContain('SECRET_KEYS');
  });

  it('a rotated keyring rolls chat and mail pods (a hash on their templates), not the balancer or stats pods', () => {
    const templates = (keyringHash: string) => Object.fromEntries(['chat', 'mail', 'balancer', 'stats'].map((component) => [component, find<V1Deployment>(desiredApps(cluster, { keyringHash }).apps, 'Deployment', `desk-${component}`).spec!.template]));
    const before = templates(KEYRING_HASH);
    const after = templates('0f'.repeat(32));
    expect(before.mail!.metadata!.annotations).toEqual({ [ANNOTATION_CONFIG_HASH]: configHashOf(mail), [ANNOTATION_KEYRING_HASH]: KEYRING_HASH.slice(0, 16) });
    expect(before.chat!.metadata!.annotations?.[ANNOTATION_KEYRING_HASH]).toBe(KEYRING_HASH.slice(0, 16));
    for (const component of ['chat', 'mail']) expect(JSON.stringify(after[component])).not.toBe(JSON.stringify(before[component]));
    for (const component of ['balancer', 'stats']) {
      expect(JSON.stringify(after[component])).toBe(JSON.stringify(before[component]));
      expect(before[component]!.metadata!.annotations).not.toHaveProperty(ANNOTATION_KEYRING_HASH);
    }
    // The settings' hash is the same on every app, mail included.
    expect(configHashOf(mail)).toBe(configHashOf(find<V1Deployment>(apps, 'Deployment', 'desk-chat')));
  });

  it('the tuning of the spec reaches the mail pods as the mail process spells it', () => {
    const tuned = find<V1Deployment>(desiredApps(mailCluster({ pollSeconds: 5, maxMessageBytes: 10_000_000, sendAttempts: 3, retryBaseSeconds: 60, acknowledgementsPerSenderPerHour: 0 })).apps, 'Deployment', 'desk-mail');
    expect(Object.fromEntries(envOf(tuned).filter((variable) => variable.value !== undefined).map((variable) => [variable.name, variable.value]))).toEqual({
      SMARTCHAT_OPS_PORT: '8081',
      SMARTCHAT_MAIL_SMTP_HOST: '0.0.0.0',
      SMARTCHAT_MAIL_SMTP_PORT: '2525',
      SMARTCHAT_MAIL_POLL_MS: '5000',
      SMARTCHAT_MAIL_MAX_BYTES: '10000000',
      SMARTCHAT_MAIL_SEND_ATTEMPTS: '3',
      SMARTCHAT_MAIL_RETRY_BASE_MS: '60000',
      SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR: '0',
    });
    // The mail pods have no public HTTP port.
    expect(JSON.stringify(containerOf(tuned))).not.toContain('SMARTCHAT_HTTP_PORT');
  });

  // The chat process's own configuration schema (the mail role's too), loaded in a child process as
  // above, with the keyring where the kubelet would put it: every variable the mail container sets
  // is one the process reads, and its values pass the validation, at the CRD's defaults and bounds.
  it.each([
    ['the defaults', {}, { ops: 8081, smtpHost: '0.0.0.0', smtp: 2525, poll: 30_000, maxBytes: 26_214_400, attempts: 8, retryBase: 30_000, acks: 1 }],
    ['the lowest values', { pollSeconds: 1, maxMessageBytes: 10_000, sendAttempts: 1, retryBaseSeconds: 1, acknowledgementsPerSenderPerHour: 0, smtp: { enabled: false } }, { ops: 8081, smtpHost: '0.0.0.0', smtp: 0, poll: 1000, maxBytes: 10_000, attempts: 1, retryBase: 1000, acks: 0 }],
    ['the highest values', { pollSeconds: 3600, maxMessageBytes: 209_715_200, sendAttempts: 50, retryBaseSeconds: 3600, acknowledgementsPerSenderPerHour: 100 }, { ops: 8081, smtpHost: '0.0.0.0', smtp: 2525, poll: 3_600_000, maxBytes: 209_715_200, attempts: 50, retryBase: 3_600_000, acks: 100 }],
  ] as [string, Record<string, unknown>, Record<string, unknown>][])('every variable the mail container sets is one the mail process reads, and passes its validation (%s)', (_description, spec, expected) => {
    const target = mailCluster(spec);
    const desired = desiredApps(target);
    const container = containerOf(find<V1Deployment>(desired.apps, 'Deployment', 'desk-mail'));
    const own = Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.valueFrom?.secretKeyRef ? KEYRING : (variable.value ?? '')]));
    const env = { ...desired.config.configMap.data, ...desired.config.secret.stringData, ...own };
    const script = [
      "import { chatConfigSchema } from './services/chat/src/config.ts';",
      "import { loadConfig, parseKeyring } from '@smartchat/platform';",
      'const env = JSON.parse(process.env.MAIL_ENV);',
      'const known = Object.keys(chatConfigSchema.shape);',
      'const config = loadConfig(chatConfigSchema, env);',
      'const keyring = parseKeyring(config.SMARTCHAT_SECRET_KEYS);',
      'console.log(JSON.stringify({ unknown: JSON.parse(process.env.OWN).filter((name) => !known.includes(name)), ops: config.SMARTCHAT_OPS_PORT, smtpHost: config.SMARTCHAT_MAIL_SMTP_HOST, smtp: config.SMARTCHAT_MAIL_SMTP_PORT, poll: config.SMARTCHAT_MAIL_POLL_MS, maxBytes: config.SMARTCHAT_MAIL_MAX_BYTES, attempts: config.SMARTCHAT_MAIL_SEND_ATTEMPTS, retryBase: config.SMARTCHAT_MAIL_RETRY_BASE_MS, acks: config.SMARTCHAT_MAIL_ACKS_PER_SENDER_PER_HOUR, sealingKey: keyring.current, blobs: config.SMARTCHAT_BLOB_DIR }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', MAIL_ENV: JSON.stringify(env), OWN: JSON.stringify(Object.keys(own)) } });
    expect(JSON.parse(out)).toEqual({ unknown: [], ...expected, sealingKey: 'k2', blobs: '/var/lib/smartchat/blobs' });
  });

  it('the SMTP Service sends port 25 to the listener (2525) of the mail pods, inside the cluster by default; the operations Service carries only ops', () => {
    const smtp = find<V1Service>(apps, 'Service', 'desk-mail-smtp');
    expect(smtp.spec).toEqual({ type: 'ClusterIP', selector: mail.spec!.selector.matchLabels, ports: [{ name: 'smtp', port: 25, targetPort: 'smtp', protocol: 'TCP' }] });
    expect(smtp.metadata).not.toHaveProperty('annotations');
    expect(selects({ matchLabels: smtp.spec!.selector! }, mail.spec!.template.metadata!.labels)).toBe(true);
    const ops = find<V1Service>(apps, 'Service', 'desk-mail');
    expect(ops.spec).toEqual({ selector: mail.spec!.selector.matchLabels, ports: [{ name: 'ops', port: 8081, targetPort: 'ops', protocol: 'TCP' }] });
  });

  it('a LoadBalancer (or NodePort) keeps the relay\'s address (externalTrafficPolicy Local), with its port and annotations from the spec', () => {
    for (const serviceType of ['LoadBalancer', 'NodePort'] as const) {
      const annotations = { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' };
      const smtp = find<V1Service>(desiredApps(mailCluster({ smtp: { serviceType, port: 2525, serviceAnnotations: annotations, allowedFrom: [{ ipBlock: { cidr: '203.0.113.25/32' } }] } })).apps, 'Service', 'desk-mail-smtp');
      expect(smtp.spec).toMatchObject({ type: serviceType, externalTrafficPolicy: 'Local', ports: [{ name: 'smtp', port: 2525, targetPort: 'smtp', protocol: 'TCP' }] });
      expect(smtp.metadata?.annotations).toEqual(annotations);
    }
  });

  it('the SMTP listener off: no SMTP Service and no smtp port, and the process is told to open none (0)', () => {
    const { apps: imapOnly } = desiredApps(mailCluster({ smtp: { enabled: false } }));
    expect(imapOnly.filter((object) => object.metadata?.labels?.[LABEL_COMPONENT] === 'mail').map((object) => `${object.kind}/${object.metadata?.name}`)).toEqual(['Deployment/desk-mail', 'Service/desk-mail', 'PodDisruptionBudget/desk-mail']);
    const container = containerOf(find<V1Deployment>(imapOnly, 'Deployment', 'desk-mail'));
    expect(container.ports).toEqual([{ name: 'ops', containerPort: 8081, protocol: 'TCP' }]);
    expect(container.env).toContainEqual({ name: 'SMARTCHAT_MAIL_SMTP_PORT', value: '0' });
  });

  it('a drain takes one mail pod at a time', () => {
    const budget = find<KubernetesObject & { spec: { maxUnavailable: number; selector: V1LabelSelector } }>(apps, 'PodDisruptionBudget', 'desk-mail');
    expect(budget.spec).toEqual({ maxUnavailable: 1, selector: mail.spec!.selector });
  });

  it('Prometheus scrapes the mail pods\' ops port through the operations Service, never the SMTP Service, and an alert fires when none is up', async () => {
    const [serviceMonitor, prometheusRule] = monitoring as [KubernetesObject & { spec: ServiceMonitorSpec }, KubernetesObject & { spec: PrometheusRuleSpec }];
    const endpoint = serviceMonitor.spec.endpoints.find((item) => item.relabelings.some((relabeling) => relabeling.action === 'keep' && relabeling.regex === 'mail'));
    expect(endpoint).toMatchObject({ port: 'ops', path: '/metrics' });
    expect(selects(serviceMonitor.spec.selector, find<V1Service>(apps, 'Service', 'desk-mail').metadata!.labels)).toBe(true);
    expect(find<V1Service>(apps, 'Service', 'desk-mail-smtp').spec!.ports!.map((port) => port.name)).not.toContain('ops');
    const alert = prometheusRule.spec.groups.flatMap((group) => group.rules).find((item) => item.alert === 'SmartchatMailAbsent');
    expect(alert?.expr).toBe('absent(up{namespace="shop",smartchat_cluster="desk",service="desk-mail"} == 1)');
    // Valid PromQL, firing on the local Prometheus, which scrapes no such cluster.
    expect(process.env.SMARTCHAT_PROMETHEUS_URL, 'SMARTCHAT_PROMETHEUS_URL').toBeTruthy();
    expect(await queryScalar(process.env.SMARTCHAT_PROMETHEUS_URL!, alert!.expr)).toEqual({ ok: true, value: 1 });
    const [offMonitor, offRule] = monitoringObjects(clusterFixture()) as [KubernetesObject & { spec: ServiceMonitorSpec }, KubernetesObject & { spec: PrometheusRuleSpec }];
    expect(JSON.stringify(offMonitor.spec)).not.toContain('"mail"');
    expect(offRule.spec.groups.flatMap((group) => group.rules).map((item) => item.alert)).not.toContain('SmartchatMailAbsent');
  });
});
