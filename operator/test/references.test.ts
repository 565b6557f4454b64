// The operator notices changes to what a SmartchatCluster references (its Secrets) by watching
// them, without the cluster object being touched: within REACTION_BOUND_MS a deleted Secret is
// Degraded/SecretNotFound, a recreated or rotated one runs new migrations and rolls the pods, and
// a Secret that appears lets a waiting Job start. Its operator resyncs only once an hour, so
// nothing but the watches can explain a reaction; before each measured change it is restarted,
// so that no requeue timer of an earlier reconcile (5 s while not Available, 15 s while Degraded)
// is pending either. And an upgrade of an Available cluster keeps it
// Available while the migrations run and the pods roll (Progressing says what happens).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import type { Condition } from '../src/api/types.js';
import { ANNOTATION_CONFIG_HASH } from '../src/desired/meta.js';
import { mergePatch, type KubeClients } from '../src/runtime/kube.js';
import { bringUp, clusterManifest, componentJob, condition, createConnectionSecrets, createNamespace, installCrdFromChart, kubectlOk, markDeploymentReady, markJobSucceeded, readCluster, repoRoot, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

/** What the issue asks: a change to a referenced object is acted on within 10 s. */
const REACTION_BOUND_MS = 10_000;
/** How long to wait before giving up (longer than the bound, so that a slow reaction reports its time). */
const GIVE_UP_MS = 20_000;

let kube: KubeClients;
let namespace: string;
let operator: OperatorProcess | undefined;
let logs = '';
const timings: Record<string, number> = {};

/** A new operator process that has reconciled what it found at start and gone quiet: its caches
 *  filled, its reconcile count unchanged for a second. (A requeue it set, 15 s for a Degraded
 *  cluster, comes later than the bound.) */
async function freshOperator(clusters = 1): Promise<void> {
  if (operator) {
    await operator.stop();
    logs += operator.logs();
  }
  const started = await startOperator(namespace, { env: { SMARTCHAT_OPERATOR_RESYNC_SECONDS: '3600' } });
  operator = started;
  const reconciles = async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${started.port}/metrics`)).text();
    return metrics.split('\n').filter((line) => line.startsWith('smartchat_operator_reconciles_total')).reduce((total, line) => total + Number(line.split(' ').pop()), 0);
  };
  await eventually('the new operator leading with its caches filled', async () => (await fetch(`http://127.0.0.1:${started.port}/readyz`)).ok && (await reconciles()) >= clusters, 30_000, 100);
  let last = -1;
  await eventually('the new operator to go quiet', async () => {
    const count = await reconciles();
    const quiet = count === last;
    last = count;
    return quiet;
  }, 30_000, 1000);
}

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-refs');
  await createConnectionSecrets(kube, namespace);
  await freshOperator(0);
});

afterAll(async () => {
  await operator?.stop();
  if (operator) saveLogs('operator-references', { ...operator, logs: () => logs + operator!.logs() });
  const dir = join(repoRoot, 'var/test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'operator-references-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
});

/** Polls until `probe` holds, records how long that took since `since`, and checks it against the bound. */
async function reactsWithin<T>(what: string, since: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const value = await eventually(what, probe, GIVE_UP_MS, 50);
  const elapsed = Date.now() - since;
  timings[what] = elapsed;
  expect(elapsed, `${what} took ${elapsed} ms`).toBeLessThanOrEqual(REACTION_BOUND_MS);
  return value;
}

const cluster = () => readCluster(kube, namespace, 'refs');
const chatHash = async () => (await kube.apps.readNamespacedDeployment({ name: 'refs-chat', namespace })).spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];
const migrationJobs = async () => (await kube.batch.listNamespacedJob({ namespace, labelSelector: 'app.kubernetes.io/instance=refs,app.kubernetes.io/component=migrations' })).items;
const conditionIs = async (type: string, status: Condition['status'], reason?: string) => {
  const found = condition(await cluster(), type);
  return found?.status === status && (reason === undefined || found.reason === reason) ? found : undefined;
};
/** What the Deployment controller reports once every app's pods of the current settings are ready. */
async function markAppsReady(): Promise<void> {
  const rollout = async (component: string) => {
    const template = (await kube.apps.readNamespacedDeployment({ name: `refs-${component}`, namespace })).spec?.template;
    return `${template?.spec?.containers[0]?.image} ${template?.metadata?.annotations?.[ANNOTATION_CONFIG_HASH]}`;
  };
  const current = await rollout('chat');
  for (const component of ['chat', 'balancer', 'stats']) {
    // The Deployments are applied one after another: each must have chat's image and settings before it is reported ready.
    await eventually(`${component} on the current image and settings`, async () => (await rollout(component)) === current, 30_000);
    await markDeploymentReady(kube, namespace, `refs-${component}`);
  }
}

