// The operator against a real kube-apiserver: a SmartchatCluster applied with kubectl converges
// to its children, becomes Available as they report ready, follows spec changes, repairs drift,
// reports missing secrets and failed migrations as conditions, and tears down in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import { ANNOTATION_CONFIG_HASH } from '../src/desired/meta.js';
import { isNotFound, mergePatch, type KubeClients } from '../src/runtime/kube.js';
import { bringUp, markJobSucceeded, markStatefulSetsReady, saveLogs, clusterManifest, condition, createConnectionSecrets, createNamespace, installCrdFromChart, kubectl, kubectlOk, markDeploymentReady, markJobFailed, ownerUids, readCluster, startOperator, testKube, type OperatorProcess } from './support/kube.js';

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

    // Nothing of the application runs before the stores are ready and the migrations have run.
    const before = await eventually('the first status', async () => {
      const current = await readCluster(kube, namespace, 'desk');
      return condition(current, 'Available') ? current : undefined;
    });
    expect(condition(before, 'Available')).toMatchObject({ status: 'False', observedGeneration: 1 });
    expect((await kube.batch.listNamespacedJob({ namespace })).items).toHaveLength(0);
    await expect(kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace })).rejects.toSatisfy(isNotFound);

    await bringUp(kube, namespace, 'desk');
    const wait = kubectl(['wait', '-n', namespace, '--for=condition=Available', '--timeout=60s', 'smartchatcluster/desk']);
    expect(wait.stderr).toBe('');
    expect(wait.status).toBe(0);

    const available = await readCluster(kube, namespace, 'desk');
    expect(condition(available, 'Available')).toMatchObject({ status: 'True', reason: 'AllComponentsReady', observedGeneration: 1 });
    expect(condition(available, 'Degraded')).toMatchObject({ status: 'False' });
    expect(available.status?.chat).toMatchObject({ ready: '2/2', readyReplicas: 2 });
    const chat = await kube.apps.readNamespacedDeployment({ name: 'desk-chat', namespace });
    expect(ownerUids(chat)).toEqual([uid]);
    expect(chat.spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH]).toMatch(/^[0-9a-f]{16}$/);
    const printed = kubectlOk(['get', 'smartchatcluster', 'desk', '-n', namespace]);
    expect(printed).toMatch(/NAME\s+AVAILABLE\s+CHAT\s+BALANCER\s+REASON\s+AGE/);
    expect(printed).toMatch(/desk\s+True\s+2\/2\s+2\/2\s+Ready/);
    const events = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk', '-o', 'jsonpath={.items[*].reason}']);
    expect(events.split(' ')).toEqual(expect.arrayContaining(['Provisioning', 'MigrationsStarted', 'MigrationsSucceeded', 'Available']));
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
    await kube.core.patchNamespacedSecret({ name: 'pg', namespace, body: { stringData: { url: 'postgres://smartchat:rotated@pg2.example:5432/smartchat' } } }, mergePatch);
    kubectlOk(['annotate', 'smartchatcluster', 'desk', '-n', namespace, '--overwrite', 'smartchat.io/poke=1']);
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

describe('deleting a SmartchatCluster', () => {
  it('runs the finalizer: workloads, then stores are deleted; data volumes follow pvcRetention', async () => {
    // The StatefulSet controller would create these claims from the templates; make them here.
    const claim = (name: string, cluster: string) => ({ metadata: { name, labels: { 'smartchat.io/cluster': cluster, 'app.kubernetes.io/managed-by': 'smartchat-operator' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data-desk-scylla-0', 'desk') });
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data-nosecret-redis-0', 'nosecret') });
    kubectlOk(['patch', 'smartchatcluster', 'nosecret', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { teardown: { pvcRetention: 'Delete' } } })]);

    kubectlOk(['delete', 'smartchatcluster', 'desk', 'nosecret', '-n', namespace, '--wait=true', '--timeout=60s']);
    for (const kind of ['deployments', 'statefulsets', 'services', 'configmaps', 'poddisruptionbudgets', 'jobs']) {
      expect(kubectlOk(['get', kind, '-n', namespace, '-l', 'app.kubernetes.io/managed-by=smartchat-operator', '-o', 'name']).trim()).toBe('');
    }
    expect(kubectlOk(['get', 'secrets', '-n', namespace, '-o', 'name']).split('\n').filter(Boolean).sort()).toEqual(['secret/kafka', 'secret/pg', 'secret/pg-missing']);
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
