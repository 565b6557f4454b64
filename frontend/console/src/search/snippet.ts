// How a search answer reads: a snippet's parts as the page shows them (matched parts marked, as
// text: a snippet is never HTML), the terms the server understood ("Искали: …"), and a count of
// matches in words ("3 совпадения"). Pure, tested without a browser.
import type { Locale } from '@smartchat/frontend-kit';
import type { SEARCH_MATCH_COUNT_CAP, SearchResponse, Snippet } from '@smartchat/contracts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Matches are counted up to this many; "100+" beyond. */
export const MATCH_COUNT_CAP = 100 satisfies typeof SEARCH_MATCH_COUNT_CAP;

/**
 * The parts to show: line breaks and runs of spaces read as one space (a snippet is one line),
 * empty parts dropped, neighbours of the same kind joined, so that one word is one <mark>.
 */
export function snippetParts(snippet: Snippet): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const segment of snippet) {
    const text = segment.text.replace(/\s+/g, ' ');
    if (!text) continue;
    const last = parts[parts.length - 1];
    if (last && last.match === segment.match) last.text += text;
    else parts.push({ text, match: segment.match });
  }
  const first = parts[0];
  if (first) first.text = first.text.replace(/^ /, '');
  const last = parts[parts.length - 1];
  if (last) last.text = last.text.replace(/ $/, '');
  return parts.filter((part) => part.text.length > 0);
}

/** The snippet as plain text (a tooltip, a label). */
export function snippetText(snippet: Snippet): string {
  return snippetParts(snippet)
    .map((part) => part.text)
    .join('');
}

export type SearchTerm = SearchResponse['terms'][number];

/** A term as the agent would type it: a phrase in quotes, a prefix with its star. */
export function termText(term: SearchTerm, locale: Locale): string {
  if (term.kind === 'phrase') return locale === 'ru' ? `«${term.text}»` : `“${term.text}”`;
  if (term.kind === 'prefix') return term.text.endsWith('*') ? term.text : `${term.text}*`;
  return term.text;
}

export type PluralCategory = 'one' | 'few' | 'many' | 'other';

const pluralRules = new Map<Locale, Intl.PluralRules>();
/** The plural form a count takes: Russian has three for whole numbers (1 совпадение, 3 совпадения, 5 совпадений). */
export function pluralCategory(count: number, locale: Locale): PluralCategory {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale === 'ru' ? 'ru-RU' : 'en-GB');
    pluralRules.set(locale, rules);
  }
  const category = rules.select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** Whether a count of matches is the capped one ("100+"). */
export function matchesCapped(count: number): boolean {
  return count >= MATCH_COUNT_CAP;
}