describe('Secrets a SmartchatCluster references are watched', () => {
  it('a bootstrap-admin Secret that appears starts the waiting Job', async () => {
    kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('refs', { bootstrapAdmin: { secretRef: { name: 'refs-admin' } } })));
    await bringUp(kube, namespace, 'refs');
    await eventually('Degraded: the bootstrap-admin Secret is missing', () => conditionIs('Degraded', 'True', 'SecretNotFound'), 30_000);
    await freshOperator();

    const created = Date.now();
    await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'refs-admin' }, stringData: { email: 'owner@example.com', password: 'Refs-Pa55word-once' } } });
    const job = await reactsWithin('bootstrap-admin Job after its Secret was created', created, () => componentJob(kube, namespace, 'refs', 'bootstrap-admin'));
    await markJobSucceeded(kube, namespace, job.metadata!.name!);
    await eventually('Degraded cleared', () => conditionIs('Degraded', 'False'), 30_000);
    await markAppsReady();
    await eventually('Available', () => conditionIs('Available', 'True'), 30_000);
  });

  it('deleting the PostgreSQL Secret of an Available cluster is Degraded/SecretNotFound; the running pods keep serving', async () => {
    await eventually('Progressing False', () => conditionIs('Progressing', 'False'), 30_000);
    const availableBefore = condition(await cluster(), 'Available')!;
    await freshOperator();

    const deleted = Date.now();
    await kube.core.deleteNamespacedSecret({ name: 'pg', namespace });
    const degraded = await reactsWithin('Degraded/SecretNotFound after the PostgreSQL Secret was deleted', deleted, () => conditionIs('Degraded', 'True', 'SecretNotFound'));
    expect(degraded.message).toContain(`Secret ${namespace}/pg (spec.postgres.connectionSecret) does not exist`);
    // The pods read their settings from <cluster>-connections, which is still there: still Available.
    expect(condition(await cluster(), 'Available')).toMatchObject({ status: 'True', lastTransitionTime: availableBefore.lastTransitionTime });
    expect(condition(await cluster(), 'Progressing')).toMatchObject({ status: 'False', reason: 'SettingsUnresolved' });
    expect(kubectlOk(['get', 'scc', 'refs', '-n', namespace])).toMatch(/refs\s+True\s+False\s+2\/2\s+2\/2\s+1\/1\s+SecretNotFound/);
    // Nothing that runs is taken away while the settings cannot be resolved.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await kube.core.readNamespacedSecret({ name: 'refs-connections', namespace });
    await kube.core.readNamespacedConfigMap({ name: 'refs-config', namespace });
    for (const component of ['chat', 'balancer']) {
      await kube.core.readNamespacedService({ name: `refs-${component}`, namespace });
      await kube.apps.readNamespacedDeployment({ name: `refs-${component}`, namespace });
    }
    expect(await migrationJobs()).toHaveLength(1);
  });

  it('recreating it with another database runs its migrations, then rolls the pods', async () => {
    const jobsBefore = new Set((await migrationJobs()).map((job) => job.metadata!.name!));
    const hashBefore = await chatHash();
    await freshOperator();

    const created = Date.now();
    await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'pg' }, stringData: { url: 'postgres://smartchat:rotated@pg2.example:5432/smartchat' } } });
    const job = await reactsWithin('a migrations Job for the new database after the Secret was recreated', created, async () => (await migrationJobs()).find((item) => !jobsBefore.has(item.metadata!.name!)));
    await reactsWithin('Degraded cleared after the Secret was recreated', created, () => conditionIs('Degraded', 'False'));
    expect(await chatHash()).toBe(hashBefore);

    const succeeded = Date.now();
    await markJobSucceeded(kube, namespace, job.metadata!.name!);
    await reactsWithin('a new pod-template hash after the migrations succeeded', succeeded, async () => {
      const hash = await chatHash();
      return hash !== undefined && hash !== hashBefore;
    });
    await markAppsReady();
  });

  it('rotating the Kafka Secret in place rolls the pods, without migrations (the database is the same)', async () => {
    await eventually('Progressing False', () => conditionIs('Progressing', 'False'), 30_000);
    const jobsBefore = (await migrationJobs()).map((job) => job.metadata!.name!).sort();
    const hashBefore = await chatHash();
    await freshOperator();

    const rotated = Date.now();
    await kube.core.patchNamespacedSecret({ name: 'kafka', namespace, body: { stringData: { brokers: 'kafka-0.kafka:9093,kafka-1.kafka:9093' } } }, mergePatch);
    await reactsWithin('a new pod-template hash after the Kafka Secret was rotated', rotated, async () => {
      const hash = await chatHash();
      return hash !== undefined && hash !== hashBefore;
    });
    expect((await migrationJobs()).map((job) => job.metadata!.name!).sort()).toEqual(jobsBefore);
    const connections = await kube.core.readNamespacedSecret({ name: 'refs-connections', namespace });
    expect(Buffer.from(connections.data!.SMARTCHAT_KAFKA_BROKERS!, 'base64').toString()).toBe('kafka-0.kafka:9093,kafka-1.kafka:9093');
    await markAppsReady();
  });
});

