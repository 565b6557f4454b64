// Live inbox lists (gateway/list-changes.ts, schema 0013): every committed change of a conversation,
// whoever wrote it, reaches as `inbox:changed` the agent sockets on every chat process that may see
// the conversation, and only those; an agent who could see it only through the team it left gets
// `inbox:removed`; customers get neither; a rolled-back change is never announced.
import type { InboxConversation } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUpdateFor, parseListChanges } from '../src/gateway/list-changes.js';
import { api, call, startChatCluster, type ChatCluster } from './support/cluster.js';

interface Heard {
  changed: InboxConversation[];
  removed: string[];
}

function listen(socket: Socket): Heard {
  const heard: Heard = { changed: [], removed: [] };
  socket.on('inbox:changed', (row: InboxConversation) => heard.changed.push(row));
  socket.on('inbox:removed', (event: { conversationId: string }) => heard.removed.push(event.conversationId));
  return heard;
}

describe('live inbox lists', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let teams: { avia: string; hotels: string };
  const heard = {} as Record<'anna' | 'boris' | 'admin' | 'customer', Heard>;
  let customerToken: string;
  let customerSocket: Socket;

  // Team membership is written before the agent connects (directly in SQL, so no access change is
  // announced to a process that already cached the agent's teams).
  const agent = async (name: string, node: number, options: { role?: string; team?: string } = {}) => {
    const created = await cluster.createAgent(name, { role: options.role ?? 'agent' });
    if (options.team) await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [options.team, created.id]);
    const token = await cluster.login(cluster.nodes[node]!, created.email, created.password);
    return { id: created.id, token, socket: await cluster.socket(cluster.nodes[node]!, token) };
  };
  const rowsOf = (who: keyof typeof heard, id: string) => heard[who].changed.filter((row) => row.id === id);
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
    const team = async (name: string) => (await cluster.pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
    teams = { avia: await team('Авиа live'), hotels: await team('Отели live') };
    // Anna (team Avia) and the admin on one chat process, Boris (team Hotels) on the other.
    const anna = await agent('Анна Live', 0, { team: teams.avia });
    const boris = await agent('Борис Live', 1, { team: teams.hotels });
    const admin = await agent('Админ Live', 1, { role: 'admin' });
    heard.anna = listen(anna.socket);
    heard.boris = listen(boris.socket);
    heard.admin = listen(admin.socket);
    customerToken = await cluster.customerToken('cust-live-lists', 'Ирина Клиентова');
    customerSocket = await cluster.socket(cluster.nodes[0]!, customerToken);
    heard.customer = listen(customerSocket);
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('a new conversation, its routing, a message and a close reach exactly the lists that may show them, on both processes', async () => {
    const opened = await api<{ conversation: { id: string } }>(cluster.nodes[1]!, 'POST', '/v1/conversations', customerToken, { topic: 'Возврат билета', clientMessageId: randomUUID(), body: 'Хочу вернуть билет' });
    expect(opened.status).toBe(201);
    const id = opened.body.conversation.id;
    // Not routed yet (no team): every agent whose scope covers teamless customer conversations sees it.
    for (const who of ['anna', 'boris', 'admin'] as const) {
      const [first] = await eventually(`${who} hears of the new conversation`, async () => (rowsOf(who, id).length > 0 ? rowsOf(who, id) : undefined), 10_000, 50);
      expect(first).toMatchObject({ id, status: 'open', teamId: null, customer: { name: 'Ирина Клиентова' } });
    }

    // Routed to Avia by another writer (here SQL, as the balancer does): Anna and the admin get the
    // row, Boris, who saw it only while it had no team, has it taken out.
    await cluster.pg.query('UPDATE conversations SET team_id = $2, queued_at = now(), updated_at = now() WHERE id = $1', [id, teams.avia]);
    await eventually('Anna sees it in Avia', async () => rowsOf('anna', id).some((row) => row.teamId === teams.avia), 10_000, 50);
    await eventually('the admin sees it in Avia', async () => rowsOf('admin', id).some((row) => row.teamId === teams.avia), 10_000, 50);
    await eventually('Boris has it taken out', async () => heard.boris.removed.includes(id), 10_000, 50);
    const borisRows = rowsOf('boris', id).length;

    // The customer writes again: the row with the new preview, to Anna and the admin only.
    const sent = await call(customerSocket, 'message:send', { conversationId: id, clientMessageId: randomUUID(), body: 'Рейс SU 1234 на завтра' });
    expect(sent.ok).toBe(true);
    await eventually('Anna sees the new preview', async () => rowsOf('anna', id).some((row) => row.preview?.body === 'Рейс SU 1234 на завтра' && row.preview.kind === 'customer'), 10_000, 50);
    await eventually('the admin sees the new preview', async () => rowsOf('admin', id).some((row) => row.preview?.body === 'Рейс SU 1234 на завтра'), 10_000, 50);

    // A burst of messages: the lists end with the last one's preview (a busy conversation's
    // activity is gathered for up to half a second, never dropped).
    for (const body of ['Первое из трёх', 'Второе из трёх', 'Третье из трёх']) {
      expect((await call(customerSocket, 'message:send', { conversationId: id, clientMessageId: randomUUID(), body })).ok).toBe(true);
    }
    await eventually('Anna sees the last preview of the burst', async () => rowsOf('anna', id).at(-1)?.preview?.body === 'Третье из трёх', 10_000, 50);

    // A change no list row shows (the SLA clock) is not pushed.
    await quiet();
    const annaRows = rowsOf('anna', id).length;
    await cluster.pg.query(`UPDATE conversations SET sla_due_at = now() + interval '1 hour' WHERE id = $1`, [id]);
    await quiet();
    expect(rowsOf('anna', id)).toHaveLength(annaRows);

    // A change that is rolled back is never announced.
    const client = await cluster.pg.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE conversations SET priority = 3, updated_at = now() WHERE id = $1', [id]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    await quiet();
    expect(rowsOf('anna', id).some((row) => row.priority === 3)).toBe(false);

    // Closed: the row says so (the list takes it out of open views by its own rule).
    await cluster.pg.query(`UPDATE conversations SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`, [id]);
    await eventually('Anna sees it closed', async () => rowsOf('anna', id).some((row) => row.status === 'closed'), 10_000, 50);

    // Boris heard nothing more of it, and the customer nothing at all.
    await quiet();
    expect(rowsOf('boris', id)).toHaveLength(borisRows);
    expect(heard.customer).toEqual({ changed: [], removed: [] });
  });

  it('an internal conversation of another team never reaches an agent outside it', async () => {
    const { rows } = await cluster.pg.query<{ id: string }>(
      `INSERT INTO conversations (channel, internal, team_id, status, topic) VALUES ('internal', true, $1, 'open', 'Внутреннее: Отели') RETURNING id`,
      [teams.hotels],
    );
    const id = rows[0]!.id;
    await eventually('Boris hears of it', async () => rowsOf('boris', id).length > 0, 10_000, 50);
    await eventually('the admin hears of it', async () => rowsOf('admin', id).length > 0, 10_000, 50);
    await quiet();
    expect(rowsOf('anna', id)).toEqual([]);
    expect(heard.anna.removed).not.toContain(id);
  });
});

