// The rules of the widget's search over the customer's own conversations, kept apart from the view
// so that they are unit-tested: when a query is worth sending, which hits a result shows, how a
// highlighted snippet becomes text runs, and which sentence explains a refused search.
import type { CustomerSearchResult, SearchHit, Snippet } from '@smartchat/contracts';
import { canSeeMessageKind } from '@smartchat/core';

/** Fewer characters than this do not search (the list stays as it is). */
export const SEARCH_MIN_CHARS = 2;
/** Snippets shown per conversation: the newest matching messages. */
export const HITS_SHOWN = 2;

/** The query to send for what is in the field, or null while it is too short to search. */
export function searchableQuery(input: string): string | null {
  const query = input.trim();
  return [...query].length >= SEARCH_MIN_CHARS ? query : null;
}

/** One run of a snippet: plain text, highlighted when it matched. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A snippet as runs to render as text: empty runs dropped, neighbours of the same kind joined. */
export function snippetParts(snippet: Snippet): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const segment of snippet) {
    if (!segment.text) continue;
    const last = parts.at(-1);
    if (last && last.match === segment.match) last.text += segment.text;
    else parts.push({ text: segment.text, match: segment.match });
  }
  return parts;
}

/**
 * The hits a customer is shown: their own messages, the agents' replies and Smartchat's notices to
 * them (the core's rule of what a customer sees), never a note or a system event (the server sends
 * customers none; this keeps it so if it ever did), newest first.
 */
export function shownHits(result: Pick<CustomerSearchResult, 'hits'>): SearchHit[] {
  return result.hits.filter((hit) => canSeeMessageKind({ type: 'customer' }, hit.kind) && !hit.deleted).slice(0, HITS_SHOWN);
}

/** Why a search shows no results, as a key of the widget's texts. */
export type SearchProblem = 'searchNoTerms' | 'searchPrefixTooShort' | 'searchTooManyTerms' | 'searchTimeout' | 'searchInvalid' | 'searchNetwork' | 'searchFailed';

/** The failure of a search (an ApiError: its code and details) as what to tell the customer. */
export function searchProblem(error: unknown): SearchProblem {
  const { code, details } = typeof error === 'object' && error !== null ? (error as { code?: unknown; details?: unknown }) : {};
  switch (code) {
    case 'SC_ERR_SEARCH_TIMEOUT':
      return 'searchTimeout';
    case 'SC_ERR_VALIDATION':
      return 'searchInvalid';
    case 'SC_ERR_NETWORK':
      return 'searchNetwork';
    case 'SC_ERR_UNPROCESSABLE': {
      const rule = queryRule(details);
      if (rule === 'no_terms') return 'searchNoTerms';
      if (rule === 'prefix_too_short') return 'searchPrefixTooShort';
      if (rule === 'too_many_terms') return 'searchTooManyTerms';
      return 'searchInvalid';
    }
    default:
      return 'searchFailed';
  }
}

/**
 * The rule of the first detail about `q`: details: [{ path, rule }], the path written `q` or, as the
 * server's error handler writes request parts, `querystring.q`.
 */
function queryRule(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  for (const detail of details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, rule } = detail as { path?: unknown; rule?: unknown };
    const aboutQuery = path === 'q' || path === 'querystring.q' || (Array.isArray(path) && path.at(-1) === 'q');
    if (aboutQuery && typeof rule === 'string') return rule;
  }
  return null;
}
