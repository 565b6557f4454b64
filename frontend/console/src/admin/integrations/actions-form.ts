// The actions editor's list, kept apart from the view so that it is unit-tested: an integration's
// agent actions as the form holds them (every value a plain one, the timeout in seconds), the body
// of PUT /v1/integrations/:id/actions (a link sends none of the request's settings), what is
// missing before anything is sent, and the server's refusals placed at the field they name.
import { ACTION_TEMPLATE_NAMES } from '@smartchat/contracts';
import type { ApiAnswer, ApiBody } from '@smartchat/frontend-kit';

export type ActionsBody = ApiBody<'/v1/integrations/{id}/actions', 'put'>;
export type ActionBody = ActionsBody['actions'][number];
export type SavedAction = ApiAnswer<'/v1/integrations/{id}/actions', 'get'>['actions'][number];

type Defined<T> = Exclude<T, undefined>;
export type ActionKind = ActionBody['kind'];
export type ActionMethod = Defined<ActionBody['method']>;
export type ActionPermission = Defined<ActionBody['permission']>;
export type ActionResult = Defined<ActionBody['result']>;
export type FieldType = Defined<ActionBody['fields']>[number]['type'];

/** The choices the API takes (pinned to agentActionSchema by the unit test), in the order offered. */
export const ACTION_KINDS: readonly ActionKind[] = ['link', 'request'];
export const ACTION_METHODS: readonly ActionMethod[] = ['POST', 'PUT'];
export const ACTION_PERMISSIONS: readonly ActionPermission[] = ['conversations.note', 'conversations.reply', 'conversations.assign', 'conversations.transfer', 'conversations.close', 'conversations.internal'];
export const ACTION_RESULTS: readonly ActionResult[] = ['system', 'notice'];
export const FIELD_TYPES: readonly FieldType[] = ['text', 'textarea', 'date'];
export const TEMPLATE_NAMES = ACTION_TEMPLATE_NAMES;
export const MAX_FIELDS = 10;
export const MAX_ACTIONS = 20;
/** The API's default and limits of a request's timeout, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 30_000;

export interface FieldDraft {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** '' for none. */
  default: string;
}

export interface ActionDraft {
  key: string;
  label: string;
  kind: ActionKind;
  method: ActionMethod;
  url: string;
  fields: FieldDraft[];
  permission: ActionPermission;
  result: ActionResult;
  /** As typed: seconds, a decimal point or comma. */
  timeoutSeconds: string;
}

const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: string): value is T =>
    (list as readonly string[]).includes(value);
export const isActionKind = isOneOf(ACTION_KINDS);
export const isActionMethod = isOneOf(ACTION_METHODS);
export const isActionPermission = isOneOf(ACTION_PERMISSIONS);
export const isActionResult = isOneOf(ACTION_RESULTS);
export const isFieldType = isOneOf(FIELD_TYPES);

export function draftOf(action: SavedAction): ActionDraft {
  return {
    key: action.key,
    label: action.label,
    kind: action.kind,
    method: action.method,
    url: action.url,
    fields: action.fields.map((field) => ({ name: field.name, label: field.label, type: field.type, required: field.required, default: field.default ?? '' })),
    // The server keeps only the permissions it takes; another would be a newer console's.
    permission: isActionPermission(action.permission) ? action.permission : 'conversations.note',
    result: action.result,
    timeoutSeconds: String(action.timeoutMs / 1000),
  };
}

/** A new action at the end: a link, run by whoever may write notes. */
export function newAction(): ActionDraft {
  return { key: '', label: '', kind: 'link', method: 'POST', url: '', fields: [], permission: 'conversations.note', result: 'system', timeoutSeconds: String(DEFAULT_TIMEOUT_MS / 1000) };
}

export function newField(): FieldDraft {
  return { name: '', label: '', type: 'text', required: false, default: '' };
}

/** The timeout typed, in milliseconds; NaN when it is not a number. */
export function timeoutMsOf(seconds: string): number {
  const text = seconds.trim().replace(',', '.');
  return text ? Math.round(Number(text) * 1000) : Number.NaN;
}

/** The action as the API takes it, unchecked: texts trimmed; a link without the request's settings. */
export function actionOf(draft: ActionDraft): ActionBody {
  const common = { key: draft.key.trim(), label: draft.label.trim(), url: draft.url.trim(), permission: draft.permission };
  if (draft.kind === 'link') return { ...common, kind: 'link' };
  return {
    ...common,
    kind: 'request',
    method: draft.method,
    fields: draft.fields.map((field) => ({ name: field.name.trim(), label: field.label.trim(), type: field.type, required: field.required, ...(field.default ? { default: field.default } : {}) })),
    result: draft.result,
    timeoutMs: timeoutMsOf(draft.timeoutSeconds),
  };
}

