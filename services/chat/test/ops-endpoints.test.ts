// The operational endpoints answer on the operations port only: the public port (the API, the
// console, the widget, socket.io) has no /healthz, /readyz or /metrics, so neither the desk's
// dependencies nor its metrics are shown to the internet.
import { createMetricsRegistry, loadConfig, startOpsServer } from '@smartchat/platform';
import { eventually, isolatedResources, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatConfigSchema } from '../src/config.js';
import { connectChatDependencies } from '../src/dependencies.js';
import { startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

describe('chat process operational endpoints', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1);
    node = cluster.nodes[0]!;
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('answers /healthz, reports every real dependency ready on /readyz, and serves /metrics on the operations port', async () => {
    const health = await fetch(`${node.opsUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });

    const ready = await eventually<{ checks: Record<string, unknown> }>('all dependencies ready', async () => {
      const response = await fetch(`${node.opsUrl}/readyz`);
      return response.status === 200 ? ((await response.json()) as { checks: Record<string, unknown> }) : undefined;
    }, 45_000, 250);
    expect(Object.keys(ready.checks).sort()).toEqual(['cassandra', 'kafka', 'postgres', 'rabbitmq', 'redis']);

    // A request on the public port shows in the metrics of the operations port.
    expect((await fetch(`${node.url}/v1/me`)).status).toBe(401);
    const metrics = await fetch(`${node.opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('process_cpu_user_seconds_total{service="chat"}');
    expect(text).toMatch(/smartchat_http_requests_total\{method="GET",route="\/v1\/me",status="401",service="chat"\} \d+/);
  });

  it('has none of them on the public port, however the path is spelled', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/%6detrics', '//metrics', '/Metrics', '/metrics/', '/v1/../metrics']) {
      const response = await fetch(`${node.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toMatch(/process_cpu|"checks"/);
    }
  });

  it('reports not ready, naming the dependency, when one is unreachable', async () => {
    const isolated = isolatedResources();
    const config = loadConfig(chatConfigSchema, { ...process.env, SMARTCHAT_REDIS_URL: 'redis://127.0.0.1:1' });
    const dependencies = connectChatDependencies(config, isolated.logger);
    const { server, port } = await startOpsServer({ host: '127.0.0.1', port: 0, health: dependencies.health, registry: createMetricsRegistry('chat') });
    isolated.defer('stop the operations server', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dependencies.close();
    });
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    expect(report.checks.redis!.ok).toBe(false);
    expect(report.checks.postgres!.ok).toBe(true);
  });
});
