// What a search box's text asks for: words, "exact phrases" and prefixes (`123-Q*`), every one of
// which must match. Nothing typed is syntax for PostgreSQL: words and phrases reach it as text
// for phraseto_tsquery (which reads only letters and digits), and a prefix as letters and digits
// this module quoted itself. An unbalanced quote is read as if closed at the end; `*` inside a
// word, `&|!():<>'\` and the like are read as separators.
import { SEARCH_PREFIX_MIN, SEARCH_TERMS_MAX } from '@smartchat/contracts';

export type TermKind = 'word' | 'phrase' | 'prefix';

export interface SearchTerm {
  kind: TermKind;
  /** As typed (a phrase without its quotes, a prefix without its `*`). */
  text: string;
}

/** Why a query cannot be searched; the API answers 422 with this rule. */
export type QueryRule = 'no_terms' | 'too_many_terms' | 'prefix_too_short';

export class QueryRefused extends Error {
  constructor(
    readonly rule: QueryRule,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The shortest last chunk of a prefix the GIN index is asked for: every lexeme beginning with one
 * letter is too many to gather (`123-Q*` asks the index for 123 and checks the q on each
 * candidate), two letters or digits narrow it well (`A6-85*`: the index gives a6 followed by 85…).
 */
const INDEXED_PREFIX_MIN = 2;

/** Runs of letters and digits: what the text search parser would keep of a term. */
const CHUNK = /[\p{L}\p{N}]+/gu;
export const chunksOf = (text: string): string[] => text.match(CHUNK) ?? [];

/** Splits the text into terms; throws QueryRefused when there is nothing to search or too much. */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (kind: TermKind, text: string) => {
    const trimmed = text.trim();
    if (chunksOf(trimmed).length === 0) return;
    const key = `${kind}:${trimmed.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ kind, text: trimmed });
  };
  // Phrases first: the text between a pair of quotes (the last one may be open to the end).
  const parts = query.split('"');
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      add('phrase', part);
      return;
    }
    for (const token of part.split(/\s+/)) {
      if (token === '') continue;
      const prefix = /\*+$/.test(token);
      const text = token.replace(/\*+$/, '');
      if (prefix) {
        const letters = chunksOf(text).join('');
        if (letters.length === 0) continue;
        if ([...letters].length < SEARCH_PREFIX_MIN) {
          throw new QueryRefused('prefix_too_short', `A prefix needs at least ${SEARCH_PREFIX_MIN} letters or digits before the *: "${token}"`);
        }
        add('prefix', text);
      } else add('word', text);
    }
  });
  if (terms.length === 0) throw new QueryRefused('no_terms', 'The query has no letters or digits to search for');
  if (terms.length > SEARCH_TERMS_MAX) throw new QueryRefused('too_many_terms', `A query may have at most ${SEARCH_TERMS_MAX} words, phrases and prefixes`);
  return terms;
}

/**
 * A prefix term as to_tsquery text: its chunks in a row, the last one a prefix. Each chunk is only
 * letters and digits, quoted, so no character of it is tsquery syntax. `index` leaves out a last
 * chunk too short to look up cheaply (INDEXED_PREFIX_MIN; it is still checked on every candidate).
 */
export function prefixQueryText(text: string, part: 'full' | 'index'): string | null {
  const chunks = chunksOf(text).map((chunk) => `'${chunk}'`);
  if (part === 'index') {
    const last = chunksOf(text).at(-1)!;
    if ([...last].length < INDEXED_PREFIX_MIN) return chunks.length > 1 ? chunks.slice(0, -1).join(' <-> ') : null;
  }
  return `${chunks.slice(0, -1).concat(`${chunks.at(-1)!}:*`).join(' <-> ')}`;
}
