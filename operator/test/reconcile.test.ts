// The operator against a real kube-apiserver: a SmartchatCluster applied with kubectl converges
// to its children (generated store credentials, NetworkPolicies, Scylla's authentication Job),
// becomes Available as they report ready, follows spec changes, keeps its credentials and rolls
// the pods when one is changed, repairs drift, reports missing secrets and failed migrations as
// conditions, creates the first super-admin's Job after the migrations, and tears down in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import { ANNOTATION_CONFIG_HASH } from '../src/desired/meta.js';
import { isNotFound, mergePatch, type KubeClients } from '../src/runtime/kube.js';
import type { V1Secret } from '@kubernetes/client-node';
import { componentJob, markJobSucceeded, markStatefulSetsReady, saveLogs, clusterManifest, condition, createConnectionSecrets, createNamespace, installCrdFromChart, kubectl, kubectlOk, markDeploymentReady, markJobFailed, ownerUids, readCluster, startOperator, testKube, type OperatorProcess } from './support/kube.js';

let kube: KubeClients;
let namespace: string;
let operator: OperatorProcess;

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-reconcile');
  await createConnectionSecrets(kube, namespace);
  operator = await startOperator(namespace);
});

afterAll(async () => {
  await operator?.stop();
  saveLogs('operator-reconcile', operator);
});

