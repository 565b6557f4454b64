// Agent actions instead of manual forms. An admin declares, per integration, what its back-office
// offers in the conversation's context pane: links into it ("open the trip") and requests it acts
// on ("request a reconciliation act", "create a change request"), each with a URL template, fields
// prefilled from the conversation, and the permission an agent needs to run it. Running a request
// POSTs the conversation's data and the fields to the back-office, signed as Standard Webhooks with
// the integration's newest signing secret, within the action's timeout; its answer ({message, url})
// is posted into the conversation as a system message (agents) or a notice (the customer too).
// Every run, refused or failed, is in the audit log.
import {
  SmartchatError,
  type AgentAction,
  type AvailableAction,
  type Identity,
} from '@smartchat/contracts';
import { hasPermission } from '@smartchat/core';
import { publishSystemMessage, systemMessageId, webhookHeaders, type ChannelWrapper, type Logger, type PgPool } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { AccessStore } from '../access/access-store.js';
import type { AuditLog } from '../access/audit-log.js';
import type { IntegrationStore } from './integration-store.js';

interface Context {
  'conversation.id': string;
  'conversation.topic': string;
  'customer.id': string;
  'customer.name': string;
  'customer.email': string;
  'trip.id': string;
  'agent.id': string;
  'agent.name': string;
  'agent.email': string;
}

/** `template` with each {name} replaced by its value (encoded with `encode`). */
export function fillTemplate(template: string, values: Partial<Context>, encode: (value: string) => string = (value) => value): string {
  return template.replace(/\{([a-z.]+)\}/g, (_match, name: string) => encode(values[name as keyof Context] ?? ''));
}

/** Whether every {name} in the template has a value here. */
function namesOnlyKnown(template: string, values: Partial<Context>): boolean {
  return [...template.matchAll(/\{([a-z.]+)\}/g)].every((match) => Boolean(values[match[1] as keyof Context]));
}

