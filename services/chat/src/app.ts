// The chat pod's HTTP server. So far: operational endpoints (health, readiness, metrics); the
// REST API and socket.io gateway of the message path attach here.
import { Counter, Histogram, type HealthChecks, renderMetrics, type Logger, type Registry } from '@smartchat/platform';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';

export interface ChatServerOptions {
  logger: Logger;
  registry: Registry;
  health: HealthChecks;
}

export async function buildChatServer(options: ChatServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 1024 * 1024 });

  const requests = new Counter({
    name: 'smartchat_http_requests_total',
    help: 'HTTP requests answered, by route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [options.registry],
  });
  const duration = new Histogram({
    name: 'smartchat_http_request_duration_seconds',
    help: 'HTTP request duration, by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [options.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async () => options.health.liveness());
  app.get('/readyz', async (_request, reply) => {
    const report = await options.health.readiness();
    return reply.code(report.ok ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_request, reply) => {
    const metrics = await renderMetrics(options.registry);
    return reply.type(metrics.contentType).send(metrics.body);
  });
  return app;
}
