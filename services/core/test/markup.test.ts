import { describe, expect, it } from 'vitest';
import { MAX_BODY_LENGTH, PREVIEW_LENGTH, escapeHtml, plainText, previewText, renderMarkup } from '../src/markup.js';

const linkTo = (url: string): string => `<a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${url}</a>`;

/**
 * Reads rendered HTML with a small tokenizer and returns every way it breaks the contract: only
 * the tags the renderer may write, only href/rel/target and only on <a>, only http(s)/mailto
 * hrefs, only known entities, properly nested. An empty list means the output is safe.
 */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const allowedTags = new Set(['p', 'br', 'strong', 'em', 'code', 'pre', 'a']);
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
      if (open.pop() !== tag) problems.push(`</${tag}> closes nothing`);
    } else if (tag === 'a') {
      if (open.includes('a')) problems.push('a link inside a link');
      problems.push(...linkProblems(pairs, entity));
      open.push(tag);
    } else {
      if (pairs.length > 0) problems.push(`attributes on <${tag}>: ${attributes ?? ''}`);
      if (tag !== 'br') open.push(tag);
    }
  }
  if (open.length > 0) problems.push(`unclosed ${open.join(', ')}`);
  return problems;
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

function linkProblems(pairs: Array<{ name: string; value: string }>, entity: RegExp): string[] {
  const names = pairs.map((pair) => pair.name).join(',');
  if (names !== 'href,rel,target') return [`<a> attributes ${names}`];
  const [href, rel, target] = pairs.map((pair) => pair.value) as [string, string, string];
  const problems = textProblems(href, entity);
  if (rel !== 'noopener noreferrer nofollow' || target !== '_blank') problems.push(`rel="${rel}" target="${target}"`);
  // What a browser would follow: entities decoded, tabs and newlines dropped, leading controls trimmed.
  let followed = href
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '')
    .replace(/[\t\n\r]/g, '');
  while (followed !== '' && followed.charCodeAt(0) <= 0x20) followed = followed.slice(1);
  if (!/^(https?:\/\/|mailto:)/i.test(followed)) problems.push(`href ${href}`);
  if (/\s/.test(followed)) problems.push(`whitespace in href ${href}`);
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

  it('accepts what the renderer writes', () => {
    expect(unsafeParts(`<p><strong>a</strong><br><em>b</em> <code>&lt;c&gt;</code> ${linkTo('mailto:a@b.c')}</p><pre><code>x</code></pre>`)).toEqual([]);
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
