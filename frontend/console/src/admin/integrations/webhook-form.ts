// The webhooks tab's logic, kept apart from the view so that it is unit-tested: an endpoint's form
// (a new one's body, an edited one's changes; problems found before anything is sent), a delivery's
// state in words (dead, retrying at, queued, delivered), what a test send came to, and a request
// or answer made readable.
import { WEBHOOK_EVENT_TYPES, webhookDeliveryStatuses, type WebhookAttempt, type WebhookDelivery, type WebhookEndpoint, type WebhookEventType } from '@smartchat/contracts';
import type { ApiBody } from '@smartchat/frontend-kit';
import type { WebhooksKey } from './webhooks-texts.js';

export type CreateEndpointBody = ApiBody<'/v1/integrations/{id}/webhooks', 'post'>;
export type EndpointChanges = ApiBody<'/v1/integrations/{id}/webhooks/{endpointId}', 'patch'>;
export type DeliveryStatus = WebhookDelivery['status'];

export const EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = webhookDeliveryStatuses;

/** A text of webhooks-texts.ts with its placeholders. */
export interface Text {
  key: WebhooksKey;
  vars?: Record<string, string | number>;
}

export interface EndpointDraft {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  includeInternal: boolean;
  enabled: boolean;
}

export type EndpointProblem = 'urlRequired' | 'urlInvalid' | 'eventTypesRequired';

/** A new endpoint: what a back-office usually wants to follow, no internal data. */
export function newEndpoint(): EndpointDraft {
  return { url: '', description: '', eventTypes: ['conversation.created', 'message.created', 'conversation.closed'], includeInternal: false, enabled: true };
}

export function endpointDraftOf(endpoint: WebhookEndpoint): EndpointDraft {
  return { url: endpoint.url, description: endpoint.description ?? '', eventTypes: [...endpoint.eventTypes], includeInternal: endpoint.includeInternal, enabled: endpoint.enabled };
}

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** The types chosen, in the API's order, as the API takes them (at least one); null when none is. */
function chosenTypes(draft: EndpointDraft): [WebhookEventType, ...WebhookEventType[]] | null {
  const [first, ...rest] = EVENT_TYPES.filter((type) => draft.eventTypes.includes(type));
  return first ? [first, ...rest] : null;
}