const apply = (manifest: Record<string, unknown>) => kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(manifest));
const secretValue = (secret: V1Secret, key: string) => Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
const readSecret = (name: string) => kube.core.readNamespacedSecret({ name, namespace });
const chatHash = async (name = 'desk') => (await kube.apps.readNamespacedDeployment({ name: `${name}-chat`, namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
/** Every value of the cluster's generated credentials Secrets. */
async function generatedValues(name: string): Promise<string[]> {
  const values: string[] = [];
  for (const secret of [`${name}-scylla-credentials`, `${name}-redis-credentials`, `${name}-rabbitmq-credentials`]) {
    const found = await readSecret(secret);
    for (const key of Object.keys(found.data ?? {})) if (!key.endsWith('username')) values.push(secretValue(found, key));
  }
  return values;
}
/** Whatever a client without Secret access sees: the cluster (status included), Events, and every child that is not a Secret. */
async function everythingButSecrets(): Promise<string> {
  return kubectlOk(['get', '-n', namespace, '-o', 'json', 'smartchatclusters,events,configmaps,statefulsets,deployments,jobs,services,networkpolicies,poddisruptionbudgets']);
}

describe('a SmartchatCluster applied with kubectl', () => {
  it('creates the stores, settings and migrations with owner references, and becomes Available once children report ready', async () => {
    apply(clusterManifest('desk'));
    const cluster = await eventually('the finalizer', async () => {
      const current = await readCluster(kube, namespace, 'desk');
      return current.metadata.finalizers?.includes('smartchat.io/teardown') ? current : undefined;
    });
    const uid = cluster.metadata.uid!;

    // The settings are applied after the stores, so once they exist every store object does.
    await eventually('the connection settings', () => kube.core.readNamespacedConfigMap({ name: 'desk-config', namespace }));
    const scylla = await kube.apps.readNamespacedStatefulSet({ name: 'desk-scylla', namespace });
    expect(scylla.spec?.replicas).toBe(3);
    expect(scylla.spec?.serviceName).toBe('desk-scylla');
    expect(ownerUids(scylla)).toEqual([uid]);
    const headless = await kube.core.readNamespacedService({ name: 'desk-scylla', namespace });
    expect(headless.spec?.clusterIP).toBe('None');
    expect((await kube.policy.readNamespacedPodDisruptionBudget({ name: 'desk-scylla', namespace })).spec?.maxUnavailable).toBe(1);
    const rabbit = await kube.apps.readNamespacedStatefulSet({ name: 'desk-rabbitmq', namespace });
    expect(rabbit.spec?.replicas).toBe(3);
    const credentials = await kube.core.readNamespacedSecret({ name: 'desk-rabbitmq-credentials', namespace });
    expect(Object.keys(credentials.data ?? {}).sort()).toEqual(['erlang-cookie', 'password', 'username']);
    expect(ownerUids(await kube.apps.readNamespacedStatefulSet({ name: 'desk-redis', namespace }))).toEqual([uid]);

    // Connection settings: secrets in the Secret, the rest in the ConfigMap.
    const settings = await kube.core.readNamespacedConfigMap({ name: 'desk-config', namespace });
    expect(settings.data?.SMARTCHAT_CASSANDRA_CONTACT_POINTS).toContain(`desk-scylla-0.desk-scylla.${namespace}.svc:9042`);
    expect(JSON.stringify(settings.data)).not.toContain('s3cret');
    const connections = await kube.core.readNamespacedSecret({ name: 'desk-connections', namespace });
    expect(Buffer.from(connections.data!.SMARTCHAT_PG_URL!, 'base64').toString()).toBe('postgres://smartchat:s3cret@pg.example:5432/smartchat');

    // Every managed store has generated credentials, in a Secret of the cluster, and the app uses them.
    const scyllaLogin = await readSecret('desk-scylla-credentials');
    expect(Object.keys(scyllaLogin.data ?? {}).sort()).toEqual(['password', 'superuser-password', 'superuser-salted-password', 'superuser-username', 'username']);
    expect(secretValue(scyllaLogin, 'superuser-salted-password')).toMatch(/^\\\$6\\\$[./0-9A-Za-z]{16}\\\$[./0-9A-Za-z]{86}$/);
    expect(ownerUids(scyllaLogin)).toEqual([uid]);
    const redisLogin = await readSecret('desk-redis-credentials');
    expect(secretValue(redisLogin, 'password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretValue(connections, 'SMARTCHAT_CASSANDRA_USERNAME')).toBe(secretValue(scyllaLogin, 'username'));
    expect(secretValue(connections, 'SMARTCHAT_CASSANDRA_PASSWORD')).toBe(secretValue(scyllaLogin, 'password'));
    expect(secretValue(connections, 'SMARTCHAT_REDIS_URL')).toBe(`redis://:${encodeURIComponent(secretValue(redisLogin, 'password'))}@desk-redis.${namespace}.svc:6379`);
    expect(secretValue(connections, 'SMARTCHAT_RABBITMQ_URL')).toContain(`:${encodeURIComponent(secretValue(credentials, 'password'))}@desk-rabbitmq.${namespace}.svc:5672`);
    // The stores require them, reading them from the Secrets, never from the manifests.
    const redis = await kube.apps.readNamespacedStatefulSet({ name: 'desk-redis', namespace });
    expect(redis.spec?.template.spec?.containers[0]?.command?.join(' ')).toContain('--requirepass "$REDIS_PASSWORD"');
    expect(scylla.spec?.template.spec?.containers[0]?.args).toContain('--authenticator=PasswordAuthenticator');

    // The fences are up with the stores.
    const policies = await kube.objects.list('networking.k8s.io/v1', 'NetworkPolicy', namespace);
    expect(policies.items.map((item) => item.metadata!.name).sort()).toEqual(['desk-balancer', 'desk-chat', 'desk-rabbitmq', 'desk-redis', 'desk-scylla', 'desk-stats']);
    for (const item of policies.items) expect(ownerUids(item)).toEqual([uid]);

    // Nothing of the application runs before the stores are ready and the migrations have run.
    const before = await eventually('the first status', async () => {
      const current = await readCluster(kube, namespace, 'desk');
      return condition(current, 'Available') ? current : undefined;
    });
    expect(condition(before, 'Available')).toMatchObject({ status: 'False', observedGeneration: 1 });
    expect((await kube.batch.listNamespacedJob({ namespace })).items).toHaveLength(0);
    await expect(kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).rejects.toSatisfy(isNotFound);

    // Once Scylla runs, its authentication Job; the migrations only after it has succeeded.
    await markStatefulSetsReady(kube, namespace);
    const auth = await eventually('the Scylla authentication Job', () => componentJob(kube, namespace, 'desk', 'scylla-auth'));
    expect(auth.metadata!.name).toMatch(/^desk-scylla-auth-[0-9a-f]{10}$/);
    expect(auth.spec?.template.spec?.containers[0]?.image).toBe('docker.io/scylladb/scylla:6.2.3');
    const waiting = await eventually('Scylla waiting for its authentication', async () => {
      const stores = (await readCluster(kube, namespace, 'desk')).status?.stores;
      return stores?.scylla?.message?.includes(auth.metadata!.name!) ? stores : undefined;
    });
    expect(waiting.scylla?.ready).toBe(false);
    expect(await componentJob(kube, namespace, 'desk', 'migrations')).toBeUndefined();
    await markJobSucceeded(kube, namespace, auth.metadata!.name!);
    const migrate = await eventually('the migrations Job', () => componentJob(kube, namespace, 'desk', 'migrations'));
    await markJobSucceeded(kube, namespace, migrate.metadata!.name!);
    for (const [component, minReplicas] of [['chat', 2], ['balancer', 2], ['stats', 1]] as const) {
      await eventually(`${component} at minReplicas`, async () => ((await kube.apps.readNamespacedDeployment({ name: `desk-${component}`, namespace })).spec?.replicas ?? 0) >= minReplicas);
      await markDeploymentReady(kube, namespace, `desk-${component}`);
    }
    // Available needs chat and balancer only; the stats pod marked ready last can reach the status
    // in a later reconcile, so the rollout is awaited by its own condition.
    for (const condition of ['Available', 'Progressing=False']) {
      const wait = kubectl(['wait', '-n', namespace, `--for=condition=${condition}`, '--timeout=60s', 'smartchatcluster/desk']);
      expect(wait.stderr).toBe('');
      expect(wait.status).toBe(0);
    }

    const available = await readCluster(kube, namespace, 'desk');
    expect(condition(available, 'Available')).toMatchObject({ status: 'True', reason: 'AllComponentsReady', observedGeneration: 1 });
    expect(condition(available, 'Degraded')).toMatchObject({ status: 'False' });
    expect(available.status?.chat).toMatchObject({ ready: '2/2', readyReplicas: 2 });
    const chat = await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace });
    expect(ownerUids(chat)).toEqual([uid]);
    expect(chat.spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH]).toMatch(/^[0-9a-f]{16}$/);
    const chatContainer = chat.spec?.template.spec?.containers[0];
    expect(chatContainer?.ports?.map((port) => `${port.name}:${port.containerPort}`)).toEqual(['http:8080', 'ops:8081']);
    expect(chatContainer?.readinessProbe?.httpGet?.port).toBe('ops');
    const printed = kubectlOk(['get', 'smartchatcluster', 'desk', '-n', namespace]);
    // MAIL is empty: spec.mail is off by default.
    expect(printed).toMatch(/NAME\s+AVAILABLE\s+PROGRESSING\s+CHAT\s+BALANCER\s+STATS\s+MAIL\s+REASON\s+AGE/);
    expect(printed).toMatch(/desk\s+True\s+False\s+2\/2\s+2\/2\s+1\/1\s+Ready/);
    const events = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk', '-o', 'jsonpath={.items[*].reason}']);
    expect(events.split(' ')).toEqual(expect.arrayContaining(['Provisioning', 'ScyllaAuthStarted', 'MigrationsStarted', 'MigrationsSucceeded', 'Available']));

    // No generated credential is visible to a client that may not read Secrets.
    const visible = await everythingButSecrets();
    for (const value of await generatedValues('desk')) expect(visible).not.toContain(value);
  });

  it('a spec change updates the children, and a settings change rolls the pods', async () => {
    const chatBefore = await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace });
    const hashBefore = chatBefore.spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { chat: { resources: { requests: { cpu: '250m', memory: '256Mi' } } }, scylla: { managed: { members: 5 } } } })]);
    await eventually('the chat resources', async () => (await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.spec?.containers[0]?.resources?.requests?.cpu === '250m');
    await eventually('5 Scylla members', async () => (await kube.apps.readNamespacedStatefulSet({ name: 'desk-scylla', namespace })).spec?.replicas === 5);
    const progressing = await eventually('Progressing with generation 2', async () => {
      const current = await readCluster(kube, namespace, 'desk');
      const found = condition(current, 'Progressing');
      return found?.observedGeneration === 2 && found.status === 'True' ? found : undefined;
    });
    expect(progressing.reason).toBe('StoresStarting');
    // The chat template did not change its settings, so the hash is the same.
    expect((await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH]).toBe(hashBefore);

    // A new PostgreSQL URL is a new database: its migrations run first, then the settings hash
    // on the pod templates changes (a rolling restart).
    const jobsBefore = (await kube.batch.listNamespacedJob({ namespace })).items.map((job) => job.metadata!.name!);
    // The Secret is watched: no need to touch the cluster (references.test.ts measures how fast).
    await kube.core.patchNamespacedSecret({ name: 'pg', namespace, body: { stringData: { url: 'postgres://smartchat:rotated@pg2.example:5432/smartchat' } } }, mergePatch);
    await markStatefulSetsReady(kube, namespace);
    const job = await eventually('migrations for the new database', async () => (await kube.batch.listNamespacedJob({ namespace })).items.find((item) => !jobsBefore.includes(item.metadata!.name!)));
    expect((await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH]).toBe(hashBefore);
    await markJobSucceeded(kube, namespace, job.metadata!.name!);
    await eventually('a new config hash on the chat pods', async () => {
      const hash = (await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
      return hash !== undefined && hash !== hashBefore;
    }, 30_000);
  });

  it('repairs drift: a deleted child comes back and a hand-edited field is restored', async () => {
    await kube.core.deleteNamespacedService({ name: 'desk-redis', namespace });
    await eventually('the Redis Service recreated', () => kube.core.readNamespacedService({ name: 'desk-redis', namespace }));
    kubectlOk(['scale', 'statefulset', 'desk-rabbitmq', '-n', namespace, '--replicas=1']);
    await eventually('RabbitMQ back at 3 replicas', async () => (await kube.apps.readNamespacedStatefulSet({ name: 'desk-rabbitmq', namespace })).spec?.replicas === 3);
    // The autoscaler owns spec.replicas of the Deployments: a reconcile re-applies the manifest
    // and keeps it. The label restored below proves that a reconcile ran after the scale.
    kubectlOk(['scale', 'deployment', 'desk-chat', '-n', namespace, '--replicas=4']);
    kubectlOk(['label', 'configmap', 'desk-config', '-n', namespace, '--overwrite', 'app.kubernetes.io/component=hacked']);
    await eventually('the ConfigMap label restored', async () => (await kube.core.readNamespacedConfigMap({ name: 'desk-config', namespace })).metadata?.labels?.['app.kubernetes.io/component'] === 'config');
    expect((await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.replicas).toBe(4);
  });

  it('the generated credentials survive reconciles unchanged', async () => {
    const names = ['desk-scylla-credentials', 'desk-redis-credentials', 'desk-rabbitmq-credentials', 'desk-app-secrets'];
    const before = await Promise.all(names.map(readSecret));
    // Two reconciles at least: a poke, and a drift that only a reconcile repairs.
    kubectlOk(['annotate', 'smartchatcluster', 'desk', '-n', namespace, '--overwrite', 'smartchat.io/poke=credentials']);
    kubectlOk(['label', 'configmap', 'desk-config', '-n', namespace, '--overwrite', 'app.kubernetes.io/component=drifted']);
    await eventually('a reconcile after the poke', async () => (await kube.core.readNamespacedConfigMap({ name: 'desk-config', namespace })).metadata?.labels?.['app.kubernetes.io/component'] === 'config');
    const after = await Promise.all(names.map(readSecret));
    for (const [index, name] of names.entries()) {
      expect(after[index]!.data, name).toEqual(before[index]!.data);
      expect(after[index]!.metadata?.resourceVersion, name).toBe(before[index]!.metadata?.resourceVersion);
    }
  });

  it('a changed credential rolls the pods; a changed Scylla password is set by a new authentication Job before they roll', async () => {
    // Redis: its pods and the app's roll, with the new password in the URL.
    const redisHash = async () => (await kube.apps.readNamespacedStatefulSet({ name: 'desk-redis', namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
    const [redisBefore, chatBefore] = [await redisHash(), await chatHash()];
    await kube.core.patchNamespacedSecret({ name: 'desk-redis-credentials', namespace, body: { stringData: { password: 'rotated-Redis-Pa55word' } } }, mergePatch);
    await eventually('Redis rolled', async () => (await redisHash()) !== redisBefore);
    await eventually('chat rolled', async () => (await chatHash()) !== chatBefore);
    expect(secretValue(await readSecret('desk-connections'), 'SMARTCHAT_REDIS_URL')).toBe(`redis://:rotated-Redis-Pa55word@desk-redis.${namespace}.svc:6379`);
    await markStatefulSetsReady(kube, namespace);

    // Scylla: a new Job sets the password; the pods wait for it.
    const chatRolled = await chatHash();
    const authBefore = (await componentJob(kube, namespace, 'desk', 'scylla-auth'))!.metadata!.name!;
    await kube.core.patchNamespacedSecret({ name: 'desk-scylla-credentials', namespace, body: { stringData: { password: 'rotated-Scylla-Pa55word' } } }, mergePatch);
    const auth = await eventually('a new authentication Job', async () => {
      const job = await componentJob(kube, namespace, 'desk', 'scylla-auth');
      return job && job.metadata!.name !== authBefore ? job : undefined;
    });
    await eventually('the new password in the connection settings', async () => secretValue(await readSecret('desk-connections'), 'SMARTCHAT_CASSANDRA_PASSWORD') === 'rotated-Scylla-Pa55word');
    kubectlOk(['annotate', 'smartchatcluster', 'desk', '-n', namespace, '--overwrite', 'smartchat.io/poke=scylla-password']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await chatHash()).toBe(chatRolled);
    await markJobSucceeded(kube, namespace, auth.metadata!.name!);
    await eventually('chat rolled after the authentication Job', async () => (await chatHash()) !== chatRolled);
    for (const component of ['chat', 'balancer', 'stats']) await markDeploymentReady(kube, namespace, `desk-${component}`);
  });

  it('spec.networkPolicies.enabled false removes the NetworkPolicies; true brings them back', async () => {
    const names = async () => (await kube.objects.list('networking.k8s.io/v1', 'NetworkPolicy', namespace, undefined, undefined, undefined, undefined, 'smartchat.io/cluster=desk')).items.map((item) => item.metadata!.name).sort();
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { networkPolicies: { enabled: false } } })]);
    await eventually('no NetworkPolicy', async () => (await names()).length === 0);
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { networkPolicies: { enabled: true } } })]);
    await eventually('the NetworkPolicies back', async () => (await names()).length === 6);
  });

  it('a failed migrations Job holds the rollout and shows as Degraded; the running version stays', async () => {
    await markDeploymentReady(kube, namespace, 'desk-chat');
    const imageBefore = (await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.spec?.containers[0]?.image;
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { version: '0.2.0', scylla: { managed: { members: 3 } } } })]);
    // The StatefulSet controller keeps reporting the stores ready (members went back to 3).
    const job = await eventually('a new migrations Job for 0.2.0', async () => {
      await markStatefulSetsReady(kube, namespace);
      return (await kube.batch.listNamespacedJob({ namespace })).items.find((item) => item.spec?.template.spec?.containers[0]?.image?.endsWith(':0.2.0'));
    }, 40_000, 250);
    await markJobFailed(kube, namespace, job.metadata!.name!);
    const degraded = await eventually('Degraded: MigrationsFailed', async () => {
      const found = condition(await readCluster(kube, namespace, 'desk'), 'Degraded');
      return found?.status === 'True' && found.reason === 'MigrationsFailed' ? found : undefined;
    });
    expect(degraded.message).toContain(job.metadata!.name!);
    expect((await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).spec?.template.spec?.containers[0]?.image).toBe(imageBefore);
  });
});

