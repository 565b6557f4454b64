// The composer's document and the message markup: what the editor shows is what the parser reads
// back from what is sent. Each case builds a document as the editor would hold it, writes it as
// markup, and reads it back with the core parser (through docFromMarkup).
import { parseMarkup, plainText } from '@smartchat/core';
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { composerSchema as schema } from '../src/editor/schema.js';
import { docFromMarkup } from '../src/editor/parse.js';
import { markupFromDoc } from '../src/editor/serialize.js';

const n = schema.nodes;
const m = schema.marks;
const text = (value: string, ...marks: ('strong' | 'em' | 'code')[]) => schema.text(value, marks.map((name) => m[name]!.create()));
const p = (...content: Node[]) => n.paragraph!.create(null, content);
const doc = (...blocks: Node[]) => n.doc!.create(null, blocks);
const item = (...content: Node[]) => n.list_item!.create(null, p(...content));
const br = () => n.hard_break!.create();
const IMAGE = '0b7c6a52-4f1e-4c55-9d7e-2f3a1b9c8d7e';

describe('the composer writes markup that reads back as it was shown', () => {
  it.each<[string, Node, string]>([
    ['bold and italic', doc(p(text('bold', 'strong'), text(' and '), text('italic', 'em'))), '**bold** and _italic_'],
    ['bold italic together', doc(p(text('both', 'strong', 'em'), text(' then '), text('bold', 'strong'))), '**_both_** then **bold**'],
    ['inline code', doc(p(text('run '), text('npm ci', 'code'))), 'run `npm ci`'],
    ['line breaks and paragraphs', doc(p(text('one'), br(), text('two')), p(text('three'))), 'one\ntwo\n\nthree'],
    ['a bulleted list', doc(p(text('Options:')), n.bullet_list!.create(null, [item(text('Moscow')), item(text('Kazan', 'strong'))])), 'Options:\n\n- Moscow\n- **Kazan**'],
    ['a numbered list from 3', doc(n.ordered_list!.create({ order: 3 }, [item(text('c')), item(text('d'))])), '3. c\n4. d'],
    ['a quote of two paragraphs', doc(n.blockquote!.create(null, [p(text('first')), p(text('second', 'em'))])), '> first\n>\n> _second_'],
    ['a code block', doc(n.code_block!.create(null, schema.text('let a = 1;\n**not bold**'))), '```\nlet a = 1;\n**not bold**\n```'],
    ['an image between paragraphs', doc(p(text('Here:')), n.image!.create({ attachmentId: IMAGE, alt: 'ticket.png' }), p(text('and that is all'))), `Here:\n\n![ticket.png](attachment:${IMAGE})\n\nand that is all`],
  ])('%s', (_name, written, markup) => {
    expect(markupFromDoc(written)).toBe(markup);
    expect(docFromMarkup(schema, markup).eq(written)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['asterisks and underscores that are not emphasis', '2*3 = 6, *not em* and _not em_', '2*3 = 6, \\*not em\\* and \\_not em\\_'],
    ['snake_case stays as written', 'call get_user_by_id', 'call get_user_by_id'],
    ['backticks and backslashes', 'C:\\Users and `x`', 'C:\\\\Users and \\`x\\`'],
    ['a line that would be a list item', '- not a list', '\\- not a list'],
    ['a line that would be a numbered item', '1. not a list', '1\\. not a list'],
    ['a line that would be a quote', '> not a quote', '\\> not a quote'],
    ['an address keeps its underscores', 'see https://example.com/_a_/b now', 'see https://example.com/_a_/b now'],
  ])('literal text: %s', (_name, literal, markup) => {
    const written = doc(p(text(literal)));
    expect(markupFromDoc(written)).toBe(markup);
    // Read back: one paragraph with exactly the literal text and no emphasis.
    const blocks = parseMarkup(markup);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.kind).toBe('paragraph');
    expect(plainText(markup)).toBe(literal);
    expect(docFromMarkup(schema, markup).eq(written)).toBe(true);
  });

  it('moves spaces out of emphasis, which the parser would not read inside it', () => {
    const written = doc(p(text('bold ', 'strong'), text('word')));
    expect(markupFromDoc(written)).toBe('**bold** word');
  });

  it('sends emphasis that cannot be read back (inside a word) as plain text, never stray markers', () => {
    const written = doc(p(text('foo'), text('bar', 'strong'), text('baz')));
    expect(markupFromDoc(written)).toBe('foobarbaz');
  });

  it('writes a line break inside a list item as a space (an item is one line)', () => {
    const written = doc(n.bullet_list!.create(null, [item(text('one'), br(), text('two'))]));
    expect(markupFromDoc(written)).toBe('- one two');
  });

  it('drops empty paragraphs and items, and trims the edges', () => {
    const written = doc(p(), p(text('hello')), p(), p(), n.bullet_list!.create(null, [item(), item(text('x'))]), p());
    expect(markupFromDoc(written)).toBe('hello\n\n- x');
  });

  it('writes inline code holding a backtick as escaped text', () => {
    expect(markupFromDoc(doc(p(text('a`b', 'code'))))).toBe('a\\`b');
  });
});
