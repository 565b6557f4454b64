// The lists: GET /v1/conversations (a customer's own conversations, or an agent's inbox views with
// filters and keyset pages) and GET /v1/conversations/counts (every view's count, for the console's
// sidebar). Agents' lists are narrowed in SQL to what they may see, and every row still passes
// canSeeConversation before it leaves.
import { customerConversationSchema, INBOX_CURSOR_PATTERN, inboxConversationSchema, inboxCountsSchema, inboxQuery, SmartchatError } from '@smartchat/contracts';
import { canSeeConversation } from '@smartchat/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { accessFactsOf, toCustomerConversation, type ConversationStore } from '../store/conversations.js';
import type { InboxStore } from '../store/inbox.js';
import { decodeInboxCursor, encodeInboxCursor } from '../store/inbox-cursor.js';
import { identityOf, requireAgent } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export interface InboxRouteDeps {
  conversations: ConversationStore;
  inbox: InboxStore;
  access: AccessStore;
}

const errors = { 403: errorResponseSchema };

export function registerInboxRoutes(app: FastifyInstance, deps: InboxRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary:
          "The caller's conversations: a customer's own (newest first; the inbox parameters are ignored), or an agent's inbox view (view, filters, sort, keyset pages with cursor → nextCursor; a cursor continues its own sort)",
        querystring: inboxQuery,
        response: { 200: z.object({ conversations: z.array(z.union([inboxConversationSchema, customerConversationSchema])), nextCursor: z.string().regex(INBOX_CURSOR_PATTERN).nullable() }), ...errors },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const { view, sort, limit, cursor, ...filters } = request.query;
      if (identity.type === 'customer') {
        return { conversations: (await deps.conversations.listForCustomer(identity.customerId, limit)).map(toCustomerConversation), nextCursor: null };
      }
      const viewer = await deps.access.viewerOf(identity);
      if (viewer.type !== 'agent') throw new SmartchatError('SC_ERR_FORBIDDEN');
      // A cursor continues the list it came from, in that list's sort.
      const after = cursor ? decodeInboxCursor(cursor) : undefined;
      const page = await deps.inbox.page(viewer, { view, sort: after?.sort ?? sort, limit, ...filters, ...(after ? { after } : {}) });
      return {
        conversations: page.conversations.filter((conversation) => canSeeConversation(viewer, accessFactsOf(conversation))),
        nextCursor: page.next ? encodeInboxCursor(page.next) : null,
      };
    },
  );

  // A static path: the router prefers it to /v1/conversations/:id whatever the order of registration.
  api.get(
    '/v1/conversations/counts',
    {
      schema: {
        tags: ['conversations'],
        summary: `How many conversations each inbox view holds for the caller (agents; closed counted up to 10,000)`,
        response: { 200: inboxCountsSchema, ...errors },
      },
    },
    async (request) => {
      const viewer = await deps.access.viewerOf(requireAgent(request));
      if (viewer.type !== 'agent') throw new SmartchatError('SC_ERR_FORBIDDEN');
      return { counts: await deps.inbox.counts(viewer) };
    },
  );
}
