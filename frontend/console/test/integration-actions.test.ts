// The actions tab without a browser: an integration's agent actions as the editor holds them and
// sends them back (checked against the API's own schema), a link sending none of a request's
// settings, what is missing before anything is sent, and the server's refusals (a 400 naming a
// field, the 422 for a key used twice) placed at the field they name, in the desk's words.
import { ACTION_TEMPLATE_NAMES, agentActionSchema, agentActionsInput } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  ACTION_METHODS,
  ACTION_PERMISSIONS,
  ACTION_RESULTS,
  actionsBody,
  actionsChanged,
  DEFAULT_TIMEOUT_MS,
  draftOf,
  FIELD_TYPES,
  issuesOf,
  MAX_FIELDS,
  MAX_TIMEOUT_MS,
  MIN_TIMEOUT_MS,
  newAction,
  newField,
  timeoutMsOf,
  type SavedAction,
} from '../src/admin/integrations/actions-form.js';
import { en, ru } from '../src/admin/integrations/actions-texts.js';
import { moveRule } from '../src/admin/integrations/rules-form.js';

const saved: SavedAction[] = [
  { key: 'open-trip', label: 'Открыть поездку', kind: 'link', method: 'POST', url: 'https://backoffice.example.com/trips/{trip.id}', fields: [], permission: 'conversations.note', result: 'system', timeoutMs: 10_000 },
  {
    key: 'request-act',
    label: 'Запросить акт сверки',
    kind: 'request',
    method: 'PUT',
    url: 'https://backoffice.example.com/api/acts?customer={customer.id}',
    fields: [
      { name: 'period', label: 'Период', type: 'text', required: true, default: '{conversation.topic}' },
      { name: 'comment', label: 'Комментарий', type: 'textarea', required: false },
    ],
    permission: 'conversations.reply',
    result: 'notice',
    timeoutMs: 2_500,
  },
];

describe('the actions as the API holds them', () => {
  it('are sent back unchanged when nothing was edited, and the editor knows it is unchanged', () => {
    const drafts = saved.map(draftOf);
    const result = actionsBody(drafts);
    expect(result).toEqual({
      body: {
        actions: [
          { key: 'open-trip', label: 'Открыть поездку', kind: 'link', url: 'https://backoffice.example.com/trips/{trip.id}', permission: 'conversations.note' },
          { ...saved[1], fields: [saved[1]!.fields[0], { ...saved[1]!.fields[1] }] },
        ],
      },
    });
    const parsed = agentActionsInput.safeParse('body' in result ? result.body : null);
    expect(parsed.success).toBe(true);
    // What the server would hold afterwards is what it holds now.
    expect(parsed.data?.actions).toEqual(saved);
    expect(actionsChanged(drafts, saved)).toBe(false);
  });

  it('the order is part of the list: a move is an unsaved change', () => {
    expect(actionsChanged(moveRule(saved.map(draftOf), 0, 1), saved)).toBe(true);
    expect(actionsChanged([...saved.map(draftOf), newAction()], saved)).toBe(true);
  });

  it('offers exactly the choices the API takes, with its default timeout and limits', () => {
    const shape = agentActionSchema.shape;
    expect([...ACTION_KINDS].sort()).toEqual([...shape.kind.options].sort());
    expect([...ACTION_METHODS].sort()).toEqual([...shape.method.unwrap().options].sort());
    expect([...ACTION_PERMISSIONS].sort()).toEqual([...shape.permission.unwrap().options].sort());
    expect([...ACTION_RESULTS].sort()).toEqual([...shape.result.unwrap().options].sort());
    expect([...FIELD_TYPES].sort()).toEqual([...shape.fields.unwrap().element.shape.type.options].sort());
    const defaults = agentActionSchema.parse({ key: 'a', label: 'A', kind: 'request', url: 'https://example.com/' });
    expect(defaults).toMatchObject({ timeoutMs: DEFAULT_TIMEOUT_MS, permission: newAction().permission, method: newAction().method, result: newAction().result });
    const timeout = (timeoutMs: number) => agentActionSchema.safeParse({ key: 'a', label: 'A', kind: 'request', url: 'https://example.com/', timeoutMs }).success;
    expect([timeout(MIN_TIMEOUT_MS), timeout(MIN_TIMEOUT_MS - 1), timeout(MAX_TIMEOUT_MS), timeout(MAX_TIMEOUT_MS + 1)]).toEqual([true, false, true, false]);
    const fields = (count: number) => agentActionSchema.safeParse({ key: 'a', label: 'A', kind: 'request', url: 'https://example.com/', fields: Array.from({ length: count }, (_, index) => ({ name: `f${index}`, label: 'F', type: 'text' })) }).success;
    expect([fields(MAX_FIELDS), fields(MAX_FIELDS + 1)]).toEqual([true, false]);
  });
});

