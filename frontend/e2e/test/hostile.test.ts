// Hostile content never runs: message bodies, a customer's name, a topic, an agent's name and
// attachment file names full of markup and script are shown as text in the console and in the
// widget. Any script that did run would set window.__xss or open a dialog.
import { TestResources } from '@smartchat/platform/testing';
import { createServer, type Server } from 'node:http';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginToConsole, openPage, screenshot } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload=window.__xss=1>',
  '"><img src=x onerror=window.__xss=1>',
  "'><script>window.__xss=1</script>",
  '[click me](javascript:window.__xss=1)',
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">link</a>',
  '**<img src=x onerror=window.__xss=1>** _<b onmouseover=window.__xss=1>bold</b>_',
  '`<script>window.__xss=1</script>`',
  '```\n</code></pre><script>window.__xss=1</script>\n```',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  'https://example.com/"onmouseover="window.__xss=1"',
  '[x](https://example.com" onclick="window.__xss=1)',
  '<style>*{display:none!important}</style>',
  '{{constructor.constructor("window.__xss=1")()}} ${window.__xss=1}',
  '\u202Etxt.exe <object data="javascript:window.__xss=1">',
];
const HOSTILE_NAME = '<img src=x onerror=window.__xss=1>"Иван"<script>window.__xss=1</script>';
const HOSTILE_TOPIC = '<svg/onload=window.__xss=1>Тема</svg>';
const HOSTILE_FILE = '"><img src=x onerror=window.__xss=1>.png';
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let host: Server;
let hostUrl: string;
let conversationId: string;
let agentEmail: string;

async function unsafeElements(target: Page | Frame, root: string): Promise<{ xss: unknown; scripts: number; handlers: number; javascriptLinks: number }> {
  return target.evaluate((selector) => {
    const container = document.querySelector(selector);
    const all = container ? [...container.querySelectorAll('*')] : [];
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      // The console's own icons are SVG from the kit (marked data-icon); any other SVG came from content.
      scripts: all.filter((element) => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'SVG', 'MATH'].includes(element.tagName.toUpperCase()) && !(element.tagName.toUpperCase() === 'SVG' && element.hasAttribute('data-icon'))).length,
      handlers: all.filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
      javascriptLinks: all.filter((element) => (element.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:')).length,
    };
  }, root);
}

beforeAll(async () => {
  stack = await startStack(resources);
  browser = await launchBrowser();
  const agent = await stack.createAgent('<b onmouseover=window.__xss=1>Агент</b>');
  agentEmail = agent.email;
  const agentToken = await stack.cluster.login(stack.chat[0]!, agent.email, PASSWORD);
  const customerToken = await stack.cluster.customerToken('hostile-customer', HOSTILE_NAME);
  const opened = await stack.api<{ conversation: { id: string } }>(customerToken, 'POST', '/v1/conversations', { topic: HOSTILE_TOPIC });
  conversationId = opened.conversation.id;
  const upload = await fetch(`${stack.chat[0]!.url}/v1/conversations/${conversationId}/attachments?name=${encodeURIComponent(HOSTILE_FILE)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${customerToken}`, 'content-type': 'image/png' },
    body: PNG,
  });
  const attachment = (await upload.json()) as { id: string };
  let n = 0;
  for (const body of PAYLOADS) {
    await stack.api(customerToken, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: `hostile-customer-${n++}`, body });
    await stack.api(agentToken, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: `hostile-agent-${n++}`, kind: 'reply', body });
  }
  await stack.api(customerToken, 'POST', `/v1/conversations/${conversationId}/messages`, { clientMessageId: 'hostile-attachment', body: 'файл', attachments: [attachment.id] });

  // A plain host page of our own, embedding the widget for the hostile customer.
  host = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html><head><title>host</title></head><body><h1>Host page</h1><script src="${stack.chat[0]!.url}/widget/loader.js" data-token="${customerToken}" data-lang="ru" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}/`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await resources.cleanup();
});

describe('hostile content', () => {
  it('is shown as text in the console and runs nothing', async () => {
    const watched = await openPage(browser);
    let dialogs = 0;
    watched.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await loginToConsole(watched.page, stack.consoleUrl(), agentEmail, PASSWORD, `inbox/teams/${conversationId}`);
    const thread = watched.page.getByTestId('thread');
    await thread.getByTestId('message').filter({ hasText: 'файл' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => thread.innerText()).toContain('<script>window.__xss=1</script>');
    await thread.getByTestId('attachment-image').waitFor();
    expect(await thread.getByTestId('attachment-image').getAttribute('alt')).toBe(HOSTILE_FILE);
    await expect.poll(() => watched.page.locator('#conversation-title').innerText()).toBe(HOSTILE_TOPIC);
    await expect.poll(() => watched.page.getByTestId('context-name').innerText()).toBe(HOSTILE_NAME);
    // Hover and click every link and message, where event-handler payloads would fire.
    for (const message of await thread.getByTestId('message').all()) await message.hover();
    for (const link of await thread.locator('a').all()) await link.click({ modifiers: ['Control'] }).catch(() => undefined);
    for (const rowsToCheck of ['[data-testid="thread"]', '[data-testid="conversation-list"]', '[data-testid="context"]', '.conversation-header']) {
      expect(await unsafeElements(watched.page, rowsToCheck), rowsToCheck).toEqual({ xss: null, scripts: 0, handlers: 0, javascriptLinks: 0 });
    }
    expect(dialogs).toBe(0);
    await screenshot(watched.page, 'console-hostile-content');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });

  it('cannot be framed by a site the installation does not name, with its own customer token', async () => {
    // Same host page, reached as "localhost": not one of the allowed frame ancestors (127.0.0.1).
    const foreignUrl = hostUrl.replace('127.0.0.1', 'localhost');
    const watched = await openPage(browser);
    await watched.page.goto(foreignUrl);
    await watched.page.locator('iframe[src*="/widget/"]').waitFor({ state: 'attached', timeout: 20_000 });
    // The browser refuses to render the frame: it never reaches the widget's document.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const widgetFrame = watched.page.frames().find((candidate) => candidate !== watched.page.mainFrame());
    const rendered = widgetFrame ? await widgetFrame.locator('[data-testid="widget-launcher"]').count().catch(() => 0) : 0;
    expect(rendered).toBe(0);
    await watched.context.close();
  });

  it('is shown as text in the widget and runs nothing', async () => {
    const watched = await openPage(browser);
    let dialogs = 0;
    watched.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await watched.page.goto(hostUrl);
    const frame = watched.page.frameLocator('iframe[src*="/widget/"]');
    await frame.getByTestId('widget-launcher').click();
    await frame.locator(`[data-testid="widget-conversation"][data-id="${conversationId}"]`).click();
    const thread = frame.getByTestId('widget-thread');
    await thread.getByTestId('widget-message').filter({ hasText: 'файл' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => thread.innerText()).toContain(PAYLOADS[PAYLOADS.length - 3]);
    await expect.poll(() => thread.innerText()).toContain(PAYLOADS[PAYLOADS.length - 2]);
    for (const message of await thread.getByTestId('widget-message').all()) await message.hover();
    const widgetFrame = watched.page.frames().find((candidate) => candidate.url().includes('/widget/'))!;
    expect(await unsafeElements(widgetFrame, 'body')).toMatchObject({ xss: null, handlers: 0, javascriptLinks: 0 });
    expect(await watched.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null)).toBeNull();
    expect(dialogs).toBe(0);
    await screenshot(watched.page, 'widget-hostile-content');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });
});
