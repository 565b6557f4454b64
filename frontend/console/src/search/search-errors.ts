// What the search says when GET /v1/search refuses: chosen by the error's catalogue code and, for a
// query the server cannot search (422 SC_ERR_UNPROCESSABLE), by the rule its details name — never
// by the server's text, which is English. Pure, tested without a browser.
import type { SEARCH_PREFIX_MIN, SEARCH_TERMS_MAX } from '@smartchat/contracts';

export const PREFIX_MIN = 3 satisfies typeof SEARCH_PREFIX_MIN;
export const TERMS_MAX = 12 satisfies typeof SEARCH_TERMS_MAX;

export type SearchErrorKind = 'noTerms' | 'prefixTooShort' | 'tooManyTerms' | 'invertedRange' | 'unprocessable' | 'timeout' | 'validation' | 'forbidden' | 'rateLimited' | 'network' | 'other';

export interface SearchErrorDescription {
  kind: SearchErrorKind;
  /** The server's own message (shown for kinds the console has no words of its own for). */
  message: string;
  /** The parameters a validation error names (q, from, teamId…). */
  fields: string[];
}

/** The rules a 422 names (for `q`, or the date range) that the console explains in its own words. */
const RULES: Record<string, SearchErrorKind> = {
  no_terms: 'noTerms',
  prefix_too_short: 'prefixTooShort',
  too_many_terms: 'tooManyTerms',
  inverted_range: 'invertedRange',
};

interface Detail {
  path?: unknown;
  rule?: unknown;
  message?: unknown;
}

function detailsOf(details: unknown): Detail[] {
  if (Array.isArray(details)) return details.filter((detail): detail is Detail => typeof detail === 'object' && detail !== null);
  return typeof details === 'object' && details !== null ? [details as Detail] : [];
}

/** The parameter a validation detail names: `querystring.from` → `from`. */
function fieldOf(path: unknown): string | null {
  if (typeof path !== 'string') return null;
  const field = path.replace(/^(querystring|query|request)\.?/, '').split('.')[0];
  return field || null;
}

/** Any thrown value: an ApiError (status, code, details) or something else. */
export function describeSearchError(error: unknown): SearchErrorDescription {
  const message = error instanceof Error ? error.message : String(error);
  const { status, code, details } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; code?: unknown; details?: unknown };
  const described = (kind: SearchErrorKind, fields: string[] = []): SearchErrorDescription => ({ kind, message, fields });
  if (code === 'SC_ERR_SEARCH_TIMEOUT') return described('timeout');
  if (code === 'SC_ERR_UNPROCESSABLE') {
    const rule = detailsOf(details)
      .map((detail) => detail.rule)
      .find((candidate): candidate is string => typeof candidate === 'string' && candidate in RULES);
    return described(rule ? RULES[rule]! : 'unprocessable');
  }
  if (code === 'SC_ERR_VALIDATION') {
    const fields = [...new Set(detailsOf(details).flatMap((detail) => fieldOf(detail.path) ?? []))];
    return described('validation', fields);
  }
  if (code === 'SC_ERR_FORBIDDEN' || status === 403) return described('forbidden');
  if (code === 'SC_ERR_RATE_LIMITED') return described('rateLimited');
  if (code === 'SC_ERR_NETWORK' || status === 0) return described('network');
  return described('other');
}
