// Autoscaling end to end: the local Prometheus scrapes a test exporter (registered through the
// same file-based discovery the services use, with the labels a ServiceMonitor would add), the
// operator reads it and scales the chat and stats Deployments through the scale subresource. The
// test moves the metrics up and down, removes them (the operator holds and reports Degraded) and
// brings them back.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import type { KubeClients } from '../src/runtime/kube.js';
import { bringUp, clusterManifest, condition, createConnectionSecrets, createNamespace, installCrdFromChart, kubectlOk, readCluster, repoRoot, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

const prometheusUrl = process.env.SMARTCHAT_PROMETHEUS_URL ?? 'http://127.0.0.1:17090';
const targetsDir = process.env.SMARTCHAT_PROMETHEUS_SD_DIR ?? join(repoRoot, 'var/prometheus/targets');

let kube: KubeClients;
let namespace: string;
let operator: OperatorProcess;
let exporter: Server;
let targetFile: string;
/** What the exporter serves: the chat pods' total socket connections, or nothing at all. */
let connections: number | undefined = 2000;
/** The statistics consumer group's lag on partitions 0 and 1 (as two stats pods would both report it), or nothing. */
let lag: [number, number] | undefined = [0, 0];

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-autoscale');
  await createConnectionSecrets(kube, namespace);
  exporter = createServer((_request, response) => {
    const lines = ['# TYPE smartchat_socket_connections gauge'];
    if (connections !== undefined) lines.push(`smartchat_socket_connections{type="customer"} ${connections}`);
    lines.push('# TYPE smartchat_stats_consumer_lag gauge');
    if (lag) lines.push(`smartchat_stats_consumer_lag{partition="0"} ${lag[0]}`, `smartchat_stats_consumer_lag{partition="1"} ${lag[1]}`);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', () => resolve()));
  const address = exporter.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  mkdirSync(targetsDir, { recursive: true });
  targetFile = join(targetsDir, `operator-test-${namespace}.json`);
  writeFileSync(targetFile, JSON.stringify([{ targets: [`127.0.0.1:${port}`], labels: { namespace, smartchat_cluster: 'desk', service: 'desk-chat' } }]));
  // Prometheus picks the target up from file discovery and scrapes it every second.
  await eventually('Prometheus to scrape the test exporter', async () => (await queryValue(`smartchat_socket_connections{namespace="${namespace}"}`)) === 2000, 30_000, 500);
  operator = await startOperator(namespace);
});

afterAll(async () => {
  rmSync(targetFile, { force: true });
  await operator?.stop();
  saveLogs('operator-autoscale', operator);
  await new Promise((resolve) => exporter?.close(resolve));
});

async function queryValue(query: string): Promise<number | undefined> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { data: { result: { value: [number, string] }[] } };
  const first = body.data.result[0];
  return first ? Number(first.value[1]) : undefined;
}

const chatReplicas = async () => (await kube.apps.readNamespacedDeploymentScale({ name: 'desk-chat', namespace })).spec?.replicas;

