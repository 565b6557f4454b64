// The whole loop `make dev` shows, over real processes: the demo site, playing the back-office with
// the client the back-office team uses, sends a signed "delay my flight" and a reconciliation act to
// a real chat process; the customer's conversation opens with the change and the document; Smartchat's
// webhooks reach the demo site, verified; an agent's action calls the demo site and its answer is
// posted into the conversation.
import { randomUUID } from 'node:crypto';
import type { Message } from '@smartchat/contracts';
import { api, startChatCluster, type ChatCluster, type ChatNode } from '@smartchat/chat/testing';
import { startBalancer } from '@smartchat/chat/testing/balancers';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoBackoffice, type DemoIntegration } from '../src/backoffice.js';
import { startDemoSite, type DemoSite } from '../src/server.js';

describe('the demo back-office and Smartchat', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let site: DemoSite;
  let backoffice: DemoBackoffice;
  let admin = '';
  let customerToken = '';
  let integrationId = '';
  const customerId = 'demo-customer-1';

  const conversationOfCustomer = async () => {
    let id = '';
    await eventually('the trip conversation opened', async () => {
      const listed = await api<{ conversations: { id: string }[] }>(node, 'GET', '/v1/conversations', customerToken);
      id = listed.body.conversations[0]?.id ?? '';
      return id !== '';
    }, 30_000, 100);
    return id;
  };
  const messagesOf = async (token: string, conversationId: string, count: number) => {
    let messages: Message[] = [];
    await eventually(`${count} messages`, async () => {
      messages = (await api<{ messages: Message[] }>(node, 'GET', `/v1/conversations/${conversationId}/messages`, token)).body.messages ?? [];
      return messages.length >= count;
    }, 30_000, 100);
    return messages;
  };
  const press = async (path: string) => {
    const response = await fetch(`${site.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `customer=${customerId}`, redirect: 'manual' });
    expect(response.status).toBe(303);
    return decodeURIComponent(new URL(response.headers.get('location')!, site.url).searchParams.get('sent') ?? '');
  };

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1, {
      SMARTCHAT_EVENTS_TOPIC: await resources.kafkaTopic('events', 3),
      SMARTCHAT_WEBHOOKS: 'true',
      SMARTCHAT_WEBHOOK_EVENTS_GROUP: `webhooks-${resources.id}`,
      SMARTCHAT_INTEGRATION_POLL_MS: '200',
    });
    node = cluster.nodes[0]!;
    await startBalancer(resources, cluster);
    const account = await cluster.createAgent('Мария Админова', { role: 'admin' });
    admin = await cluster.login(node, account.email, account.password);
    // The customer has never opened the widget: the demo back-office's events carry their details.
    customerToken = await cluster.customerToken(customerId, 'Иван Петров');

    let integration: DemoIntegration | null = null;
    backoffice = new DemoBackoffice(async () => integration);
    site = await startDemoSite({ port: 0, chatUrl: node.url, customerTokenSecret: cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!, backoffice });
    resources.defer('stop the demo site', () => site.close());

    // What the seed does for make dev, through the API.
    const created = await api<{ integration: { id: string }; signingSecret: string }>(node, 'POST', '/v1/integrations', admin, { name: `Демо бэк-офис ${randomUUID().slice(0, 4)}` });
    integrationId = created.body.integration.id;
    const key = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integrationId}/keys`, admin, { name: 'demo site', scopes: ['events.send'] });
    const endpoint = await api<{ secret: string }>(node, 'POST', `/v1/integrations/${integrationId}/webhooks`, admin, { url: `${site.url}/webhooks`, eventTypes: ['conversation.created', 'message.created'] });
    await api(node, 'PUT', `/v1/integrations/${integrationId}/actions`, admin, {
      actions: [{ key: 'request-act', label: 'Запросить акт сверки', kind: 'request', url: `${site.url}/actions/acts`, fields: [{ name: 'period', label: 'Период', type: 'text', required: true, default: 'ноябрь 2026' }] }],
    });
    integration = { apiUrl: node.url, apiKey: key.body.secret, signingSecret: created.body.signingSecret, webhookSecret: endpoint.body.secret };
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('"delay my flight" opens the customer\'s conversation with the change, and the webhooks come back to the demo site', async () => {
    expect(await press('/trips/delay')).toMatch(/^Событие отправлено в Smartchat \(/);
    const conversationId = await conversationOfCustomer();
    const [notice] = await messagesOf(customerToken, conversationId, 1);
    expect(notice).toMatchObject({ kind: 'notice', body: expect.stringContaining('**Изменение поездки** «Москва → Сочи»') });
    // The account page shows the trip moved.
    expect(await (await fetch(`${site.url}/?customer=${customerId}`)).text()).toContain('изменений: 1');
    await eventually('the webhooks received', async () => backoffice.webhooks().some((item) => item.event.type === 'message.created' && item.event.data.kind === 'notice'), 30_000, 100);
    expect(backoffice.webhooks().some((item) => item.event.type === 'conversation.created' && item.event.data.conversationId === conversationId)).toBe(true);
    const page = await (await fetch(`${site.url}/webhooks`)).text();
    expect(page).toContain('message.created');
    // A second delay is a new version of the same trip: into the same conversation.
    await press('/trips/delay');
    await messagesOf(customerToken, conversationId, 2);
  });

  it('"send the reconciliation act" posts the PDF into that conversation', async () => {
    await press('/documents/send');
    const conversationId = await conversationOfCustomer();
    await eventually('the document posted', async () => (await messagesOf(customerToken, conversationId, 1)).some((message) => message.attachments.some((file) => file.name === 'akt-sverki-noyabr-2026.pdf')), 30_000, 100);
  });

  it("an agent's action calls the demo back-office, which checks the signature, and its answer is posted", async () => {
    const conversationId = await conversationOfCustomer();
    const run = await api<{ message: string; url: string }>(node, 'POST', `/v1/conversations/${conversationId}/actions/request-act`, admin, { integrationId, fields: {} });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.message).toBe('Акт сверки за ноябрь 2026 запрошен (Мария Админова); будет готов завтра.');
    expect(run.body.url).toMatch(new RegExp(`^${site.url}/acts/\\d+$`));
    // An unsigned call is refused by the demo back-office.
    expect((await fetch(`${site.url}/actions/acts`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${site.url}/webhooks`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
