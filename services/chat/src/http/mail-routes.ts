// The e-mail channel's API. Admins with integrations.manage configure support mailboxes (their
// passwords go in and never come out), the blocked senders, and read what each mailbox received
// with its outcome. Agents who may see an e-mail conversation read its mail side: what was
// received (and the raw original), and each answer's delivery state, and queue a failed one again.
// Customers get 404 from every one of these, as for a conversation they may not see.
import {
  BLOCKED_SENDERS_BODY_LIMIT,
  blockedSendersInput,
  blockedSendersSchema,
  conversationMailSchema,
  createMailboxInput,
  mailboxSchema,
  mailDeliverySchema,
  receivedMailQuery,
  receivedMailSchema,
  SmartchatError,
  updateMailboxInput,
} from '@smartchat/contracts';
import type { AgentAccess } from '@smartchat/core';
import { readReceived, sanitizeMailHtml } from '@smartchat/mail';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buffer } from 'node:stream/consumers';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { BlobStore } from '../attachments/blob-store.js';
import type { MailboxStore } from '../mail/mailbox-store.js';
import type { MailRecords } from '../mail/mail-records.js';
import { identityOf, requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface MailRouteDeps {
  access: AccessStore;
  audit: AuditLog;
  mailboxes: MailboxStore;
  records: MailRecords;
  /** Where received messages are kept raw (the mail role writes them). */
  rawMail: BlobStore;
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema, 429: errorResponseSchema };
const idParams = z.object({ id: z.uuid() });

export function registerMailRoutes(app: FastifyInstance, deps: MailRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** An admin with integrations.manage; a refusal is audited. */
  const manager = async (request: FastifyRequest, action: string, target: string): Promise<AgentAccess> => {
    const access = await deps.access.agentAccess(requireAgent(request).agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    if (!access.permissions.has('integrations.manage')) {
      auditAs(request, action, target);
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Mailboxes need the integrations.manage permission', { missing: ['integrations.manage'] });
    }
    return access;
  };
  const audit = (request: FastifyRequest, action: string, target: string, details: Record<string, unknown>) =>
    deps.audit.record({ actor: auditActor(request.identity), action, target, outcome: 'ok', ip: request.ip, details });
  /** An e-mail conversation the caller may see, as an agent; anything else is "not found". */
  const emailConversation = async (request: FastifyRequest, conversationId: string) => {
    const identity = identityOf(request);
    const visible = identity.type === 'agent' ? await deps.access.visibleConversation(identity, conversationId) : null;
    const mail = visible ? await deps.records.emailConversation(conversationId) : null;
    if (!mail) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return mail;
  };

  /** A received message of an e-mail conversation the caller may see, as it arrived; anything else is "not found". */
  const original = async (request: FastifyRequest, conversationId: string, receivedId: string) => {
    const mail = await emailConversation(request, conversationId);
    const received = await deps.records.receivedOne(receivedId);
    if (!received || received.conversationId !== mail.conversationId || !received.blobKey) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such message');
    const stream = await deps.rawMail.open(received.blobKey);
    if (!stream) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such message');
    return { received, stream };
  };

  api.get('/v1/mailboxes', { schema: { tags: ['mail'], summary: 'Support mailboxes (integrations.manage)', response: { 200: z.object({ mailboxes: z.array(mailboxSchema) }), ...errors } } }, async (request) => {
    await manager(request, 'mailbox.list', 'mailboxes');
    return { mailboxes: await deps.mailboxes.list() };
  });

  api.post(
    '/v1/mailboxes',
    {
      schema: {
        tags: ['mail'],
        summary: 'Add a support mailbox (integrations.manage); passwords are stored sealed and never returned',
        description:
          'inbound imap: Smartchat reads imap.folder (imap and its password required); inbound smtp: mail is relayed to the mail role\'s SMTP listener. A password needs SMARTCHAT_SECRET_KEYS (else 422, rule secret_keys_missing). An unknown team: 422, rule team_unknown. An address in use: 409.',
        body: createMailboxInput,
        response: { 201: mailboxSchema, ...errors },
      },
    },
    async (request, reply) => {
      await manager(request, 'mailbox.create', `mailbox:${request.body.address}`);
      const mailbox = await deps.mailboxes.create(request.body);
      await audit(request, 'mailbox.create', `mailbox:${mailbox.id}`, { address: mailbox.address, teamId: mailbox.teamId, inbound: mailbox.inbound });
      return reply.code(201).send(mailbox);
    },
  );

  api.get('/v1/mailboxes/:id', { schema: { tags: ['mail'], summary: 'One support mailbox (integrations.manage)', params: idParams, response: { 200: mailboxSchema, ...errors } } }, async (request) => {
    await manager(request, 'mailbox.read', `mailbox:${request.params.id}`);
    const mailbox = await deps.mailboxes.get(request.params.id);
    if (!mailbox) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such mailbox');
    return mailbox;
  });

  api.patch(
    '/v1/mailboxes/:id',
    {
      schema: {
        tags: ['mail'],
        summary: 'Change a support mailbox (integrations.manage); a password left out is kept',
        description: 'imap and smtp are replaced as a whole, except their password: omitted, the stored one stays; smtp.password null removes it. enabled: false stops reading and sending for it (queued answers wait).',
        params: idParams,
        body: updateMailboxInput,
        response: { 200: mailboxSchema, ...errors },
      },
    },
    async (request) => {
      const target = `mailbox:${request.params.id}`;
      await manager(request, 'mailbox.update', target);
      const { before, after } = await deps.mailboxes.update(request.params.id, request.body);
      const changed = Object.keys(request.body) as (keyof typeof request.body)[];
      // Never the passwords: the sections are audited without them.
      await audit(request, 'mailbox.update', target, {
        changed,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return after;
    },
  );

  api.get(
    '/v1/mailboxes/:id/received',
    {
      schema: {
        tags: ['mail'],
        summary: 'What a mailbox received, newest first, with each message\'s outcome (integrations.manage)',
        params: idParams,
        querystring: receivedMailQuery,
        response: { 200: z.object({ received: z.array(receivedMailSchema) }), ...errors },
      },
    },
    async (request) => {
      await manager(request, 'mailbox.received', `mailbox:${request.params.id}`);
      if (!(await deps.mailboxes.get(request.params.id))) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such mailbox');
      return { received: await deps.records.received(request.params.id, request.query.limit, request.query.before) };
    },
  );

  api.get('/v1/mail/blocked-senders', { schema: { tags: ['mail'], summary: 'Senders whose mail is kept out of the inbox (integrations.manage)', response: { 200: blockedSendersSchema, ...errors } } }, async (request) => {
    await manager(request, 'mail.blocked_senders.read', 'mail:blocked-senders');
    return { senders: await deps.mailboxes.blockedSenders() };
  });

  api.put(
    '/v1/mail/blocked-senders',
    {
      bodyLimit: BLOCKED_SENDERS_BODY_LIMIT,
      schema: {
        tags: ['mail'],
        summary: 'Replace the blocked senders: addresses, or domains written "@domain" (integrations.manage)',
        description: 'Mail from a blocked sender is stored and recorded (outcome blocked) but opens nothing and reaches no conversation.',
        body: blockedSendersInput,
        response: { 200: blockedSendersSchema, ...errors },
      },
    },
    async (request) => {
      await manager(request, 'mail.blocked_senders.update', 'mail:blocked-senders');
      const senders = await deps.mailboxes.setBlockedSenders(request.body.senders);
      await audit(request, 'mail.blocked_senders.update', 'mail:blocked-senders', { count: senders.length });
      return { senders };
    },
  );

  api.get(
    '/v1/conversations/:id/mail',
    {
      schema: {
        tags: ['mail'],
        summary: 'The e-mail side of a conversation: its mailbox, received messages and the delivery state of each answer (agents who may see it)',
        description: 'A conversation that is not an e-mail conversation, or that the caller may not see, answers 404 SC_ERR_CONVERSATION_NOT_FOUND.',
        params: idParams,
        response: { 200: conversationMailSchema, ...errors },
      },
    },
    async (request) => {
      const mail = await emailConversation(request, request.params.id);
      const mailbox = await deps.mailboxes.get(mail.mailboxId);
      const [received, deliveries] = await Promise.all([deps.records.receivedOf(mail.conversationId), deps.records.deliveriesOf(mail.conversationId)]);
      return { mailboxId: mail.mailboxId, mailboxAddress: mailbox?.address ?? '', customerAddress: mail.customerAddress, subject: mail.subject, received, deliveries };
    },
  );

  api.post(
    '/v1/conversations/:id/mail/deliveries/:deliveryId/retry',
    {
      schema: {
        tags: ['mail'],
        summary: 'Send a failed answer again (agents who may see the conversation)',
        description: 'Only a failed delivery can be retried: another state answers 409 SC_ERR_CONFLICT. It is sent with the same Message-ID.',
        params: z.object({ id: z.uuid(), deliveryId: z.uuid() }),
        response: { 200: mailDeliverySchema, ...errors },
      },
    },
    async (request) => {
      const mail = await emailConversation(request, request.params.id);
      const retried = await deps.records.retry(mail.conversationId, request.params.deliveryId);
      if (!retried) {
        const existing = await deps.records.delivery(mail.conversationId, request.params.deliveryId);
        if (!existing) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such delivery');
        throw new SmartchatError('SC_ERR_CONFLICT', `Only a failed delivery can be retried; this one is ${existing.state}`);
      }
      await audit(request, 'mail.delivery.retry', `conversation:${mail.conversationId}`, { deliveryId: retried.id });
      return retried;
    },
  );

  api.get(
    '/v1/conversations/:id/mail/received/:receivedId/html',
    {
      schema: {
        tags: ['mail'],
        summary: 'A received message laid out as it was sent, sanitised (agents who may see the conversation)',
        description:
          'The HTML part with only layout, text and https/http/mailto links left: no script, style, form, frame, event attribute, inline style or image. null when the message has no HTML part. Show it in a sandboxed frame.',
        params: z.object({ id: z.uuid(), receivedId: z.uuid() }),
        response: { 200: z.object({ html: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { stream } = await original(request, request.params.id, request.params.receivedId);
      const message = await readReceived(await buffer(stream)).catch(() => null);
      return { html: message?.html ? sanitizeMailHtml(message.html) : null };
    },
  );

  api.get(
    '/v1/conversations/:id/mail/received/:receivedId/original',
    {
      schema: {
        tags: ['mail'],
        summary: 'A received message as it arrived (message/rfc822), quoted history and all (agents who may see the conversation)',
        params: z.object({ id: z.uuid(), receivedId: z.uuid() }),
        response: { 200: z.unknown().describe('The raw message'), ...errors },
      },
    },
    async (request, reply) => {
      const { received, stream } = await original(request, request.params.id, request.params.receivedId);
      return reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="${received.id}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