describe('what a list change means to a viewer', () => {
  const [conversation, team, other, agent] = ['0b6a8f7e-3c1d-4e2f-9a8b-7c6d5e4f3a21', '1c7b9a8f-4d2e-4f3a-8b9c-8d7e6f5a4b32', '2d8cab9a-5e3f-4a4b-9cad-9e8f7a6b5c43', '3e9dbcab-6f4a-4b5c-8dbe-af9a8b7c6d54'];

  it('reads ids, activity-only changes, and the old team and assignee of a move; skips anything else', () => {
    expect(parseListChanges(`${conversation},~${conversation},~x,${conversation}:${team}:,${conversation}::${agent},not-a-uuid,${conversation}:a:b:c`)).toEqual([
      { conversationId: conversation },
      { conversationId: conversation, activity: true },
      { conversationId: conversation, moved: { teamId: team, assigneeId: null } },
      { conversationId: conversation, moved: { teamId: null, assigneeId: agent } },
    ]);
  });

  it('shows the row to whoever may see it now, takes it out for whoever saw it only where it was', () => {
    const row = { customerId: agent, internal: false, teamId: other, assigneeId: null, participantIds: [] };
    const member = { type: 'agent' as const, agentId: agent, role: 'agent', scope: 'teams' as const, teamIds: new Set([team]), permissions: new Set<never>() };
    expect(listUpdateFor(member, row, undefined)).toBeNull();
    expect(listUpdateFor(member, row, { teamId: team, assigneeId: null })).toBe('removed');
    expect(listUpdateFor(member, { ...row, teamId: team }, { teamId: other, assigneeId: null })).toBe('changed');
    const assignedOnly = { ...member, scope: 'assigned' as const };
    expect(listUpdateFor(assignedOnly, { ...row, assigneeId: agent }, undefined)).toBe('changed');
    expect(listUpdateFor(assignedOnly, row, { teamId: other, assigneeId: agent })).toBe('removed');
  });
});