describe('bad input and missing dependencies', () => {
  it('the API server refuses specs that would do harm, with a message that says why', () => {
    const refused = (spec: Record<string, unknown>) => {
      const result = kubectl(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('bad', spec)));
      expect(result.status).not.toBe(0);
      return result.stderr;
    };
    expect(refused({ chat: { minReplicas: 5, maxReplicas: 2 } })).toContain('minReplicas must not be greater than maxReplicas');
    expect(refused({ scylla: { managed: { members: 2, replicationFactor: 3 } } })).toContain('members must be at least replicationFactor');
    expect(refused({ scylla: { managed: { members: 3 }, external: { endpoints: ['scylla:9042'] } } })).toContain('set exactly one of managed or external');
    expect(refused({ chat: { autoscaling: { targets: { oldestWaitingSeconds: 30 } } } })).toContain('balancer targets');
    expect(refused({ teardown: { pvcRetention: 'Sometimes' } })).toContain('Unsupported value');
    expect(refused({ version: 'latest' })).toContain('spec.version');
    expect(refused({ chat: { trustedProxies: ['10.0.0.0/8', '10.0.0.300'] } })).toContain('spec.chat.trustedProxies[1]');
    expect(refused({ chat: { widgetEmbedOrigins: ['*'] } })).toContain('spec.chat.widgetEmbedOrigins[0]');
    expect(refused({ chat: { widgetEmbedOrigins: ["https://shop.example; script-src 'unsafe-inline'"] } })).toContain('spec.chat.widgetEmbedOrigins[0]');
    expect(refused({ balancer: { widgetEmbedOrigins: ['https://shop.example'] } })).toContain('trustedProxies, widgetEmbedOrigins, companyName and publicUrl are chat settings');
    expect(refused({ balancer: { companyName: 'ООО Ромашка' } })).toContain('trustedProxies, widgetEmbedOrigins, companyName and publicUrl are chat settings');
    expect(refused({ chat: { companyName: 'two\nlines' } })).toContain('spec.chat.companyName');
    expect(refused({ chat: { companyName: '   ' } })).toContain('spec.chat.companyName');
    expect(refused({ balancer: { publicUrl: 'https://support.example.com' } })).toContain('publicUrl are chat settings');
    expect(refused({ chat: { publicUrl: 'ftp://support.example.com' } })).toContain('spec.chat.publicUrl');
    expect(refused({ chat: { publicUrl: 'https://support.example.com/?next=<script>' } })).toContain('spec.chat.publicUrl');
    // Statistics are kept per hour: a zone half an hour off UTC, or no zone at all, is refused.
    expect(refused({ stats: { enabled: true, deskTimeZone: 'Asia/Kolkata' } })).toContain('spec.stats.deskTimeZone');
    expect(refused({ stats: { enabled: true, deskTimeZone: 'Europe/Atlantis' } })).toContain('spec.stats.deskTimeZone');
    expect(refused({ stats: { enabled: true, reportLocale: 'de' } })).toContain('spec.stats.reportLocale');
    expect(refused({ networkPolicies: { metricsFrom: [{}] } })).toContain('a peer is a namespaceSelector and/or a podSelector, or an ipBlock alone');
    expect(refused({ networkPolicies: { enabled: 'yes' } })).toContain('spec.networkPolicies.enabled');
    expect(refused({ bootstrapAdmin: { secretRef: {} } })).toContain('spec.bootstrapAdmin.secretRef.name');
    expect(kubectl(['get', 'smartchatcluster', 'bad', '-n', namespace]).status).not.toBe(0);
  });

  it('shrinking Scylla below its replication factor or changing a storage class is refused on update', () => {
    const result = kubectl(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { scylla: { managed: { members: 2 } } } })]);
    expect(result.stderr).toContain('members must be at least replicationFactor');
    const storage = kubectl(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { redis: { managed: { storage: { storageClassName: 'fast-ssd' } } } } })]);
    expect(storage.stderr).toContain('storageClassName is immutable');
  });

  it('a missing Secret shows as Degraded with the reason, and the cluster recovers once it exists', async () => {
    apply(clusterManifest('nosecret', { postgres: { connectionSecret: { name: 'pg-missing' } } }));
    const degraded = await eventually('Degraded: SecretNotFound', async () => {
      const found = condition(await readCluster(kube, namespace, 'nosecret'), 'Degraded');
      return found?.status === 'True' ? found : undefined;
    });
    expect(degraded).toMatchObject({ reason: 'SecretNotFound', observedGeneration: 1 });
    expect(degraded.message).toContain(`Secret ${namespace}/pg-missing`);
    expect(operator.child.exitCode).toBeNull();
    await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'pg-missing' }, stringData: { url: 'postgres://a:b@pg:5432/x' } } });
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'nosecret'), 'Degraded')?.status === 'False', 40_000, 250);
    await eventually('its connection Secret', () => kube.core.readNamespacedSecret({ name: 'nosecret-connections', namespace }));
  });
});

