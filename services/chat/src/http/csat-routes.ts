// Satisfaction surveys over REST: a conversation's surveys (agents who may see the conversation
// get every field; its customer gets their own answers, never an agent's id), and the customer's
// answer. Whoever has the conversation open hears of an answer at once (`csat:updated`).
import { csatSurveySchema, customerCsatSurveySchema, lowerCaseUuid, SmartchatError, submitCsatInput, toCustomerCsatSurvey } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import type { CsatSurveys } from '../csat/csat-surveys.js';
import type { ChatSocketServer } from '../gateway/socket-server.js';
import { rooms } from '../messaging/rooms.js';
import { identityOf } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface CsatRouteDeps {
  access: AccessStore;
  surveys: CsatSurveys;
  /** Where an answer is announced (the socket server, which exists once the routes do). */
  io: () => ChatSocketServer;
}

const conversationParams = z.object({ id: lowerCaseUuid() });
const surveyParams = z.object({ id: lowerCaseUuid(), surveyId: lowerCaseUuid() });

export function registerCsatRoutes(app: FastifyInstance, deps: CsatRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/conversations/:id/csat',
    {
      schema: {
        tags: ['csat'],
        summary: "A conversation's satisfaction surveys, one per close, oldest first (agents who may see it: every field; its customer: their answers only)",
        params: conversationParams,
        response: { 200: z.union([z.object({ surveys: z.array(csatSurveySchema) }), z.object({ surveys: z.array(customerCsatSurveySchema) })]), 404: errorResponseSchema },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      if (!(await deps.access.visibleConversation(identity, request.params.id))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
      const surveys = await deps.surveys.ofConversation(request.params.id);
      return identity.type === 'agent' ? { surveys } : { surveys: surveys.map(toCustomerCsatSurvey) };
    },
  );

  api.put(
    '/v1/conversations/:id/csat/:surveyId',
    {
      schema: {
        tags: ['csat'],
        summary:
          'The customer rates the conversation (1-5, optional comment) after a close, or changes the rating within 24 hours of the first answer; 409 SC_ERR_CSAT_CLOSED after that (customers only)',
        params: surveyParams,
        body: submitCsatInput,
        response: { 200: customerCsatSurveySchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      auditAs(request, 'csat.answer', `conversation:${request.params.id}`);
      const identity = identityOf(request);
      if (identity.type !== 'customer') throw new SmartchatError('SC_ERR_FORBIDDEN', 'Only the customer answers their satisfaction survey');
      if (!(await deps.access.visibleConversation(identity, request.params.id))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
      const { survey, changed } = await deps.surveys.answer(identity.customerId, request.params.id, request.params.surveyId, request.body);
      const shown = toCustomerCsatSurvey(survey);
      if (changed) {
        // Through the Redis adapter, to every chat process: agents with the conversation open, and
        // the customer's other tabs.
        deps.io().to(rooms.conversationAgents(survey.conversationId)).emit('csat:updated', survey);
        deps.io().to(rooms.conversationCustomer(survey.conversationId)).emit('csat:updated', shown);
      }
      return shown;
    },
  );
}
