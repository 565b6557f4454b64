// The admin API of the access model, its guard against climbing, the audit log, and access that
// changes under open sockets across two chat processes.
import { randomUUID } from 'node:crypto';
import type { Message } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBackofficeToken } from '../src/auth/tokens.js';
import { api, call, startChatCluster, type ChatCluster } from './support/cluster.js';

interface Who {
  id: string;
  email: string;
  password: string;
  token: string;
}

describe('managing access', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let root: Who;
  let admin: Who;
  let anna: Who;
  let customerToken: string;

  const person = async (name: string, role: string): Promise<Who> => {
    const created = await cluster.createAgent(name, { role });
    return { ...created, token: await cluster.login(cluster.nodes[0]!, created.email, created.password) };
  };
  const events = (socket: Socket, name: string) => {
    const seen: unknown[] = [];
    socket.on(name, (event: unknown) => seen.push(event));
    return seen;
  };

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
    root = await person('Суперадмин', 'super-admin');
    admin = await person('Администратор', 'admin');
    anna = await person('Анна', 'agent');
    customerToken = await cluster.customerToken('cust-admin-1', 'Ольга');
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('lets a super-admin define custom roles, and nobody else', async () => {
    const [first, second] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const role = { name: 'Аудитор', description: 'reads the audit log', scope: 'assigned', permissions: ['audit.view'] };
    expect(await api(first, 'POST', '/v1/roles', admin.token, role)).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
    expect(await api(first, 'POST', '/v1/roles', anna.token, role)).toMatchObject({ status: 403 });
    expect(await api(first, 'POST', '/v1/roles', customerToken, role)).toMatchObject({ status: 403 });
    expect(await api(first, 'POST', '/v1/roles', root.token, role)).toMatchObject({ status: 201, body: { name: 'Аудитор', builtin: false } });
    expect(await api(first, 'POST', '/v1/roles', root.token, role)).toMatchObject({ status: 409, body: { error: { code: 'SC_ERR_CONFLICT' } } });
    expect(await api(first, 'POST', '/v1/roles', root.token, { ...role, name: 'admin' })).toMatchObject({ status: 409 });
    expect(await api(first, 'POST', '/v1/roles', root.token, { ...role, name: 'x', permissions: ['fly'] })).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
    const roles = await api<{ roles: { name: string; builtin: boolean }[] }>(second, 'GET', '/v1/roles', admin.token);
    expect(roles.body.roles.map((entry) => entry.name)).toEqual(['agent', 'admin', 'super-admin', 'Аудитор']);

    // A holder of only audit.view reads the log and nothing else.
    const auditor = await cluster.createAgent('Аудитор Петров', { role: 'Аудитор' });
    const auditorToken = await cluster.login(second, auditor.email, auditor.password);
    expect((await api(second, 'GET', '/v1/audit?limit=5', auditorToken)).status).toBe(200);
    expect((await api(second, 'GET', '/v1/roles', auditorToken)).status).toBe(403);
    expect((await api(second, 'POST', '/v1/teams', auditorToken, { name: 'Своя команда' })).status).toBe(403);
    expect(await api(second, 'DELETE', `/v1/roles/${encodeURIComponent('Аудитор')}`, root.token)).toMatchObject({ status: 409 });
  });

  it('pages the audit log newest first by number, not by the text of the id', async () => {
    const node = cluster.nodes[0]!;
    // Enough entries that ids cross a digit boundary (9 -> 10, 99 -> 100) within one page.
    for (let i = 0; i < 12; i++) await api(node, 'POST', '/v1/roles', anna.token, { name: `x${i}`, scope: 'assigned', permissions: [] });
    const all = await api<{ entries: { id: string }[] }>(node, 'GET', '/v1/audit?limit=500', admin.token);
    const ids = all.body.entries.map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await api<{ entries: { id: string }[] }>(node, 'GET', '/v1/audit?limit=5', admin.token);
    expect(page.body.entries.map((entry) => Number(entry.id))).toEqual(ids.slice(0, 5));
    const next = await api<{ entries: { id: string }[] }>(node, 'GET', `/v1/audit?limit=5&before=${ids[4]}`, admin.token);
    expect(next.body.entries.map((entry) => Number(entry.id))).toEqual(ids.slice(5, 10));
  });

  it('refuses anyone granting more than they hold, and audits the attempt', async () => {
    const node = cluster.nodes[0]!;
    // An admin makes herself super-admin: refused.
    expect(await api(node, 'PATCH', `/v1/agents/${admin.id}`, admin.token, { role: 'super-admin' })).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
    // An admin changes a super-admin: refused (he is above her).
    expect(await api(node, 'PATCH', `/v1/agents/${root.id}`, admin.token, { role: 'agent' })).toMatchObject({ status: 403 });
    // An agent edits herself: refused.
    expect(await api(node, 'PATCH', `/v1/agents/${anna.id}`, anna.token, { role: 'admin' })).toMatchObject({ status: 403 });
    // An admin creates an agent with a role she may grant: fine; with super-admin: refused.
    const created = await api<{ id: string; role: string }>(node, 'POST', '/v1/agents', admin.token, { email: 'new.agent@desk.test', name: 'Новый агент', password: 'long enough password', role: 'agent' });
    expect(created).toMatchObject({ status: 201, body: { role: 'agent' } });
    expect(await api(node, 'POST', '/v1/agents', admin.token, { email: 'boss@desk.test', name: 'Босс', password: 'long enough password', role: 'super-admin' })).toMatchObject({ status: 403 });
    expect((await api(node, 'GET', `/v1/agents`, anna.token)).status).toBe(200);
    expect(await api(node, 'POST', '/v1/auth/login', undefined, { email: anna.email, password: 'wrong password' })).toMatchObject({ status: 401 });

    const denied = await api<{ entries: { actor: string; action: string; outcome: string; target: string | null }[] }>(node, 'GET', '/v1/audit?outcome=denied&limit=50', admin.token);
    expect(denied.status).toBe(200);
    expect(denied.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: `agent:${admin.id}`, action: 'agent.update', target: `agent:${admin.id}`, outcome: 'denied' }),
        expect.objectContaining({ actor: `agent:${admin.id}`, action: 'agent.update', target: `agent:${root.id}`, outcome: 'denied' }),
        expect.objectContaining({ actor: `agent:${anna.id}`, action: 'agent.update', outcome: 'denied' }),
        expect.objectContaining({ actor: `agent:${admin.id}`, action: 'role.create', outcome: 'denied' }),
      ]),
    );
    const failedLogins = await api<{ entries: { action: string; details: { email?: string } }[] }>(node, 'GET', '/v1/audit?action=auth.login_failed', admin.token);
    expect(failedLogins.body.entries[0]).toMatchObject({ action: 'auth.login_failed', details: { email: anna.email } });
    const logins = await api<{ entries: unknown[] }>(node, 'GET', `/v1/audit?action=auth.login&actor=agent:${anna.id}`, admin.token);
    expect(logins.body.entries.length).toBeGreaterThan(0);
    expect(await api(node, 'GET', '/v1/audit', anna.token)).toMatchObject({ status: 403 });
    // Append-only: the database itself refuses to rewrite history.
    await expect(cluster.pg.query(`UPDATE audit_log SET outcome = 'ok'`)).rejects.toThrow(/append-only/);
    await expect(cluster.pg.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('takes a conversation away from an open socket on another process the moment her team changes', async () => {
    const [adminNode, annaNode] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const team = await api<{ id: string }>(adminNode, 'POST', '/v1/teams', admin.token, { name: 'Авиа' });
    expect(team.status).toBe(201);
    expect((await api(adminNode, 'PUT', `/v1/teams/${team.body.id}/members`, admin.token, { agentIds: [anna.id] })).status).toBe(200);
    const opened = await api<{ conversation: { id: string } }>(adminNode, 'POST', '/v1/conversations', customerToken, { topic: 'Перелёт' });
    const conversationId = opened.body.conversation.id;
    await cluster.pg.query('UPDATE conversations SET team_id = $2 WHERE id = $1', [conversationId, team.body.id]);

    const socket = await cluster.socket(annaNode, await cluster.login(annaNode, anna.email, anna.password));
    const revoked = events(socket, 'access:revoked');
    const changed = events(socket, 'access:changed');
    const received: Message[] = [];
    socket.on('message:new', (message: Message) => received.push(message));
    expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const customer = await cluster.socket(adminNode, customerToken);
    expect(await call(customer, 'message:send', { conversationId, clientMessageId: randomUUID(), body: 'до' })).toMatchObject({ ok: true });
    await eventually('anna sees the first message', async () => received.some((message) => message.body === 'до'));

    // The admin, on the other process, takes her out of the team.
    expect((await api(adminNode, 'PUT', `/v1/teams/${team.body.id}/members`, admin.token, { agentIds: [] })).status).toBe(200);
    await eventually('the socket is told', async () => revoked.length > 0 && changed.length > 0, 5000, 20);
    expect(revoked).toEqual([{ conversationId }]);
    expect(changed).toEqual([{ reason: 'teams' }]);
    expect(await call(customer, 'message:send', { conversationId, clientMessageId: randomUUID(), body: 'после' })).toMatchObject({ ok: true });
    // A later message of the conversation does reach a socket that still may see it...
    const adminSocket = await cluster.socket(annaNode, admin.token);
    const adminReceived: Message[] = [];
    adminSocket.on('message:new', (message: Message) => adminReceived.push(message));
    expect(await call(adminSocket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    expect(await call(customer, 'message:send', { conversationId, clientMessageId: randomUUID(), body: 'ещё после' })).toMatchObject({ ok: true });
    await eventually('the admin gets the next message', async () => adminReceived.some((message) => message.body === 'ещё после'));
    // ...and never hers.
    expect(received.map((message) => message.body)).toEqual(['до']);
    expect(await api(annaNode, 'GET', `/v1/conversations/${conversationId}`, anna.token)).toMatchObject({ status: 404 });
    expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: false, error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } });

    // Back in the team: access returns without a reload.
    expect((await api(adminNode, 'PUT', `/v1/teams/${team.body.id}/members`, admin.token, { agentIds: [anna.id] })).status).toBe(200);
    await eventually('lists told to reload', async () => changed.length === 2, 5000, 20);
    expect(await call(socket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
  });

  it('disconnects the sockets of an agent whose account is disabled', async () => {
    const temp = await person('Временный', 'agent');
    const socket = await cluster.socket(cluster.nodes[1]!, temp.token);
    const revoked = events(socket, 'session:revoked');
    expect((await api(cluster.nodes[0]!, 'PATCH', `/v1/agents/${temp.id}`, admin.token, { disabled: true })).status).toBe(200);
    await eventually('disconnected', async () => socket.disconnected && revoked.length === 1, 5000, 20);
    expect((await api(cluster.nodes[1]!, 'GET', '/v1/conversations', temp.token)).status).toBe(401);
  });

  it('gives a mentioned agent the conversation, a notification and a Mentions entry, at once', async () => {
    const [first, second] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    await cluster.pg.query(`INSERT INTO roles (name, scope, permissions) VALUES ('only-mine', 'assigned', '{conversations.reply,conversations.note}')`);
    const boris = await person('Борис Иванов', 'only-mine');
    const opened = await api<{ conversation: { id: string } }>(first, 'POST', '/v1/conversations', customerToken, { topic: 'Отель в Сочи' });
    const conversationId = opened.body.conversation.id;
    expect(await api(second, 'GET', `/v1/conversations/${conversationId}`, boris.token)).toMatchObject({ status: 404 });

    const borisSocket = await cluster.socket(second, boris.token);
    const granted = events(borisSocket, 'access:granted');
    const mentioned = events(borisSocket, 'mention');
    const annaSocket = await cluster.socket(first, anna.token);
    const send = { conversationId, clientMessageId: randomUUID(), kind: 'note', body: '@Борис Иванов, посмотри бронь, пожалуйста' };
    const note = await call<{ id: string }>(annaSocket, 'message:send', send);
    expect(note).toMatchObject({ ok: true });
    const messageId = note.ok ? note.data.id : '';
    await eventually('boris is told', async () => granted.length === 1 && mentioned.length === 1, 5000, 20);
    expect(granted).toEqual([{ conversationId }]);
    expect(mentioned).toEqual([{ conversationId, messageId, by: { id: anna.id, name: 'Анна' } }]);

    expect(await api(second, 'GET', `/v1/conversations/${conversationId}`, boris.token)).toMatchObject({ status: 200, body: { participants: [boris.id] } });
    expect(await call(borisSocket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });
    const list = await api<{ mentions: { conversationId: string; messageId: string; by: { id: string } }[] }>(first, 'GET', '/v1/mentions', boris.token);
    expect(list.body.mentions).toEqual([expect.objectContaining({ conversationId, messageId, by: { id: anna.id, name: 'Анна' }, topic: 'Отель в Сочи' })]);
    // The customer never learns about it: notes do not reach them, and mentions are agents' only.
    expect((await api(first, 'GET', '/v1/mentions', customerToken)).status).toBe(403);
    // A retried send (same clientMessageId) does not mention twice; a mention of oneself is none.
    expect(await call(annaSocket, 'message:send', send)).toMatchObject({ ok: true, data: { id: messageId } });
    expect(await call(annaSocket, 'message:send', { conversationId, clientMessageId: randomUUID(), kind: 'note', body: 'напоминаю себе, @Анна' })).toMatchObject({ ok: true });
    expect((await api<{ mentions: unknown[] }>(first, 'GET', '/v1/mentions', boris.token)).body.mentions).toHaveLength(1);
    expect((await api<{ mentions: unknown[] }>(first, 'GET', '/v1/mentions', anna.token)).body.mentions).toEqual([]);
  });

  it('follows assignment and transfer on open sockets, refuses them without the permission, and audits them', async () => {
    const [first, second] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const olga = await person('Ольга (только свои)', 'only-mine');
    const opened = await api<{ conversation: { id: string } }>(first, 'POST', '/v1/conversations', customerToken, { topic: 'Виза' });
    const conversationId = opened.body.conversation.id;
    const olgaSocket = await cluster.socket(second, olga.token);
    const granted = events(olgaSocket, 'access:granted');
    const revoked = events(olgaSocket, 'access:revoked');

    // Olga cannot even see it (404, not audited: probing does not fill the log); the customer sees
    // it but may not assign: refused and audited.
    expect(await api(second, 'PATCH', `/v1/conversations/${conversationId}`, olga.token, { assigneeId: olga.id })).toMatchObject({ status: 404 });
    expect(await api(first, 'PATCH', `/v1/conversations/${conversationId}`, customerToken, { assigneeId: olga.id })).toMatchObject({ status: 403 });

    expect(await api(first, 'PATCH', `/v1/conversations/${conversationId}`, anna.token, { assigneeId: olga.id })).toMatchObject({ status: 200, body: { assigneeId: olga.id } });
    await eventually('olga is told', async () => granted.length === 1, 5000, 20);
    expect(granted).toEqual([{ conversationId }]);
    expect(await call(olgaSocket, 'conversation:join', { conversationId })).toMatchObject({ ok: true });

    // Reassigned to Anna: Olga's open socket loses the conversation at once.
    expect(await api(first, 'PATCH', `/v1/conversations/${conversationId}`, anna.token, { assigneeId: anna.id })).toMatchObject({ status: 200 });
    await eventually('olga loses it', async () => revoked.length === 1, 5000, 20);
    expect(revoked).toEqual([{ conversationId }]);
    expect(await api(second, 'GET', `/v1/conversations/${conversationId}`, olga.token)).toMatchObject({ status: 404 });

    // A team that does not exist: the body matches its schema, a rule refuses it.
    expect(await api(first, 'PATCH', `/v1/conversations/${conversationId}`, anna.token, { teamId: randomUUID() })).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_UNPROCESSABLE' } } });
    expect(await api(first, 'PATCH', `/v1/conversations/${conversationId}`, anna.token, {})).toMatchObject({ status: 400 });
    const audited = await api<{ entries: { action: string; outcome: string; actor: string }[] }>(first, 'GET', `/v1/audit?target=conversation:${conversationId}`, admin.token);
    expect(audited.body.entries.map((entry) => [entry.action, entry.outcome]).reverse()).toEqual([
      ['conversation.route', 'denied'],
      ['conversation.assign', 'ok'],
      ['conversation.assign', 'ok'],
    ]);
  });

  it('lets the back-office open an internal conversation about a customer, which the customer never sees', async () => {
    const node = cluster.nodes[1]!;
    const secret = cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!;
    const body = { customerExternalId: 'cust-admin-1', topic: 'Проверить возврат за отель' };
    for (const token of [undefined, customerToken, anna.token, await signBackofficeToken('wrong secret, but long enough to be used as one', 'billing'), await signBackofficeToken(secret, 'billing', 2 * 3600)]) {
      expect(await api(node, 'POST', '/v1/backoffice/conversations/internal', token, body)).toMatchObject({ status: 401 });
    }
    const created = await api<{ id: string; internal: boolean; channel: string }>(node, 'POST', '/v1/backoffice/conversations/internal', await signBackofficeToken(secret, 'billing'), body);
    expect(created).toMatchObject({ status: 201, body: { internal: true, channel: 'internal' } });
    const conversationId = created.body.id;
    // The customer it is about: not in their list, not readable, not joinable.
    const mine = await api<{ conversations: { id: string }[] }>(node, 'GET', '/v1/conversations', customerToken);
    expect(mine.body.conversations.map((conversation) => conversation.id)).not.toContain(conversationId);
    expect(await api(node, 'GET', `/v1/conversations/${conversationId}`, customerToken)).toMatchObject({ status: 404 });
    const customer = await cluster.socket(node, customerToken);
    expect(await call(customer, 'conversation:join', { conversationId })).toMatchObject({ ok: false, error: { code: 'SC_ERR_CONVERSATION_NOT_FOUND' } });
    // Agents who may see it work on it with notes.
    expect(await api(node, 'GET', `/v1/conversations/${conversationId}`, admin.token)).toMatchObject({ status: 200, body: { customerId: expect.any(String) } });
    const audited = await api<{ entries: { actor: string; action: string }[] }>(node, 'GET', `/v1/audit?target=conversation:${conversationId}`, admin.token);
    expect(audited.body.entries).toEqual([expect.objectContaining({ actor: 'backoffice:billing', action: 'conversation.create_internal' })]);
  });
  it('refuses what the database cannot take as bad input, never as a server error', async () => {
    const node = cluster.nodes[0]!;
    const unknownCustomer = '3f0e4f1c-8d7a-4c2b-9f7e-0a1b2c3d4e5f';
    // A customer id that names nobody answers like one the agent may not see.
    expect(await api(node, 'POST', '/v1/conversations/internal', anna.token, { topic: 'Сверка', customerId: unknownCustomer })).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_CUSTOMER_NOT_FOUND' } } });
    // A time zone the runtime does not know would break every snooze of that agent later.
    expect(await api(node, 'PATCH', `/v1/agents/${anna.id}`, admin.token, { timeZone: 'Mars/Olympus_Mons' })).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'body.timeZone' }] } } });
    const agents = await api<{ agents: { id: string; timeZone: string }[] }>(node, 'GET', '/v1/agents', admin.token);
    expect(agents.body.agents.find((agent) => agent.id === anna.id)?.timeZone).toBe('Europe/Moscow');
    expect(await api(node, 'GET', '/v1/audit?from=0000-01-01T00:00:00Z', admin.token)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
    // A NUL in a path parameter is refused before any lookup (and before the permission check writes the audit log).
    expect(await api(node, 'DELETE', '/v1/roles/abc%00def', admin.token)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION', details: [{ path: 'params.name' }] } } });
    // The same team or agent named twice (also in capitals) is one membership, not a conflict.
    const team = await api<{ id: string }>(node, 'POST', '/v1/teams', admin.token, { name: 'Дубли' });
    const twice = [team.body.id, team.body.id.toUpperCase()];
    expect(await api(node, 'PATCH', `/v1/agents/${anna.id}`, admin.token, { teamIds: twice })).toMatchObject({ status: 200, body: { teamIds: expect.arrayContaining([team.body.id]) } });
    expect(await api(node, 'PUT', `/v1/teams/${team.body.id}/members`, admin.token, { agentIds: [anna.id, anna.id.toUpperCase(), admin.id] })).toMatchObject({ status: 200, body: { memberIds: expect.arrayContaining([anna.id, admin.id]) } });
    const created = await api<{ id: string; teamIds: string[] }>(node, 'POST', '/v1/agents', admin.token, { email: 'twice@desk.test', name: 'Дважды', password: 'long enough password', teamIds: twice });
    expect(created).toMatchObject({ status: 201, body: { teamIds: [team.body.id] } });
    const teams = await api<{ teams: { id: string; memberIds: string[] }[] }>(node, 'GET', '/v1/teams', admin.token);
    expect(teams.body.teams.find((entry) => entry.id === team.body.id)?.memberIds.sort()).toEqual([anna.id, admin.id, created.body.id].sort());
  });
});