describe('the first super-admin (spec.bootstrapAdmin)', () => {
  const password = 'Boot-Pa55word-never-shown';
  const bootJob = () => componentJob(kube, namespace, 'boot', 'bootstrap-admin');

  it('its Job comes only after the migrations; a missing Secret is SecretNotFound', async () => {
    apply(clusterManifest('boot', { bootstrapAdmin: { secretRef: { name: 'boot-admin' } } }));
    await eventually('the stores of boot', async () => (await kube.apps.listNamespacedStatefulSet({ namespace })).items.filter((set) => set.metadata?.name?.startsWith('boot-')).length === 3, 30_000, 200);
    await markStatefulSetsReady(kube, namespace);
    const auth = await eventually('the authentication Job of boot', () => componentJob(kube, namespace, 'boot', 'scylla-auth'), 30_000, 200);
    await markJobSucceeded(kube, namespace, auth.metadata!.name!);
    const migrate = await eventually('the migrations Job of boot', () => componentJob(kube, namespace, 'boot', 'migrations'), 30_000, 200);
    const waiting = await eventually('waiting for the migrations', async () => {
      const status = (await readCluster(kube, namespace, 'boot')).status?.stores?.bootstrapAdmin;
      return status?.message === 'waiting for the migrations of this version' ? status : undefined;
    });
    expect(waiting.ready).toBe(false);
    expect(await bootJob()).toBeUndefined();

    await markJobSucceeded(kube, namespace, migrate.metadata!.name!);
    const degraded = await eventually('Degraded: SecretNotFound', async () => {
      const found = condition(await readCluster(kube, namespace, 'boot'), 'Degraded');
      return found?.status === 'True' && found.reason === 'SecretNotFound' ? found : undefined;
    }, 40_000, 250);
    expect(degraded.message).toContain(`Secret ${namespace}/boot-admin (spec.bootstrapAdmin.secretRef) does not exist`);
    expect(await bootJob()).toBeUndefined();
    // The installation itself is not held: chat and balancer roll out.
    await eventually('boot-chat', () => kube.apps.readNamespacedDeployment({ name: 'boot-chat', namespace }));
  });

  it('once the Secret exists the Job runs the admin command with the Secret\'s keys; the password is nowhere but in the Secret', async () => {
    await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'boot-admin' }, stringData: { email: 'owner@example.com', name: 'Owner', password } } });
    const job = await eventually('the bootstrap-admin Job', bootJob, 40_000, 250);
    expect(job.metadata!.name).toBe('boot-bootstrap-admin');
    const container = job.spec!.template.spec!.containers[0]!;
    expect(container.command).toEqual(['node', '--import', 'tsx', 'services/chat/src/bin/admin.ts', 'create', '--role', 'super-admin', '--if-no-super-admin']);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'boot-config' } }, { secretRef: { name: 'boot-connections' } }]);
    expect(container.env).toEqual([
      { name: 'SMARTCHAT_ADMIN_EMAIL', valueFrom: { secretKeyRef: { name: 'boot-admin', key: 'email' } } },
      { name: 'SMARTCHAT_ADMIN_NAME', valueFrom: { secretKeyRef: { name: 'boot-admin', key: 'name', optional: true } } },
      { name: 'SMARTCHAT_ADMIN_PASSWORD', valueFrom: { secretKeyRef: { name: 'boot-admin', key: 'password' } } },
    ]);
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'boot'), 'Degraded')?.status === 'False', 40_000, 250);
    expect(await everythingButSecrets()).not.toContain(password);
  });

  it('a failed Job is Degraded with BootstrapAdminFailed and a Warning Event; deleted, it runs again, and its success is recorded', async () => {
    const first = (await bootJob())!;
    await markJobFailed(kube, namespace, first.metadata!.name!);
    const degraded = await eventually('Degraded: BootstrapAdminFailed', async () => {
      const found = condition(await readCluster(kube, namespace, 'boot'), 'Degraded');
      return found?.status === 'True' && found.reason === 'BootstrapAdminFailed' ? found : undefined;
    }, 40_000, 250);
    expect(degraded.message).toContain('kubectl logs job/boot-bootstrap-admin');
    const warnings = () => kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=boot,type=Warning', '-o', 'jsonpath={.items[*].reason}']);
    expect(warnings().split(' ')).toContain('BootstrapAdminFailed');

    await kube.batch.deleteNamespacedJob({ name: first.metadata!.name!, namespace, propagationPolicy: 'Background' });
    const again = await eventually('the Job created again', async () => {
      const job = await bootJob();
      return job && job.metadata!.uid !== first.metadata!.uid ? job : undefined;
    }, 40_000, 250);
    await markJobSucceeded(kube, namespace, again.metadata!.name!);
    const done = await eventually('the first super-admin recorded', async () => {
      const status = (await readCluster(kube, namespace, 'boot')).status?.stores?.bootstrapAdmin;
      return status?.ready ? status : undefined;
    }, 40_000, 250);
    expect(done.message).toContain('boot-bootstrap-admin succeeded');
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'boot'), 'Degraded')?.status === 'False', 40_000, 250);
    const events = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=boot', '-o', 'jsonpath={.items[*].reason}']);
    expect(events.split(' ')).toEqual(expect.arrayContaining(['BootstrapAdminStarted', 'BootstrapAdminSucceeded']));
    // Done once: the Secret may go now, and nothing asks for it again.
    await kube.core.deleteNamespacedSecret({ name: 'boot-admin', namespace });
    kubectlOk(['annotate', 'smartchatcluster', 'boot', '-n', namespace, '--overwrite', 'smartchat.io/poke=after-bootstrap']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(condition(await readCluster(kube, namespace, 'boot'), 'Degraded')?.status).toBe('False');
    expect(await everythingButSecrets()).not.toContain(password);
  });
});

