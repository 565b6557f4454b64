// GET /v1/topics: what a customer may choose when opening a conversation — the topics teams are
// routed by (PATCH /v1/teams/:id/assignment). Customers and agents alike.
import { topicsSchema } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Directory } from '../access/directory.js';
import { identityOf } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export function registerTopicRoutes(app: FastifyInstance, deps: { directory: Directory }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/topics',
    { schema: { tags: ['conversations'], summary: 'The topics a conversation can be opened with, sorted', response: { 200: topicsSchema, 401: errorResponseSchema, 429: errorResponseSchema } } },
    async (request) => {
      identityOf(request);
      return { topics: await deps.directory.topics() };
    },
  );
}
