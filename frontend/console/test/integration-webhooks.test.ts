// The webhooks tab without a browser: what a new endpoint sends and an edited one changes (checked
// against the API's own schemas), what is wrong before anything is sent, how the delivery log says
// where a delivery is (dead, retrying at, queued, delivered) and what a test send came to — in
// Russian and in English — and how a request or answer is made readable.
import { createWebhookEndpointInput, updateWebhookEndpointInput, type WebhookDelivery, type WebhookEndpoint } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import {
  answerStart,
  deliveryState,
  deliveryStateText,
  endpointBody,
  endpointChanges,
  endpointDraftOf,
  headerLines,
  lastProblem,
  newEndpoint,
  readableBody,
  testingText,
  testOutcome,
  type Text,
} from '../src/admin/integrations/webhook-form.js';
import { en, ru } from '../src/admin/integrations/webhooks-texts.js';

const endpoint: WebhookEndpoint = {
  id: '5d0c7f0e-1c1b-4f7e-9a59-2b3f8f1d6a01',
  integrationId: '0b6f3c1e-8f3a-4a4e-9d42-6f1f0c7f2a10',
  url: 'https://backoffice.example.com/hooks',
  description: 'Бэк-офис',
  eventTypes: ['message.created', 'conversation.created'],
  includeInternal: false,
  enabled: true,
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  pending: 0,
  failed: 0,
};

const delivery = (patch: Partial<WebhookDelivery>): WebhookDelivery => ({
  id: '7e9f1a52-0d3c-4b8e-8f21-3c4d5e6f7a80',
  endpointId: endpoint.id,
  webhookId: 'msg_0123456789abcdef0123456789abcdef',
  eventType: 'message.created',
  conversationId: null,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-12-07T10:00:05.000Z',
  createdAt: '2026-12-07T10:00:00.000Z',
  deliveredAt: null,
  lastStatus: null,
  lastError: null,
  ...patch,
});

/** The text as the console fills it (the kit's fillTemplate: {name} from the vars). */
const said = (text: Text, locale: 'ru' | 'en' = 'ru') => (locale === 'ru' ? ru : en)[text.key].replace(/\{(\w+)\}/g, (whole, name: string) => String(text.vars?.[name] ?? whole));
const clock = (iso: string) => iso.slice(11, 19);

describe('a new webhook endpoint', () => {
  it('sends the URL trimmed, the events in the API’s order, no internal data and enabled unless chosen, no blank description', () => {
    const result = endpointBody({ ...newEndpoint(), url: '  https://backoffice.example.com/hooks ', eventTypes: ['csat.submitted', 'conversation.created'] });
    expect(result).toEqual({ body: { url: 'https://backoffice.example.com/hooks', eventTypes: ['conversation.created', 'csat.submitted'], includeInternal: false, enabled: true } });
    expect(createWebhookEndpointInput.safeParse('body' in result ? result.body : null).success).toBe(true);
  });

  it('starts with the events a back-office usually follows, and no internal data', () => {
    expect(newEndpoint()).toMatchObject({ eventTypes: ['conversation.created', 'message.created', 'conversation.closed'], includeInternal: false, enabled: true });
  });

  it('sends internal data only when the admin asks for it, and the description when there is one', () => {
    const result = endpointBody({ ...newEndpoint(), url: 'http://127.0.0.1:9/staff', includeInternal: true, description: ' Наши сотрудники ' });
    expect(result).toMatchObject({ body: { includeInternal: true, description: 'Наши сотрудники' } });
    expect(createWebhookEndpointInput.safeParse('body' in result ? result.body : null).success).toBe(true);
  });

  it('names what is wrong before anything is sent: no URL, not http(s), no event', () => {
    expect(endpointBody({ ...newEndpoint(), url: ' ' })).toEqual({ problem: 'urlRequired' });
    expect(endpointBody({ ...newEndpoint(), url: 'ftp://backoffice.example.com/' })).toEqual({ problem: 'urlInvalid' });
    expect(endpointBody({ ...newEndpoint(), url: 'backoffice.example.com/hooks' })).toEqual({ problem: 'urlInvalid' });
    expect(endpointBody({ ...newEndpoint(), url: 'https://backoffice.example.com/', eventTypes: [] })).toEqual({ problem: 'eventTypesRequired' });
  });
});

describe('an endpoint changed', () => {
  it('sends nothing when nothing changed (the events in another order are the same events)', () => {
    expect(endpointChanges({ ...endpointDraftOf(endpoint), eventTypes: ['conversation.created', 'message.created'] }, endpoint)).toEqual({ changes: {} });
  });

  it('sends only what differs; a description emptied is removed', () => {
    const result = endpointChanges({ ...endpointDraftOf(endpoint), description: '  ', enabled: false, eventTypes: ['message.created'], includeInternal: true }, endpoint);
    expect(result).toEqual({ changes: { description: null, enabled: false, eventTypes: ['message.created'], includeInternal: true } });
    expect(updateWebhookEndpointInput.safeParse('changes' in result ? result.changes : null).success).toBe(true);
  });

  it('refuses a draft without an event or with a wrong URL, as a new one', () => {
    expect(endpointChanges({ ...endpointDraftOf(endpoint), eventTypes: [] }, endpoint)).toEqual({ problem: 'eventTypesRequired' });
    expect(endpointChanges({ ...endpointDraftOf(endpoint), url: 'mailto:ops@example.com' }, endpoint)).toEqual({ problem: 'urlInvalid' });
  });
});

