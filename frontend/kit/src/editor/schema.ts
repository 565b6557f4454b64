// What the composer's document may hold: exactly the message markup of @smartchat/core (see
// markup-parser.ts), no more. Pasted HTML is read through these rules only, so a table, a colour or
// a script from another page can never reach a message: it becomes text, or what the markup has.
import { Schema, type NodeSpec, type MarkSpec } from 'prosemirror-model';

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    group: 'block',
    content: 'inline*',
    parseDOM: [{ tag: 'p' }, { tag: 'div', priority: 10 }, { tag: 'h1' }, { tag: 'h2' }, { tag: 'h3' }, { tag: 'h4' }, { tag: 'h5' }, { tag: 'h6' }],
    toDOM: () => ['p', 0],
  },
  blockquote: {
    group: 'block',
    content: 'paragraph+',
    defining: true,
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', 0],
  },
  // Lists are flat, as in the markup: an item is one paragraph, no nested lists.
  bullet_list: {
    group: 'block',
    content: 'list_item+',
    parseDOM: [{ tag: 'ul' }],
    toDOM: () => ['ul', 0],
  },
  ordered_list: {
    group: 'block',
    content: 'list_item+',
    attrs: { order: { default: 1 } },
    parseDOM: [{ tag: 'ol', getAttrs: (dom) => ({ order: Math.min(999, Math.max(0, Number((dom as HTMLElement).getAttribute('start') ?? 1) || 1)) }) }],
    toDOM: (node) => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0]),
  },
  list_item: {
    content: 'paragraph',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: () => ['li', 0],
  },
  code_block: {
    group: 'block',
    content: 'text*',
    marks: '',
    code: true,
    defining: true,
    parseDOM: [{ tag: 'pre', preserveWhitespace: 'full' }],
    toDOM: () => ['pre', ['code', 0]],
  },
  // An uploaded image of this message, between blocks of text. Pasted <img> elements are not read:
  // an image must be an upload (pasted files are uploaded by the composer).
  image: {
    group: 'block',
    atom: true,
    draggable: true,
    selectable: true,
    attrs: { attachmentId: {}, alt: { default: '' } },
    toDOM: (node) => ['figure', { 'data-attachment-id': node.attrs.attachmentId, 'aria-label': node.attrs.alt }],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    leafText: () => '\n',
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
};

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [
      { tag: 'strong' },
      { tag: 'b', getAttrs: (dom) => ((dom as HTMLElement).style.fontWeight !== 'normal' ? null : false) },
      { style: 'font-weight', getAttrs: (value) => (/^(bold(er)?|[6-9]\d{2,})$/.test(value as string) ? null : false) },
    ],
    toDOM: () => ['strong', 0],
  },
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }],
    toDOM: () => ['em', 0],
  },
  // Inline code takes no other mark, as in the markup (`**x**` inside backticks is literal).
  code: {
    excludes: '_',
    code: true,
    parseDOM: [{ tag: 'code' }],
    toDOM: () => ['code', 0],
  },
};

export const composerSchema = new Schema({ nodes, marks });
