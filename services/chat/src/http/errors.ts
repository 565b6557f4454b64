// Every error leaves the REST API in one shape: {"error": {"code", "message", "details"}}.
import { errorCatalogue, SmartchatError, type ErrorResponse } from '@smartchat/contracts';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidCharacterPath } from '../validation.js';

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const body = (code: keyof typeof errorCatalogue, message?: string, details?: unknown): ErrorResponse => ({
  error: { code, message: message ?? errorCatalogue[code].message, ...(details === undefined ? {} : { details }) },
});

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SmartchatError) return reply.code(error.status).send({ error: error.toBody() });
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
