// Finds bare http(s) and mailto: links in message text. The scheme is matched literally at the
// start of the link, so nothing that a browser would read as javascript:, data: or vbscript: can
// ever become a link, whatever casing, entities or whitespace the author tries.

import { characterAt, characterBefore, wordCharacter } from './markup-characters.js';

const schemes = ['https://', 'http://', 'mailto:'] as const;

// Quotes, angle brackets and backticks end a link so that `https://x/"onmouseover=...` or a code
// span right after a link stay text; control and format characters (zero-width spaces, bidi
// overrides) end it so they cannot hide inside what a reader takes for one address.
const notInLink = /[\s\p{Cc}\p{Cf}<>"`\\]/u;

// As in GitHub's autolinks: a sentence or markup around a link is not part of it.
const trailingPunctuation = new Set(['?', '!', '.', ',', ':', ';', '*', '_', '~', "'"]);

/**
 * `end` is just past the link when `isLink`; otherwise it is the end of the rejected candidate,
 * and no link may start before it. Without that rule `http://:http://:http://:...` would be
 * rescanned from every scheme inside it, quadratic in the length of the line.
 */
export type AutolinkScan = { isLink: boolean; end: number };

/** Undefined when no scheme starts a word at `start`. */
export function scanAutolink(line: string, start: number): AutolinkScan | undefined {
  if (wordCharacter.test(characterBefore(line, start))) return undefined;
  const scheme = schemes.find((candidate) => startsWithIgnoringAsciiCase(line, start, candidate));
  if (scheme === undefined) return undefined;

  const bodyStart = start + scheme.length;
  let runEnd = bodyStart;
  while (runEnd < line.length) {
    const character = characterAt(line, runEnd);
    if (notInLink.test(character)) break;
    runEnd += character.length;
  }
  const end = withoutTrailingPunctuation(line, bodyStart, runEnd);
  const link = line.slice(start, end);
  const isLink = end > bodyStart && (scheme === 'mailto:' ? isMailto(link) : isWebAddress(link));
  return isLink ? { isLink, end } : { isLink, end: runEnd };
}

function withoutTrailingPunctuation(line: string, bodyStart: number, end: number): number {
  // A closing parenthesis stays when it closes one inside the link, as in Wikipedia's
  // https://en.wikipedia.org/wiki/Mercury_(planet), and goes when it closes the sentence's.
  let unbalancedClosing = 0;
  for (let index = bodyStart; index < end; index += 1) {
    if (line[index] === '(') unbalancedClosing -= 1;
    else if (line[index] === ')') unbalancedClosing += 1;
  }
  while (end > bodyStart) {
    const last = line[end - 1] ?? '';
    if (trailingPunctuation.has(last)) end -= 1;
    else if (last === ')' && unbalancedClosing > 0) {
      unbalancedClosing -= 1;
      end -= 1;
    } else break;
  }
  return end;
}

function isWebAddress(link: string): boolean {
  const url = parsedUrl(link);
  return (url?.protocol === 'http:' || url?.protocol === 'https:') && url.hostname !== '';
}

function isMailto(link: string): boolean {
  if (parsedUrl(link)?.protocol !== 'mailto:') return false;
  const address = link.slice('mailto:'.length).split('?', 1)[0] ?? '';
  const parts = address.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  return local !== '' && !domain.includes('/') && wordCharacter.test(domain);
}

function parsedUrl(link: string): URL | undefined {
  try {
    return new URL(link);
  } catch {
    return undefined;
  }
}

// Only ASCII letters are folded: Unicode case mapping could turn a look-alike into a scheme.
function startsWithIgnoringAsciiCase(text: string, start: number, prefix: string): boolean {
  if (start + prefix.length > text.length) return false;
  for (let offset = 0; offset < prefix.length; offset += 1) {
    const code = text.charCodeAt(start + offset);
    const folded = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
    if (folded !== prefix.charCodeAt(offset)) return false;
  }
  return true;
}
