// The password policy as the forms show it: its numbers from GET /v1/auth/password-policy, the
// rules the console can check as the agent types (the same `passwordProblems` of @smartchat/core
// that the server applies), and the rules a refused password broke (SC_ERR_PASSWORD_POLICY).
import type { PasswordPolicy } from '@smartchat/contracts';
import { passwordProblems, type PasswordRule } from '@smartchat/core';
import { ApiError } from '@smartchat/frontend-kit';
import { publicApi } from './public-api.js';

export type { PasswordRule };

/** The lines of the policy as listed under the new password; both length rules share one. */
export const POLICY_ITEMS = ['length', 'contains_email', 'common', 'same_as_current'] as const;
export type PolicyItem = (typeof POLICY_ITEMS)[number];

export function itemOf(rule: PasswordRule): PolicyItem {
  return rule === 'too_short' || rule === 'too_long' ? 'length' : rule;
}

let policy: Promise<PasswordPolicy> | null = null;
/** Loaded once per page; a failure is not kept, so that the next form asks again. */
export function loadPolicy(): Promise<PasswordPolicy> {
  policy ??= publicApi.get('/v1/auth/password-policy').catch((error: unknown) => {
    policy = null;
    throw error;
  });
  return policy;
}

export interface Candidate {
  password: string;
  /** The account's e-mail when known (not on the reset page, where nobody is signed in). */
  email: string | null;
  /** The current password when the form asks for it. */
  current: string | null;
  policy: PasswordPolicy | null;
}

/**
 * The rules `password` breaks as far as the browser can tell; the server checks them all again.
 * Length by the loaded policy's numbers; the e-mail name and the list of common passwords by the
 * shared rule of @smartchat/core.
 */
export function localProblems(candidate: Candidate): PasswordRule[] {
  const rules = new Set<PasswordRule>();
  const length = [...candidate.password].length;
  if (candidate.policy && length < candidate.policy.minLength) rules.add('too_short');
  if (candidate.policy && length > candidate.policy.maxLength) rules.add('too_long');
  for (const problem of passwordProblems(candidate.password, { email: candidate.email ?? '' })) {
    if (problem.rule === 'contains_email' || problem.rule === 'common') rules.add(problem.rule);
  }
  if (candidate.current !== null && candidate.current.length > 0 && candidate.password === candidate.current) rules.add('same_as_current');
  return [...rules];
}

/** What the browser can say about one policy line: null when only the server can tell. */
export function localVerdict(item: PolicyItem, candidate: Candidate, broken: readonly PasswordRule[]): boolean | null {
  if (candidate.password.length === 0) return null;
  const breaks = broken.some((rule) => itemOf(rule) === item);
  switch (item) {
    case 'length':
      return candidate.policy ? !breaks : null;
    case 'contains_email':
      return candidate.email ? !breaks : null;
    case 'common':
      return !breaks;
    case 'same_as_current':
      return candidate.current ? !breaks : null;
  }
}

export interface RefusedRule {
  rule: PasswordRule | null;
  /** The server's own words, for a rule this console does not know yet. */
  message: string;
}

/** The broken rules of a SC_ERR_PASSWORD_POLICY refusal; null for any other error. */
export function refusedRules(error: unknown): RefusedRule[] | null {
  if (!(error instanceof ApiError) || error.code !== 'SC_ERR_PASSWORD_POLICY') return null;
  const details = Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const known = new Set<string>(['too_short', 'too_long', 'contains_email', 'common', 'same_as_current']);
  const rules = details.flatMap((detail): RefusedRule[] => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { rule, message } = detail as { rule?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : error.message;
    return [{ rule: typeof rule === 'string' && known.has(rule) ? (rule as PasswordRule) : null, message: text }];
  });
  return rules.length > 0 ? rules : [{ rule: null, message: error.message }];
}