describe('the autoscaler follows Prometheus', () => {
  it('scales chat pods up and down with connections per pod, within the bounds and rate limits', async () => {
    kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('desk', {
      prometheus: { url: prometheusUrl },
      chat: {
        minReplicas: 2,
        maxReplicas: 6,
        autoscaling: {
          intervalSeconds: 5,
          targets: { connectionsPerPod: 1000 },
          behavior: { scaleUp: { maxStepPods: 2, maxStepPercent: 10, periodSeconds: 5 }, scaleDown: { stabilizationWindowSeconds: 0, maxStepPods: 10, maxStepPercent: 100, periodSeconds: 5 } },
        },
      },
      stats: {
        minReplicas: 1,
        maxReplicas: 4,
        autoscaling: {
          intervalSeconds: 5,
          targets: { consumerLagPerPod: 1000 },
          behavior: { scaleUp: { maxStepPods: 4, periodSeconds: 5 }, scaleDown: { stabilizationWindowSeconds: 0, maxStepPods: 10, maxStepPercent: 100, periodSeconds: 5 } },
        },
      },
    })));
    await bringUp(kube, namespace, 'desk');
    expect(await chatReplicas()).toBe(2);

    // 5,000 connections at 1,000 per pod want 5 pods; a period allows at most +2, so the first
    // step stops short of 5 (3 or 4, depending on whether the raise to minReplicas counted).
    connections = 5000;
    const firstStep = await eventually('chat scaled up', async () => {
      const replicas = (await chatReplicas()) ?? 0;
      return replicas > 2 ? replicas : undefined;
    }, 30_000, 100);
    expect(firstStep).toBeLessThan(5);
    // The scale subresource is written before the status records the decision: wait for both.
    const scaled = await eventually(
      'chat scaled up to 5 and the decision recorded',
      async () => {
        if ((await chatReplicas()) !== 5) return undefined;
        const cluster = await readCluster(kube, namespace, 'desk');
        return cluster.status?.chat?.lastScale?.to === 5 ? cluster : undefined;
      },
      30_000,
      250,
    );
    expect(scaled.status?.chat?.lastScale).toMatchObject({ to: 5, reason: 'ScaleUp' });
    expect(scaled.status?.chat?.lastScale?.from).toBeGreaterThanOrEqual(firstStep);
    expect(scaled.status?.chat?.lastScale?.metrics).toEqual([{ name: 'connectionsPerPod', value: 5000, target: 1000, desiredReplicas: 5 }]);

    // Above maxReplicas: capped at 6.
    connections = 20_000;
    await eventually('chat capped at maxReplicas 6', async () => (await chatReplicas()) === 6, 30_000, 250);

    // Load gone: down to minReplicas (no stabilisation window in this spec).
    connections = 300;
    await eventually('chat back at minReplicas 2', async () => (await chatReplicas()) === 2, 30_000, 250);
    const events = kubectlOk(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.name=desk,reason=Scaled', '-o', 'jsonpath={.items[*].message}']);
    expect(events).toContain(`chat: 2 → ${firstStep} pods`);
    expect(events).toContain('connectionsPerPod=5000 (target 1000 → 5)');
  });

  it('a missing metric never scales down: it holds the count, reports Degraded, and recovers', async () => {
    connections = 4000;
    await eventually('chat at 4', async () => (await chatReplicas()) === 4, 30_000, 250);
    connections = undefined; // the series disappears: Prometheus marks it stale at the next scrape
    const degraded = await eventually('Degraded: MetricMissing', async () => {
      const found = condition(await readCluster(kube, namespace, 'desk'), 'Degraded');
      return found?.status === 'True' && found.reason === 'MetricMissing' ? found : undefined;
    }, 30_000, 250);
    expect(degraded.message).toContain('connectionsPerPod');
    // Several intervals later the count is unchanged.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await chatReplicas()).toBe(4);

    connections = 1000;
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'desk'), 'Degraded')?.status === 'False', 30_000, 250);
    await eventually('chat scaled down again once the metric is back', async () => (await chatReplicas()) === 2, 30_000, 250);
  });

  it('scales the stats pods on consumer lag per pod, summed over partitions; a missing lag holds them', async () => {
    const statsReplicas = async () => (await kube.apps.readNamespacedDeploymentScale({ name: 'desk-stats', namespace })).spec?.replicas;
    expect(await statsReplicas()).toBe(1);
    // 2,000 + 1,200 records behind at 1,000 per pod: 4 pods.
    lag = [2000, 1200];
    const scaled = await eventually('stats scaled to 4 and the decision recorded', async () => {
      if ((await statsReplicas()) !== 4) return undefined;
      const cluster = await readCluster(kube, namespace, 'desk');
      return cluster.status?.stats?.lastScale?.to === 4 ? cluster : undefined;
    }, 30_000, 250);
    expect(scaled.status?.stats?.lastScale?.metrics).toEqual([{ name: 'consumerLagPerPod', value: 3200, target: 1000, desiredReplicas: 4 }]);

    lag = undefined;
    const degraded = await eventually('Degraded: MetricMissing for the stats pods', async () => {
      const found = condition(await readCluster(kube, namespace, 'desk'), 'Degraded');
      return found?.status === 'True' && found.reason === 'MetricMissing' ? found : undefined;
    }, 30_000, 250);
    expect(degraded.message).toContain('stats consumerLagPerPod');
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await statsReplicas()).toBe(4);

    lag = [0, 0];
    await eventually('stats back at minReplicas once the lag is back and gone', async () => (await statsReplicas()) === 1, 30_000, 250);
    await eventually('Degraded cleared', async () => condition(await readCluster(kube, namespace, 'desk'), 'Degraded')?.status === 'False', 30_000, 250);
  });

  it('an unreachable Prometheus is a condition with a reason, not a crash', async () => {
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { prometheus: { url: 'http://127.0.0.1:9/' } } })]);
    const degraded = await eventually('Degraded: PrometheusUnreachable', async () => {
      const found = condition(await readCluster(kube, namespace, 'desk'), 'Degraded');
      return found?.status === 'True' && found.reason === 'PrometheusUnreachable' ? found : undefined;
    }, 30_000, 250);
    expect(degraded.message).toContain('unreachable');
    expect(await chatReplicas()).toBe(2);
    expect(operator.child.exitCode).toBeNull();
    const metrics = await (await fetch(`http://127.0.0.1:${operator.port}/metrics`)).text();
    expect(metrics).toMatch(/smartchat_operator_metric_failures_total\{metric="connectionsPerPod"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/smartchat_operator_scaling_decisions_total\{component="chat",direction="up"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/smartchat_operator_reconciles_total\{result="ok"[^}]*\} [1-9]/);
  });
});