describe('a link and a request', () => {
  it('a link sends none of the request’s settings; its draft keeps them, should it become a request again', () => {
    const request = draftOf(saved[1]!);
    const link = { ...request, kind: 'link' as const };
    const result = actionsBody([link]);
    expect(result).toEqual({ body: { actions: [{ key: 'request-act', label: 'Запросить акт сверки', kind: 'link', url: saved[1]!.url, permission: 'conversations.reply' }] } });
    expect(actionsBody([{ ...link, kind: 'request' }])).toEqual(actionsBody([request]));
  });

  it('the timeout is typed in seconds, a comma or a point', () => {
    expect(timeoutMsOf('0,5')).toBe(500);
    expect(timeoutMsOf('2.5')).toBe(2500);
    expect(timeoutMsOf(' ')).toBeNaN();
    const request = { ...newAction(), key: 'k', label: 'L', url: 'https://example.com/', kind: 'request' as const };
    expect(actionsBody([{ ...request, timeoutSeconds: '31' }])).toEqual({ issues: [{ path: 'actions.0.timeoutMs', problem: 'timeoutInvalid', message: '' }] });
    expect(actionsBody([{ ...request, timeoutSeconds: '' }])).toEqual({ issues: [{ path: 'actions.0.timeoutMs', problem: 'timeoutInvalid', message: '' }] });
    // A link has no timeout to be wrong.
    expect('body' in actionsBody([{ ...request, kind: 'link', timeoutSeconds: '' }])).toBe(true);
  });
});

describe('what is wrong, said beside the field', () => {
  it('finds every blank before anything is sent, each at its field', () => {
    const request = { ...newAction(), kind: 'request' as const, fields: [newField()] };
    expect(actionsBody([{ ...newAction(), key: 'ok', label: 'OK', url: 'https://example.com/' }, request])).toEqual({
      issues: [
        { path: 'actions.1.key', problem: 'keyRequired', message: '' },
        { path: 'actions.1.label', problem: 'labelRequired', message: '' },
        { path: 'actions.1.url', problem: 'urlRequired', message: '' },
        { path: 'actions.1.fields.0.name', problem: 'fieldNameRequired', message: '' },
        { path: 'actions.1.fields.0.label', problem: 'fieldLabelRequired', message: '' },
      ],
    });
  });

  it('places the server’s refusals by path and rule, never by its English text', () => {
    const refused = [
      { path: 'body.actions.0.url', message: 'must start with http:// or https://; may name only …' },
      { path: 'body.actions.1.fields.0.name', message: 'a letter, then letters, digits and _, at most 50' },
      { path: 'body.actions.1.fields.2.default', message: 'may name only …' },
      { path: 'body.actions.1.fields', message: 'Too big: expected array to have <=10 items' },
      { path: 'body.actions', message: 'Too big: expected array to have <=20 items' },
    ];
    expect(issuesOf(refused)).toEqual([
      { path: 'actions.0.url', problem: 'urlInvalid', message: refused[0]!.message },
      { path: 'actions.1.fields.0.name', problem: 'fieldNameInvalid', message: refused[1]!.message },
      { path: 'actions.1.fields.2.default', problem: 'defaultInvalid', message: refused[2]!.message },
      { path: 'actions.1.fields', problem: 'tooManyFields', message: refused[3]!.message },
      { path: 'actions', problem: null, message: refused[4]!.message },
    ]);
    expect(issuesOf([{ path: 'actions.1.key', rule: 'duplicate_key', message: 'already used by another action' }])).toEqual([{ path: 'actions.1.key', problem: 'duplicateKey', message: 'already used by another action' }]);
    expect(issuesOf({ rule: 'secret_keys_missing' })).toEqual([]);
  });
});

describe('the texts', () => {
  it('explain every name a template may use', () => {
    for (const name of ACTION_TEMPLATE_NAMES) {
      expect(ru[`actions.template.${name}`]).toBeTruthy();
      expect(en[`actions.template.${name}`]).toBeTruthy();
    }
  });

  it('say the same placeholders in Russian and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
  });
});
