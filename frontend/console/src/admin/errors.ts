// What an admin form says when a request fails: a short title chosen by the error's catalogue code
// (never by its text), the server's own message (or, for a rule this file knows, details.rule,
// the console's own words), and the fields a validation error names.
import type { ErrorCode } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { t, type AdminKey } from './i18n.js';

/** A problem found before anything was sent (a form field the browser cannot turn into a value). */
export class FormProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormProblem';
  }
}

export interface ErrorDescription {
  title: string;
  message: string;
  code: string | null;
  /** "field: what is wrong", one per field a validation error named. */
  fields: string[];
}

const titles: Partial<Record<ErrorCode | 'SC_ERR_NETWORK', AdminKey>> = {
  SC_ERR_VALIDATION: 'error.validation',
  SC_ERR_UNPROCESSABLE: 'error.unprocessable',
  SC_ERR_FORBIDDEN: 'error.forbidden',
  SC_ERR_NOT_FOUND: 'error.notFound',
  SC_ERR_CONVERSATION_NOT_FOUND: 'error.notFound',
  SC_ERR_MESSAGE_NOT_FOUND: 'error.notFound',
  SC_ERR_CONFLICT: 'error.conflict',
  SC_ERR_RATE_LIMITED: 'error.rateLimited',
  SC_ERR_UNAVAILABLE: 'error.unavailable',
  SC_ERR_NETWORK: 'error.network',
  SC_ERR_AUTH_SESSION_REVOKED: 'error.session',
  SC_ERR_AUTH_INVALID_TOKEN: 'error.session',
  SC_ERR_AUTH_REQUIRED: 'error.session',
};

/** The rules a refusal names in details.rule that the console explains itself (the mailboxes' and the integrations'). */
const rules: Partial<Record<string, AdminKey>> = {
  secret_keys_missing: 'rule.secret_keys_missing',
  team_unknown: 'rule.team_unknown',
  imap_required: 'rule.imap_required',
  imap_password_required: 'rule.imap_password_required',
  expiry_in_past: 'rule.expiry_in_past',
  key_not_active: 'rule.key_not_active',
  key_already_rotated: 'rule.key_already_rotated',
};

/** The rule a refusal names, when it names one. */
export function ruleOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const { rule } = details as { rule?: unknown };
  return typeof rule === 'string' ? rule : null;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    const rule = ruleOf(error.details);
    const explained = rule ? rules[rule] : undefined;
    return {
      title: t(titles[error.code] ?? 'error.other'),
      message: explained ? t(explained) : error.message,
      code: rule ? `${error.code}: ${rule}` : error.code,
      fields: fieldProblems(error.details),
    };
  }
  if (error instanceof FormProblem) return { title: t('error.validation'), message: error.message, code: null, fields: [] };
  return { title: t('error.other'), message: error instanceof Error ? error.message : String(error), code: null, fields: [] };
}

function fieldProblems(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const field = typeof path === 'string' ? path.replace(/^(body|querystring|params)\.?/, '') : '';
    return [field ? `${field}: ${message}` : message];
  });
}
