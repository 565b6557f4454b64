// Message bodies are stored exactly as written and rendered here, at the edge, so the markup
// rules can change without rewriting stored messages. The only HTML in the output is what this
// file writes itself; every character of the author's text goes through escapeHtml.

import { type InlineToken, type MarkupBlock, parseMarkup } from './markup-parser.js';

/** The longest message body, in UTF-16 code units (JavaScript string length). */
export const MAX_BODY_LENGTH = 10_000;

const linkAttributes = 'rel="noopener noreferrer nofollow" target="_blank"';

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe for element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

/**
 * HTML for a raw body: **bold**, _italic_ or *italic*, `code`, ```code blocks```, http(s) and
 * mailto: links, line breaks and blank-line paragraphs. Anything else, HTML included, shows as
 * the text it is.
 */
export function renderMarkup(raw: string): string {
  return parseMarkup(raw).map(blockHtml).join('');
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

function blockHtml(block: MarkupBlock): string {
  if (block.kind === 'code') return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
  return `<p>${block.lines.map((line) => line.map(inlineHtml).join('')).join('<br>')}</p>`;
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
  if (block.kind === 'code') return block.text;
  return block.lines.map((line) => line.map(inlineText).join('')).join('\n');
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
