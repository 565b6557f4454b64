// Message markup into the composer's document (a macro's body, a draft): the core parser reads the
// text, so the composer shows it exactly as the message will.
import { parseMarkup, type InlineToken } from '@smartchat/core';
import type { Mark, Node, Schema } from 'prosemirror-model';

export function docFromMarkup(schema: Schema, raw: string): Node {
  const blocks: Node[] = [];
  for (const block of parseMarkup(raw)) {
    switch (block.kind) {
      case 'paragraph':
        blocks.push(schema.nodes.paragraph!.create(null, inlineNodes(schema, block.lines)));
        break;
      case 'code':
        blocks.push(schema.nodes.code_block!.create(null, block.text ? schema.text(block.text) : null));
        break;
      case 'quote':
        blocks.push(schema.nodes.blockquote!.create(null, block.paragraphs.map((lines) => schema.nodes.paragraph!.create(null, inlineNodes(schema, lines)))));
        break;
      case 'list': {
        const items = block.items.map((line) => schema.nodes.list_item!.create(null, schema.nodes.paragraph!.create(null, inlineNodes(schema, [line]))));
        blocks.push(block.ordered ? schema.nodes.ordered_list!.create({ order: block.start }, items) : schema.nodes.bullet_list!.create(null, items));
        break;
      }
      case 'image':
        blocks.push(schema.nodes.image!.create({ attachmentId: block.attachmentId, alt: block.alt }));
        break;
    }
  }
  if (blocks.length === 0) blocks.push(schema.nodes.paragraph!.create());
  return schema.nodes.doc!.create(null, blocks);
}

function inlineNodes(schema: Schema, lines: InlineToken[][]): Node[] {
  const nodes: Node[] = [];
  lines.forEach((line, index) => {
    if (index > 0) nodes.push(schema.nodes.hard_break!.create());
    let marks: readonly Mark[] = [];
    for (const token of line) {
      switch (token.kind) {
        case 'open':
          marks = schema.marks[token.tag]!.create().addToSet(marks);
          break;
        case 'close':
          marks = schema.marks[token.tag]!.removeFromSet(marks);
          break;
        case 'code':
          if (token.text) nodes.push(schema.text(token.text, [schema.marks.code!.create()]));
          break;
        case 'link':
          nodes.push(schema.text(token.url, marks));
          break;
        case 'text':
          if (token.text) nodes.push(schema.text(token.text, marks));
          break;
      }
    }
  });
  return nodes;
}