describe('where a delivery is, as the log says it', () => {
  it('a failed delivery is dead — not delivered — and says so plainly', () => {
    const dead = delivery({ status: 'failed', attempts: 2, nextAttemptAt: null, lastStatus: 500, lastError: 'answered 500' });
    expect(deliveryState(dead)).toBe('dead');
    expect(said(deliveryStateText(dead, clock))).toBe('не доставлено');
    expect(said(deliveryStateText(dead, clock), 'en')).toBe('dead — not delivered');
  });

  it('a pending delivery already tried is retrying at its next attempt (due now once that time came); one not tried yet is queued', () => {
    const retrying = delivery({ attempts: 1, lastStatus: 500 });
    const before = Date.parse('2026-12-07T10:00:02.000Z');
    expect(deliveryState(retrying)).toBe('retrying');
    expect(said(deliveryStateText(retrying, clock, before))).toBe('повтор в 10:00:05');
    expect(said(deliveryStateText(retrying, clock, before), 'en')).toBe('retrying at 10:00:05');
    expect(said(deliveryStateText(retrying, clock, Date.parse('2026-12-07T10:00:06.000Z')))).toBe('повтор — уже в очереди');
    expect(said(deliveryStateText(delivery({}), clock, before))).toBe('в очереди');
  });

  it('says why it is not delivered: the status last answered, else why no answer came', () => {
    expect(lastProblem(delivery({ status: 'failed', lastStatus: 503, lastError: 'answered 503' }))).toEqual({ key: 'deliveries.lastStatus', vars: { status: 503 } });
    expect(said(lastProblem(delivery({ status: 'failed', lastStatus: 503, lastError: 'answered 503' }))!)).toBe('последний ответ: 503');
    expect(said(lastProblem(delivery({ attempts: 1, lastError: 'no answer within 10000 ms' }))!, 'en')).toBe('no answer: no answer within 10000 ms');
    expect(lastProblem(delivery({}))).toBeNull();
    // Delivered after a redelivery, its earlier failure is history (in the detail), not a problem.
    expect(lastProblem(delivery({ status: 'delivered', lastStatus: 200 }))).toBeNull();
  });

  it('a delivered one is delivered; a failed test send is not called dead (it is never retried nor counted)', () => {
    expect(said(deliveryStateText(delivery({ status: 'delivered', attempts: 1, nextAttemptAt: null, deliveredAt: '2026-12-07T10:00:01.000Z' }), clock), 'en')).toBe('delivered');
    const test = delivery({ eventType: 'webhook.test', status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(deliveryState(test)).toBe('testFailed');
    expect(said(deliveryStateText(test, clock))).toBe('тест не доставлен');
  });
});

describe('what a test send came to', () => {
  const attempt = { responseStatus: 200, latencyMs: 35, error: null };

  it('delivered, with the status and the time it took', () => {
    expect(said(testOutcome({ delivered: true, attempt }))).toBe('Доставлено: ответ 200 за 35 мс.');
    expect(said(testOutcome({ delivered: true, attempt }), 'en')).toBe('Delivered: answered 200 in 35 ms.');
  });

  it('not delivered: the status answered, or why no answer came', () => {
    expect(said(testOutcome({ delivered: false, attempt: { ...attempt, responseStatus: 500 } }))).toBe('Не доставлено: ответ 500 за 35 мс.');
    expect(said(testOutcome({ delivered: false, attempt: { responseStatus: null, latencyMs: 10_003, error: 'no answer within 10000 ms' } }), 'en')).toBe('Not delivered (10003 ms): no answer within 10000 ms');
    expect(said(testOutcome({ delivered: false, attempt: { responseStatus: 302, latencyMs: 4, error: 'answered 302 (redirects are not followed)' } }))).toBe('Не доставлено (4 мс): answered 302 (redirects are not followed)');
  });

  it('while it waits, the seconds once it takes a while', () => {
    expect(said(testingText(0))).toBe('Ждём ответа…');
    expect(said(testingText(4), 'en')).toBe('Waiting for the answer… 4 s');
  });
});

describe('a request and an answer, made readable', () => {
  it('indents JSON and leaves anything else as it came', () => {
    expect(readableBody('{"type":"webhook.test","data":{"a":1}}')).toBe('{\n  "type": "webhook.test",\n  "data": {\n    "a": 1\n  }\n}');
    expect(readableBody('failure 500')).toBe('failure 500');
    expect(readableBody(null)).toBe('');
  });

  it('lists headers one a line in the order sent, and cuts a long answer', () => {
    expect(headerLines({ 'content-type': 'application/json', 'webhook-id': 'msg_1' })).toBe('content-type: application/json\nwebhook-id: msg_1');
    expect(answerStart('x'.repeat(10), 4)).toBe('xxxx…');
    expect(answerStart('ok', 4)).toBe('ok');
    expect(answerStart(null)).toBe('');
  });
});

describe('the texts', () => {
  it('say the same placeholders in Russian and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
  });

  it('explain what internal data is before it is chosen', () => {
    expect(ru['webhooks.includeInternalHint']).toMatch(/заметки, системные сообщения и внутренние разговоры — только для адреса ваших собственных сотрудников/);
    expect(en['webhooks.includeInternalHint']).toMatch(/notes, system messages and internal conversations — only for an endpoint of your own staff/);
  });
});