/** The URL trimmed, or what is wrong with it: only http and https are sent to. */
function checkedUrl(raw: string): { url: string } | { problem: EndpointProblem } {
  const url = raw.trim();
  if (!url) return { problem: 'urlRequired' };
  try {
    const { protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') return { url };
  } catch {
    // Not a URL at all: said below like a wrong scheme.
  }
  return { problem: 'urlInvalid' };
}

/** The body of POST /v1/integrations/:id/webhooks, or the first problem of the draft. */
export function endpointBody(draft: EndpointDraft): { body: CreateEndpointBody } | { problem: EndpointProblem } {
  const checked = checkedUrl(draft.url);
  if ('problem' in checked) return checked;
  const eventTypes = chosenTypes(draft);
  if (!eventTypes) return { problem: 'eventTypesRequired' };
  const description = draft.description.trim();
  return { body: { url: checked.url, eventTypes, includeInternal: draft.includeInternal, enabled: draft.enabled, ...(description ? { description } : {}) } };
}

/** The body of PATCH …/webhooks/:endpointId: only what differs from the endpoint (empty when nothing does). */
export function endpointChanges(draft: EndpointDraft, endpoint: WebhookEndpoint): { changes: EndpointChanges } | { problem: EndpointProblem } {
  const checked = checkedUrl(draft.url);
  if ('problem' in checked) return checked;
  const eventTypes = chosenTypes(draft);
  if (!eventTypes) return { problem: 'eventTypesRequired' };
  const changes: EndpointChanges = {};
  if (checked.url !== endpoint.url) changes.url = checked.url;
  const description = draft.description.trim();
  if (description !== (endpoint.description ?? '')) changes.description = description || null;
  if (eventTypes.join() !== EVENT_TYPES.filter((type) => endpoint.eventTypes.includes(type)).join()) changes.eventTypes = eventTypes;
  if (draft.includeInternal !== endpoint.includeInternal) changes.includeInternal = draft.includeInternal;
  if (draft.enabled !== endpoint.enabled) changes.enabled = draft.enabled;
  return { changes };
}

export type DeliveryState = 'delivered' | 'dead' | 'testFailed' | 'retrying' | 'queued';

/**
 * Where a delivery is, as the log says it: delivered; dead (failed after the last attempt, until
 * redelivered); a test send that failed (tried once, never retried, not counted as dead);
 * retrying (pending after a failed attempt); or queued (not tried yet).
 */
export function deliveryState(delivery: Pick<WebhookDelivery, 'status' | 'attempts' | 'eventType'>): DeliveryState {
  if (delivery.status === 'delivered') return 'delivered';
  if (delivery.status === 'failed') return delivery.eventType === 'webhook.test' ? 'testFailed' : 'dead';
  return delivery.attempts > 0 ? 'retrying' : 'queued';
}

export const STATE_BADGES: Record<DeliveryState, string> = { delivered: 'badge ok', dead: 'badge danger', testFailed: 'badge danger', retrying: 'badge note', queued: 'badge' };

/**
 * The state's words; `when` formats an instant in the admin's zone and language. A retry says when
 * it is due; once that time has come (it is being sent, or waits for an earlier delivery of its
 * conversation) it says it is due.
 */
export function deliveryStateText(delivery: Pick<WebhookDelivery, 'status' | 'attempts' | 'eventType' | 'nextAttemptAt'>, when: (iso: string) => string, now = Date.now()): Text {
  const state = deliveryState(delivery);
  if (state !== 'retrying') return { key: `deliveries.state.${state}` };
  const due = delivery.nextAttemptAt;
  return due && Date.parse(due) > now ? { key: 'deliveries.state.retrying', vars: { time: when(due) } } : { key: 'deliveries.state.retryDue' };
}

/**
 * Why a delivery is not delivered (yet), in a line: the status its endpoint last answered, else why
 * no answer came (the sender's words: a timeout, a refused connection); null when nothing was tried.
 */
export function lastProblem(delivery: Pick<WebhookDelivery, 'status' | 'lastStatus' | 'lastError'>): Text | null {
  if (delivery.status === 'delivered') return null;
  if (delivery.lastStatus !== null) return { key: 'deliveries.lastStatus', vars: { status: delivery.lastStatus } };
  return delivery.lastError ? { key: 'deliveries.noAnswer', vars: { error: delivery.lastError } } : null;
}

/** What a test send came to, in a line: delivered, or the status answered, or why no answer came. */
export function testOutcome(result: { delivered: boolean; attempt: Pick<WebhookAttempt, 'responseStatus' | 'latencyMs' | 'error'> }): Text {
  const { responseStatus: status, latencyMs: latency, error } = result.attempt;
  if (result.delivered) return { key: 'webhooks.testDelivered', vars: { status: status ?? '', latency } };
  if (status !== null && !error) return { key: 'webhooks.testAnswered', vars: { status, latency } };
  return { key: 'webhooks.testFailed', vars: { latency, error: error ?? (status === null ? '' : String(status)) } };
}

/** The most of an answer a test send shows in the tab (the delivery's detail shows all that was kept). */
export const ANSWER_START_CHARS = 500;

export function answerStart(body: string | null, max = ANSWER_START_CHARS): string {
  if (!body) return '';
  return body.length > max ? `${body.slice(0, max)}…` : body;
}

/** A JSON text indented for reading; anything else as it came. */
export function readableBody(body: string | null): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body) as unknown, null, 2);
  } catch {
    return body;
  }
}

/** Request headers one a line, "name: value", in the order sent. */
export function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** The button's words while a test send waits: the seconds once it takes a while (up to the 10 s timeout). */
export function testingText(seconds: number): Text {
  return seconds < 2 ? { key: 'webhooks.testing' } : { key: 'webhooks.testingFor', vars: { seconds } };
}
