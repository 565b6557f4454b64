import { describe, expect, it } from 'vitest';
import {
  MAX_BODY_LENGTH,
  PREVIEW_LENGTH,
  escapeHtml,
  inlineImageIds,
  markupSegments,
  type MarkupOptions,
  plainText,
  previewText,
  renderMarkup,
} from '../src/markup.js';

const linkTo = (url: string): string => `<a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${url}</a>`;

/**
 * Reads rendered HTML with a small tokenizer and returns every way it breaks the contract: only
 * the tags the renderer may write, only href/rel/target and only on <a>, only http(s)/mailto
 * hrefs, only src/alt and only on <img>, only http(s)/blob: srcs, only a digits-only start and
 * only on <ol>, <li> only directly in a list, only known entities, properly nested. An empty list
 * means the output is safe.
 */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const allowedTags = new Set(['p', 'br', 'strong', 'em', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'img']);
  const voidTags = new Set(['br', 'img']);
  const token = /<(\/?)([a-z]+)((?: [a-z]+="[^"<>]*")*)>|[^<]+/y;
  const entity = /&(?:amp|lt|gt|quot|#39);/y;
  const open: string[] = [];
  let position = 0;
  while (position < html.length) {
    token.lastIndex = position;
    const match = token.exec(html);
    if (match === null) {
      problems.push(`unescaped "<" at ${position}: ${html.slice(position, position + 40)}`);
      break;
    }
    position = token.lastIndex;
    const [whole, slash, tag, attributes] = match;
    if (tag === undefined) {
      problems.push(...textProblems(whole, entity));
      continue;
    }
    if (!allowedTags.has(tag)) problems.push(`tag <${slash}${tag}>`);
    const pairs = [...(attributes ?? '').matchAll(/ ([a-z]+)="([^"]*)"/g)].map(([, name = '', value = '']) => ({ name, value }));
    if (slash === '/') {
      if (pairs.length > 0) problems.push(`attributes on </${tag}>`);
      if (voidTags.has(tag)) problems.push(`</${tag}> closes a void element`);
      else if (open.pop() !== tag) problems.push(`</${tag}> closes nothing`);
      continue;
    }
    if (tag === 'a' && open.includes('a')) problems.push('a link inside a link');
    if (tag === 'li' && open.at(-1) !== 'ul' && open.at(-1) !== 'ol') problems.push('<li> outside a list');
    problems.push(...attributeProblems(tag, pairs, entity));
    if (!voidTags.has(tag)) open.push(tag);
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
}

function attributeProblems(tag: string, pairs: Array<{ name: string; value: string }>, entity: RegExp): string[] {
  if (tag === 'a') return linkProblems(pairs, entity);
  if (tag === 'img') return imageProblems(pairs, entity);
  if (tag === 'ol' && pairs.length === 1 && pairs[0]?.name === 'start') return /^\d+$/.test(pairs[0].value) ? [] : [`<ol start="${pairs[0].value}">`];
  return pairs.length > 0 ? [`attributes on <${tag}>: ${pairs.map((pair) => pair.name).join(',')}`] : [];
}

function textProblems(text: string, entity: RegExp): string[] {
  const problems: string[] = [];
  if (/[>"']/.test(text)) problems.push(`unescaped > or quote in text: ${text.slice(0, 40)}`);
  for (let index = text.indexOf('&'); index >= 0; index = text.indexOf('&', index + 1)) {
    entity.lastIndex = index;
    if (!entity.test(text)) problems.push(`bare & at: ${text.slice(index, index + 12)}`);
  }
  return problems;
}

// What a browser would follow: entities decoded, tabs and newlines dropped, leading controls trimmed.
function followedUrl(attribute: string): string {
  let followed = attribute
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '')
    .replace(/[\t\n\r]/g, '');
  while (followed !== '' && followed.charCodeAt(0) <= 0x20) followed = followed.slice(1);
  return followed;
}

function linkProblems(pairs: Array<{ name: string; value: string }>, entity: RegExp): string[] {
  const names = pairs.map((pair) => pair.name).join(',');
  if (names !== 'href,rel,target') return [`<a> attributes ${names}`];
  const [href, rel, target] = pairs.map((pair) => pair.value) as [string, string, string];
  const problems = textProblems(href, entity);
  if (rel !== 'noopener noreferrer nofollow' || target !== '_blank') problems.push(`rel="${rel}" target="${target}"`);
  const followed = followedUrl(href);
  if (!/^(https?:\/\/|mailto:)/i.test(followed)) problems.push(`href ${href}`);
  if (/\s/.test(followed)) problems.push(`whitespace in href ${href}`);
  return problems;
}

function imageProblems(pairs: Array<{ name: string; value: string }>, entity: RegExp): string[] {
  const names = pairs.map((pair) => pair.name).join(',');
  if (names !== 'src,alt') return [`<img> attributes ${names}`];
  const [src, alt] = pairs.map((pair) => pair.value) as [string, string];
  const problems = [...textProblems(src, entity), ...textProblems(alt, entity)];
  if (!/^(https?|blob):/i.test(followedUrl(src))) problems.push(`src ${src}`);
  return problems;
}

describe('the safety checker used below', () => {
  it.each([
    '<script>alert(1)</script>',
    '<p onclick="x">a</p>',
    '<a href="javascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="java&#39;script:x" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="https://x.com" onmouseover="x" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="https://x.com">x</a>',
    '<p>"quoted"</p>',
    '<p>a & b</p>',
    '<p><em>a</p></em>',
    '<p>unclosed',
    '<p>a < b</p>',
  ])('flags %j', (html) => {
    expect(unsafeParts(html)).not.toEqual([]);
  });

  it.each([
    '<ul start="2"><li>a</li></ul>',
    '<ol start="2x"><li>a</li></ol>',
    '<ol start=""><li>a</li></ol>',
    '<ol type="a"><li>a</li></ol>',
    '<li>a</li>',
    '<ul><p><li>a</li></p></ul>',
    '<blockquote cite="https://x.com"><p>a</p></blockquote>',
    '<p><img src="javascript:alert(1)" alt=""></p>',
    '<p><img src="data:image/png;base64,AAAA" alt=""></p>',
    '<p><img src="//evil.example/x.png" alt=""></p>',
    '<p><img src="https://x.com/a.png" alt="" onerror="alert(1)"></p>',
    '<p><img alt="" src="https://x.com/a.png"></p>',
    '<p><img src="https://x.com/a.png"></p>',
    '<p><img src="https://x.com/a.png" alt="a"b"></p>',
    '<p><img src="https://x.com/a.png" alt="<b>"></p>',
    '<p><img src="https://x.com/a.png" alt=""></img></p>',
    '<p><a href="https://x.com" rel="noopener noreferrer nofollow" target="_blank" start="1">x</a></p>',
  ])('flags %j', (html) => {
    expect(unsafeParts(html)).not.toEqual([]);
  });

  it('accepts what the renderer writes', () => {
    expect(unsafeParts(`<p><strong>a</strong><br><em>b</em> <code>&lt;c&gt;</code> ${linkTo('mailto:a@b.c')}</p><pre><code>x</code></pre>`)).toEqual([]);
    expect(
      unsafeParts(
        '<ul><li>a</li></ul><ol start="3"><li><em>b</em></li></ol><blockquote><p>q<br>r</p><p>s</p></blockquote>' +
          '<p><img src="blob:https://x.com/0f8fad5b" alt="a &lt;b&gt; &quot;c&quot;"></p><p><img src="HTTP://x.com/a.png?a=1&amp;b=2" alt=""></p>',
      ),
    ).toEqual([]);
  });
});

describe('renderMarkup: what authors can write', () => {
  it.each([
    ['', ''],
    ['Hello', '<p>Hello</p>'],
    ['Привет, **мир**', '<p>Привет, <strong>мир</strong></p>'],
    ['**Жирный** и _курсив_', '<p><strong>Жирный</strong> и <em>курсив</em></p>'],
    ['_italic_ and *italic*', '<p><em>italic</em> and <em>italic</em></p>'],
    ['_a_, *b*! (**c**)', '<p><em>a</em>, <em>b</em>! (<strong>c</strong>)</p>'],
    ['**bold _and italic_**', '<p><strong>bold <em>and italic</em></strong></p>'],
    ['*italic **and bold***', '<p>*italic **and bold***</p>'],
    ['_italic **and bold**_', '<p><em>italic <strong>and bold</strong></em></p>'],
    ['`**not bold** <b>`', '<p><code>**not bold** &lt;b&gt;</code></p>'],
    ['run `npm test` then `make`', '<p>run <code>npm test</code> then <code>make</code></p>'],
    ['```\nif (a < b) **x**\n_y_\n```', '<pre><code>if (a &lt; b) **x**\n_y_</code></pre>'],
    ['```one line```', '<pre><code>one line</code></pre>'],
    ['look:\n```\ncode\n```\nthanks', '<p>look:</p><pre><code>code</code></pre><p>thanks</p>'],
    ['line one\nline two', '<p>line one<br>line two</p>'],
    ['para one\n\npara two', '<p>para one</p><p>para two</p>'],
    ['\n\n  \nonly\n\n\n', '<p>only</p>'],
    ['one\n \t \ntwo', '<p>one</p><p>two</p>'],
    ['crlf\r\nline\r\n\r\npara\rcr', '<p>crlf<br>line</p><p>para<br>cr</p>'],
    ['see https://example.com/path?q=1&x=2.', `<p>see ${linkTo('https://example.com/path?q=1&amp;x=2')}.</p>`],
    ['https://en.wikipedia.org/wiki/Mercury_(planet)', `<p>${linkTo('https://en.wikipedia.org/wiki/Mercury_(planet)')}</p>`],
    ['(https://example.com)', `<p>(${linkTo('https://example.com')})</p>`],
    ['Is it http://example.com?', `<p>Is it ${linkTo('http://example.com')}?</p>`],
    ['links: https://a.com, https://b.com!', `<p>links: ${linkTo('https://a.com')}, ${linkTo('https://b.com')}!</p>`],
    ['write to mailto:support@example.com!', `<p>write to ${linkTo('mailto:support@example.com')}!</p>`],
    ['mailto:a@b.com?subject=Hi', `<p>${linkTo('mailto:a@b.com?subject=Hi')}</p>`],
    ['HTTPS://EXAMPLE.COM', `<p>${linkTo('HTTPS://EXAMPLE.COM')}</p>`],
    ['**https://example.com**', `<p><strong>${linkTo('https://example.com')}</strong></p>`],
    ['_see https://example.com_', `<p><em>see ${linkTo('https://example.com')}</em></p>`],
    ['https://example.com/a_b_c/**x**', `<p>${linkTo('https://example.com/a_b_c/**x')}**</p>`],
    ['https://пример.рф/путь', `<p>${linkTo('https://пример.рф/путь')}</p>`],
    ["it's https://x.com/it's", `<p>it&#39;s ${linkTo('https://x.com/it&#39;s')}</p>`],
    ['<b>bold</b>', '<p>&lt;b&gt;bold&lt;/b&gt;</p>'],
    ['Tom & Jerry\'s "show"', '<p>Tom &amp; Jerry&#39;s &quot;show&quot;</p>'],
  ])('%j', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
    expect(unsafeParts(renderMarkup(raw))).toEqual([]);
  });
});

describe('renderMarkup: what stays text', () => {
  it.each([
    ['snake_case_names and my_var_', '<p>snake_case_names and my_var_</p>'],
    ['имя_переменной_тут', '<p>имя_переменной_тут</p>'],
    ['2*3*4 = 24', '<p>2*3*4 = 24</p>'],
    ['a * b * c', '<p>a * b * c</p>'],
    ['** not bold **', '<p>** not bold **</p>'],
    ['**a**b', '<p>**a**b</p>'],
    ['***x***', '<p>***x***</p>'],
    ['__not bold__', '<p>__not bold__</p>'],
    ['****', '<p>****</p>'],
    ['**unterminated', '<p>**unterminated</p>'],
    ['_a **b_ c**', '<p><em>a **b</em> c**</p>'],
    ['`unterminated', '<p>`unterminated</p>'],
    ['empty `` code', '<p>empty `` code</p>'],
    ['```unterminated', '<p>```unterminated</p>'],
    ['``````', '<p>``````</p>'],
    ['multi\n**bold\nacross**', '<p>multi<br>**bold<br>across**</p>'],
    ['ftp://example.com', '<p>ftp://example.com</p>'],
    ['http:// and https://', '<p>http:// and https://</p>'],
    ['mailto:nobody and mailto:a@b@c.com', '<p>mailto:nobody and mailto:a@b@c.com</p>'],
    ['xhttps://example.com', '<p>xhttps://example.com</p>'],
    ['www.example.com and support@example.com', '<p>www.example.com and support@example.com</p>'],
    ['[text](https://example.com)', `<p>[text](${linkTo('https://example.com')})</p>`],
  ])('%j', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
  });
});

// An attachment id as the API returns it, one in capitals as an author might paste it, and a
// resolver that knows only the first: the caller's own lookup in the message's attachments.
const imageId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const otherId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const fileUrl = (attachmentId: string): string => `https://files.example/${attachmentId}`;
const knownImage: MarkupOptions = { image: (attachmentId) => (attachmentId === imageId ? fileUrl(attachmentId) : undefined) };
const imgOf = (alt: string): string => `<p><img src="${fileUrl(imageId)}" alt="${alt}"></p>`;
const imageLine = (alt: string, id = imageId): string => `![${alt}](attachment:${id})`;

describe('renderMarkup: lists', () => {
  it.each([
    ['- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['* a\n* b', '<ul><li>a</li><li>b</li></ul>'],
    ['• a\n• b', '<ul><li>a</li><li>b</li></ul>'],
    ['- a\n* b\n• c', '<ul><li>a</li><li>b</li><li>c</li></ul>'],
    ['-\ttab', '<ul><li>tab</li></ul>'],
    ['-   spaces', '<ul><li>spaces</li></ul>'],
    ['   - three spaces of indent', '<ul><li>three spaces of indent</li></ul>'],
    ['1. one\n2. two', '<ol><li>one</li><li>two</li></ol>'],
    ['1) one\n2) two', '<ol><li>one</li><li>two</li></ol>'],
    ['1. one\n1. two\n7) three', '<ol><li>one</li><li>two</li><li>three</li></ol>'],
    ['3. c\n4. d', '<ol start="3"><li>c</li><li>d</li></ol>'],
    ['0. zero', '<ol start="0"><li>zero</li></ol>'],
    ['007. seven', '<ol start="7"><li>seven</li></ol>'],
    ['999. last', '<ol start="999"><li>last</li></ol>'],
    ['- **bold** and _em_\n- `code` https://x.com', `<ul><li><strong>bold</strong> and <em>em</em></li><li><code>code</code> ${linkTo('https://x.com')}</li></ul>`],
    ['* item', '<ul><li>item</li></ul>'],
    ['* *italic* item', '<ul><li><em>italic</em> item</li></ul>'],
    ['- <b>', '<ul><li>&lt;b&gt;</li></ul>'],
    // A bullet right after a numbered list starts a new list, and the other way round.
    ['- a\n1. b', '<ul><li>a</li></ul><ol><li>b</li></ol>'],
    ['1. a\n- b\n2. c', '<ol><li>a</li></ol><ul><li>b</li></ul><ol start="2"><li>c</li></ol>'],
    ['- a\n\n- b', '<ul><li>a</li></ul><ul><li>b</li></ul>'],
    ['intro\n- a\n- b\nafter', '<p>intro</p><ul><li>a</li><li>b</li></ul><p>after</p>'],
    ['intro:\n1. a\n\nafter', '<p>intro:</p><ol><li>a</li></ol><p>after</p>'],
    ['look:\n```\ncode\n```\n- a', '<p>look:</p><pre><code>code</code></pre><ul><li>a</li></ul>'],
    ['```\n- a\n1. b\n```', '<pre><code>- a\n1. b</code></pre>'],
  ])('%j', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each([
    ['*italic* at the start', '<p><em>italic</em> at the start</p>'],
    ['**bold** at the start', '<p><strong>bold</strong> at the start</p>'],
    ['2024. was a good year', '<p>2024. was a good year</p>'],
    ['1000. items', '<p>1000. items</p>'],
    ['1.5 litres', '<p>1.5 litres</p>'],
    ['1.no space', '<p>1.no space</p>'],
    ['-1 degrees', '<p>-1 degrees</p>'],
    ['--- a', '<p>--- a</p>'],
    ['- ', '<p>- </p>'],
    ['1. \t', '<p>1. \t</p>'],
    ['-   \n- a', '<p>-   </p><ul><li>a</li></ul>'],
    ['    - four spaces of indent', '<p>    - four spaces of indent</p>'],
    ['a - b\n1 2. c', '<p>a - b<br>1 2. c</p>'],
  ])('%j stays text', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
  });
});

describe('renderMarkup: quotes', () => {
  it.each([
    ['> quoted', '<blockquote><p>quoted</p></blockquote>'],
    ['>no space', '<blockquote><p>no space</p></blockquote>'],
    ['>  two spaces', '<blockquote><p> two spaces</p></blockquote>'],
    ['   > three spaces of indent', '<blockquote><p>three spaces of indent</p></blockquote>'],
    ['> one\n> two', '<blockquote><p>one<br>two</p></blockquote>'],
    ['> one\n>\n> two', '<blockquote><p>one</p><p>two</p></blockquote>'],
    ['> one\n> \n>  \t\n>\n> two', '<blockquote><p>one</p><p>two</p></blockquote>'],
    ['>\n> only\n>', '<blockquote><p>only</p></blockquote>'],
    ['> **bold** `code` https://x.com', `<blockquote><p><strong>bold</strong> <code>code</code> ${linkTo('https://x.com')}</p></blockquote>`],
    ['> <script>', '<blockquote><p>&lt;script&gt;</p></blockquote>'],
    // Blocks do not nest: list and quote markers inside a quote are its text.
    ['> - a\n> 1. b', '<blockquote><p>- a<br>1. b</p></blockquote>'],
    ['> > deeper', '<blockquote><p>&gt; deeper</p></blockquote>'],
    ['> - > -', '<blockquote><p>- &gt; -</p></blockquote>'],
    ['- > a', '<ul><li>&gt; a</li></ul>'],
    ['> a\n\n> b', '<blockquote><p>a</p></blockquote><blockquote><p>b</p></blockquote>'],
    ['> a\nafter', '<blockquote><p>a</p></blockquote><p>after</p>'],
    ['before\n> a', '<p>before</p><blockquote><p>a</p></blockquote>'],
    ['- a\n> b\n1. c\nd', '<ul><li>a</li></ul><blockquote><p>b</p></blockquote><ol><li>c</li></ol><p>d</p>'],
    ['>', ''],
    ['>\n> \n>', ''],
    ['text\n>\nmore', '<p>text</p><p>more</p>'],
  ])('%j', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each([
    ['    > four spaces of indent', '<p>    &gt; four spaces of indent</p>'],
    ['=> arrow', '<p>=&gt; arrow</p>'],
    ['a > b', '<p>a &gt; b</p>'],
  ])('%j stays text', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
  });
});

describe('renderMarkup: backslash escapes', () => {
  const asciiPunctuation = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

  it('covers all 32 ASCII punctuation characters', () => {
    expect(asciiPunctuation).toHaveLength(32);
    expect(asciiPunctuation.every((character) => /^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]$/.test(character))).toBe(true);
  });

  it.each(asciiPunctuation)('\\%s stands for the character itself', (character) => {
    expect(renderMarkup(`a\\${character}b`)).toBe(`<p>a${escapeHtml(character)}b</p>`);
    expect(plainText(`a\\${character}b`)).toBe(`a${character}b`);
  });

  it.each(['a', 'Z', '0', ' ', '\t', 'é', '«', '—', '•', '😀'])('a backslash before %j stays', (character) => {
    expect(renderMarkup(`a\\${character}b`)).toBe(`<p>a\\${escapeHtml(character)}b</p>`);
  });

  it.each([
    ['\\*not em\\*', '<p>*not em*</p>'],
    ['\\_not em\\_', '<p>_not em_</p>'],
    ['\\*\\*not bold\\*\\*', '<p>**not bold**</p>'],
    ['*em \\* inside*', '<p><em>em * inside</em></p>'],
    ['**a\\*b**', '<p><strong>a*b</strong></p>'],
    ['\\`not code\\`', '<p>`not code`</p>'],
    ['\\`a` b `c`', '<p>`a<code> b </code>c`</p>'],
    ['\\\\', '<p>\\</p>'],
    ['\\\\\\\\', '<p>\\\\</p>'],
    ['\\\\*em*', '<p>\\<em>em</em></p>'],
    ['\\\\`code`', '<p>\\<code>code</code></p>'],
    ['trailing \\', '<p>trailing \\</p>'],
    ['C:\\Users\\me', '<p>C:\\Users\\me</p>'],
    ['\\<b\\>', '<p>&lt;b&gt;</p>'],
    ['\\&amp;', '<p>&amp;amp;</p>'],
    // Lines are classified as written, so an escaped marker makes a text line.
    ['\\- x', '<p>- x</p>'],
    ['\\* x', '<p>* x</p>'],
    ['1\\. x', '<p>1. x</p>'],
    ['1\\) x', '<p>1) x</p>'],
    ['\\> x', '<p>&gt; x</p>'],
    ['- \\- x', '<ul><li>- x</li></ul>'],
    ['> \\> x', '<blockquote><p>&gt; x</p></blockquote>'],
    [`\\${imageLine('a')}`, `<p>${imageLine('a')}</p>`],
    // An autolink ends at a backslash; what follows is escaped as anywhere else.
    ['https://x.com/a\\_b', `<p>${linkTo('https://x.com/a')}_b</p>`],
    ['\\https://x.com', `<p>\\${linkTo('https://x.com')}</p>`],
    // Not inside code spans and code blocks: there a backslash is what it is.
    ['`\\*`', '<p><code>\\*</code></p>'],
    ['`a\\`b`', '<p><code>a\\</code>b`</p>'],
    ['```\n\\*x\\_ \\\\\n```', '<pre><code>\\*x\\_ \\\\</code></pre>'],
  ])('%j', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
    expect(unsafeParts(html)).toEqual([]);
  });
});