describe('an upgrade of an Available cluster', () => {
  it('stays Available through the migrations Job and the rollout; Progressing is True, then False', async () => {
    await eventually('Progressing False', () => conditionIs('Progressing', 'False'), 30_000);
    const before = await cluster();
    const availableBefore = condition(before, 'Available')!;
    expect(availableBefore.status).toBe('True');
    const generation = (before.metadata.generation ?? 0) + 1;

    // Every status the cluster shows during the upgrade, sampled.
    const seen: { available?: string; progressing?: string; reason?: string; generation?: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const current = await cluster();
        const progressing = condition(current, 'Progressing');
        seen.push({ available: condition(current, 'Available')?.status, progressing: progressing?.status, reason: progressing?.reason, generation: progressing?.observedGeneration });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    try {
      kubectlOk(['patch', 'scc', 'refs', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { version: '0.2.0' } })]);
      const job = await eventually('the migrations Job of 0.2.0', async () => (await migrationJobs()).find((item) => item.spec?.template.spec?.containers[0]?.image?.endsWith(':0.2.0')), 30_000);
      const running = await eventually('Progressing/MigrationsRunning for the new generation', async () => {
        const found = await conditionIs('Progressing', 'True', 'MigrationsRunning');
        return found?.observedGeneration === generation ? found : undefined;
      }, 30_000);
      expect(running.message).toContain(job.metadata!.name!);
      expect(kubectlOk(['get', 'scc', 'refs', '-n', namespace])).toMatch(/refs\s+True\s+True\s+2\/2\s+2\/2\s+1\/1\s+MigrationsRunning/);
      expect((await kube.apps.readNamespacedDeployment({ name: 'refs-chat', namespace })).spec?.template.spec?.containers[0]?.image).toMatch(/:0\.1\.0$/);

      await markJobSucceeded(kube, namespace, job.metadata!.name!);
      await eventually('chat on 0.2.0', async () => (await kube.apps.readNamespacedDeployment({ name: 'refs-chat', namespace })).spec?.template.spec?.containers[0]?.image?.endsWith(':0.2.0'), 30_000);
      await eventually('Progressing/RollingOut', () => conditionIs('Progressing', 'True', 'RollingOut'), 30_000);
      await markAppsReady();
      const stable = await eventually('Progressing False once the pods are ready', () => conditionIs('Progressing', 'False', 'Stable'), 30_000);
      expect(stable.observedGeneration).toBe(generation);
    } finally {
      sampling = false;
      await sampler;
    }

    expect(seen.filter((sample) => sample.available !== 'True')).toEqual([]);
    expect(seen.some((sample) => sample.progressing === 'True' && sample.reason === 'MigrationsRunning')).toBe(true);
    const after = condition(await cluster(), 'Available')!;
    expect(after).toMatchObject({ status: 'True', lastTransitionTime: availableBefore.lastTransitionTime, observedGeneration: generation });
    const warnings = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=refs,type=Warning', '-o', 'jsonpath={.items[*].reason}']);
    expect(warnings).not.toContain('Unavailable');
  });
});
