// The composer's document as message markup (the text that is sent and stored). Every block and
// mark is written the one way the markup parser (@smartchat/core markup-parser.ts) reads back, and
// text that the parser would take for markup is escaped, so what the agent saw in the composer is
// what the message shows. A line whose emphasis the parser would not read back as written (bold
// inside a word, say) is sent without that emphasis rather than with stray asterisks.
import { parseMarkup, scanAutolink } from '@smartchat/core';
import type { Mark, Node } from 'prosemirror-model';

type Emphasis = 'strong' | 'em';
const EMPHASIS_ORDER: Emphasis[] = ['strong', 'em'];
const DELIMITER: Record<Emphasis, string> = { strong: '**', em: '_' };

/** A line of a text block: runs of text with their marks. */
type Run = { text: string; emphasis: Emphasis[]; code: boolean };

export function markupFromDoc(doc: Node): string {
  const blocks: string[] = [];
  doc.forEach((block) => {
    const text = blockMarkup(block);
    if (text.trim() !== '') blocks.push(text);
  });
  return blocks.join('\n\n').trim();
}

function blockMarkup(block: Node): string {
  switch (block.type.name) {
    case 'paragraph':
      return linesOf(block)
        .map((runs) => escapeLineStart(lineMarkup(runs)))
        .join('\n')
        .replace(/^\n+|\n+$/g, '');
    case 'blockquote': {
      const paragraphs: string[] = [];
      block.forEach((paragraph) => {
        const lines = linesOf(paragraph).map(lineMarkup);
        if (lines.some((line) => line.trim() !== '')) paragraphs.push(lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n'));
      });
      return paragraphs.join('\n>\n');
    }
    case 'bullet_list':
    case 'ordered_list': {
      const items: string[] = [];
      const ordered = block.type.name === 'ordered_list';
      const order = Number(block.attrs.order);
      let number = ordered && Number.isInteger(order) && order >= 0 ? order : 1;
      block.forEach((item) => {
        // An item is one line in the markup: a line break inside it becomes a space.
        const line = lineMarkup(linesOf(item.firstChild!).flatMap((runs, index) => (index === 0 ? runs : [{ text: ' ', emphasis: [], code: false }, ...runs])));
        if (line.trim() === '') return;
        // The parser reads the first item's number only, and at most three digits.
        items.push(`${ordered ? `${Math.min(number, 999)}.` : '-'} ${line.trim()}`);
        number += 1;
      });
      return items.join('\n');
    }
    case 'code_block': {
      const code = block.textContent.replace(/^\n+|\n+$/g, '');
      // A fence inside the code would end the block early: break it up (the markup has no escape there).
      return code.trim() === '' ? '' : `\`\`\`\n${code.replace(/```/g, '`\u200b``')}\n\`\`\``;
    }
    case 'image': {
      const alt = String(block.attrs.alt ?? '').replace(/[\]\n\r]/g, ' ').slice(0, 200);
      return `![${alt}](attachment:${String(block.attrs.attachmentId)})`;
    }
    default:
      return escapeText(block.textContent);
  }
}

/** A text block's inline content, split at line breaks into runs. */
function linesOf(textblock: Node): Run[][] {
  const lines: Run[][] = [[]];
  textblock.forEach((child) => {
    if (child.type.name === 'hard_break') {
      lines.push([]);
      return;
    }
    if (!child.isText || !child.text) return;
    lines.at(-1)!.push({ text: child.text, emphasis: emphasisOf(child.marks), code: child.marks.some((mark) => mark.type.name === 'code') });
  });
  return lines;
}

function emphasisOf(marks: readonly Mark[]): Emphasis[] {
  return EMPHASIS_ORDER.filter((name) => marks.some((mark) => mark.type.name === name));
}

/** One line with its marks; falls back to the line without emphasis if it would not read back. */
function lineMarkup(runs: Run[]): string {
  const withMarks = emphasisedLine(runs);
  if (readsBack(withMarks.line, runs, withMarks.opens)) return withMarks.line;
  return emphasisedLine(runs.map((run) => ({ ...run, emphasis: [] }))).line;
}

