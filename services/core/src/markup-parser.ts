// Reads a raw message body into blocks of flat inline tokens. Hand-written scanning rather than
// regular expressions over the whole body: every step moves forward, so hostile input such as
// 10,000 asterisks costs linear time, and emphasis comes out properly nested or not at all.

import { scanAutolink } from './markup-autolink.js';
import { characterAt, characterBefore, wordCharacter } from './markup-characters.js';

export type EmphasisTag = 'strong' | 'em';

/**
 * Flat rather than a tree so that rendering needs no recursion, however deeply an author nests
 * emphasis. Every `open` has its `close` later in the same line, properly nested.
 */
export type InlineToken =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; url: string }
  | { kind: 'open'; tag: EmphasisTag }
  | { kind: 'close'; tag: EmphasisTag };

export type MarkupBlock = { kind: 'paragraph'; lines: InlineToken[][] } | { kind: 'code'; text: string };

const fence = '```';

export function parseMarkup(raw: string): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  for (const part of splitFences(raw.replace(/\r\n?/g, '\n'))) {
    if (part.fenced) blocks.push({ kind: 'code', text: part.text });
    else for (const lines of paragraphs(part.text)) blocks.push({ kind: 'paragraph', lines: lines.map(parseLine) });
  }
  return blocks;
}

// A fence pair anywhere (not only at the start of a line, as chat users type it) makes a code
// block; an unterminated or empty fence stays text.
function splitFences(text: string): Array<{ fenced: boolean; text: string }> {
  const parts: Array<{ fenced: boolean; text: string }> = [];
  let textStart = 0;
  let searchFrom = 0;
  for (;;) {
    const open = text.indexOf(fence, searchFrom);
    if (open < 0) break;
    const close = text.indexOf(fence, open + fence.length);
    if (close < 0) break;
    const code = withoutEdgeNewlines(text.slice(open + fence.length, close));
    if (code === '') {
      searchFrom = open + fence.length;
      continue;
    }
    parts.push({ fenced: false, text: text.slice(textStart, open) }, { fenced: true, text: code });
    textStart = searchFrom = close + fence.length;
  }
  parts.push({ fenced: false, text: text.slice(textStart) });
  return parts;
}

// ```\ncode\n``` and ```code``` mean the same block.
function withoutEdgeNewlines(code: string): string {
  const start = code.startsWith('\n') ? 1 : 0;
  const end = code.length > start && code.endsWith('\n') ? code.length - 1 : code.length;
  return code.slice(start, end);
}

function paragraphs(text: string): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') current.push(line);
    else if (current.length > 0) {
      result.push(current);
      current = [];
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}

type DelimiterToken = {
  kind: 'delimiter';
  run: string;
  canOpen: boolean;
  canClose: boolean;
  role: 'literal' | 'open' | 'close';
};
type ScannedToken = InlineToken | DelimiterToken;

const emphasisOf: Record<string, EmphasisTag> = { '*': 'em', _: 'em', '**': 'strong' };
const space = /\s/u;

// Markup does not span lines: in chat a marker left open on one line is a typo, not a request to
// format the rest of the message.
function parseLine(line: string): InlineToken[] {
  const tokens: ScannedToken[] = [];
  let textStart = 0;
  let index = 0;
  let noLinkBefore = 0;
  const flushText = (): void => {
    if (index > textStart) tokens.push({ kind: 'text', text: line.slice(textStart, index) });
  };

  while (index < line.length) {
    const character = line[index];
    if (character === '`') {
      const close = line.indexOf('`', index + 1);
      if (close > index + 1) {
        flushText();
        tokens.push({ kind: 'code', text: line.slice(index + 1, close) });
        index = textStart = close + 1;
        continue;
      }
    } else if (index >= noLinkBefore && (character === 'h' || character === 'H' || character === 'm' || character === 'M')) {
      const scan = scanAutolink(line, index);
      if (scan?.isLink) {
        flushText();
        tokens.push({ kind: 'link', url: line.slice(index, scan.end) });
        index = textStart = scan.end;
        continue;
      }
      if (scan) noLinkBefore = scan.end;
    } else if (character === '*' || character === '_') {
      let end = index + 1;
      while (line[end] === character) end += 1;
      flushText();
      tokens.push(delimiter(line, index, end));
      index = textStart = end;
      continue;
    }
    index += 1;
  }
  flushText();
  pairDelimiters(tokens);
  return toInlineTokens(tokens);
}

// A marker opens only at the start of a word and closes only at its end, so snake_case_names,
// 2*3*4 and a lone " * " stay text.
function delimiter(line: string, start: number, end: number): DelimiterToken {
  const run = line.slice(start, end);
  const before = characterBefore(line, start);
  const after = characterAt(line, end);
  const known = emphasisOf[run] !== undefined;
  return {
    kind: 'delimiter',
    run,
    canOpen: known && after !== '' && !space.test(after) && !wordCharacter.test(before),
    canClose: known && before !== '' && !space.test(before) && !wordCharacter.test(after),
    role: 'literal',
  };
}

// A closer pairs with the nearest opener of the same run; openers above it are left as text, so
// pairs never overlap. Counting open runs per kind keeps a closer without any opener from scanning
// the stack, which keeps the whole pass linear.
function pairDelimiters(tokens: ScannedToken[]): void {
  const stack: DelimiterToken[] = [];
  const openCount = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'delimiter') continue;
    if (token.canClose && (openCount.get(token.run) ?? 0) > 0) {
      for (let opener = stack.pop(); opener !== undefined; opener = stack.pop()) {
        openCount.set(opener.run, (openCount.get(opener.run) ?? 0) - 1);
        if (opener.run === token.run) {
          opener.role = 'open';
          token.role = 'close';
          break;
        }
      }
    } else if (token.canOpen) {
      stack.push(token);
      openCount.set(token.run, (openCount.get(token.run) ?? 0) + 1);
    }
  }
  // Openers still on the stack stay literal: their role was never changed.
}

function toInlineTokens(tokens: ScannedToken[]): InlineToken[] {
  const result: InlineToken[] = [];
  for (const token of tokens) {
    const inline: InlineToken =
      token.kind !== 'delimiter'
        ? token
        : token.role === 'literal'
          ? { kind: 'text', text: token.run }
          : { kind: token.role, tag: emphasisOf[token.run] ?? 'em' };
    const previous = result.at(-1);
    if (inline.kind === 'text' && previous?.kind === 'text') previous.text += inline.text;
    else result.push(inline);
  }
  return result;
}
