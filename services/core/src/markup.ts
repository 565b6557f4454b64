// Message bodies are stored exactly as written and rendered here, at the edge, so the markup
// rules can change without rewriting stored messages. The only HTML in the output is what this
// file writes itself; every character of the author's text goes through escapeHtml.

import { type ImageBlock, type InlineToken, type MarkupBlock, parseMarkup } from './markup-parser.js';

export type { ImageBlock, InlineToken, MarkupBlock } from './markup-parser.js';

/** The longest message body, in UTF-16 code units (JavaScript string length). */
export const MAX_BODY_LENGTH = 10_000;

const linkAttributes = 'rel="noopener noreferrer nofollow" target="_blank"';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

export type MarkupOptions = {
  /**
   * The URL to show an image line's attachment from, or undefined to show the line as text. Only
   * https:, http: and blob: URLs are used; any other is treated as undefined.
   */
  image?: (attachmentId: string, alt: string) => string | undefined;
};

/**
 * HTML for a raw body: **bold**, _italic_ or *italic*, `code`, ```code blocks```, http(s) and
 * mailto: links, line breaks, blank-line paragraphs, `- ` and `1. ` lists, `> ` quotes, backslash
 * escapes, and `![alt](attachment:id)` image lines (images only through `options.image`).
 * Anything else, HTML included, shows as the text it is.
 */
export function renderMarkup(raw: string, options: MarkupOptions = {}): string {
  return parseMarkup(raw)
    .map((block) => (block.kind === 'image' ? imageHtml(block, options.image) : blockHtml(block)))
    .join('');
}

/** Either HTML from renderMarkup, or an image line for the caller to show its own way. */
export type MarkupSegment = { kind: 'html'; html: string } | ImageBlock;

/**
 * The body as renderMarkup writes it, cut at image lines, for a UI that shows attachments through
 * its own (authenticated) component: the blocks between two images come as one HTML segment.
 */
export function markupSegments(raw: string): MarkupSegment[] {
  const segments: MarkupSegment[] = [];
  for (const block of parseMarkup(raw)) {
    const last = segments.at(-1);
    if (block.kind === 'image') segments.push({ ...block });
    else if (last?.kind === 'html') last.html += blockHtml(block);
    else segments.push({ kind: 'html', html: blockHtml(block) });
  }
  return segments;
}

/** The attachment ids that image lines of the body refer to, in order, each once. */
export function inlineImageIds(raw: string): string[] {
  const ids = new Set<string>();
  for (const block of parseMarkup(raw)) if (block.kind === 'image') ids.add(block.attachmentId);
  return [...ids];
}

/**
 * The body without markup markers, for e-mail text parts and notifications. Not HTML: escape it
 * before putting it into a page.
 */
export function plainText(raw: string): string {
  return parseMarkup(raw).map(blockText).join('\n\n');
}

/** The longest inbox preview of a message, in characters (code points). */
export const PREVIEW_LENGTH = 140;

/**
 * One line of plain text for an inbox list: the body without markup, whitespace collapsed, cut to
 * `max` characters (an ellipsis marks the cut). Cut by code points, so an emoji is never halved.
 * Not HTML: escape it before putting it into a page.
 */
export function previewText(raw: string, max = PREVIEW_LENGTH): string {
  // Control characters (NUL among them, which Postgres text cannot hold) become spaces.
  // eslint-disable-next-line no-control-regex
  const characters = [...plainText(raw).replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim()];
  if (characters.length <= max) return characters.join('');
  return `${characters.slice(0, max - 1).join('').trimEnd()}…`;
}

function blockHtml(block: Exclude<MarkupBlock, ImageBlock>): string {
  switch (block.kind) {
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'paragraph':
      return paragraphHtml(block.lines);
    case 'quote':
      return `<blockquote>${block.paragraphs.map(paragraphHtml).join('')}</blockquote>`;
    case 'list': {
      const items = block.items.map((item) => `<li>${lineHtml(item)}</li>`).join('');
      if (!block.ordered) return `<ul>${items}</ul>`;
      // `start` is a number the parser read from at most three digits: printed, it is digits only.
      return block.start === 1 ? `<ol>${items}</ol>` : `<ol start="${block.start}">${items}</ol>`;
    }
  }
}

// An image the caller cannot show (no resolver, an unknown id, a refused URL) reads as the line
// the author wrote, so nothing silently disappears.
function imageHtml(block: ImageBlock, resolve: MarkupOptions['image']): string {
  const url = resolve?.(block.attachmentId, block.alt);
  if (url === undefined || !isImageUrl(url)) return `<p>${escapeHtml(block.source)}</p>`;
  return `<p><img src="${escapeHtml(url)}" alt="${escapeHtml(block.alt)}"></p>`;
}

// The scheme must open the string itself, not after whitespace or control characters that a
// browser would skip, and the whole must parse as a URL of that scheme.
const imageSchemes = /^(https?|blob):/i;

function isImageUrl(url: string): boolean {
  const scheme = imageSchemes.exec(url)?.[1];
  if (scheme === undefined) return false;
  try {
    return new URL(url).protocol === `${scheme.toLowerCase()}:`;
  } catch {
    return false;
  }
}

function paragraphHtml(lines: InlineToken[][]): string {
  return `<p>${lines.map(lineHtml).join('<br>')}</p>`;
}

function lineHtml(line: InlineToken[]): string {
  return line.map(inlineHtml).join('');
}

function inlineHtml(token: InlineToken): string {
  switch (token.kind) {
    case 'text':
      return escapeHtml(token.text);
    case 'code':
      return `<code>${escapeHtml(token.text)}</code>`;
    case 'link': {
      const url = escapeHtml(token.url);
      return `<a href="${url}" ${linkAttributes}>${url}</a>`;
    }
    case 'open':
      return `<${token.tag}>`;
    case 'close':
      return `</${token.tag}>`;
  }
}

function blockText(block: MarkupBlock): string {
  switch (block.kind) {
    case 'code':
      return block.text;
    case 'paragraph':
      return block.lines.map(lineText).join('\n');
    case 'quote':
      return block.paragraphs.map((lines) => lines.map((line) => `> ${lineText(line)}`).join('\n')).join('\n>\n');
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${block.start + index}.` : '•'} ${lineText(item)}`).join('\n');
    case 'image':
      return `[${block.alt === '' ? 'image' : block.alt}]`;
  }
}

function lineText(line: InlineToken[]): string {
  return line.map(inlineText).join('');
}

function inlineText(token: InlineToken): string {
  switch (token.kind) {
    case 'text':
    case 'code':
      return token.text;
    case 'link':
      return token.url;
    case 'open':
    case 'close':
      return '';
  }
}
