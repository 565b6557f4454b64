import { verifyToken } from '@smartchat/chat/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCustomers } from '../src/customers.js';
import { startDemoSite, type DemoSite } from '../src/server.js';

const secret = 'demo-site-test-secret-0123456789abcdef';
const backofficeToken = 'let-me-in';
const hostile = { ...demoCustomers[1]!, externalId: 'hostile', name: '<script>alert("x")</script> & Co "quoted"' };

describe('the demo site', () => {
  let site: DemoSite;
  beforeAll(async () => {
    site = await startDemoSite({
      port: 0,
      chatUrl: 'http://127.0.0.1:17399/',
      customerTokenSecret: secret,
      authorizeBackoffice: async (header) => header === `Bearer ${backofficeToken}`,
      customers: [...demoCustomers, hostile],
    });
  });
  afterAll(() => site.close());

  it("embeds the widget loader with a token of the customer whose page it is", async () => {
    const response = await fetch(`${site.url}/?customer=demo-customer-2`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src http://127.0.0.1:17399");
    const html = await response.text();
    expect(html).toContain('Личный кабинет — Командировки');
    expect(html).toContain('Ольга Кузнецова');
    const tag = /<script src="http:\/\/127\.0\.0\.1:17399\/widget\/loader\.js" data-token="([^"]+)" data-lang="ru" async><\/script>/.exec(html);
    expect(tag).not.toBeNull();
    const verified = await verifyToken(tag![1]!, { session: 'unused-session-secret-0123456789abcdef', customer: secret });
    expect(verified).toMatchObject({ kind: 'customer', externalId: 'demo-customer-2', name: 'Ольга Кузнецова' });
    // The page's own markup has no inline script: the loader tag is the only script.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('shows the first demo customer by default and 404 for an unknown one', async () => {
    expect(await (await fetch(site.url)).text()).toContain('Иван Петров');
    const unknown = await fetch(`${site.url}/?customer=nobody`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('text/html');
  });

  it("escapes a customer's name wherever it appears", async () => {
    const html = await (await fetch(`${site.url}/?customer=hostile`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co &quot;quoted&quot;');
    const other = await (await fetch(`${site.url}/?customer=demo-customer-1`)).text();
    expect(other).not.toContain('<script>alert');
  });

  it("gives the console a customer's back-office card only with the back-office's authorization", async () => {
    const authorized = { headers: { authorization: `Bearer ${backofficeToken}` } };
    const card = await fetch(`${site.url}/customers/demo-customer-1`, authorized);
    expect(card.status).toBe(200);
    const body = (await card.json()) as { fields: { label: string; value: string }[]; links: { label: string; url: string }[] };
    expect(body.fields).toEqual(expect.arrayContaining([{ label: 'Компания', value: 'ООО Ромашка' }, { label: 'Статус', value: 'VIP' }, { label: 'Ближайшая поездка', value: '28.11 Москва → Казань' }]));
    expect(body.links[0]!.url).toBe(`${site.url}/?customer=demo-customer-1`);

    expect((await fetch(`${site.url}/customers/demo-customer-1`)).status).toBe(401);
    expect((await fetch(`${site.url}/customers/demo-customer-1`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const missing = await fetch(`${site.url}/customers/nobody`, authorized);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'SC_ERR_NOT_FOUND' } });
  });
});
