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

  it('takes every allowed type as raw bytes, text/plain too; a type not allowed is refused as such, whatever its body', async () => {
    const node = cluster.nodes[0]!;
    const text = Buffer.from('Номер заказа: 12345\n{"not": "parsed"}\n');
    const uploaded = await upload(node, customerToken, conversationId, 'заказ.txt', 'text/plain; charset=utf-8', text);
    expect(uploaded).toMatchObject({ status: 201, body: { name: 'заказ.txt', contentType: 'text/plain', size: text.length } });
    expect(await upload(node, customerToken, conversationId, 'table.csv', 'text/csv', Buffer.from('a,b\n1,2\n'))).toMatchObject({ status: 201, body: { contentType: 'text/csv' } });
    // JSON is not an allowed type: refused as a type, not parsed (and not "empty" or "invalid JSON").
    expect(await upload(node, customerToken, conversationId, 'data.json', 'application/json', Buffer.from('{"a": 1}'))).toMatchObject({ status: 415, body: { error: { code: 'SC_ERR_ATTACHMENT_TYPE' } } });
    expect(await upload(node, customerToken, conversationId, 'data.json', 'application/json', Buffer.from('not json'))).toMatchObject({ status: 415, body: { error: { code: 'SC_ERR_ATTACHMENT_TYPE' } } });

    const customerSocket = await cluster.socket(node, customerToken);
    expect(await call(customerSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: '', attachments: [uploaded.body.id] })).toMatchObject({ ok: true });
    const download = await fetch(`${node.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(await download.arrayBuffer()).equals(text)).toBe(true);
  });

  it('answers a file over the limit with SC_ERR_ATTACHMENT_TOO_LARGE and the limit, and takes one of exactly the limit', async () => {
    const node = cluster.nodes[0]!;
    const tooLarge = { status: 413, body: { error: { code: 'SC_ERR_ATTACHMENT_TOO_LARGE', details: { maxBytes: 64 * 1024 } } } };
    expect(await upload(node, customerToken, conversationId, 'big.pdf', 'application/pdf', Buffer.alloc(64 * 1024 + 1, 1))).toMatchObject(tooLarge);
    expect(await upload(node, customerToken, conversationId, 'big.txt', 'text/plain', Buffer.alloc(64 * 1024 + 1, 0x61))).toMatchObject(tooLarge);
    // Not tested with a body of megabytes: the server answers from the Content-Length and closes
    // the connection, and a client still writing the body may see EPIPE before it reads the answer.
    expect(await upload(node, customerToken, conversationId, 'limit.pdf', 'application/pdf', Buffer.alloc(64 * 1024, 1))).toMatchObject({ status: 201, body: { size: 64 * 1024 } });
  });

  it("hides a deleted message's attachment from all but agents with the history permission, until it is restored", async () => {
    const node = cluster.nodes[0]!;
    const admin = await cluster.createAgent('Админ с историей', { role: 'admin' });
    const adminToken = await cluster.login(node, admin.email, admin.password);
    const uploaded = await upload(node, agentToken, conversationId, 'счёт.pdf', 'application/pdf', Buffer.from('%PDF-1.7 invoice'));
    const agentSocket = await cluster.socket(node, agentToken);
    const sent = await call<{ id: string }>(agentSocket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'Ваш счёт', attachments: [uploaded.body.id] });
    const messageId = sent.ok ? sent.data.id : '';
    await eventually('stored', async () => (await api(node, 'GET', `/v1/conversations/${conversationId}/messages/${messageId}/history`, adminToken)).status === 200);
    const status = async (token: string) => (await fetch(`${node.url}/v1/attachments/${uploaded.body.id}`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status(customerToken)).toBe(200);

    expect(await api(node, 'DELETE', `/v1/conversations/${conversationId}/messages/${messageId}`, agentToken)).toMatchObject({ status: 200, body: { deleted: true, attachments: [] } });
    expect(await status(customerToken)).toBe(404);
    expect(await api(node, 'GET', `/v1/attachments/${uploaded.body.id}`, customerToken)).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_NOT_FOUND' } } });
    // Its author without messages.history does not see the original either; an admin does.
    expect(await status(agentToken)).toBe(404);
    expect(await status(adminToken)).toBe(200);

    expect(await api(node, 'POST', `/v1/conversations/${conversationId}/messages/${messageId}/restore`, adminToken)).toMatchObject({ status: 200, body: { deleted: false } });
    expect(await status(customerToken)).toBe(200);
    expect(await status(agentToken)).toBe(200);
  });
});
