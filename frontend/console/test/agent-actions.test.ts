// The back-office's actions in the context pane, without a browser: what a run sends (every field,
// as the agent left it, prefilled ones included), what is missing before anything is sent, and what
// each refusal of POST /v1/conversations/:id/actions/:key says — by its catalogue code, the fields
// it names beside them, the back-office's own words when it refuses — in Russian and in English.
import type { AvailableAction } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { backOfficeAnswer, describeRefusal, initialValues, missingFields, runBody, runningText, type Text } from '../src/conversation/action-run.js';
import { en, ru } from '../src/conversation/actions-texts.js';

const INTEGRATION = '0b6f3c1e-8f3a-4a4e-9d42-6f1f0c7f2a10';

const act: AvailableAction = {
  integrationId: INTEGRATION,
  key: 'request-act',
  label: 'Запросить акт сверки',
  kind: 'request',
  url: null,
  fields: [
    { name: 'period', label: 'Период', type: 'text', required: true, value: 'Декабрь 2026' },
    { name: 'comment', label: 'Комментарий', type: 'textarea', required: false, value: '' },
  ],
};

/** What an ApiError carries (status, code, message, details). */
const refusal = (status: number, code: string, details?: unknown, message = 'server text') => Object.assign(new Error(message), { status, code, details });
/** The text as the console fills it (the kit's fillTemplate: {name} from the vars). */
const said = (text: Text, locale: 'ru' | 'en' = 'ru') => (locale === 'ru' ? ru : en)[text.key].replace(/\{(\w+)\}/g, (whole, name: string) => String(text.vars?.[name] ?? whole));

describe('running an action', () => {
  it('starts from the values the server filled in and sends every field, edited or not', () => {
    expect(initialValues(act)).toEqual({ period: 'Декабрь 2026', comment: '' });
    expect(runBody(act, { ...initialValues(act), period: 'Ноябрь 2026' })).toEqual({ integrationId: INTEGRATION, fields: { period: 'Ноябрь 2026', comment: '' } });
    // A field the form has not touched keeps its prefilled value.
    expect(runBody(act, {})).toEqual({ integrationId: INTEGRATION, fields: { period: 'Декабрь 2026', comment: '' } });
  });

  it('names a required field left blank before anything is sent, and only that one', () => {
    expect(missingFields(act, initialValues(act))).toEqual({});
    expect(missingFields(act, { period: '   ', comment: '' })).toEqual({ period: { key: 'actions.field.required' } });
    expect(missingFields({ ...act, fields: [] }, {})).toEqual({});
  });

  it('counts the seconds once a run takes a while', () => {
    expect(said(runningText(0))).toBe('Выполняется…');
    expect(said(runningText(1))).toBe('Выполняется…');
    expect(said(runningText(7))).toBe('Выполняется… 7 с');
    expect(said(runningText(7), 'en')).toBe('Running… 7 s');
  });
});

