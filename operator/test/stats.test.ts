// The statistics half of a SmartchatCluster against a real kube-apiserver: the stats pods roll out
// with the other apps once the migrations (which create the statistics database and its reader's
// password) have run; the dashboards and the statistics data source are shipped for Grafana's
// sidecars; turning stats off takes all of it away, and on brings it back; bad specs are refused.
import type { V1Job, V1Secret } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import { ANNOTATION_CONFIG_HASH } from '../src/desired/meta.js';
import { isNotFound, type KubeClients } from '../src/runtime/kube.js';
import { clusterManifest, componentJob, createConnectionSecrets, createNamespace, installCrdFromChart, kubectl, kubectlOk, markDeploymentReady, markJobSucceeded, markStatefulSetsReady, readCluster, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

let kube: KubeClients;
let namespace: string;
let operator: OperatorProcess;

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-stats');
  await createConnectionSecrets(kube, namespace);
  operator = await startOperator(namespace);
});

afterAll(async () => {
  await operator?.stop();
  saveLogs('operator-stats', operator);
});

const decoded = (secret: V1Secret, key: string) => Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
const exists = async (read: () => Promise<unknown>) => {
  try {
    await read();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
};
const labelled = async (kind: 'configmaps' | 'secrets', selector: string) => kubectlOk(['get', kind, '-n', namespace, '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}']).split(' ').filter(Boolean).sort();
const statsObjects = async () => ({
  deployment: await exists(() => kube.apps.readNamespacedDeployment({ name: 'desk-stats', namespace })),
  service: await exists(() => kube.core.readNamespacedService({ name: 'desk-stats', namespace })),
  budget: await exists(() => kube.policy.readNamespacedPodDisruptionBudget({ name: 'desk-stats', namespace })),
  fence: await exists(() => kube.objects.read({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'desk-stats', namespace } })),
});

const settingsOf = async (component: string) => (await kube.apps.readNamespacedDeployment({ name: `desk-${component}`, namespace }).catch(() => undefined))?.spec?.template.metadata?.annotations?.[ANNOTATION_CONFIG_HASH];

/**
 * What the Job and Deployment controllers report for new settings: the migrations Job `job` finds
 * succeeded, then, once every app's template carries settings other than `before`, its pods ready.
 */
async function rollOut(job: () => Promise<V1Job | undefined>, components: string[], before: string | undefined): Promise<void> {
  const found = await eventually('the migrations Job of the new settings', job, 30_000, 250);
  if (found.status?.succeeded !== 1) await markJobSucceeded(kube, namespace, found.metadata!.name!);
  await eventually('the pods on the new settings', async () => {
    const hashes = await Promise.all(components.map(settingsOf));
    return hashes[0] !== undefined && hashes[0] !== before && hashes.every((hash) => hash === hashes[0]);
  }, 30_000, 250);
  for (const component of components) await markDeploymentReady(kube, namespace, `desk-${component}`);
}