describe('renderMarkup: image lines', () => {
  it.each([
    [imageLine('Screenshot'), imgOf('Screenshot')],
    [imageLine(''), imgOf('')],
    [imageLine('a', imageId.toUpperCase()), imgOf('a')],
    [`   ${imageLine('indented')} \t`, imgOf('indented')],
    [imageLine('[bracket'), imgOf('[bracket')],
    [imageLine('x'.repeat(200)), imgOf('x'.repeat(200))],
    [imageLine('**not bold** `code`'), imgOf('**not bold** `code`')],
    [imageLine('<script>alert(1)</script>'), imgOf('&lt;script&gt;alert(1)&lt;/script&gt;')],
    [imageLine('" onerror="alert(1)'), imgOf('&quot; onerror=&quot;alert(1)')],
    [`before\n${imageLine('a')}\nafter`, `<p>before</p>${imgOf('a')}<p>after</p>`],
    [`${imageLine('a')}\n${imageLine('b')}`, `${imgOf('a')}${imgOf('b')}`],
    [`- item\n${imageLine('a')}\n> quote`, `<ul><li>item</li></ul>${imgOf('a')}<blockquote><p>quote</p></blockquote>`],
  ])('%j with a resolver', (raw, html) => {
    expect(renderMarkup(raw, knownImage)).toBe(html);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each([
    [imageLine('Screenshot'), `<p>${imageLine('Screenshot')}</p>`],
    [`  ${imageLine('trimmed')}  `, `<p>${imageLine('trimmed')}</p>`],
    [imageLine('<script>'), `<p>${imageLine('&lt;script&gt;')}</p>`],
    // The source is shown as written: no emphasis, no escapes.
    [imageLine('**a** \\*'), `<p>${imageLine('**a** \\*')}</p>`],
  ])('%j without a resolver shows the line', (raw, html) => {
    expect(renderMarkup(raw)).toBe(html);
    expect(renderMarkup(raw, {})).toBe(html);
    expect(unsafeParts(html)).toEqual([]);
  });

  it('shows the line when the resolver does not know the id', () => {
    expect(renderMarkup(imageLine('a', otherId), knownImage)).toBe(`<p>${imageLine('a', otherId)}</p>`);
  });

  it('asks the resolver with the id in lower case and the alt as written', () => {
    const asked: Array<[string, string]> = [];
    renderMarkup(imageLine('Alt <text>', imageId.toUpperCase()), { image: (...args) => void asked.push(args) });
    expect(asked).toEqual([[imageId, 'Alt <text>']]);
  });

  it.each([
    ['too long an alt', imageLine('x'.repeat(201))],
    ['a ] in the alt', imageLine('a]b')],
    ['text after it', `${imageLine('a')} and more`],
    ['text before it', `see ${imageLine('a')}`],
    ['a list marker', `- ${imageLine('a')}`],
    ['no !', `[a](attachment:${imageId})`],
    ['a web address', '![a](https://evil.example/x.png)'],
    ['a javascript: address', '![a](javascript:alert(1))'],
    ['an upper-case scheme', `![a](ATTACHMENT:${imageId})`],
    ['a space in the link', `![a]( attachment:${imageId})`],
    ['35 characters', imageLine('a', imageId.slice(1))],
    ['37 characters', imageLine('a', `${imageId}0`)],
    ['a non-hex character', imageLine('a', `g${imageId.slice(1)}`)],
    ['no dashes', imageLine('a', `${imageId.replaceAll('-', '')}0000`)],
    ['dashes out of place', imageLine('a', '0f8fad5bd-9cb-469f-a165-70867728950e')],
    ['36 dashes', imageLine('a', '-'.repeat(36))],
  ])('%s: not an image line', (_, raw) => {
    const html = renderMarkup(raw, knownImage);
    expect(html).not.toContain('<img');
    expect(html).toBe(renderMarkup(raw));
    expect(inlineImageIds(raw)).toEqual([]);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:image/png;base64,iVBORw0KGgo=',
    'vbscript:msgbox(1)',
    'ftp://files.example/a.png',
    'file:///etc/passwd',
    '//evil.example/a.png',
    '/v1/attachments/a.png',
    'a.png',
    ' https://files.example/a.png',
    '\u0001https://files.example/a.png',
    'java\tscript:alert(1)',
    'https:',
    '',
  ])('refuses the resolver URL %j', (url) => {
    expect(renderMarkup(imageLine('a'), { image: () => url })).toBe(`<p>${imageLine('a')}</p>`);
  });

  it.each([
    ['https://files.example/a.png', 'https://files.example/a.png'],
    ['http://localhost:3000/a.png', 'http://localhost:3000/a.png'],
    ['HTTPS://FILES.EXAMPLE/A.PNG', 'HTTPS://FILES.EXAMPLE/A.PNG'],
    ['blob:https://console.example/2b0e8c1e-6c1a-4a57-9f7b-5f8d6c1b2a3d', 'blob:https://console.example/2b0e8c1e-6c1a-4a57-9f7b-5f8d6c1b2a3d'],
    ['https://files.example/a.png?x=1&y="2"', 'https://files.example/a.png?x=1&amp;y=&quot;2&quot;'],
    ['https://files.example/"onerror="alert(1)', 'https://files.example/&quot;onerror=&quot;alert(1)'],
  ])('accepts and escapes the resolver URL %j', (url, src) => {
    const html = renderMarkup(imageLine('a'), { image: () => url });
    expect(html).toBe(`<p><img src="${src}" alt="a"></p>`);
    expect(unsafeParts(html)).toEqual([]);
  });
});

describe('markupSegments', () => {
  it.each([
    ['', []],
    ['hello', [{ kind: 'html', html: '<p>hello</p>' }]],
    ['a\n\n- b\n> c', [{ kind: 'html', html: '<p>a</p><ul><li>b</li></ul><blockquote><p>c</p></blockquote>' }]],
    [
      `intro\n${imageLine('one', imageId.toUpperCase())}\n- a\n\n${imageLine('')}\n  ${imageLine('two', otherId)}  `,
      [
        { kind: 'html', html: '<p>intro</p>' },
        { kind: 'image', attachmentId: imageId, alt: 'one', source: imageLine('one', imageId.toUpperCase()) },
        { kind: 'html', html: '<ul><li>a</li></ul>' },
        { kind: 'image', attachmentId: imageId, alt: '', source: imageLine('') },
        { kind: 'image', attachmentId: otherId, alt: 'two', source: imageLine('two', otherId) },
      ],
    ],
  ])('%j', (raw, segments) => {
    expect(markupSegments(raw)).toEqual(segments);
  });

  it('writes the HTML renderMarkup writes', () => {
    for (const raw of ['**a**\n- b\n1. c\n> d', `a\n${imageLine('x')}\nb`, 'x\n```\ny\n```\nz']) {
      expect(joinedSegments(raw, knownImage)).toBe(renderMarkup(raw, knownImage));
    }
  });
});

describe('inlineImageIds', () => {
  it.each([
    ['', []],
    ['no images here', []],
    [`${imageLine('a', otherId)}\ntext\n${imageLine('b', imageId.toUpperCase())}\n${imageLine('c')}\n${imageLine('d', otherId)}`, [otherId, imageId]],
    // Only image lines count: not a code block, a quote, a list item, an escaped line or a bad id.
    [`\`\`\`\n${imageLine('a')}\n\`\`\`\n> ${imageLine('b')}\n- ${imageLine('c')}\n\\${imageLine('d')}\n${imageLine('e', 'x')}`, []],
  ])('%j', (raw, ids) => {
    expect(inlineImageIds(raw)).toEqual(ids);
  });
});

// What the UI shows: HTML segments as they are, an image segment as renderMarkup would show it.
function joinedSegments(raw: string, options: MarkupOptions): string {
  return markupSegments(raw)
    .map((segment) => (segment.kind === 'html' ? segment.html : renderMarkup(segment.source, options)))
    .join('');
}

// Each of these must come out with no tag but the renderer's own, no event handler, and no link
// anywhere but http(s) or mailto.
const hostile = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://x.com" onclick="alert(1)">x</a>',
  '<style>body{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '"><script>alert(1)</script>',
  '</p><script>alert(1)</script><p>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '\u003cscript\u003ealert(1)\u003c/script\u003e',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  ' \u0001javascript:alert(1)',
  'javascript\u0000:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript&colon;alert(1)',
  'javascript&#58;alert(1)',
  'ｊａｖａｓｃｒｉｐｔ:alert(1)',
  '[click](javascript:alert(1))',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'https:javascript:alert(1)',
  'https://javascript:alert(1)',
  'mailto:javascript:alert(1)',
  'mailto:a@b.com"onclick="alert(1)',
  '**<b>**',
  '**<img src=x onerror=alert(1)>**',
  '_<i>_ *<svg onload=alert(1)>*',
  '`<script>alert(1)</script>`',
  '```<script>alert(1)</script>```',
  'https://x.com/"onmouseover="alert(1)',
  "https://x.com/'onmouseover='alert(1)",
  'https://x.com/%22onmouseover=%22alert(1)',
  'https://x.com/<script>alert(1)</script>',
  'https://x.com/`onclick=alert(1)`',
  'https://x.com/**<b>**',
  '**https://x.com/**"onmouseover=alert(1)',
  'https://x.com/\u202egnp.exe',
  'https://exa\u200bmple.com',
  'https://x.com/\u0000"><script>',
  'http://x.com/?a=<b>&c="d"',
  '_**_**',
  '`` ` ``',
  '**_`<b>`_**',
  '<p onclick=alert(1)>**x**</p>',
  '\u2028<script>\u2029alert(1)',
];

describe('renderMarkup: hostile input', () => {
  it('has a corpus of at least 30 attacks', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostile)('%j renders as text or safe markup', (raw) => {
    const html = renderMarkup(raw);
    expect(unsafeParts(html)).toEqual([]);
    expect(html).not.toMatch(/<(?!\/?(p|br|strong|em|code|pre|a)[ >])/);
  });

  it('never turns a script scheme into a link, whatever the spelling', () => {
    for (const raw of hostile) {
      for (const [, href = ''] of renderMarkup(raw).matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  });

  it('ends a link at a quote, so the quote cannot close the attribute', () => {
    expect(renderMarkup('https://x.com/"onmouseover="alert(1)')).toBe(`<p>${linkTo('https://x.com/')}&quot;onmouseover=&quot;alert(1)</p>`);
  });

  it('shows raw HTML as the text it is', () => {
    expect(renderMarkup('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(renderMarkup('**<b>**')).toBe('<p><strong>&lt;b&gt;</strong></p>');
  });

  it('stays safe on random mixes of markers, quotes, brackets and schemes', () => {
    const pieces = ['*', '**', '_', '`', '```', '<', '>', '"', "'", '&', ' ', '\n', '\n\n', 'a', 'Ж', '(', ')', '.', '\t', 'https://x.com/', 'mailto:a@b.c', 'javascript:', '<b>', '\u202e'];
    let seed = 42;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    for (let round = 0; round < 2000; round += 1) {
      const raw = Array.from({ length: random(40) }, () => pieces[random(pieces.length)]).join('');
      const problems = unsafeParts(renderMarkup(raw));
      if (problems.length > 0) expect.fail(`${JSON.stringify(raw)}: ${problems.join('; ')}`);
    }
  });
});

// The same contract for lists, quotes, escapes and image lines, with resolvers that try to smuggle
// a script in through the URL.
const hostileBlocks = [
  '> <script>alert(1)</script>',
  '- <img src=x onerror=alert(1)>',
  '1. <svg onload=alert(1)>',
  '1" onclick="alert(1). x',
  '999999999. x',
  '-1. x\n1e3. x\n0x10. x',
  '> - > - > <b>',
  '- > - > **<i>**',
  '> - > -\n- > - >\n1. > - 1.',
  '- javascript:alert(1)',
  '> https://x.com/"onmouseover="alert(1)',
  '1. mailto:a@b.com"onclick="alert(1)',
  '\\<script>alert(1)\\</script>',
  '\\',
  '\\"\\\'\\&\\<\\>',
  '`\\`<b>`',
  '> ```\n- <b>```',
  `![<script>alert(1)</script>](attachment:${imageId})`,
  `![" onerror="alert(1)](attachment:${imageId})`,
  `![x](attachment:${imageId}" onerror="alert(1))`,
  `![x](attachment:${imageId})<script>`,
  '![x](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  `![x](attachment:${imageId})\n> ![x](attachment:${imageId})\n- ![x](attachment:${imageId})`,
];

const hostileResolvers: Array<MarkupOptions['image']> = [
  undefined,
  () => 'javascript:alert(1)',
  () => 'https://x.test/" onerror="alert(1)',
  () => "https://x.test/' onerror='alert(1)",
  () => 'blob:https://x.test/<script>alert(1)</script>',
  () => 'data:text/html,<script>alert(1)</script>',
  (id, alt) => `https://x.test/${id}?alt=${alt}`,
];

describe('renderMarkup: hostile lists, quotes, escapes and images', () => {
  it.each(hostileBlocks)('%j renders as text or safe markup', (raw) => {
    for (const image of hostileResolvers) {
      const html = renderMarkup(raw, { image });
      expect(unsafeParts(html)).toEqual([]);
      expect(html).not.toMatch(/<(?!\/?(p|br|strong|em|code|pre|a|ul|ol|li|blockquote|img)[ >])/);
      expect(joinedSegments(raw, { image })).toBe(html);
    }
  });

  it('never shows an image from a URL that is not http(s) or blob:', () => {
    for (const raw of hostileBlocks) {
      for (const image of hostileResolvers) {
        for (const [, src = ''] of renderMarkup(raw, { image }).matchAll(/src="([^"]*)"/g)) expect(src).toMatch(/^(https?|blob):/i);
      }
    }
  });

  it('stays safe on random mixes of block markers, escapes and image lines', () => {
    const pieces = ['> ', '>', '- ', '* ', '• ', '1. ', '12) ', '2024. ', '   ', '\\', '\\\\', '![', ']', '](attachment:', imageId, ')', '\n', '\n\n', ' ', 'a', '*', '_', '`', '```', '<', '"', '&', 'https://x.com/', 'javascript:'];
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % below;
    };
    for (let round = 0; round < 2000; round += 1) {
      const raw = Array.from({ length: random(40) }, () => pieces[random(pieces.length)]).join('');
      for (const image of [undefined, knownImage.image, hostileResolvers[2]]) {
        const html = renderMarkup(raw, { image });
        const problems = unsafeParts(html);
        if (problems.length > 0) expect.fail(`${JSON.stringify(raw)}: ${problems.join('; ')}`);
        if (joinedSegments(raw, { image }) !== html) expect.fail(`${JSON.stringify(raw)}: segments differ from renderMarkup`);
      }
    }
  });
});

describe('renderMarkup: long input', () => {
  // No timing threshold: a catastrophic (quadratic or exponential) path would not return within
  // the test timeout, and a linear one returns at once.
  it.each([
    ['10k asterisks', '*'.repeat(10_000)],
    ['10k underscores', '_'.repeat(10_000)],
    ['10k backticks', '`'.repeat(10_000)],
    ['**a repeated', '**a'.repeat(3_333)],
    ['*a and a space repeated', '*a '.repeat(3_333)],
    ['alternating _* markers', '_*'.repeat(5_000)],
    ['deeply nested emphasis', `${'_a *a '.repeat(800)}${'a* a_ '.repeat(800)}`],
    ['unterminated code spans', 'a`'.repeat(5_000)],
    ['broken fences', '```a'.repeat(2_500)],
    ['rejected schemes in a row', 'http://:'.repeat(1_250)],
    ['a long link', `https://x.com/${'a'.repeat(9_980)}`],
    ['a link ending in parentheses', `https://x.com/${')'.repeat(9_980)}`],
    ['a link full of markers', `https://x.com/${'**_'.repeat(3_300)}`],
    ['many short lines', 'a\n'.repeat(5_000)],
    ['many blank lines', '\n'.repeat(10_000)],
    ['one long word', 'h'.repeat(10_000)],
    ['script tags', '<script>'.repeat(1_250)],
  ])('%s returns safe markup', (_, raw) => {
    expect(raw.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    const html = renderMarkup(raw);
    expect(unsafeParts(html)).toEqual([]);
    expect(plainText(raw).length).toBeLessThanOrEqual(raw.length);
  });

  it('nests thousands of emphasis markers properly', () => {
    const html = renderMarkup(`${'_a *a '.repeat(800)}${'a* a_ '.repeat(800)}`);
    expect(html.startsWith('<p><em>a <em>a <em>a ')).toBe(true);
    expect(html.match(/<em>/g)).toHaveLength(1_600);
    expect(unsafeParts(html)).toEqual([]);
  });

  // Past the body limit on purpose (the renderer does not enforce it): the larger the input, the
  // surer a quadratic path shows as a timeout.
  it.each([
    ['10k empty quote lines', '>\n'.repeat(10_000)],
    ['10k quote lines', '> a\n'.repeat(10_000)],
    ['10k quote markers on one line', '> '.repeat(10_000)],
    ['10k quote lines alternating with blanks', '> a\n>\n'.repeat(5_000)],
    ['10k bullet lines', '- a\n'.repeat(10_000)],
    ['10k empty bullet lines', '- \n'.repeat(10_000)],
    ['10k bullet markers on one line', `${'- '.repeat(10_000)}a`],
    ['10k numbered lines', '999. a\n'.repeat(10_000)],
    ['10k lists of alternating kinds', '- a\n1. b\n'.repeat(5_000)],
    ['10k years', '2024. a\n'.repeat(10_000)],
    ['nested quote and list markers', '> - > -\n'.repeat(10_000)],
    ['nested markers on one line', `${'> - '.repeat(5_000)}**a**`],
    ['alternating quote, list and text lines', '> a\n- b\nc\n'.repeat(5_000)],
    ['10k backslashes', '\\'.repeat(10_000)],
    ['10k escaped asterisks', '\\*'.repeat(10_000)],
    ['escapes between markers', '*\\*_\\_'.repeat(5_000)],
    ['escaped backticks', '\\``'.repeat(5_000)],
    ['10k image lines', `${imageLine('a')}\n`.repeat(10_000)],
    ['almost image lines', `![${'a'.repeat(200)}](attachment:${imageId.slice(1)})\n`.repeat(1_000)],
    ['an unclosed alt', `![${'['.repeat(20_000)}`],
    ['10k image openers on one line', '!['.repeat(10_000)],
  ])('%s returns safe markup', (_, raw) => {
    const html = renderMarkup(raw, knownImage);
    expect(unsafeParts(html)).toEqual([]);
    expect(joinedSegments(raw, knownImage)).toBe(html);
    expect(plainText(raw).length).toBeLessThanOrEqual(2 * raw.length);
  });
});

describe('plainText', () => {
  it.each([
    ['', ''],
    ['Привет, **мир**', 'Привет, мир'],
    ['_a_ *b* `c` snake_case_names', 'a b c snake_case_names'],
    ['**unterminated and 2*3*4', '**unterminated and 2*3*4'],
    ['see **https://x.com/a_b**.', 'see https://x.com/a_b.'],
    ['look:\n```\n**code**\n```\nthanks', 'look:\n\n**code**\n\nthanks'],
    ['one\ntwo\n\n\n\nthree', 'one\ntwo\n\nthree'],
    ['<b>as typed</b> & "quoted"', '<b>as typed</b> & "quoted"'],
  ])('%j', (raw, text) => {
    expect(plainText(raw)).toBe(text);
  });
});

describe('plainText: lists, quotes, escapes and images', () => {
  it.each([
    ['- a\n* **b**\n• c', '• a\n• b\n• c'],
    ['1. a\n1. b\n1. c', '1. a\n2. b\n3. c'],
    ['7) a\n9) b', '7. a\n8. b'],
    ['0. a\n0. b', '0. a\n1. b'],
    ['- a\n1. b', '• a\n\n1. b'],
    ['intro\n- a\nafter', 'intro\n\n• a\n\nafter'],
    ['> a\n> _b_', '> a\n> b'],
    ['> a\n>\n>\n> b\n> c', '> a\n>\n> b\n> c'],
    ['>\n>', ''],
    ['> a\n\n> b', '> a\n\n> b'],
    [imageLine('Screenshot'), '[Screenshot]'],
    [imageLine(''), '[image]'],
    [`see\n${imageLine('a <b>')}\nthis`, 'see\n\n[a <b>]\n\nthis'],
    ['\\*not em\\* \\\\ \\q', '*not em* \\ \\q'],
    ['\\- x\n1\\. y\n\\> z', '- x\n1. y\n> z'],
    ['```\n\\*\n```', '\\*'],
  ])('%j', (raw, text) => {
    expect(plainText(raw)).toBe(text);
  });
});

describe('previewText', () => {
  it.each<[string, string]>([
    ['**Hello**,\n\nmy _order_ `42`', 'Hello, my order 42'],
    ['   spaced \t out  ', 'spaced out'],
    ['<b>as typed</b>', '<b>as typed</b>'],
    ['', ''],
    // Postgres text cannot hold NUL: control characters never reach the stored preview.
    ['a\u0000b\u0007c\u007f', 'a b c'],
  ])('%j', (raw, text) => {
    expect(previewText(raw)).toBe(text);
  });

  it.each<[string, string]>([
    ['Steps:\n1. open\n2. **click**', 'Steps: 1. open 2. click'],
    ['- a\n- b', '• a • b'],
    ['> quoted\n>\n> more\nreply', '> quoted > > more reply'],
    [`${imageLine('Screenshot')}\nlook`, '[Screenshot] look'],
  ])('%j', (raw, text) => {
    expect(previewText(raw)).toBe(text);
  });

  it(`cuts to ${PREVIEW_LENGTH} characters with an ellipsis, never inside an emoji`, () => {
    const long = `${'a'.repeat(138)}😀😀😀`;
    const preview = previewText(long);
    expect([...preview]).toHaveLength(PREVIEW_LENGTH);
    expect(preview).toBe(`${'a'.repeat(138)}😀…`);
    expect(previewText('x'.repeat(PREVIEW_LENGTH))).toBe('x'.repeat(PREVIEW_LENGTH));
    expect(previewText('word '.repeat(10), 8)).toBe('word wo…');
  });
});

describe('escapeHtml', () => {
  it('escapes every character that could start a tag, an entity or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('MAX_BODY_LENGTH', () => {
  it('is 10,000 characters', () => {
    expect(MAX_BODY_LENGTH).toBe(10_000);
  });
});
