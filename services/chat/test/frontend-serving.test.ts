// The built console and widget, served by the chat process itself: the single-page fallback, the
// security and cache headers, the widget's embeddable loader, and a plain "not built" answer (with
// the API still up) when a folder is missing. Fake builds in temporary folders, no real Vite build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomerContext } from '@smartchat/contracts';
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, startService, type ChatCluster, type ChatNode } from './support/cluster.js';

const policy = (frameAncestors: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors ${frameAncestors}`;
const CONSOLE_HTML = '<!doctype html><html><head><title>Smartchat console</title><script type="module" src="/console/assets/index-3f9a1c.js"></script></head><body></body></html>';
const WIDGET_HTML = '<!doctype html><title>Smartchat widget</title>';

describe('the console and widget as static files', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let folders: string;

  const get = async (target: ChatNode, path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${target.url}${path}`, { redirect: 'manual', headers });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    folders = await mkdtemp(join(tmpdir(), 'smartchat-frontends-'));
    resources.defer('remove the fake builds', () => rm(folders, { recursive: true, force: true }));
    await mkdir(join(folders, 'console/assets'), { recursive: true });
    await mkdir(join(folders, 'widget/assets'), { recursive: true });
    await writeFile(join(folders, 'console/index.html'), CONSOLE_HTML);
    await writeFile(join(folders, 'console/assets/index-3f9a1c.js'), 'console.log("console");');
    await writeFile(join(folders, 'console/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(folders, 'widget/index.html'), WIDGET_HTML);
    await writeFile(join(folders, 'widget/loader.js'), 'window.Smartchat = {};');
    await writeFile(join(folders, 'widget/assets/frame-77ab01.js'), 'console.log("frame");');
    await writeFile(join(folders, 'outside.txt'), 'not for the web');
    cluster = await startChatCluster(resources, 1, {
      SMARTCHAT_CONSOLE_DIR: join(folders, 'console'),
      SMARTCHAT_WIDGET_DIR: join(folders, 'widget'),
      SMARTCHAT_WIDGET_FRAME_ANCESTORS: 'https://shop.example https://*.shop.example',
    });
    node = cluster.nodes[0]!;
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('sends / to the console', async () => {
    for (const path of ['/', '/console']) {
      const response = await get(node, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toBe('/console/');
    }
  });

  it('serves the console without a token, with its security headers and a fresh index.html', async () => {
    const index = await get(node, '/console/');
    expect(index.status).toBe(200);
    expect(index.text).toBe(CONSOLE_HTML);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toBe(policy("'none'"));
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('referrer-policy')).toBe('same-origin');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect((await get(node, '/console/index.html')).text).toBe(CONSOLE_HTML);
  });

  it('answers every path of the app with index.html, so deep links work', async () => {
    for (const path of ['/console/inbox/mine', '/console/conversations/8c1f6f7e-2b1d-4c53-9a55-1d9f0e7c2a10?tab=notes', '/console/settings/macros/']) {
      const page = await get(node, path);
      expect(page, path).toMatchObject({ status: 200, text: CONSOLE_HTML });
      expect(page.headers.get('content-security-policy')).toBe(policy("'none'"));
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('caches hashed assets for good, and never answers a missing asset with HTML', async () => {
    const asset = await get(node, '/console/assets/index-3f9a1c.js');
    expect(asset).toMatchObject({ status: 200, text: 'console.log("console");' });
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await get(node, '/console/assets/index-000000.js');
    expect(missing).toMatchObject({ status: 404, text: 'Not found' });
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await get(node, '/console/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it('serves nothing outside the folder', async () => {
    for (const path of ['/console/..%2foutside.txt', '/console/%2e%2e/outside.txt', '/console/assets/..%2f..%2foutside.txt', '/widget/%2e%2e%2foutside.txt']) {
      const response = await get(node, path);
      expect(response.text, path).not.toContain('not for the web');
    }
  });

  it('serves the widget frame to the sites allowed to embed it, and its loader to any site', async () => {
    const frame = await get(node, '/widget/');
    expect(frame).toMatchObject({ status: 200, text: WIDGET_HTML });
    expect(frame.headers.get('content-security-policy')).toBe(policy('https://shop.example https://*.shop.example'));
    expect(frame.headers.get('cache-control')).toBe('no-cache');
    const loader = await get(node, '/widget/loader.js', { origin: 'https://shop.example' });
    expect(loader).toMatchObject({ status: 200, text: 'window.Smartchat = {};' });
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    expect(loader.headers.get('cache-control')).toBe('no-cache');
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect((await get(node, '/widget/assets/frame-77ab01.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Only the loader is for other sites; the widget has no client-side routes to fall back to.
    expect((await get(node, '/widget/index.html')).headers.get('access-control-allow-origin')).toBeNull();
    expect(await get(node, '/widget/somewhere')).toMatchObject({ status: 404, text: 'Not found' });
  });

  it('leaves the API as it was: JSON errors, authentication, OpenAPI without the static routes', async () => {
    expect(await api(node, 'GET', '/v1/conversations', undefined)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_REQUIRED' } } });
    expect(await api(node, 'GET', '/nowhere', undefined)).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_NOT_FOUND' } } });
    const openapi = await api<{ paths: Record<string, unknown> }>(node, 'GET', '/v1/openapi.json', undefined);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/me', '/v1/macros', '/v1/topics', '/v1/customers/{id}', '/v1/conversations/counts']));
    expect(Object.keys(openapi.body.paths).filter((path) => !path.startsWith('/v1/'))).toEqual([]);
  });

  it('shows a customer without back-office data when no back-office is configured', async () => {
    const customerToken = await cluster.customerToken('cust-static', 'Клиент Без Бэкофиса');
    expect((await api(node, 'POST', '/v1/conversations', customerToken, { topic: 'Вопрос' })).status).toBe(201);
    const customerId = (await cluster.pg.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = 'cust-static'`)).rows[0]!.id;
    const admin = await cluster.createAgent('Админ Статики', { role: 'admin' });
    const token = await cluster.login(node, admin.email, admin.password);
    const context = await api<CustomerContext>(node, 'GET', `/v1/customers/${customerId}`, token);
    expect(context).toMatchObject({ status: 200, body: { customer: { externalId: 'cust-static' }, backoffice: null, backofficeError: null } });
    expect(context.body.conversations).toHaveLength(1);
  });

  it('says the app is not built when its folder is missing, keeps serving the API, and serves a build that appears later', async () => {
    const missing = join(folders, 'later');
    const bare = await startService(resources, 'chat', 'services/chat/src/main.ts', { ...cluster.env, SMARTCHAT_CONSOLE_DIR: join(missing, 'console'), SMARTCHAT_WIDGET_DIR: join(missing, 'widget'), SMARTCHAT_WIDGET_FRAME_ANCESTORS: '' });
    expect((await fetch(`${bare.opsUrl}/readyz`)).status).toBe(200);
    for (const [path, text] of [
      ['/console/', 'console not built: run make dev'],
      ['/console/inbox/mine', 'console not built: run make dev'],
      ['/widget/loader.js', 'widget not built: run make dev'],
    ]) {
      const response = await get(bare, path!);
      expect(response, path).toMatchObject({ status: 404, text });
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    // The default: no site may frame the widget (an installation names the sites that embed it).
    expect((await get(bare, '/widget/')).headers.get('content-security-policy')).toBe(policy("'none'"));
    expect((await api(bare, 'GET', '/v1/me', undefined)).status).toBe(401);

    await mkdir(join(missing, 'console'), { recursive: true });
    await writeFile(join(missing, 'console/index.html'), CONSOLE_HTML);
    expect(await get(bare, '/console/')).toMatchObject({ status: 200, text: CONSOLE_HTML });
    expect(await get(bare, '/console/inbox/mine')).toMatchObject({ status: 200, text: CONSOLE_HTML });
  });
});
