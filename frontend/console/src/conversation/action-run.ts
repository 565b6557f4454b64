// Running a back-office action from the context pane: the fields it starts with, what is missing
// before anything is sent, the body of POST /v1/conversations/:id/actions/:key, and what a refusal
// says — chosen by the error's catalogue code and details, never by the server's English text.
// Pure, tested without a browser (frontend/console/test/agent-actions.test.ts).
import type { AvailableAction } from '@smartchat/contracts';
import type { ActionsKey } from './actions-texts.js';

/** A text of actions-texts.ts with its placeholders. */
export interface Text {
  key: ActionsKey;
  vars?: Record<string, string | number>;
}

export type FieldValues = Record<string, string>;

export interface ActionRefusal {
  /** What the card says under the action. */
  text: Text;
  /** What a field the server (or the form) named says beside it. */
  fields: Record<string, Text>;
  /** Running it again unchanged may work (the back-office, the network): a retry is offered. */
  retry: boolean;
  /** The list is out of date (the action is gone or no longer this agent's): read it again. */
  stale: boolean;
}

/** How the card is told apart from the others: keys are unique within an integration only. */
export const actionId = (action: Pick<AvailableAction, 'integrationId' | 'key'>): string => `${action.integrationId}:${action.key}`;

/** The fields as the server prefilled them from the conversation. */
export const initialValues = (action: AvailableAction): FieldValues => Object.fromEntries(action.fields.map((field) => [field.name, field.value]));

/** Required fields left blank, each with its text; empty when the action may be sent. */
export function missingFields(action: AvailableAction, values: FieldValues): Record<string, Text> {
  return Object.fromEntries(action.fields.filter((field) => field.required && !(values[field.name] ?? field.value).trim()).map((field) => [field.name, { key: 'actions.field.required' } satisfies Text]));
}

/** The body of a run: every field of the action, as the agent left it. */
export function runBody(action: AvailableAction, values: FieldValues): { integrationId: string; fields: FieldValues } {
  return { integrationId: action.integrationId, fields: Object.fromEntries(action.fields.map((field) => [field.name, values[field.name] ?? field.value])) };
}

/** The button's words while a run waits: the seconds once it takes a while (a back-office may take up to 30 s). */
export function runningText(seconds: number): Text {
  return seconds < 2 ? { key: 'actions.running' } : { key: 'actions.runningFor', vars: { seconds } };
}

/** The most of a back-office's refusal shown. */
const ANSWER_MAX = 200;

/**
 * What the back-office said when it refused, in a line: the `message` (or `error`) of a JSON
 * answer, else its text without markup; cut to a line's length.
 */
export function backOfficeAnswer(answer: unknown): string {
  if (typeof answer !== 'string') return '';
  let text = answer;
  try {
    const parsed = JSON.parse(answer) as unknown;
    const said = wordsOf(parsed);
    if (said !== null) text = said;
  } catch {
    // Not JSON: the text itself.
  }
  const line = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > ANSWER_MAX ? `${line.slice(0, ANSWER_MAX - 1)}…` : line;
}

function wordsOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  const { message, error, detail } = value as Record<string, unknown>;
  for (const candidate of [message, error, detail]) {
    const words = typeof candidate === 'object' ? wordsOf(candidate) : typeof candidate === 'string' ? candidate : null;
    if (words?.trim()) return words;
  }
  return null;
}

interface Detail {
  path?: unknown;
  rule?: unknown;
  message?: unknown;
}

const listOf = (details: unknown): Detail[] => (Array.isArray(details) ? details.filter((detail): detail is Detail => typeof detail === 'object' && detail !== null) : []);

/** The field a detail names: `fields.period` (the action's rule) or `body.fields.period` (the schema's). */
const fieldOf = (path: unknown): string | null => (typeof path === 'string' ? (/^(?:body\.)?fields\.([A-Za-z][A-Za-z0-9_]*)$/.exec(path)?.[1] ?? null) : null);

function fieldText(detail: Detail): Text {
  if (detail.message === 'is required') return { key: 'actions.field.required' };
  if (detail.message === 'no such field in this action') return { key: 'actions.field.unknown' };
  return { key: 'actions.field.invalid', vars: { reason: typeof detail.message === 'string' ? detail.message : '—' } };
}

/** Any thrown value (an ApiError: status, code, message, details; or something else) as the card shows it. */
export function describeRefusal(error: unknown): ActionRefusal {
  const reason = error instanceof Error ? error.message : String(error);
  const { status, code, details } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; code?: unknown; details?: unknown };
  const refusal = (text: Text, options: Partial<Omit<ActionRefusal, 'text'>> = {}): ActionRefusal => ({ text, fields: {}, retry: false, stale: false, ...options });

  if (code === 'SC_ERR_VALIDATION' || code === 'SC_ERR_UNPROCESSABLE') {
    const named = listOf(details).flatMap((detail) => {
      const field = fieldOf(detail.path);
      return field ? [[field, detail] as const] : [];
    });
    if (named.length > 0) {
      const fields = Object.fromEntries(named.map(([field, detail]) => [field, fieldText(detail)]));
      return refusal({ key: 'actions.error.fields' }, { fields, stale: Object.values(fields).some((text) => text.key === 'actions.field.unknown') });
    }
    if (listOf(details).some((detail) => detail.rule === 'link_action')) return refusal({ key: 'actions.error.link' }, { stale: true });
    return refusal({ key: 'actions.error.invalid', vars: { reason } });
  }
  if (code === 'SC_ERR_ACTION_TIMEOUT') {
    const waited = (details as { timeoutMs?: unknown } | undefined)?.timeoutMs;
    return refusal({ key: 'actions.error.timeout', vars: { seconds: typeof waited === 'number' ? Math.round(waited / 100) / 10 : '—' } }, { retry: true });
  }
  if (code === 'SC_ERR_ACTION_FAILED') {
    const said = (details ?? {}) as { status?: unknown; answer?: unknown; reason?: unknown };
    if (typeof said.status !== 'number') return refusal({ key: 'actions.error.unreachable', vars: { reason: typeof said.reason === 'string' ? said.reason : reason } }, { retry: true });
    const answer = backOfficeAnswer(said.answer);
    return refusal(answer ? { key: 'actions.error.refused', vars: { answer } } : { key: 'actions.error.refusedStatus', vars: { status: said.status } }, { retry: true });
  }
  if (code === 'SC_ERR_FORBIDDEN') return refusal({ key: 'actions.error.forbidden' }, { stale: true });
  if (code === 'SC_ERR_NOT_FOUND' || code === 'SC_ERR_CONVERSATION_NOT_FOUND' || status === 404) return refusal({ key: 'actions.error.gone' }, { stale: true });
  if (code === 'SC_ERR_NETWORK' || status === 0) return refusal({ key: 'actions.error.network' }, { retry: true });
  if (code === 'SC_ERR_RATE_LIMITED') return refusal({ key: 'actions.error.rateLimited' }, { retry: true });
  if (code === 'SC_ERR_UNAVAILABLE' || (typeof status === 'number' && status >= 500)) return refusal({ key: 'actions.error.unavailable' }, { retry: true });
  return refusal({ key: 'actions.error.other', vars: { reason } }, { retry: true });
}
