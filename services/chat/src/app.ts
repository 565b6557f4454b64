// The chat pod's public HTTP server: the REST API under /v1 with its OpenAPI document, and whatever
// else the routes add (the console and the widget). The operational endpoints (health, readiness,
// metrics) are not here: they answer on the operations port only (chat-process.ts).
import fastifyRateLimit from '@fastify/rate-limit';
import { Counter, Histogram, type Logger, type Redis, type Registry } from '@smartchat/platform';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuthentication, isApiRoute } from './http/auth-plugin.js';
import { answerFrameworkError, installErrorHandling, installInputGuard } from './http/errors.js';
import { installMethodNotAllowed } from './http/method-not-allowed.js';
import { installApiDocument } from './http/openapi.js';
import type { Authenticator } from './auth/identity.js';
import type { Refusals } from './access/refusals.js';

export interface ChatServerOptions {
  logger: Logger;
  registry: Registry;
  /**
   * Proxies whose X-Forwarded-For is believed (IPs or CIDRs); none by default, so that a client
   * cannot pick the address its rate limits and audit entries are keyed by.
   */
  trustedProxies?: readonly string[];
  api: {
    authenticator: Authenticator;
    refusals: Refusals;
    redis: Redis;
    rateLimitPerMinute: number;
    /** An integration's calls (keyed by the integration, whichever address they come from). */
    integrationRateLimitPerMinute: number;
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
    // Request line and headers: the longest statistics query the document allows fits (see
    // STATISTICS_FILTER_MAX); Node's default of 16 KiB does not.
    http: { maxHeaderSize: 64 * 1024 },
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    frameworkErrors: (error, _request, reply) => answerFrameworkError(error, reply as unknown as FastifyReply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const { api } = options;
  installErrorHandling(app, api.refusals);
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

  await installApiDocument(app);
  installMethodNotAllowed(app);
  installAuthentication(app, api.authenticator);
  await app.register(fastifyRateLimit, {
    global: true,
    max: (_request, key) => (key.startsWith('integration:') ? api.integrationRateLimitPerMinute : api.rateLimitPerMinute),
    timeWindow: 60_000,
    hook: 'preHandler',
    redis: api.redis,
    nameSpace: api.rateLimitNamespace,
    // An integration (its key checked before this hook) counts as itself: a back-office sending a
    // burst of trip changes from one address is not an anonymous caller.
    keyGenerator: (request) =>
      request.identity
        ? request.identity.type === 'agent'
          ? `agent:${request.identity.agentId}`
          : `customer:${request.identity.customerId}`
        : request.integration
          ? `integration:${request.integration.integrationId}`
          : (request.backofficeAuditActor ?? `ip:${request.ip}`),
    // By the route the router matched, like authentication: "/%761/auth/login" is /v1/auth/login
    // and counts as such. Only the static console and widget files go unlimited.
    allowList: (request) => !isApiRoute(request),
  });
  api.routes(app);
  return app;
}
