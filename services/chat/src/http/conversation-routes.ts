// Conversations and messages over REST. Sending goes through the same MessageAcceptor as the socket.
// The lists of conversations are in inbox-routes.ts.
import {
  conversationSchema,
  routeConversationInput,
  snoozeConversationInput,
  createConversationInput,
  createInternalConversationInput,
  customerConversationSchema,
  editedBodySchema,
  historyQuery,
  lowerCaseUuid,
  messageIdSchema,
  messageSchema,
  messageWithHistorySchema,
  readPositionsSchema,
  replyExpectationSchema,
  sendMessageBody,
  sendMessageResult,
  SmartchatError,
  type Message,
} from '@smartchat/contracts';
import { canSeeConversation, canSeeMessageKind } from '@smartchat/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MessageAcceptor } from '../messaging/accept.js';
import { messageAuditTarget, type MessageChanges } from '../messaging/changes.js';
import { accessFactsOf, toCustomerConversation, toCustomerMessage, type ConversationStore } from '../store/conversations.js';
import type { InboxStore } from '../store/inbox.js';
import type { MessageStore } from '../store/messages.js';
import type { AccessStore } from '../access/access-store.js';
import type { ConversationLifecycle } from '../conversations/lifecycle.js';
import { parseInput } from '../validation.js';
import { identityOf, requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema, withRuleRefusals } from './errors.js';

export interface ConversationRouteDeps {
  conversations: ConversationStore;
  messages: MessageStore;
  acceptor: MessageAcceptor;
  changes: MessageChanges;
  access: AccessStore;
  lifecycle: ConversationLifecycle;
  inbox: InboxStore;
}

const idParams = z.object({ id: lowerCaseUuid() });
/** Reads of a customer's history page, at most (each of up to `limit` rows). */
const HISTORY_ROUNDS = 5;
const messageParams = z.object({ id: lowerCaseUuid(), messageId: messageIdSchema });
/** What the routes of one conversation answer besides the answers every route shares (openapi.ts). */
const notFound = { 404: errorResponseSchema };
const statusChange = { 404: errorResponseSchema, 409: errorResponseSchema };
/** A send: a clientMessageId reused for other content (409), attachments not the sender's (422), the broker not taking it in time (503). */
const sending = { 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema, 503: errorResponseSchema };
const anyConversation = z.union([conversationSchema, customerConversationSchema]);