/** The line's markup, and how many emphasis delimiters it opens (what the parser must read back). */
function emphasisedLine(runs: Run[]): { line: string; opens: number } {
  let out = '';
  let opens = 0;
  const open: Emphasis[] = [];
  // Spaces at the edge of an emphasised run go outside its delimiters (`**bold** `, not `**bold **`,
  // which the parser would not read as bold).
  let pendingSpace = '';
  const closeTo = (keep: number) => {
    while (open.length > keep) out += DELIMITER[open.pop()!];
  };
  for (const run of runs) {
    const core = run.text.trim();
    if (core === '') {
      pendingSpace += run.text;
      continue;
    }
    const lead = run.text.slice(0, run.text.length - run.text.trimStart().length);
    const trail = run.text.slice(run.text.trimEnd().length);
    const want = run.code ? [] : run.emphasis;
    let keep = 0;
    while (keep < open.length && keep < want.length && open[keep] === want[keep]) keep += 1;
    closeTo(keep);
    out += pendingSpace + lead;
    pendingSpace = '';
    for (const mark of want.slice(keep)) {
      out += DELIMITER[mark];
      open.push(mark);
      opens += 1;
    }
    out += run.code ? codeSpan(core) : escapeText(core);
    pendingSpace = trail;
  }
  closeTo(0);
  return { line: out + pendingSpace, opens };
}

/** Inline code cannot hold a backtick in the markup: such text goes as escaped text. */
function codeSpan(text: string): string {
  return text.includes('`') ? escapeText(text) : `\`${text}\``;
}

/** Whether the parser reads the line back with the same text and as many emphasised runs. */
function readsBack(line: string, runs: Run[], expectedOpens: number): boolean {
  const expectedText = runs.map((run) => run.text).join('');
  // Read as a paragraph line, whatever block the line ends up in (quote and list contents are
  // read with the same inline rules).
  const tokens = parseMarkup(escapeLineStart(line)).flatMap((block) => (block.kind === 'paragraph' ? block.lines.flat() : []));
  let text = '';
  let opens = 0;
  for (const token of tokens) {
    if (token.kind === 'open') opens += 1;
    else if (token.kind === 'text' || token.kind === 'code') text += token.text;
    else if (token.kind === 'link') text += token.url;
  }
  return opens === expectedOpens && text.trim() === expectedText.trim();
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Text as the parser reads it back literally: backslashes, backticks, and asterisks or underscores
 * that could open or close emphasis are escaped; inside an address (which the parser reads as a
 * link first) nothing is.
 */
export function escapeText(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === 'h' || character === 'H' || character === 'm' || character === 'M') {
      const scan = scanAutolink(text, index);
      if (scan?.isLink) {
        out += text.slice(index, scan.end);
        index = scan.end;
        continue;
      }
    }
    if (character === '\\' || character === '`') out += `\\${character}`;
    else if (character === '*' || character === '_') {
      const before = text[index - 1] ?? '';
      const after = text[index + 1] ?? '';
      // Inside a word (snake_case, 2*3) neither can open or close emphasis.
      out += WORD.test(before) && WORD.test(after) ? character : `\\${character}`;
    } else out += character;
    index += 1;
  }
  return out;
}

/** A paragraph line that the parser would read as a list item, a quote or an image is escaped. */
function escapeLineStart(line: string): string {
  const quote = /^( {0,3})>/.exec(line);
  if (quote) return `${quote[1]}\\${line.slice(quote[1]!.length)}`;
  // (A line starting with "• " cannot be escaped, `•` not being ASCII punctuation: it is a list item.)
  const bullet = /^( {0,3})[-*][ \t]+(.*)$/.exec(line);
  if (bullet && bullet[2]!.trim() !== '') return `${bullet[1]}\\${line.slice(bullet[1]!.length)}`;
  const ordered = /^( {0,3}\d{1,3})[.)][ \t]+(.*)$/.exec(line);
  if (ordered && ordered[2]!.trim() !== '') return `${ordered[1]}\\${line.slice(ordered[1]!.length)}`;
  if (/^\s*!\[[^\]\n]{0,200}\]\(attachment:[0-9a-fA-F-]{36}\)\s*$/.test(line)) return line.replace('!', '\\!');
  return line;
}