describe('the statistics of a SmartchatCluster', () => {
  it('the stats pods roll out with chat and balancer once the migrations, which create the statistics database, have succeeded', async () => {
    kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('desk')));
    await eventually('the stores', async () => (await kube.apps.listNamespacedStatefulSet({ namespace })).items.length === 3, 30_000, 200);
    await markStatefulSetsReady(kube, namespace);
    const auth = await eventually('the Scylla authentication Job', () => componentJob(kube, namespace, 'desk', 'scylla-auth'), 30_000, 200);
    await markJobSucceeded(kube, namespace, auth.metadata!.name!);
    const migrations = await eventually('the migrations Job', () => componentJob(kube, namespace, 'desk', 'migrations'), 30_000, 200);

    // The migrations get the statistics database's URL with the settings, and its reader's password from the generated Secret.
    const reader = await kube.core.readNamespacedSecret({ name: 'desk-stats-reader', namespace });
    expect(decoded(reader, 'username')).toBe('smartchat_stats_reader');
    expect(decoded(reader, 'password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(migrations.spec?.template.spec?.containers[0]?.env).toEqual([{ name: 'SMARTCHAT_STATS_READER_PASSWORD', valueFrom: { secretKeyRef: { name: 'desk-stats-reader', key: 'password' } } }]);
    const connections = await kube.core.readNamespacedSecret({ name: 'desk-connections', namespace });
    expect(decoded(connections, 'SMARTCHAT_STATS_PG_URL')).toBe('postgres://smartchat:s3cret@pg.example:5432/smartchat_stats');
    expect(await statsObjects()).toEqual({ deployment: false, service: false, budget: false, fence: true });

    await markJobSucceeded(kube, namespace, migrations.metadata!.name!);
    const stats = await eventually('the stats Deployment at minReplicas', async () => {
      const found = await kube.apps.readNamespacedDeployment({ name: 'desk-stats', namespace }).catch(() => undefined);
      return (found?.spec?.replicas ?? 0) >= 1 ? found : undefined;
    }, 30_000, 200);
    expect(stats.spec?.template.spec?.containers[0]?.command).toEqual(['node', '--import', 'tsx', 'services/stats/src/main.ts']);
    expect(await statsObjects()).toEqual({ deployment: true, service: true, budget: true, fence: true });
    for (const [component, minReplicas] of [['chat', 2], ['balancer', 2], ['stats', 1]] as const) {
      await eventually(`${component} at minReplicas`, async () => ((await kube.apps.readNamespacedDeployment({ name: `desk-${component}`, namespace })).spec?.replicas ?? 0) >= minReplicas, 30_000, 200);
      await markDeploymentReady(kube, namespace, `desk-${component}`);
    }
    const ready = await eventually('stats 1/1 in the status', async () => {
      const cluster = await readCluster(kube, namespace, 'desk');
      return cluster.status?.stats?.ready === '1/1' && cluster.status.reason === 'Ready' ? cluster : undefined;
    }, 30_000, 250);
    expect(ready.status?.stats).toMatchObject({ replicas: 1, readyReplicas: 1 });
    expect(kubectlOk(['get', 'scc', 'desk', '-n', namespace])).toMatch(/desk\s+True\s+False\s+2\/2\s+2\/2\s+1\/1\s+Ready/);
  });

  it('ships the dashboards and the statistics data source, as the read-only role, for the Grafana sidecars', async () => {
    const dashboards = await eventually('the dashboard ConfigMaps', async () => {
      const names = await labelled('configmaps', 'grafana_dashboard=1');
      return names.length === 3 ? names : undefined;
    });
    expect(dashboards).toEqual(['desk-dashboard-operations', 'desk-dashboard-statistics', 'desk-dashboard-stats-pipeline']);
    const statistics = await kube.core.readNamespacedConfigMap({ name: 'desk-dashboard-statistics', namespace });
    const dashboard = JSON.parse(Object.values(statistics.data ?? {})[0]!) as { title: string; panels: unknown[] };
    expect(dashboard.title).toBe(`Smartchat — statistics · ${namespace}/desk`);
    expect(dashboard.panels.length).toBeGreaterThan(10);

    expect(await labelled('secrets', 'grafana_datasource=1')).toEqual(['desk-grafana-datasource']);
    const datasource = await kube.core.readNamespacedSecret({ name: 'desk-grafana-datasource', namespace });
    const file = yaml.load(Object.keys(datasource.data ?? {}).map((key) => decoded(datasource, key))[0]!) as { datasources: { user: string; url: string; jsonData: { database: string }; secureJsonData: { password: string } }[] };
    const reader = await kube.core.readNamespacedSecret({ name: 'desk-stats-reader', namespace });
    expect(file.datasources[0]).toMatchObject({ user: 'smartchat_stats_reader', url: 'pg.example:5432', jsonData: { database: 'smartchat_stats' }, secureJsonData: { password: decoded(reader, 'password') } });
    // Nothing a client without Secret access can read shows the reader's password.
    expect(kubectlOk(['get', '-n', namespace, '-o', 'json', 'smartchatclusters,configmaps,deployments,jobs'])).not.toContain(decoded(reader, 'password'));
  });

  it("a Grafana whose sidecars look for other labels gets them; the reader's password stays the same", async () => {
    const password = decoded(await kube.core.readNamespacedSecret({ name: 'desk-stats-reader', namespace }), 'password');
    // (A merge patch merges maps: the old label is removed with null.)
    kubectlOk(['patch', 'scc', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { monitoring: { grafanaDashboards: { labels: { grafana_dashboard: null, 'grafana.example/dashboard': 'smartchat' } } } } })]);
    await eventually('the dashboards relabelled', async () => (await labelled('configmaps', 'grafana.example/dashboard=smartchat')).length === 3);
    expect(await labelled('configmaps', 'grafana_dashboard=1')).toEqual([]);
    expect(decoded(await kube.core.readNamespacedSecret({ name: 'desk-stats-reader', namespace }), 'password')).toBe(password);
  });

  it('stats off takes the stats pods, their Service, budget and fence, the statistics dashboards and the data source away; on brings them back', async () => {
    const withStats = await settingsOf('chat');
    kubectlOk(['patch', 'scc', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { stats: { enabled: false } } })]);
    await eventually('no stats objects', async () => JSON.stringify(await statsObjects()) === JSON.stringify({ deployment: false, service: false, budget: false, fence: false }), 30_000, 250);
    await eventually('only the operations dashboard, no data source', async () => (await labelled('configmaps', 'grafana.example/dashboard=smartchat')).join() === 'desk-dashboard-operations' && (await labelled('secrets', 'grafana_datasource=1')).length === 0, 30_000, 250);
    // Chat no longer reads statistics: its settings changed, so the migrations run again and the pods roll.
    await rollOut(() => componentJob(kube, namespace, 'desk', 'migrations').then((job) => (job?.spec?.template.spec?.containers[0]?.env ? undefined : job)), ['chat', 'balancer'], withStats);
    const off = await eventually('no stats in the status', async () => {
      const cluster = await readCluster(kube, namespace, 'desk');
      return cluster.status?.stats === undefined && cluster.status?.reason === 'Ready' ? cluster : undefined;
    }, 30_000, 250);
    expect(off.status?.conditions?.find((item) => item.type === 'Available')?.status).toBe('True');
    const connections = await kube.core.readNamespacedSecret({ name: 'desk-connections', namespace });
    expect(decoded(connections, 'SMARTCHAT_STATS_PG_URL')).toBe('');
    expect(kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk,reason=StatsRemoved', '-o', 'jsonpath={.items[*].message}'])).toContain('deleted Deployment desk-stats');

    const withoutStats = await settingsOf('chat');
    kubectlOk(['patch', 'scc', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { stats: { enabled: true } } })]);
    // The statistics database's URL is a new setting: the migrations run again before the pods come back.
    await rollOut(() => componentJob(kube, namespace, 'desk', 'migrations').then((job) => (job?.spec?.template.spec?.containers[0]?.env ? job : undefined)), ['chat', 'balancer', 'stats'], withoutStats);
    await eventually('the stats objects back', async () => JSON.stringify(await statsObjects()) === JSON.stringify({ deployment: true, service: true, budget: true, fence: true }), 30_000, 250);
    await eventually('the data source back', async () => (await labelled('secrets', 'grafana_datasource=1')).length === 1, 30_000, 250);
    await eventually('stats ready again', async () => (await readCluster(kube, namespace, 'desk')).status?.stats?.ready === '1/1', 30_000, 250);
  });

  it('the API server refuses bad statistics settings, with a message that says why', () => {
    const refused = (spec: Record<string, unknown>) => {
      const result = kubectl(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('bad', spec)));
      expect(result.status, JSON.stringify(spec)).not.toBe(0);
      return result.stderr;
    };
    expect(refused({ stats: { minReplicas: 3, maxReplicas: 2 } })).toContain('minReplicas must not be greater than maxReplicas');
    expect(refused({ stats: { maxReplicas: 13 } })).toContain('spec.stats.maxReplicas');
    expect(refused({ stats: { enabled: 'yes' } })).toContain('spec.stats.enabled');
    expect(refused({ stats: { autoscaling: { targets: { consumerLagPerPod: 0 } } } })).toContain('spec.stats.autoscaling.targets.consumerLagPerPod');
    expect(refused({ stats: { autoscaling: { targets: { connectionsPerPod: 1000 } } } })).toContain('unknown field "spec.stats.autoscaling.targets.connectionsPerPod"');
    expect(refused({ chat: { autoscaling: { targets: { consumerLagPerPod: 1000 } } } })).toContain('consumerLagPerPod is a stats target');
    expect(refused({ stats: { database: { connectionSecret: {} } } })).toContain('spec.stats.database.connectionSecret.name');
    expect(refused({ monitoring: { grafanaDashboards: { labels: {} } } })).toContain('spec.monitoring.grafanaDashboards.labels');
    expect(refused({ monitoring: { grafanaDatasource: { labels: { 'not a key!': '1' } } } })).toContain('every key must be a label key');
    expect(refused({ monitoring: { grafanaDashboards: { labels: { grafana_dashboard: 'no spaces' } } } })).toContain('spec.monitoring.grafanaDashboards.labels.grafana_dashboard');
    expect(kubectl(['get', 'smartchatcluster', 'bad', '-n', namespace]).status).not.toBe(0);
  });
});