export function registerConversationRoutes(app: FastifyInstance, deps: ConversationRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/v1/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'A customer opens a conversation, optionally with its first message',
        body: createConversationInput,
        description:
          "`expectation` says what the customer may expect from the team the conversation went to (its opening hours and first-response target), so that the widget can say the message was received and when a reply is due; null when no team took it.",
        response: { 201: z.object({ conversation: customerConversationSchema, message: sendMessageResult.nullable(), expectation: replyExpectationSchema.nullable() }), 409: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      if (identity.type !== 'customer') throw new SmartchatError('SC_ERR_FORBIDDEN', 'Agents open internal conversations with POST /v1/conversations/internal');
      const { topic, body, clientMessageId } = request.body;
      if (body !== undefined && !clientMessageId) throw new SmartchatError('SC_ERR_VALIDATION', 'A first message needs a clientMessageId', [{ path: 'clientMessageId', message: 'required with body' }]);
      // The first message is checked before anything is opened: a refused one opens nothing.
      if (body !== undefined) parseInput(sendMessageBody, { clientMessageId, body });
      // Idempotent on the clientMessageId: a retry (the answer was lost) finds the same conversation,
      // and the acceptor answers its first message with the same id.
      const conversation = await deps.lifecycle.open(identity.customerId, { topic, channel: 'widget', ...(clientMessageId ? { requestId: clientMessageId } : {}) });
      const message = body !== undefined ? await deps.acceptor.send(identity, { conversationId: conversation.id, clientMessageId, body }) : null;
      const expectation = await deps.lifecycle.replyExpectation(conversation.teamId);
      return reply.code(201).send({ conversation: toCustomerConversation(conversation), message, expectation });
    },
  );

  api.post(
    '/v1/conversations/internal',
    {
      schema: {
        tags: ['conversations'],
        summary: 'An agent opens an internal conversation (never visible to the customer; conversations.internal), optionally about a customer they may already see',
        body: createInternalConversationInput,
        response: { 201: conversationSchema, ...notFound },
      },
    },
    async (request, reply) => {
      auditAs(request, 'conversation.create_internal', request.body.customerId ? `customer:${request.body.customerId}` : null);
      const viewer = await deps.access.viewerOf(requireAgent(request));
      if (viewer.type !== 'agent' || !viewer.permissions.has('conversations.internal')) {
        throw new SmartchatError('SC_ERR_FORBIDDEN', 'Opening internal conversations needs the conversations.internal permission', { missing: ['conversations.internal'] });
      }
      // Its creator becomes a participant, and through it would see the customer: only a customer
      // the agent may already see, and a hidden one answers exactly like a missing one.
      const { customerId } = request.body;
      if (customerId && !(await deps.inbox.customerVisible(viewer, customerId))) throw new SmartchatError('SC_ERR_CUSTOMER_NOT_FOUND');
      const conversation = await deps.conversations.createInternal({ topic: request.body.topic, customerId: customerId ?? null, createdBy: viewer.agentId, actor: { type: 'agent', id: viewer.agentId } });
      return reply.code(201).send(conversation);
    },
  );

  api.get(
    '/v1/conversations/:id',
    { schema: { tags: ['conversations'], summary: 'One conversation', params: idParams, response: { 200: anyConversation, ...notFound } } },
    async (request) => {
      const identity = identityOf(request);
      const conversation = await deps.conversations.get(request.params.id);
      if (!conversation || !canSeeConversation(await deps.access.viewerOf(identity), accessFactsOf(conversation))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
      return identity.type === 'agent' ? conversation : toCustomerConversation(conversation);
    },
  );

  api.get(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'History, newest first; page backwards with ?before=<message id>',
        params: idParams,
        querystring: historyQuery,
        response: { 200: z.object({ messages: z.array(messageSchema), nextBefore: messageIdSchema.nullable() }), ...notFound },
      },
    },
    async (request) => {
      const conversation = await deps.access.visibleConversation(identityOf(request), request.params.id);
      if (!conversation) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
      const { viewer, facts } = conversation;
      const { before, limit } = request.query;
      // A customer's page leaves notes out; it reads on past them so that the page still holds
      // `limit` messages where there are that many (a short page would also tell the customer
      // where notes were written). Bounded: after HISTORY_ROUNDS reads the page may be short, and
      // `nextBefore` says where to go on.
      const visible: Message[] = [];
      let cursor = before;
      let nextBefore: string | null = null;
      for (let round = 0; round < HISTORY_ROUNDS && visible.length < limit; round += 1) {
        const want = limit - visible.length;
        const page = await deps.messages.before(request.params.id, { ...(cursor ? { beforeId: cursor } : {}), limit: want, since: facts.createdAt });
        for (const message of page) if (canSeeMessageKind(viewer, message.kind)) visible.push(viewer.type === 'customer' ? toCustomerMessage(message) : message);
        nextBefore = page.length === want ? page[page.length - 1]!.id : null;
        if (nextBefore === null) break;
        cursor = nextBefore;
      }
      return { messages: visible, nextBefore };
    },
  );

  api.get(
    '/v1/conversations/:id/reads',
    {
      schema: {
        tags: ['messages'],
        summary: 'Read positions, as the `read` socket event gives them (so receipts survive a reload)',
        description:
          "An agent gets every participant's position (the customer's and each agent's). A customer gets their own and the agents' latest position on a message they may see, with the agent's id empty, as in the `read` event; an internal conversation answers 404 to a customer, as everywhere.",
        params: idParams,
        response: { 200: readPositionsSchema, ...notFound },
      },
    },
    async (request) => {
      const found = await deps.access.visibleConversation(identityOf(request), request.params.id);
      if (!found) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
      const { viewer } = found;
      const conversationId = request.params.id;
      const positions = (await deps.messages.readPositions(conversationId)).flatMap((position) => {
        const [type, id] = position.participant.split(':') as ['agent' | 'customer', string];
        return type === 'agent' || type === 'customer' ? [{ conversationId, who: { type, id }, messageId: position.messageId, readAt: position.readAt.toISOString() }] : [];
      });
      if (viewer.type === 'agent') return { reads: positions };
      // A customer: their own position, and the agents' latest on a message the customer may see
      // (an agent's position on a note would name the note).
      const own = positions.filter((position) => position.who.type === 'customer' && position.who.id === viewer.customerId);
      const agents = positions.filter((position) => position.who.type === 'agent').sort((a, b) => b.readAt.localeCompare(a.readAt));
      for (const position of agents) {
        const message = await deps.messages.get(conversationId, position.messageId);
        if (message && canSeeMessageKind(viewer, message.kind)) return { reads: [...own, { ...position, who: { type: 'agent' as const, id: '' } }] };
      }
      return { reads: own };
    },
  );

  api.patch(
    '/v1/conversations/:id',
    {
      schema: {
        tags: ['conversations'],
        summary:
          'Assign, unassign or prioritise (conversations.assign), transfer to a team and its queue (conversations.transfer); override team or capacity (assignment.override); audited, applied to open sockets at once',
        params: idParams,
        body: routeConversationInput,
        response: { 200: conversationSchema, ...statusChange, 422: errorResponseSchema },
      },
    },
    async (request) => {
      auditAs(request, 'conversation.route', `conversation:${request.params.id}`);
      // An agent or team that does not exist (or is disabled): 422, as the lifecycle says.
      return deps.lifecycle.route(identityOf(request), request.params.id, request.body, request.ip);
    },
  );

  api.post(
    '/v1/conversations/:id/snooze',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Snooze until a time or a preset in the agent\'s time zone (conversations.snooze); wakes on time or at a customer message, note or mention',
        params: idParams,
        body: snoozeConversationInput,
        response: { 200: conversationSchema, ...statusChange, 422: errorResponseSchema },
      },
    },
    async (request) => {
      auditAs(request, 'conversation.snooze', `conversation:${request.params.id}`);
      return deps.lifecycle.snooze(identityOf(request), request.params.id, request.body, request.ip);
    },
  );

  api.post(
    '/v1/conversations/:id/close',
    { schema: { tags: ['conversations'], summary: 'Close (conversations.close)', params: idParams, response: { 200: conversationSchema, ...statusChange } } },
    async (request) => {
      auditAs(request, 'conversation.close', `conversation:${request.params.id}`);
      return deps.lifecycle.close(identityOf(request), request.params.id, request.ip);
    },
  );

  api.post(
    '/v1/conversations/:id/reopen',
    { schema: { tags: ['conversations'], summary: 'Reopen (conversations.close): back to its assignee if they have room, else to the queue', params: idParams, response: { 200: conversationSchema, ...statusChange } } },
    async (request) => {
      auditAs(request, 'conversation.reopen', `conversation:${request.params.id}`);
      return deps.lifecycle.reopen(identityOf(request), request.params.id, request.ip);
    },
  );

  api.post(
    '/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Send a message (same path as the socket event message:send); retry with the same clientMessageId',
        params: idParams,
        body: sendMessageBody,
        response: { 202: sendMessageResult, ...sending },
      },
    },
    async (request, reply) => {
      // Attachments that are not the sender's in this conversation (or whose grace period is over): 422.
      const result = await withRuleRefusals(() => deps.acceptor.send(identityOf(request), { ...request.body, conversationId: request.params.id }));
      return reply.code(202).send(result);
    },
  );

  api.patch(
    '/v1/conversations/:id/messages/:messageId',
    {
      schema: {
        tags: ['messages'],
        summary: 'Edit your own message; the previous text is kept in its history',
        params: messageParams,
        body: z.strictObject({ body: editedBodySchema }),
        response: { 200: messageSchema, ...notFound },
      },
    },
    async (request) => deps.changes.edit(identityOf(request), { conversationId: request.params.id, messageId: request.params.messageId, body: request.body.body }),
  );

  api.delete(
    '/v1/conversations/:id/messages/:messageId',
    { schema: { tags: ['messages'], summary: 'Delete your own message; others see "message deleted", history keeps the text', params: messageParams, response: { 200: messageSchema, ...notFound } } },
    async (request) => {
      auditAs(request, 'message.delete', messageAuditTarget({ conversationId: request.params.id, messageId: request.params.messageId }));
      return deps.changes.delete(identityOf(request), { conversationId: request.params.id, messageId: request.params.messageId }, request.ip);
    },
  );

  api.post(
    '/v1/conversations/:id/messages/:messageId/restore',
    { schema: { tags: ['messages'], summary: 'Restore a deleted message (messages.restore permission)', params: messageParams, response: { 200: messageSchema, ...notFound } } },
    async (request) => {
      auditAs(request, 'message.restore', messageAuditTarget({ conversationId: request.params.id, messageId: request.params.messageId }));
      return deps.changes.restore(identityOf(request), { conversationId: request.params.id, messageId: request.params.messageId }, request.ip);
    },
  );

  api.get(
    '/v1/conversations/:id/messages/:messageId/history',
    { schema: { tags: ['messages'], summary: 'A message with its original text and every change (messages.history permission)', params: messageParams, response: { 200: messageWithHistorySchema, ...notFound } } },
    async (request) => {
      auditAs(request, 'message.history', messageAuditTarget({ conversationId: request.params.id, messageId: request.params.messageId }));
      return deps.changes.history(identityOf(request), { conversationId: request.params.id, messageId: request.params.messageId });
    },
  );
}
