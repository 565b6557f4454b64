// The HTML of a received message, two ways: as text (what becomes the chat message, when a message
// has no text part of its own) and sanitised for agents who want to see the message as it was
// laid out. Mail HTML is the sender's to write: nothing of it runs, loads or submits anything.
import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/** At most this much HTML is read: parsing is quadratic in the nesting depth, which a hostile message chooses. */
const MAX_HTML = 200_000;

/**
 * The text of an HTML-only message (mailparser makes one only for a message that is nothing but
 * HTML): scripts, styles and images dropped, links as their text. The message body keeps 10,000
 * characters anyway.
 */
export function htmlText(html: string): string {
  return convert(html.slice(0, MAX_HTML), {
    wordwrap: false,
    limits: { maxDepth: 200 },
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  }).trim();
}

/**
 * The message's HTML with only layout and text left: paragraphs, lists, tables, emphasis, quotes and
 * links (https, http and mailto, opened in a new tab without a referrer); no script, style, form,
 * frame, event attribute or inline style, and no image from anywhere (remote images are how mail
 * tracks who read it; inline ones are attachments, shown as such). Shown in a sandboxed frame by
 * the console, so even a sanitiser miss could not run.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html.slice(0, MAX_HTML), {
    allowedTags: ['p', 'div', 'span', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a'],
    // target and rel are what the transform below writes.
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['https', 'http', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    // Every link opens apart, without a referrer (the sender's own target and rel are replaced).
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
  }).trim();
}
