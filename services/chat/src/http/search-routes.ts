// GET /v1/search: message search for agents (every conversation they may see, with filters) and
// customers (their own conversations, only what they can read in the widget). Who may see what is
// decided in search/search-sql.ts by the inbox's own rule; here the caller's filters are checked
// against what they may ask for.
import { AGENT_ONLY_SEARCH_PARAMETERS, searchQuery, searchResponseSchema, SmartchatError } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AccessStore } from '../access/access-store.js';
import type { SearchStore } from '../search/search-store.js';
import { identityOf } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

export interface SearchRouteDeps {
  access: AccessStore;
  search: SearchStore;
}

export function registerSearchRoutes(app: FastifyInstance, deps: SearchRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/v1/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search messages (and conversations by subject or customer): words in any form, "exact phrases", prefixes (123-Q*); results are conversations with highlighted matches, newest first or by relevance, keyset pages (cursor → nextCursor). Agents search what they may see; customers their own conversations (only q, sort, limit, cursor)',
        querystring: searchQuery,
        response: { 200: searchResponseSchema, 403: errorResponseSchema, 422: errorResponseSchema },
      },
    },
    async (request) => {
      const viewer = await deps.access.viewerOf(identityOf(request));
      const query = request.query;
      if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
        throw new SmartchatError('SC_ERR_UNPROCESSABLE', '`to` must be later than `from`', [{ path: 'querystring.to', rule: 'inverted_range', message: 'must be later than from' }]);
      }
      if (viewer.type === 'customer') {
        const agentOnly = AGENT_ONLY_SEARCH_PARAMETERS.filter((name) => query[name] !== undefined);
        if (agentOnly.length > 0) {
          throw new SmartchatError(
            'SC_ERR_UNPROCESSABLE',
            'Customers search by q only',
            agentOnly.map((name) => ({ path: `querystring.${name}`, rule: 'agent_only_parameter', message: 'only agents may filter by this' })),
          );
        }
      } else {
        // A team outside the agent's scope is refused, not quietly searched as empty.
        if (query.teamId && viewer.scope !== 'all' && !viewer.teamIds.has(query.teamId)) {
          throw new SmartchatError('SC_ERR_FORBIDDEN', "You may not search that team's conversations", [{ path: 'querystring.teamId', message: 'not one of your teams' }]);
        }
        if (query.includeDeleted && !viewer.permissions.has('messages.history')) {
          throw new SmartchatError('SC_ERR_FORBIDDEN', 'Searching deleted messages needs the messages.history permission', [{ path: 'querystring.includeDeleted', message: 'needs messages.history' }]);
        }
      }
      return deps.search.search(viewer, query);
    },
  );
}