export type ActionProblem =
  | 'keyRequired'
  | 'keyInvalid'
  | 'duplicateKey'
  | 'labelRequired'
  | 'labelInvalid'
  | 'urlRequired'
  | 'urlInvalid'
  | 'timeoutInvalid'
  | 'fieldNameRequired'
  | 'fieldNameInvalid'
  | 'fieldLabelRequired'
  | 'fieldLabelInvalid'
  | 'defaultInvalid'
  | 'tooManyFields';

/**
 * A problem at one control, named by the API's path of it: `actions.0.url`,
 * `actions.1.fields.0.name`. `problem` is null for a refusal this form has no words for; the
 * server's `message` is said then.
 */
export interface ActionIssue {
  path: string;
  problem: ActionProblem | null;
  message: string;
}

/** The body of PUT /v1/integrations/:id/actions, or every problem found before anything is sent. */
export function actionsBody(drafts: readonly ActionDraft[]): { body: ActionsBody } | { issues: ActionIssue[] } {
  const issues: ActionIssue[] = [];
  const problem = (path: string, found: ActionProblem) => issues.push({ path, problem: found, message: '' });
  drafts.forEach((draft, index) => {
    const at = `actions.${index}`;
    if (!draft.key.trim()) problem(`${at}.key`, 'keyRequired');
    if (!draft.label.trim()) problem(`${at}.label`, 'labelRequired');
    if (!draft.url.trim()) problem(`${at}.url`, 'urlRequired');
    if (draft.kind === 'link') return;
    const timeout = timeoutMsOf(draft.timeoutSeconds);
    if (!(timeout >= MIN_TIMEOUT_MS && timeout <= MAX_TIMEOUT_MS)) problem(`${at}.timeoutMs`, 'timeoutInvalid');
    if (draft.fields.length > MAX_FIELDS) problem(`${at}.fields`, 'tooManyFields');
    draft.fields.forEach((field, position) => {
      if (!field.name.trim()) problem(`${at}.fields.${position}.name`, 'fieldNameRequired');
      if (!field.label.trim()) problem(`${at}.fields.${position}.label`, 'fieldLabelRequired');
    });
  });
  return issues.length > 0 ? { issues } : { body: { actions: drafts.map(actionOf) } };
}

/** What the API's refusal of a value at a path means, by the path's last part. */
const PROBLEM_AT: [RegExp, ActionProblem][] = [
  [/^actions\.\d+\.key$/, 'keyInvalid'],
  [/^actions\.\d+\.label$/, 'labelInvalid'],
  [/^actions\.\d+\.url$/, 'urlInvalid'],
  [/^actions\.\d+\.timeoutMs$/, 'timeoutInvalid'],
  [/^actions\.\d+\.fields$/, 'tooManyFields'],
  [/^actions\.\d+\.fields\.\d+\.name$/, 'fieldNameInvalid'],
  [/^actions\.\d+\.fields\.\d+\.label$/, 'fieldLabelInvalid'],
  [/^actions\.\d+\.fields\.\d+\.default$/, 'defaultInvalid'],
];

/**
 * The issues a refusal's details name: a 400's `[{path: 'body.actions.0.url', message}]` or the
 * 422 `[{path: 'actions.1.key', rule: 'duplicate_key', message}]`. Chosen by path and rule, never by
 * the server's English text (which is kept to be shown when the path is not one of the form's).
 */
export function issuesOf(details: unknown): ActionIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown): ActionIssue[] => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { path, message, rule } = detail as { path?: unknown; message?: unknown; rule?: unknown };
    if (typeof path !== 'string') return [];
    const at = path.replace(/^body\./, '');
    const problem = rule === 'duplicate_key' ? 'duplicateKey' : (PROBLEM_AT.find(([pattern]) => pattern.test(at))?.[1] ?? null);
    return [{ path: at, problem, message: typeof message === 'string' ? message : '' }];
  });
}

/** Whether the form differs from what the server holds (order included; a link's hidden request settings do not count). */
export function actionsChanged(drafts: readonly ActionDraft[], saved: readonly SavedAction[]): boolean {
  if (drafts.length !== saved.length) return true;
  return drafts.some((draft, index) => JSON.stringify(actionOf(draft)) !== JSON.stringify(actionOf(draftOf(saved[index]!))));
}