/** The most of the back-office's answer that is read. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class AgentActions {
  constructor(
    private readonly options: {
      pg: PgPool;
      access: AccessStore;
      integrations: IntegrationStore;
      audit: AuditLog;
      publisher: ChannelWrapper;
      shards: number;
      logger: Logger;
    },
  ) {}

  async list(integrationId: string): Promise<AgentAction[]> {
    const { rows } = await this.options.pg.query<{ action: AgentAction }>('SELECT action FROM integration_actions WHERE integration_id = $1 ORDER BY position', [integrationId]);
    return rows.map((row) => row.action);
  }

  /** Replaces the integration's actions; keys must be unique within it (422 duplicate_key). */
  async replace(integrationId: string, actions: readonly AgentAction[]): Promise<AgentAction[] | null> {
    const keys = actions.map((action) => action.key);
    const duplicate = keys.findIndex((key, index) => keys.indexOf(key) !== index);
    if (duplicate >= 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', `Two actions have the key "${keys[duplicate]}"`, [{ path: `actions.${duplicate}.key`, rule: 'duplicate_key', message: 'already used by another action' }]);
    const client = await this.options.pg.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT 1 FROM integrations WHERE id = $1 FOR UPDATE', [integrationId]);
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return null;
      }
      await client.query('DELETE FROM integration_actions WHERE integration_id = $1', [integrationId]);
      for (const [position, action] of actions.entries()) await client.query('INSERT INTO integration_actions (integration_id, position, action) VALUES ($1, $2, $3)', [integrationId, position, JSON.stringify(action)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return this.list(integrationId);
  }

  /** The actions this agent may run on the conversation, templates filled in; 404 for anyone who may not see it, customers included. */
  async available(identity: Identity, conversationId: string): Promise<AvailableAction[]> {
    const { permissions, context } = await this.contextOf(identity, conversationId);
    const { rows } = await this.options.pg.query<{ integration_id: string; action: AgentAction }>(
      `SELECT a.integration_id, a.action FROM integration_actions a JOIN integrations i ON i.id = a.integration_id
        WHERE i.disabled_at IS NULL ORDER BY i.name, a.position`,
    );
    return rows
      .filter((row) => permissions(row.action.permission))
      // A link that names a value this conversation does not have (no customer, no trip) would lead nowhere: left out.
      .filter((row) => row.action.kind !== 'link' || namesOnlyKnown(row.action.url, context))
      .map(({ integration_id: integrationId, action }) => ({
        integrationId,
        key: action.key,
        label: action.label,
        kind: action.kind,
        url: action.kind === 'link' ? fillTemplate(action.url, context, encodeURIComponent) : null,
        fields: action.fields.map((field) => ({ name: field.name, label: field.label, type: field.type, required: field.required, value: fillTemplate(field.default ?? '', context) })),
      }));
  }

  /** Runs a request action; what the back-office said and the message it became. */
  async run(identity: Identity, conversationId: string, key: string, input: { integrationId: string; fields: Record<string, string> }, ip: string): Promise<{ message: string | null; url: string | null; messageId: string | null }> {
    const { permissions, context, internal, customerId } = await this.contextOf(identity, conversationId);
    const { rows } = await this.options.pg.query<{ action: AgentAction; name: string }>(
      `SELECT a.action, i.name::text AS name FROM integration_actions a JOIN integrations i ON i.id = a.integration_id
        WHERE a.integration_id = $1 AND a.action->>'key' = $2 AND i.disabled_at IS NULL`,
      [input.integrationId, key],
    );
    const action = rows[0]?.action;
    if (!action) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such action');
    const actor = identity.type === 'agent' ? `agent:${identity.agentId}` : 'anonymous';
    const audit = (outcome: 'ok' | 'denied' | 'failed', details: Record<string, unknown>) =>
      this.options.audit.record({ actor, action: 'integration.action', target: `conversation:${conversationId}`, outcome, ip, details: { integrationId: input.integrationId, key, ...details } });
    if (!permissions(action.permission)) {
      await audit('denied', { missing: action.permission });
      throw new SmartchatError('SC_ERR_FORBIDDEN', `This action needs ${action.permission}`, { missing: [action.permission] });
    }
    if (action.kind !== 'request') throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'A link action is opened, not run', [{ path: 'key', rule: 'link_action', message: 'a link action has nothing to run' }]);
    const unknown = Object.keys(input.fields).find((name) => !action.fields.some((field) => field.name === name));
    // The document cannot say an action's fields: a rule of the declaration, so 422.
    if (unknown) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such field in this action', [{ path: `fields.${unknown}`, rule: 'unknown_field', message: 'no such field in this action' }]);
    const fields = Object.fromEntries(action.fields.map((field) => [field.name, (input.fields[field.name] ?? fillTemplate(field.default ?? '', context)).trim()]));
    const missing = action.fields.filter((field) => field.required && !fields[field.name]);
    if (missing.length > 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'Required fields are empty', missing.map((field) => ({ path: `fields.${field.name}`, rule: 'required_field', message: 'is required' })));

    const secrets = await this.options.integrations.signingSecrets(input.integrationId);
    const body = JSON.stringify({
      action: key,
      conversation: { id: context['conversation.id'], topic: context['conversation.topic'] || null, internal },
      customer: customerId ? { id: context['customer.id'], name: context['customer.name'] || null, email: context['customer.email'] || null } : null,
      trip: context['trip.id'] ? { id: context['trip.id'] } : null,
      agent: { id: context['agent.id'], name: context['agent.name'], email: context['agent.email'] },
      fields,
    });
    const runId = randomUUID();
    const url = fillTemplate(action.url, context, encodeURIComponent);
    const started = Date.now();
    let answer: { message?: unknown; url?: unknown };
    try {
      const response = await fetch(url, {
        method: action.method,
        headers: { 'content-type': 'application/json', 'user-agent': 'Smartchat-Actions/1', ...webhookHeaders(secrets.slice(0, 1), `act_${runId.replaceAll('-', '')}`, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(action.timeoutMs),
      });
      const text = (await response.text()).slice(0, MAX_ANSWER_BYTES);
      if (response.status < 200 || response.status >= 300) {
        await audit('failed', { status: response.status, ms: Date.now() - started });
        throw new SmartchatError('SC_ERR_ACTION_FAILED', `The back-office answered ${response.status}`, { status: response.status, answer: text.slice(0, 500) });
      }
      try {
        answer = text.trim() ? (JSON.parse(text) as typeof answer) : {};
      } catch {
        answer = { message: text.trim() };
      }
    } catch (error) {
      if (error instanceof SmartchatError) throw error;
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      await audit('failed', { reason: timedOut ? 'timeout' : 'unreachable', ms: Date.now() - started });
      if (timedOut) throw new SmartchatError('SC_ERR_ACTION_TIMEOUT', `The back-office did not answer within ${action.timeoutMs} ms`, { timeoutMs: action.timeoutMs });
      throw new SmartchatError('SC_ERR_ACTION_FAILED', 'The back-office could not be reached', { status: null, reason: (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message });
    }
    const message = typeof answer.message === 'string' && answer.message.trim() ? answer.message.trim().slice(0, 4000) : null;
    const link = typeof answer.url === 'string' && /^https?:\/\//.test(answer.url) ? answer.url.slice(0, 2000) : null;
    const text = [`**${action.label}** — ${context['agent.name']}`, message, link].filter(Boolean).join('\n');
    const messageId = systemMessageId(`action:${runId}`, new Date());
    await publishSystemMessage(this.options.publisher, this.options.shards, {
      id: messageId,
      conversationId,
      body: text,
      internal,
      customerId,
      kind: action.result === 'notice' && !internal ? 'notice' : 'system',
    });
    await audit('ok', { ms: Date.now() - started, messageId });
    return { message, url: link, messageId };
  }

  /** What the templates can name, and what the agent may do; 404 unless an agent sees the conversation. */
  private async contextOf(identity: Identity, conversationId: string) {
    const visible = identity.type === 'agent' ? await this.options.access.visibleConversation(identity, conversationId) : null;
    if (!visible || visible.viewer.type !== 'agent' || identity.type !== 'agent') throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const viewer = visible.viewer;
    const { rows } = await this.options.pg.query<{ topic: string | null; internal: boolean; customer_id: string | null; external_id: string | null; customer_name: string | null; customer_email: string | null; agent_name: string; agent_email: string; trip_id: string | null }>(
      `SELECT c.topic, c.internal, c.customer_id, cu.external_id, cu.name AS customer_name, cu.email::text AS customer_email, a.name AS agent_name, a.email::text AS agent_email,
              (SELECT t.trip_id FROM integration_trips t WHERE t.customer_conversation_id = c.id OR t.internal_conversation_id = c.id ORDER BY t.updated_at DESC LIMIT 1) AS trip_id
         FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id, agents a
        WHERE c.id = $1 AND a.id = $2`,
      [conversationId, identity.agentId],
    );
    const row = rows[0];
    if (!row) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const context: Context = {
      'conversation.id': conversationId,
      'conversation.topic': row.topic ?? '',
      'customer.id': row.external_id ?? '',
      'customer.name': row.customer_name ?? '',
      'customer.email': row.customer_email ?? '',
      'trip.id': row.trip_id ?? '',
      'agent.id': identity.agentId,
      'agent.name': row.agent_name,
      'agent.email': row.agent_email,
    };
    return { permissions: (permission: string) => hasPermission(viewer, permission as never), context, internal: row.internal, customerId: row.customer_id };
  }
}