describe('deleting a SmartchatCluster', () => {
  it('runs the finalizer: workloads, then stores are deleted; data volumes follow pvcRetention', async () => {
    // The StatefulSet controller would create these claims from the templates; make them here.
    const claim = (name: string, cluster: string) => ({ metadata: { name, labels: { 'smartchat.io/cluster': cluster, 'app.kubernetes.io/managed-by': 'smartchat-operator' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data-desk-scylla-0', 'desk') });
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data-nosecret-redis-0', 'nosecret') });
    kubectlOk(['patch', 'smartchatcluster', 'nosecret', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { teardown: { pvcRetention: 'Delete' } } })]);

    kubectlOk(['delete', 'smartchatcluster', 'desk', 'nosecret', 'boot', '-n', namespace, '--wait=true', '--timeout=60s']);
    for (const kind of ['deployments', 'statefulsets', 'services', 'configmaps', 'poddisruptionbudgets', 'jobs', 'networkpolicies']) {
      expect(kubectlOk(['get', kind, '-n', namespace, '-l', 'app.kubernetes.io/managed-by=smartchat-operator', '-o', 'name']).trim()).toBe('');
    }
    // Retain keeps the stores' credentials with their volumes (released from the cluster); Delete does not.
    const keptSecrets = ['boot-rabbitmq-credentials', 'boot-redis-credentials', 'boot-scylla-credentials', 'desk-rabbitmq-credentials', 'desk-redis-credentials', 'desk-scylla-credentials'];
    expect(kubectlOk(['get', 'secrets', '-n', namespace, '-o', 'name']).split('\n').filter(Boolean).sort()).toEqual([...keptSecrets.map((name) => `secret/${name}`), 'secret/kafka', 'secret/pg', 'secret/pg-missing']);
    for (const name of keptSecrets) expect(ownerUids(await readSecret(name)), name).toEqual([]);
    // Retain (the default): the claim stays, and no longer belongs to the deleted cluster.
    const kept = await kube.core.readNamespacedPersistentVolumeClaim({ name: 'data-desk-scylla-0', namespace });
    expect(ownerUids(kept)).toEqual([]);
    const attachments = await kube.core.readNamespacedPersistentVolumeClaim({ name: 'desk-attachments', namespace });
    expect(ownerUids(attachments)).toEqual([]);
    // Delete: the claim is gone (or terminating: no PV controller runs here to release it).
    const deleted = await kube.core.readNamespacedPersistentVolumeClaim({ name: 'data-nosecret-redis-0', namespace }).catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    expect(deleted === undefined || deleted.metadata?.deletionTimestamp !== undefined).toBe(true);
    const events = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk', '-o', 'jsonpath={.items[*].reason}']);
    expect(events).toContain('TeardownStarted');
  });
});