describe('what a refused run says', () => {
  it('puts a required field’s refusal beside that field, whether the action or the schema refused it', () => {
    const described = describeRefusal(refusal(400, 'SC_ERR_VALIDATION', [{ path: 'fields.period', message: 'is required' }]));
    expect(described).toEqual({ text: { key: 'actions.error.fields' }, fields: { period: { key: 'actions.field.required' } }, retry: false, stale: false });
    expect(said(described.fields.period!)).toBe('Заполните это поле');
    const schema = describeRefusal(refusal(400, 'SC_ERR_VALIDATION', [{ path: 'body.fields.comment', message: 'Too big: expected string to have <=5000 characters' }]));
    expect(Object.keys(schema.fields)).toEqual(['comment']);
    expect(said(schema.fields.comment!, 'en')).toBe('Not accepted: Too big: expected string to have <=5000 characters');
  });

  it('reads the list again when the action lost a field, became a link, was taken away or is gone', () => {
    expect(describeRefusal(refusal(400, 'SC_ERR_VALIDATION', [{ path: 'fields.old', message: 'no such field in this action' }])).stale).toBe(true);
    expect(describeRefusal(refusal(422, 'SC_ERR_UNPROCESSABLE', [{ path: 'key', rule: 'link_action', message: 'a link action has nothing to run' }]))).toMatchObject({ text: { key: 'actions.error.link' }, stale: true });
    expect(describeRefusal(refusal(403, 'SC_ERR_FORBIDDEN', { missing: ['conversations.assign'] }))).toMatchObject({ text: { key: 'actions.error.forbidden' }, stale: true, retry: false });
    expect(describeRefusal(refusal(404, 'SC_ERR_NOT_FOUND'))).toMatchObject({ text: { key: 'actions.error.gone' }, stale: true });
    expect(describeRefusal(refusal(404, 'SC_ERR_CONVERSATION_NOT_FOUND'))).toMatchObject({ text: { key: 'actions.error.gone' }, stale: true });
  });

  it('quotes the back-office when it refuses, and offers to try again', () => {
    const json = describeRefusal(refusal(502, 'SC_ERR_ACTION_FAILED', { status: 500, answer: '{"message":"Период закрыт для изменений"}' }));
    expect(json).toMatchObject({ retry: true, stale: false });
    expect(said(json.text)).toBe('Бэк-офис отказал: Период закрыт для изменений');
    expect(said(json.text, 'en')).toBe('The back-office refused: Период закрыт для изменений');
    expect(said(describeRefusal(refusal(502, 'SC_ERR_ACTION_FAILED', { status: 409, answer: '{"error":{"message":"Акт уже запрошен"}}' })).text)).toBe('Бэк-офис отказал: Акт уже запрошен');
    expect(said(describeRefusal(refusal(502, 'SC_ERR_ACTION_FAILED', { status: 503, answer: '<html><body><h1>503 Service\n Unavailable</h1></body></html>' })).text)).toBe('Бэк-офис отказал: 503 Service Unavailable');
    expect(said(describeRefusal(refusal(502, 'SC_ERR_ACTION_FAILED', { status: 500, answer: '' })).text)).toBe('Бэк-офис отказал (код ответа 500)');
    expect(said(describeRefusal(refusal(502, 'SC_ERR_ACTION_FAILED', { status: null, reason: 'ECONNREFUSED' })).text)).toBe('Бэк-офис недоступен: ECONNREFUSED');
  });

  it('cuts a long answer to a line', () => {
    const answer = backOfficeAnswer('x'.repeat(1000));
    expect(answer).toHaveLength(200);
    expect(answer.endsWith('…')).toBe(true);
    expect(backOfficeAnswer(undefined)).toBe('');
    expect(backOfficeAnswer('"Просто строка"')).toBe('Просто строка');
  });

  it('says the back-office did not answer in time, with the wait', () => {
    const described = describeRefusal(refusal(504, 'SC_ERR_ACTION_TIMEOUT', { timeoutMs: 10_000 }));
    expect(described.retry).toBe(true);
    expect(said(described.text)).toBe('Бэк-офис не ответил вовремя (ждали 10 с)');
    expect(said(described.text, 'en')).toBe('The back-office did not answer in time (waited 10 s)');
  });

  it('tells the network, too many requests and the server’s own trouble apart, each worth a retry', () => {
    expect(describeRefusal(refusal(0, 'SC_ERR_NETWORK'))).toMatchObject({ text: { key: 'actions.error.network' }, retry: true });
    expect(describeRefusal(refusal(429, 'SC_ERR_RATE_LIMITED'))).toMatchObject({ text: { key: 'actions.error.rateLimited' }, retry: true });
    expect(describeRefusal(refusal(503, 'SC_ERR_UNAVAILABLE'))).toMatchObject({ text: { key: 'actions.error.unavailable' }, retry: true });
    expect(describeRefusal(refusal(500, 'SC_ERR_INTERNAL'))).toMatchObject({ text: { key: 'actions.error.unavailable' }, retry: true });
    expect(said(describeRefusal('boom').text)).toBe('Не удалось выполнить действие: boom');
  });
});

describe('the actions’ texts', () => {
  it('has every text in Russian and in English, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(en[key], key).toBeTruthy();
      expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
    }
  });
});
