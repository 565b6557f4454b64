// Refusals, and the routes that take someone else's id (issue 21): every refused attempt is in the
// audit log whichever route refused it and whoever asked (a customer token on an agents' route
// included); an internal conversation needs its own permission and a customer the agent may
// already see, and a hidden customer answers like a missing one; nobody edits or deletes a role
// wider than their own; a role named like a JavaScript built-in is just a name.
import { randomUUID } from 'node:crypto';
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface Who {
  id: string;
  email: string;
  token: string;
}

interface AuditRow {
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  details: Record<string, unknown>;
}

describe('refusals and ids from the caller', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let admin: Who;
  let customerToken: string;
  let customerId: string;
  let teamId: string;

  const person = async (name: string, role = 'agent', teams: string[] = []): Promise<Who> => {
    const created = await cluster.createAgent(name, { role });
    for (const team of teams) await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [team, created.id]);
    return { ...created, token: await cluster.login(node, created.email, created.password) };
  };
  const role = (name: string, scope: string, permissions: string[]) => cluster.pg.query('INSERT INTO roles (name, scope, permissions) VALUES ($1, $2, $3)', [name, scope, permissions]);
  const denied = async (actor: string): Promise<AuditRow[]> =>
    (await cluster.pg.query<AuditRow>(`SELECT actor, action, target, outcome, host(ip) AS ip, details FROM audit_log WHERE actor = $1 AND outcome = 'denied' ORDER BY id`, [actor])).rows;

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1);
    node = cluster.nodes[0]!;
    admin = await person('Администратор', 'admin');
    teamId = (await cluster.pg.query<{ id: string }>(`INSERT INTO teams (name) VALUES ('Авиа') RETURNING id`)).rows[0]!.id;
    customerToken = await cluster.customerToken('refusals-customer', 'Клиент');
    const opened = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', customerToken, { topic: 'Билет' });
    await cluster.pg.query('UPDATE conversations SET team_id = $2 WHERE id = $1', [opened.body.conversation.id, teamId]);
    customerId = (await cluster.pg.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = 'refusals-customer'`)).rows[0]!.id;
  }, 120_000);
  afterAll(() => resources.cleanup());

  describe('the audit log of refused attempts', () => {
    it('records a customer token refused on the agents\' routes', async () => {
      for (const path of ['/v1/teams', '/v1/roles', '/v1/agents', '/v1/audit', '/v1/macros']) expect((await api(node, 'GET', path, customerToken)).status, path).toBe(403);
      const rows = await denied(`customer:${customerId}`);
      expect(rows.map((row) => row.action)).toEqual(['team.list', 'role.list', 'agent.list', 'audit.list', 'GET /v1/macros']);
      expect(rows.every((row) => row.ip === '127.0.0.1' && row.details.code === 'SC_ERR_FORBIDDEN')).toBe(true);
    });

    it('records placing an agent in teams without teams.manage, through POST as through PATCH', async () => {
      await role('staff-only', 'all', ['agents.manage', 'conversations.reply', 'conversations.note', 'conversations.assign', 'conversations.transfer', 'conversations.snooze', 'conversations.close', 'conversations.internal', 'messages.delete_own']);
      const hr = await person('Кадровик', 'staff-only');
      const email = `placed-${randomUUID().slice(0, 6)}@desk.test`;
      expect((await api(node, 'POST', '/v1/agents', hr.token, { email, name: 'Новичок', password: 'long enough password', teamIds: [teamId] })).status).toBe(403);
      const target = await person('Кого двигают');
      expect((await api(node, 'PATCH', `/v1/agents/${target.id}`, hr.token, { teamIds: [teamId] })).status).toBe(403);
      expect((await denied(`agent:${hr.id}`)).map((row) => [row.action, row.target, row.details.missing])).toEqual([
        ['agent.create', `agent:${email}`, ['teams.manage']],
        ['agent.update', `agent:${target.id}`, ['teams.manage']],
      ]);
    });

    it("records setting someone else's status, refused and allowed", async () => {
      const anna = await person('Анна');
      const boris = await person('Борис');
      expect((await api(node, 'PUT', `/v1/agents/${boris.id}/status`, anna.token, { status: 'away' })).status).toBe(403);
      expect((await api(node, 'PUT', `/v1/agents/${anna.id}/status`, anna.token, { status: 'away' })).status).toBe(204);
      expect((await api(node, 'PUT', `/v1/agents/${boris.id}/status`, admin.token, { status: 'offline' })).status).toBe(204);
      const { rows } = await cluster.pg.query<AuditRow>(`SELECT actor, action, target, outcome, details FROM audit_log WHERE action = 'agent.status' ORDER BY id`);
      expect(rows.map((row) => [row.actor, row.target, row.outcome])).toEqual([
        [`agent:${anna.id}`, `agent:${boris.id}`, 'denied'],
        [`agent:${admin.id}`, `agent:${boris.id}`, 'ok'],
      ]);
    });

    it('does not record asking for what one may not see (a probe answers "not found" and leaves no trace)', async () => {
      const outsider = await person('Посторонний');
      const { rows: conversations } = await cluster.pg.query<{ id: string }>('SELECT id FROM conversations WHERE team_id = $1', [teamId]);
      expect((await api(node, 'GET', `/v1/conversations/${conversations[0]!.id}`, outsider.token)).status).toBe(404);
      expect((await api(node, 'GET', `/v1/customers/${customerId}`, outsider.token)).status).toBe(404);
      expect(await denied(`agent:${outsider.id}`)).toEqual([]);
    });
  });

  describe('internal conversations about a customer', () => {
    it('need the conversations.internal permission', async () => {
      await role('stats-only', 'all', ['statistics.view']);
      const analyst = await person('Аналитик', 'stats-only');
      expect(await api(node, 'POST', '/v1/conversations/internal', analyst.token, { topic: 'Сверка', customerId })).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
      expect(await api(node, 'POST', '/v1/conversations/internal', analyst.token, { topic: 'Сверка' })).toMatchObject({ status: 403 });
      // Through none of them did the analyst reach the customer.
      expect((await api(node, 'GET', `/v1/customers/${customerId}`, analyst.token)).status).toBe(200); // scope all: sees the conversation anyway
      expect((await denied(`agent:${analyst.id}`)).map((row) => row.action)).toEqual(['conversation.create_internal', 'conversation.create_internal']);
    });

    it('answer a customer outside the agent\'s scope exactly like a missing one, and never let them reach the customer', async () => {
      const outsider = await person('Чужая команда');
      const hidden = await api(node, 'POST', '/v1/conversations/internal', outsider.token, { topic: 'Сверка', customerId });
      const missing = await api(node, 'POST', '/v1/conversations/internal', outsider.token, { topic: 'Сверка', customerId: randomUUID() });
      expect(hidden).toEqual(missing);
      expect(hidden).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_CUSTOMER_NOT_FOUND' } } });
      expect((await api(node, 'GET', `/v1/customers/${customerId}`, outsider.token)).status).toBe(404);
      expect((await cluster.pg.query('SELECT 1 FROM conversations WHERE internal AND customer_id = $1', [customerId])).rows).toHaveLength(0);
    });

    it('open for an agent who may see the customer, who becomes its participant', async () => {
      const member = await person('Своя команда', 'agent', [teamId]);
      const opened = await api<{ id: string; internal: boolean; participantIds?: string[] }>(node, 'POST', '/v1/conversations/internal', member.token, { topic: 'Уточнить бронь', customerId });
      expect(opened).toMatchObject({ status: 201, body: { internal: true } });
      expect((await api(node, 'GET', `/v1/conversations/${opened.body.id}`, member.token)).status).toBe(200);
      // Never to the customer.
      expect((await api(node, 'GET', `/v1/conversations/${opened.body.id}`, customerToken)).status).toBe(404);
    });
  });

  describe('roles', () => {
    it('refuses a roles.manage holder editing or deleting a role wider than their own', async () => {
      await role('role-keeper', 'teams', ['roles.manage', 'conversations.reply']);
      await role('auditors', 'all', ['audit.view']);
      const keeper = await person('Хранитель ролей', 'role-keeper');
      expect((await api(node, 'PATCH', '/v1/roles/auditors', keeper.token, { permissions: [] })).status).toBe(403);
      expect((await api(node, 'PATCH', '/v1/roles/auditors', keeper.token, { scope: 'assigned' })).status).toBe(403);
      expect((await api(node, 'DELETE', '/v1/roles/auditors', keeper.token)).status).toBe(403);
      const { rows } = await cluster.pg.query<{ scope: string; permissions: string[] }>(`SELECT scope, permissions FROM roles WHERE name = 'auditors'`);
      expect(rows).toEqual([{ scope: 'all', permissions: ['audit.view'] }]);
      expect((await denied(`agent:${keeper.id}`)).map((row) => [row.action, row.target])).toEqual([
        ['role.update', 'role:auditors'],
        ['role.update', 'role:auditors'],
        ['role.delete', 'role:auditors'],
      ]);
      // One within their own rights they may change.
      await role('repliers', 'teams', ['conversations.reply']);
      expect((await api(node, 'PATCH', '/v1/roles/repliers', keeper.token, { scope: 'assigned' })).status).toBe(200);
    });

    it('treats a custom role named like a JavaScript built-in as a name, not as a built-in role', async () => {
      for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        expect((await api(node, 'POST', '/v1/roles', (await person(`root-${name}`, 'super-admin')).token, { name, scope: 'teams', permissions: ['conversations.reply'] })).status, name).toBe(201);
        const holder = await person(`holder of ${name}`, name, [teamId]);
        expect(await api(node, 'GET', '/v1/me', holder.token), name).toMatchObject({ status: 200, body: { role: name, scope: 'teams', permissions: ['conversations.reply'] } });
        expect((await api(node, 'GET', '/v1/conversations', holder.token)).status, name).toBe(200);
        expect((await api(node, 'GET', '/v1/roles', admin.token)).status, name).toBe(200);
      }
    });
  });
});
