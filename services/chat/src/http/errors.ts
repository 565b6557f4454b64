// Every error leaves the REST API in one shape: {"error": {"code", "message", "details"}}.
import { errorCatalogue, SmartchatError, type ErrorResponse } from '@smartchat/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isRefusal, type RefusalContext, type Refusals } from '../access/refusals.js';
import { invalidCharacterPath } from '../validation.js';

const errorCodes = Object.keys(errorCatalogue) as [keyof typeof errorCatalogue, ...(keyof typeof errorCatalogue)[]];
/** The one error body; in the document the schema ErrorResponse, its codes those of the catalogue. */
export const errorResponseSchema = z
  .object({ error: z.object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'ErrorResponse' });

const body = (code: keyof typeof errorCatalogue, message?: string, details?: unknown): ErrorResponse => ({
  error: { code, message: message ?? errorCatalogue[code].message, ...(details === undefined ? {} : { details }) },
});

declare module 'fastify' {
  interface FastifyRequest {
    /** What the route is doing, for the audit entry of a refusal (see `auditAs`). */
    refusalContext?: RefusalContext;
  }
}

/**
 * Names what this request attempts (`agent.update` on `agent:<id>`), so that a refusal is audited
 * under that name. A route that does not say gets its method and path pattern as the action and
 * its id parameter as the target (`refusalContextOf`).
 */
export function auditAs(request: FastifyRequest, action: string, target: string | null): void {
  request.refusalContext = { action, target };
}

/** The route's own name for what it does, or one made from the route: `PUT /v1/agents/:id/status` on `agent:<id>`. */
export function refusalContextOf(request: FastifyRequest): RefusalContext {
  if (request.refusalContext) return request.refusalContext;
  const route = request.routeOptions.url ?? request.url;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const id = text(params.id) ?? text(params.name) ?? text(params.attachmentId);
  // "/v1/agents/:id/..." is about agent <id>; a message is named by its conversation and its id.
  const collection = route.split('/')[2]?.replace(/s$/, '');
  const messageId = text(params.messageId);
  const target = messageId && id ? `message:${id}/${messageId}` : id && collection ? `${collection}:${id}` : null;
  return { action: `${request.method} ${route}`, target };
}

export function installErrorHandling(app: FastifyInstance, refusals?: Refusals): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof SmartchatError) {
      // Every refused attempt of every route, in one place.
      if (refusals && isRefusal(error)) await refusals.record(request.identity, error, refusalContextOf(request), request.ip);
      // A wait the error names (in seconds or milliseconds) is also the standard Retry-After header.
      const wait = error.details as { retryAfterSeconds?: unknown; retryAfterMs?: unknown } | undefined;
      const seconds = typeof wait?.retryAfterSeconds === 'number' ? wait.retryAfterSeconds : typeof wait?.retryAfterMs === 'number' ? wait.retryAfterMs / 1000 : undefined;
      if (error.status === 429 && seconds !== undefined && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(Math.max(1, Math.ceil(seconds))));
      return reply.code(error.status).send({ error: error.toBody() });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // "body" + "/trip/0" -> "body.trip.0"; the whole body is "body", not "body.".
      const details = error.validation.map((issue) => ({ path: `${error.validationContext ?? ''}${issue.instancePath}`.replace(/\//g, '.').replace(/\.$/, ''), message: issue.message }));
      return reply.code(400).send(body('SC_ERR_VALIDATION', undefined, details));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(body('SC_ERR_BODY_TOO_LARGE'));
    if (error.statusCode === 429) return reply.code(429).send(body('SC_ERR_RATE_LIMITED'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed or empty JSON, a content type we do not read, a malformed URL: the catalogue's
      // message, and what was wrong in the details, like every other validation error.
      const path = error.code?.startsWith('FST_ERR_CTP_') ? 'body' : 'request';
      return reply.code(400).send(body('SC_ERR_VALIDATION', undefined, [{ path, message: error.message }]));
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send(body('SC_ERR_INTERNAL'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(body('SC_ERR_NOT_FOUND')));
}

/**
 * Runs what a route does once its input matched the route's schemas. A SC_ERR_VALIDATION the domain
 * still raises then is about a rule the document can only name (an attachment that does not exist
 * or is not the caller's, refused by the send path that sockets share), not a malformed request: over REST it is 422
 * SC_ERR_UNPROCESSABLE, so that 400 keeps meaning "does not match the OpenAPI document". (The
 * socket events answer the same refusal as SC_ERR_VALIDATION.)
 */
export async function withRuleRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SmartchatError && error.code === 'SC_ERR_VALIDATION') throw new SmartchatError('SC_ERR_UNPROCESSABLE', error.message, error.details);
    throw error;
  }
}

/**
 * Errors the framework raises before any route runs (a malformed %-escape, an over-long path
 * parameter): the same shape as every other bad input. For Fastify's `frameworkErrors` option.
 */
export function answerFrameworkError(error: Error, reply: FastifyReply): void {
  void reply.code(400).send(body('SC_ERR_VALIDATION', undefined, [{ path: 'request', message: error.message }]));
}

/**
 * Before any schema: a NUL character anywhere in the path, query or body (Postgres text cannot hold
 * one) is a validation error like any other, instead of a database error later.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const invalid = invalidCharacterPath(value, part);
      if (invalid) throw new SmartchatError('SC_ERR_VALIDATION', undefined, [invalid]);
    }
  });
}
