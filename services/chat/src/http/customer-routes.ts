// GET /v1/customers/:id: the console's customer panel — who the customer is, their latest
// conversations the agent may see, and what the back-office says about them. An agent sees a
// customer only through a conversation they may see; otherwise the customer "does not exist".
import { customerContextSchema, SmartchatError, type CustomerContext } from '@smartchat/contracts';
import { canSeeConversation } from '@smartchat/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import type { BackofficeClient } from '../customers/backoffice-client.js';
import { accessFactsOf } from '../store/conversations.js';
import type { CustomerStore } from '../store/customers.js';
import type { InboxStore } from '../store/inbox.js';
import { requireAgent } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export interface CustomerRouteDeps {
  access: AccessStore;
  customers: CustomerStore;
  inbox: InboxStore;
  backoffice: BackofficeClient;
}

const RECENT_CONVERSATIONS = 20;

export function registerCustomerRoutes(app: FastifyInstance, deps: CustomerRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: `A customer with their ${RECENT_CONVERSATIONS} latest conversations you may see and the back-office's data (agents who may see one of their conversations)`,
        params: z.object({ id: z.uuid() }),
        response: { 200: customerContextSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request): Promise<CustomerContext> => {
      const viewer = await deps.access.viewerOf(requireAgent(request));
      if (viewer.type !== 'agent') throw new SmartchatError('SC_ERR_FORBIDDEN');
      const customer = await deps.customers.profile(request.params.id);
      // Nothing of the customer, the back-office's data included, before visibility is settled.
      if (!customer || !(await deps.inbox.customerVisible(viewer, customer.id))) throw new SmartchatError('SC_ERR_CUSTOMER_NOT_FOUND');
      const [page, backoffice] = await Promise.all([
        deps.inbox.page(viewer, { customerId: customer.id, publicOnly: true, sort: 'recent', limit: RECENT_CONVERSATIONS }),
        deps.backoffice.customer(customer.externalId),
      ]);
      return { customer, conversations: page.conversations.filter((conversation) => canSeeConversation(viewer, accessFactsOf(conversation))), ...backoffice };
    },
  );
}
