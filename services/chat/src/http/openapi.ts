// The OpenAPI document at /v1/openapi.json, generated from the routes' zod schemas, with what zod's
// JSON Schema output leaves out put back so that the document says exactly what the server takes
// and answers (make test checks it with schemathesis: scripts/api-check.sh):
// - the rules contracts marks with `documented` (a whole number in a query string is an integer;
//   "give at least one of these"), and the NUL rule: every input string without a pattern of its
//   own gets one that leaves NUL out, since every input with a NUL anywhere is refused;
// - the answers every route shares (400, 401, 403, 413, 429), beside each route's own;
// - who may call: routes without a token say `security: []`, the back-office's say its token.
import fastifySwagger from '@fastify/swagger';
import { documentedRules, NO_NUL_PATTERN } from '@smartchat/contracts';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponseSchema } from './errors.js';

type JsonSchema = Record<string, unknown>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route that takes a file as its body or answers with one (attachments), not JSON: the media
     * types, for the document (the route reads or writes the bytes itself).
     */
    file?: { takes?: readonly string[]; answers?: readonly string[] };
  }
}

const BINARY = { type: 'string', format: 'binary' };

/** The zod → JSON Schema step, with the rules contracts documents by hand (`documented`). */
const zodTransform = createJsonSchemaTransform({
  zodToJsonConfig: {
    target: 'draft-2020-12',
    override: (context) => {
      const json = context.jsonSchema as JsonSchema;
      // The provider's own override drops empty branches of unions; this one replaces it.
      if (Array.isArray(json.anyOf)) json.anyOf = (json.anyOf as JsonSchema[]).filter((branch) => Object.keys(branch).length > 0);
      const rule = documentedRules.get(context.zodSchema as unknown as z.ZodType);
      if (rule?.replace) {
        for (const key of Object.keys(json)) if (key !== 'default') delete json[key];
        Object.assign(json, rule.replace);
      }
      if (rule?.add) Object.assign(json, rule.add);
    },
  },
});

/** Every input string without a pattern, enum or constant gets the NUL rule; an e-mail is its pattern alone. */
function withInputRules(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withInputRules);
  if (schema === null || typeof schema !== 'object') return schema;
  const json: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === 'properties' || key === '$defs' || key === 'dependentSchemas') {
      json[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, child]) => [name, withInputRules(child)]));
    } else if (['items', 'prefixItems', 'additionalProperties', 'propertyNames', 'not', 'anyOf', 'allOf', 'oneOf', 'if', 'then', 'else'].includes(key)) {
      json[key] = withInputRules(value);
    } else {
      json[key] = value;
    }
  }
  // zod's e-mail pattern is what the server checks; a format beside it would let other readers
  // (JSON Schema validators) think addresses fine that the server refuses, and the reverse.
  if (json.format === 'email' && typeof json.pattern === 'string') delete json.format;
  const free = json.type === 'string' && json.pattern === undefined && json.enum === undefined && json.const === undefined && json.allOf === undefined;
  if (free) json.pattern = NO_NUL_PATTERN;
  return json;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What each answer means, for the document (a route may say more in its summary). */
const STATUS_MEANINGS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON',
  401: 'No token, or one that is not (or no longer) valid',
  403: 'Not allowed for the caller, or a password change comes first',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  413: 'The body is over the limit',
  415: 'A file type that is not allowed, or bytes that are not of the declared type',
  422: 'Well-formed, but a rule the document names refuses it',
  429: 'Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset)',
  503: 'Temporarily unavailable: retry (a message with the same clientMessageId)',
};

/**
 * The answers every API route may give besides its own: 400 (a malformed path or query, a NUL
 * anywhere), 429 (the per-identity rate limit), 413 (a body over the limit, for methods that take
 * one), and for routes that need a token 401 and 403 (a password change comes first).
 */
function sharedResponses(route: RouteOptions): Record<string, z.ZodType> {
  const shared: Record<string, z.ZodType> = { 400: errorResponseSchema, 429: errorResponseSchema };
  const methods = typeof route.method === 'string' ? [route.method] : route.method;
  if (methods.some((method) => BODY_METHODS.has(method))) shared[413] = errorResponseSchema;
  if (!route.config?.public) {
    shared[401] = errorResponseSchema;
    if (!route.config?.duringPasswordChange) shared[403] = errorResponseSchema;
  }
  return shared;
}

export async function installApiDocument(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Smartchat API',
        version: '1.0.0',
        description:
          'Errors: {"error": {"code", "message", "details"}} with the codes of the error catalogue (docs/errors.md). 400: the request does not match this document. 422: it does, but a rule the document can only name refused it (the password policy, a name of something that does not exist, business hours that close before they open).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An agent token (POST /v1/auth/login) or a customer token signed by the back-office' },
          backoffice: { type: 'http', scheme: 'bearer', description: 'A back-office service token' },
          integrationKey: { type: 'http', scheme: 'bearer', description: "An integration's API key (sck_…), made by an admin; each route needs one of its scopes (docs/integration.md)" },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: (document) => {
      const { route, url } = document;
      const own = document.schema as (Record<string, unknown> & { response?: Record<string, unknown>; security?: unknown }) | undefined;
      if (!own || own.hide || !url.startsWith('/v1/')) return zodTransform(document);
      const schema = {
        ...own,
        response: { ...sharedResponses(route), ...own.response },
        ...(route.config?.public && own.security === undefined ? { security: [] } : {}),
      };
      const transformed = zodTransform({ ...document, schema: schema as typeof document.schema }) as { schema: Record<string, unknown>; url: string };
      for (const part of ['body', 'querystring', 'params', 'headers']) {
        if (transformed.schema[part]) transformed.schema[part] = withInputRules(transformed.schema[part]);
      }
      const responses = transformed.schema.response as Record<string, JsonSchema> | undefined;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (STATUS_MEANINGS[status] && !response.description) response.description = STATUS_MEANINGS[status];
      }
      const file = route.config?.file;
      if (file?.takes) Object.assign(transformed.schema, { body: { ...BINARY, minLength: 1 }, consumes: [...file.takes] });
      if (file?.answers) {
        const content = Object.fromEntries(file.answers.map((type) => [type, { schema: BINARY }]));
        transformed.schema.response = { ...(transformed.schema.response as JsonSchema), 200: { description: 'The file', content } };
      }
      return transformed;
    },
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
