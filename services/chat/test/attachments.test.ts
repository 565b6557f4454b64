import type { Attachment, Message } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, clientMessageId, inbox, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image payload for the test')]);

async function upload(node: ChatNode, token: string, conversationId: string, name: string, contentType: string, bytes: Buffer) {
  const response = await fetch(`${node.url}/v1/conversations/${conversationId}/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as Attachment & { error?: { code: string } } };
}

describe('attachments', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let customerToken: string;
  let agentToken: string;
  let conversationId: string;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_ATTACHMENT_MAX_BYTES: String(64 * 1024) });
    customerToken = await cluster.customerToken('attach-1');
    const agent = await cluster.createAgent('Агент с файлами');
    agentToken = await cluster.login(cluster.nodes[0]!, agent.email, agent.password);
    conversationId = (await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', customerToken, { topic: 'Скан паспорта' })).body.conversation.id;
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('travels with a message and downloads byte for byte, only for those who may see it', async () => {
    const node = cluster.nodes[0]!;
    const uploaded = await upload(node, customerToken, conversationId, '../../etc/паспорт\u202e.png', 'image/png', PNG);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'паспорт.png', contentType: 'image/png', size: PNG.length });

    const agentSocket = await cluster.socket(node, agentToken);
    const received = inbox(agentSocket);
    await call(agentSocket, 'conversation:join', { conversationId });
    const customerSocket = await cluster.socket(node, customerToken);
    expect(await call(customerSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: '', attachments: [uploaded.body.id] })).toMatchObject({ ok: true });
    await eventually('agent receives the message with its attachment', async () => received.length === 1);
    expect((received[0] as Message).attachments).toEqual([{ id: uploaded.body.id, name: 'паспорт.png', contentType: 'image/png', size: PNG.length }]);

    const download = await fetch(`${node.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    const stranger = await cluster.customerToken('attach-2');
    expect(await api(node, 'GET', `/v1/attachments/${uploaded.body.id}`, stranger)).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_NOT_FOUND' } } });
    expect(await api(node, 'GET', `/v1/attachments/${uploaded.body.id}`, undefined)).toMatchObject({ status: 401 });
  });

  it("keeps a note's attachment from the customer", async () => {
    const node = cluster.nodes[0]!;
    const internal = await upload(node, agentToken, conversationId, 'внутренний.pdf', 'application/pdf', Buffer.from('%PDF-1.7 internal'));
    const agentSocket = await cluster.socket(node, agentToken);
    expect(await call(agentSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), kind: 'note', body: 'для своих', attachments: [internal.body.id] })).toMatchObject({ ok: true });
    const download = await fetch(`${node.url}/v1/attachments/${internal.body.id}`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('внутренний.pdf')}`);
    expect(await api(node, 'GET', `/v1/attachments/${internal.body.id}`, customerToken)).toMatchObject({ status: 404 });
  });

  it('refuses wrong types, disguised images, oversized files and attachments that are not yours', async () => {
    const node = cluster.nodes[0]!;
    expect(await upload(node, customerToken, conversationId, 'page.html', 'text/html', Buffer.from('<script>alert(1)</script>'))).toMatchObject({ status: 415, body: { error: { code: 'SC_ERR_ATTACHMENT_TYPE' } } });
    expect(await upload(node, customerToken, conversationId, 'photo.png', 'image/png', Buffer.from('<html><script>alert(1)</script>'))).toMatchObject({ status: 415, body: { error: { code: 'SC_ERR_ATTACHMENT_TYPE' } } });
    expect(await upload(node, customerToken, conversationId, 'big.pdf', 'application/pdf', Buffer.alloc(64 * 1024 + 1, 1))).toMatchObject({ status: 413 });
    expect(await upload(node, customerToken, conversationId, 'empty.txt', 'text/plain', Buffer.alloc(0))).toMatchObject({ status: 400 });
    const stranger = await cluster.customerToken('attach-3');
    expect(await upload(node, stranger, conversationId, 'x.txt', 'text/plain', Buffer.from('x'))).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } } });

    const agentsFile = await upload(node, agentToken, conversationId, 'agent.txt', 'text/plain', Buffer.from('agent file'));
    const customerSocket = await cluster.socket(node, customerToken);
    expect(await call(customerSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'чужой файл', attachments: [agentsFile.body.id] })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
    expect(await call(customerSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: '', attachments: [] })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
  });
});
