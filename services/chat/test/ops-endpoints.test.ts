import { createMetricsRegistry, loadConfig } from '@smartchat/platform';
import { eventually, isolatedResources } from '@smartchat/platform/testing';
import { describe, expect, it } from 'vitest';
import { buildChatServer } from '../src/app.js';
import { chatConfigSchema } from '../src/config.js';
import { connectChatDependencies } from '../src/dependencies.js';

describe('chat process operational endpoints', () => {
  it('answers /healthz, reports every real dependency ready on /readyz, and serves /metrics', async () => {
    const resources = isolatedResources();
    const config = loadConfig(chatConfigSchema, { ...process.env, SMARTCHAT_HTTP_PORT: '0' });
    const dependencies = connectChatDependencies(config, resources.logger);
    const app = await buildChatServer({ logger: resources.logger, registry: createMetricsRegistry('chat'), health: dependencies.health });
    resources.defer('stop chat server', async () => {
      await app.close();
      await dependencies.close();
    });

    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ ok: true });

    const ready = await eventually<{ checks: Record<string, unknown> }>('all dependencies ready', async () => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      return response.statusCode === 200 ? response.json() : undefined;
    }, 45_000, 250);
    expect(Object.keys(ready.checks).sort()).toEqual(['cassandra', 'kafka', 'postgres', 'rabbitmq', 'redis']);

    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('process_cpu_user_seconds_total{service="chat"}');
    expect(metrics.body).toMatch(/smartchat_http_requests_total\{method="GET",route="\/readyz",status="200",service="chat"\} \d+/);
  });

  it('reports not ready, naming the dependency, when one is unreachable', async () => {
    const resources = isolatedResources();
    const config = loadConfig(chatConfigSchema, { ...process.env, SMARTCHAT_HTTP_PORT: '0', SMARTCHAT_REDIS_URL: 'redis://127.0.0.1:1' });
    const dependencies = connectChatDependencies(config, resources.logger);
    const app = await buildChatServer({ logger: resources.logger, registry: createMetricsRegistry('chat'), health: dependencies.health });
    resources.defer('stop chat server', async () => {
      await app.close();
      await dependencies.close();
    });
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().checks.redis.ok).toBe(false);
    expect(response.json().checks.postgres.ok).toBe(true);
  });
});
