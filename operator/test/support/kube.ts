// What the operator's integration tests share: the real test API server (scripts/infra/
// kube-apiserver.sh, started by `make test`), a fresh namespace per test file, the CRD installed
// from the chart, operator processes started as they run in a pod (node + tsx, env config), and
// the status writes that kubelet and controller-manager would make (the API server here has
// neither, as in envtest).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubernetesObject } from '@kubernetes/client-node';
import { eventually } from '@smartchat/platform/testing';
import { GROUP, PLURAL, VERSION, type SmartchatCluster } from '../../src/api/types.js';
import { kubeClients, loadKubeConfig, mergePatch, type KubeClients } from '../../src/runtime/kube.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const kubeconfigPath = join(repoRoot, 'var/kube-apiserver/kubeconfig');
export const crdDir = join(repoRoot, 'charts/smartchat-operator/crds');

export function testKube(): KubeClients {
  if (!existsSync(kubeconfigPath)) throw new Error(`no test API server: ${kubeconfigPath} is missing. Start it with "make kube-up" (or run "make test", which does).`);
  return kubeClients(loadKubeConfig(kubeconfigPath));
}

export function kubectl(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('kubectl', args, { env: { ...process.env, KUBECONFIG: kubeconfigPath }, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function kubectlOk(args: string[], input?: string): string {
  const result = kubectl(args, input);
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function installCrdFromChart(): void {
  kubectlOk(['apply', '--server-side', '--force-conflicts', '-f', crdDir]);
  // A CRD applied a moment ago may have no status.conditions yet, which kubectl wait reports as an
  // error rather than waiting for: asked again until the conditions are there (60 s at most).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = kubectl(['wait', '--for=condition=Established', '--timeout=60s', `crd/${PLURAL}.${GROUP}`]);
    if (result.status === 0) return;
    if (!/status\.conditions accessor error/.test(result.stderr) || Date.now() > deadline) throw new Error(`kubectl wait for the CRD failed: ${result.stderr || result.stdout}`);
    spawnSync('sleep', ['0.5']);
  }
}

export async function createNamespace(kube: KubeClients, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kube.core.createNamespace({ body: { metadata: { name, labels: { 'smartchat.io/test': 'operator' } } } });
  return name;
}

/** The Secrets a SmartchatCluster references for PostgreSQL and Kafka. */
export async function createConnectionSecrets(kube: KubeClients, namespace: string, postgresUrl = 'postgres://smartchat:s3cret@pg.example:5432/smartchat'): Promise<void> {
  await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'pg' }, stringData: { url: postgresUrl } } });
  await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'kafka' }, stringData: { brokers: 'kafka-0.kafka:9092,kafka-1.kafka:9092' } } });
}

export function clusterManifest(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: `${GROUP}/${VERSION}`,
    kind: 'SmartchatCluster',
    metadata: { name },
    spec: { version: '0.1.0', postgres: { connectionSecret: { name: 'pg' } }, kafka: { connectionSecret: { name: 'kafka' } }, ...spec },
  };
}

export async function readCluster(kube: KubeClients, namespace: string, name: string): Promise<SmartchatCluster> {
  return (await kube.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name })) as SmartchatCluster;
}

