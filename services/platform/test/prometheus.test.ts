import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Counter, createMetricsRegistry, renderMetrics } from '../src/metrics.js';
import { registerScrapeTarget } from '../src/scrape-target.js';
import { eventually, isolatedResources } from '../src/testing/index.js';

interface PromVectorResponse {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('prometheus scrapes smartchat processes', () => {
  it('finds a process through its scrape-target file and stores its metrics', async () => {
    const resources = isolatedResources();
    const registry = createMetricsRegistry('prom-test');
    const counter = new Counter({ name: 'smartchat_test_events_total', help: 'events counted by the test', labelNames: ['run'], registers: [registry] });
    counter.inc({ run: resources.id }, 7);

    const server = createServer(async (request, response) => {
      const metrics = await renderMetrics(registry);
      response.writeHead(request.url === '/metrics' ? 200 : 404, { 'content-type': metrics.contentType }).end(metrics.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    resources.defer('close metrics server', () => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;

    const dir = resources.config.SMARTCHAT_PROMETHEUS_SD_DIR!;
    mkdirSync(dir, { recursive: true });
    const target = registerScrapeTarget({ dir, service: 'prom-test', host: '127.0.0.1', port });
    resources.defer('unregister target', async () => target.unregister());

    const prometheus = process.env.SMARTCHAT_PROMETHEUS_URL!;
    const query = async (promql: string) => {
      const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(promql)}`);
      return ((await response.json()) as PromVectorResponse).data.result;
    };
    const sample = await eventually(
      'prometheus to scrape the test process',
      async () => (await query(`smartchat_test_events_total{run="${resources.id}"}`))[0],
      30_000,
      250,
    );
    expect(sample.metric).toMatchObject({ job: 'smartchat', service: 'prom-test', instance: `127.0.0.1:${port}` });
    expect(Number(sample.value[1])).toBe(7);
    // Process metrics come along from the default collectors.
    const up = await query(`up{instance="127.0.0.1:${port}"}`);
    expect(up[0]?.value[1]).toBe('1');

    target.unregister();
    expect(existsSync(target.file)).toBe(false);
  });
});
