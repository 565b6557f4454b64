// The chat pod's HTTP server: operational endpoints (health, readiness, metrics) and, when given
// its dependencies, the REST API under /v1 with its OpenAPI document.
import fastifySwagger from '@fastify/swagger';
import fastifyRateLimit from '@fastify/rate-limit';
import { Counter, Histogram, type HealthChecks, renderMetrics, type Logger, type Redis, type Registry } from '@smartchat/platform';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuthentication } from './http/auth-plugin.js';
import { answerFrameworkError, installErrorHandling, installInputGuard } from './http/errors.js';
import type { Authenticator } from './auth/identity.js';

export interface ChatServerOptions {
  logger: Logger;
  registry: Registry;
  health: HealthChecks;
  api?: {
    authenticator: Authenticator;
    redis: Redis;
    rateLimitPerMinute: number;
    rateLimitNamespace: string;
    /** Registers the /v1 routes once authentication, validation and errors are in place. */
    routes: (app: FastifyInstance) => void;
  };
}

export async function buildChatServer(options: ChatServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    // X-Forwarded-For is believed only from a proxy on loopback or a private network (the
    // cluster's ingress): a client that connects directly cannot pick its own address, and with it
    // a fresh per-address rate-limit bucket or another address in the audit log.
    trustProxy: 'loopback, linklocal, uniquelocal',
    frameworkErrors: (error, _request, reply) => answerFrameworkError(error, reply as unknown as FastifyReply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installInputGuard(app);

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

  if (options.api) {
    const { api } = options;
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Smartchat API', version: '1.0.0', description: 'Errors: {"error": {"code", "message", "details"}} with the codes of the error catalogue.' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    installAuthentication(app, api.authenticator);
    await app.register(fastifyRateLimit, {
      global: true,
      max: api.rateLimitPerMinute,
      timeWindow: 60_000,
      hook: 'preHandler',
      redis: api.redis,
      nameSpace: api.rateLimitNamespace,
      keyGenerator: (request) =>
        request.identity ? (request.identity.type === 'agent' ? `agent:${request.identity.agentId}` : `customer:${request.identity.customerId}`) : `ip:${request.ip}`,
      allowList: (request) => !request.url.startsWith('/v1/'),
    });
    app.get('/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    api.routes(app);
  }
  return app;
}
