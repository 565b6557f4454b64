// Reads a raw message body into blocks of flat inline tokens. Hand-written scanning rather than
// regular expressions over the whole body: every step moves forward, so hostile input such as
// 10,000 asterisks costs linear time, and emphasis comes out properly nested or not at all. The
// regular expressions that classify lines are anchored at a line's start, so each reads its line
// once at most.

import { scanAutolink } from './markup-autolink.js';
import { characterAt, characterBefore, isAsciiPunctuation, wordCharacter } from './markup-characters.js';

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

/** An image line: `![alt](attachment:id)` alone on its line. `source` is that line, trimmed. */
export type ImageBlock = { kind: 'image'; attachmentId: string; alt: string; source: string };

/**
 * Blocks never nest: a quote holds paragraphs of lines and a list holds one line per item, so a
 * `> - > -` line is a quote whose text is `- > -`, and rendering stays free of recursion too.
 */
export type MarkupBlock =
  | { kind: 'paragraph'; lines: InlineToken[][] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: InlineToken[][] }
  | { kind: 'quote'; paragraphs: InlineToken[][][] }
  | ImageBlock;

const fence = '```';

export function parseMarkup(raw: string): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  for (const part of splitFences(raw.replace(/\r\n?/g, '\n'))) {
    if (part.fenced) blocks.push({ kind: 'code', text: part.text });
    else blocks.push(...lineBlocks(part.text));
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

/** What one line of text outside code blocks is, judged from the line as written. */
type Line =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'quote'; content: string }
  | { kind: 'item'; ordered: boolean; number: number; content: string }
  | ImageBlock;

// Lines of one kind in a row, not yet parsed: a paragraph, a quote or a list.
type Run =
  | { kind: 'text'; lines: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] };

// A blank line ends any block, and so does a line of another kind: chat authors rarely leave a
// blank line before a list, and `intro\n- a\n- b\nafter` plainly means three blocks.
function lineBlocks(text: string): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  let run: Run | undefined;
  const endRun = (): void => {
    const block = run === undefined ? undefined : runBlock(run);
    if (block !== undefined) blocks.push(block);
    run = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = classifyLine(raw);
    if (run !== undefined && extendRun(run, line)) continue;
    endRun();
    if (line.kind === 'image') blocks.push(line);
    else run = startRun(line);
  }
  endRun();
  return blocks;
}

// An id is a UUID, as every attachment id is, in either case: it is folded to lower case so that
// it compares equal to the attachment's own. The alt is counted in code points (the `u` flag).
const imageLine = /^[ \t]*!\[([^\]\n]{0,200})\]\(attachment:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)[ \t]*$/u;
// Up to three spaces of indent, as in Markdown: some authors indent a list or a quote a little.
const quoteMarker = /^ {0,3}> ?/;
const bulletMarker = /^ {0,3}[-*•][ \t]+/;
const orderedMarker = /^ {0,3}(\d{1,3})[.)][ \t]+/;

function classifyLine(line: string): Line {
  if (line.trim() === '') return { kind: 'blank' };
  const image = imageLine.exec(line);
  if (image !== null) return { kind: 'image', attachmentId: (image[2] ?? '').toLowerCase(), alt: image[1] ?? '', source: line.trim() };
  const quote = quoteMarker.exec(line);
  if (quote !== null) return { kind: 'quote', content: line.slice(quote[0].length) };
  return listItem(line) ?? { kind: 'text', text: line };
}

// The markers need a space and some text after them, so `*italic*`, `-1` and a lone `-` at the
// start of a line stay text. Three digits at most: `2024. was a good year` is not a list.
function listItem(line: string): Line | undefined {
  const bullet = bulletMarker.exec(line);
  const ordered = bullet === null ? orderedMarker.exec(line) : null;
  const marker = bullet ?? ordered;
  const content = marker === null ? '' : line.slice(marker[0].length);
  if (content.trim() === '') return undefined;
  return { kind: 'item', ordered: ordered !== null, number: ordered === null ? 1 : Number(ordered[1]), content };
}

function startRun(line: Line): Run | undefined {
  switch (line.kind) {
    case 'text':
      return { kind: 'text', lines: [line.text] };
    case 'quote':
      return { kind: 'quote', lines: [line.content] };
    case 'item':
      return { kind: 'list', ordered: line.ordered, start: line.number, items: [line.content] };
    case 'blank':
    case 'image':
      return undefined;
  }
}

/** Adds the line to the run when it continues it; false when the line ends the run. */
function extendRun(run: Run, line: Line): boolean {
  if (run.kind === 'text' && line.kind === 'text') run.lines.push(line.text);
  else if (run.kind === 'quote' && line.kind === 'quote') run.lines.push(line.content);
  // A bullet right after a numbered list starts a list of its own, and the other way round.
  else if (run.kind === 'list' && line.kind === 'item' && line.ordered === run.ordered) run.items.push(line.content);
  else return false;
  return true;
}

// Undefined for a quote of nothing but `>` lines: there is nothing to show.
function runBlock(run: Run): MarkupBlock | undefined {
  switch (run.kind) {
    case 'text':
      return { kind: 'paragraph', lines: run.lines.map(parseLine) };
    case 'list':
      return { kind: 'list', ordered: run.ordered, start: run.start, items: run.items.map(parseLine) };
    case 'quote': {
      const paragraphs = splitParagraphs(run.lines).map((lines) => lines.map(parseLine));
      return paragraphs.length > 0 ? { kind: 'quote', paragraphs } : undefined;
    }
  }
}

// Inside a quote, as outside, a blank line separates paragraphs.
function splitParagraphs(lines: string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
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
    // An escaped character is text in one step: it can open nothing, and nothing rescans it.
    if (character === '\\' && isAsciiPunctuation(line[index + 1] ?? '')) {
      flushText();
      tokens.push({ kind: 'text', text: line.slice(index + 1, index + 2) });
      index = textStart = index + 2;
      continue;
    }
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