export function condition(cluster: SmartchatCluster, type: string) {
  return cluster.status?.conditions?.find((item) => item.type === type);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface OperatorProcess {
  identity: string;
  port: number;
  child: ChildProcess;
  logs: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts an operator replica watching only `namespace`, with its Lease in that namespace. */
export async function startOperator(namespace: string, options: { identity?: string; lease?: string; env?: Record<string, string> } = {}): Promise<OperatorProcess> {
  const identity = options.identity ?? `operator-${randomBytes(2).toString('hex')}`;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'operator/src/main.ts')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KUBECONFIG: kubeconfigPath,
      SMARTCHAT_OPERATOR_NAMESPACES: namespace,
      SMARTCHAT_OPERATOR_LEASE_NAMESPACE: namespace,
      SMARTCHAT_OPERATOR_LEASE_NAME: options.lease ?? 'smartchat-operator',
      SMARTCHAT_OPERATOR_IDENTITY: identity,
      SMARTCHAT_OPERATOR_HOST: '127.0.0.1',
      SMARTCHAT_OPERATOR_PORT: String(port),
      SMARTCHAT_OPERATOR_LEASE_DURATION_SECONDS: '4',
      SMARTCHAT_OPERATOR_RENEW_DEADLINE_SECONDS: '3',
      SMARTCHAT_OPERATOR_RETRY_PERIOD_SECONDS: '0.5',
      SMARTCHAT_OPERATOR_RESYNC_SECONDS: '30',
      SMARTCHAT_OPERATOR_AUTOSCALER_TICK_MS: '250',
      SMARTCHAT_LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(`operator ${identity} to answer /healthz`, async () => {
    if (child.exitCode !== null) throw new Error(`operator exited with ${child.exitCode}: ${output.slice(-2000)}`);
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  }, 30_000, 200);
  return {
    identity,
    port,
    child,
    logs: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** What the StatefulSet controller and kubelets would report once every pod is ready. */
export async function markStatefulSetsReady(kube: KubeClients, namespace: string): Promise<string[]> {
  const list = await kube.apps.listNamespacedStatefulSet({ namespace });
  for (const set of list.items) {
    const replicas = set.spec?.replicas ?? 1;
    await kube.apps.patchNamespacedStatefulSetStatus({ name: set.metadata!.name!, namespace, body: { status: { replicas, readyReplicas: replicas, availableReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, observedGeneration: set.metadata?.generation } } }, mergePatch);
  }
  return list.items.map((set) => set.metadata!.name!);
}

/** What the Job controller reports when the migrations pod exited 0. */
export async function markJobSucceeded(kube: KubeClients, namespace: string, name: string): Promise<void> {
  const now = new Date();
  await kube.batch.patchNamespacedJobStatus({ name, namespace, body: { status: { startTime: now, completionTime: now, succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now }, { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }] } } }, mergePatch);
}

export async function markJobFailed(kube: KubeClients, namespace: string, name: string): Promise<void> {
  const now = new Date();
  await kube.batch.patchNamespacedJobStatus({ name, namespace, body: { status: { startTime: now, failed: 5, conditions: [{ type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', lastProbeTime: now, lastTransitionTime: now }, { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastProbeTime: now, lastTransitionTime: now }] } } }, mergePatch);
}

/** What the Deployment controller reports once all pods of the current template are ready. */
export async function markDeploymentReady(kube: KubeClients, namespace: string, name: string): Promise<number> {
  const deployment = await kube.apps.readNamespacedDeployment({ name, namespace });
  const replicas = deployment.spec?.replicas ?? 1;
  await kube.apps.patchNamespacedDeploymentStatus({ name, namespace, body: { status: { replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas, observedGeneration: deployment.metadata?.generation } } }, mergePatch);
  return replicas;
}

/** The newest Job of a component of the cluster (the operator labels its Jobs like its other children). */
export async function componentJob(kube: KubeClients, namespace: string, name: string, component: 'scylla-auth' | 'migrations' | 'bootstrap-admin') {
  const jobs = await kube.batch.listNamespacedJob({ namespace, labelSelector: `app.kubernetes.io/instance=${name},app.kubernetes.io/component=${component}` });
  return jobs.items.sort((a, b) => (b.metadata?.creationTimestamp?.getTime() ?? 0) - (a.metadata?.creationTimestamp?.getTime() ?? 0))[0];
}

/** Drives a fresh cluster to Available: stores ready, Scylla's authentication set up, migrations succeeded, Deployments ready. */
export async function bringUp(kube: KubeClients, namespace: string, name: string, options: { stats?: boolean } = {}): Promise<void> {
  await eventually('the stores StatefulSets', async () => (await kube.apps.listNamespacedStatefulSet({ namespace })).items.filter((set) => set.metadata?.name?.startsWith(`${name}-`)).length === 3, 30_000, 200);
  await markStatefulSetsReady(kube, namespace);
  for (const component of ['scylla-auth', 'migrations'] as const) {
    const job = await eventually(`the ${component} Job`, () => componentJob(kube, namespace, name, component), 30_000, 200);
    await markJobSucceeded(kube, namespace, job.metadata!.name!);
  }
  // chat and balancer start at 2 pods by default, stats at 1; a cluster with stats off has none.
  const components = [['chat', 2], ['balancer', 2], ...(options.stats === false ? [] : [['stats', 1] as const])] as const;
  for (const [component, minReplicas] of components) {
    await eventually(`${component} at minReplicas`, async () => ((await kube.apps.readNamespacedDeployment({ name: `${name}-${component}`, namespace })).spec?.replicas ?? 0) >= minReplicas, 30_000, 200);
    await markDeploymentReady(kube, namespace, `${name}-${component}`);
  }
}

export function ownerUids(object: KubernetesObject): string[] {
  return (object.metadata?.ownerReferences ?? []).map((reference) => reference.uid);
}

/** Keeps an operator's log as a test artifact (var/test-results/<name>.log). */
export function saveLogs(name: string, operator: OperatorProcess | undefined): void {
  if (!operator) return;
  const dir = join(repoRoot, 'var/test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.log`), operator.logs());
}
