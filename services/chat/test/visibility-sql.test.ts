// The visibility rule is written once, in @smartchat/core's canSeeConversation; the inbox, the
// customer panel and a customer's own list narrow in SQL first (so that LIMIT counts visible rows).
// This proves the SQL equal to the rule over every combination of the facts the rule reads: each
// scope, each kind of conversation (public or internal; no team, the agent's team or another;
// unassigned, the agent's or someone else's; with or without the agent as a participant or
// mentioned), against a real Postgres. A change to either side that the other does not follow
// fails here.
import { canSeeConversation, type AgentAccess, type Scope, type Viewer } from '@smartchat/core';
import { migratePostgres, schemaDir, type PgPool } from '@smartchat/platform';
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore } from '../src/store/conversations.js';
import { InboxStore } from '../src/store/inbox.js';

interface Case {
  id: string;
  customerId: string | null;
  internal: boolean;
  teamId: string | null;
  assigneeId: string | null;
  participantIds: string[];
}

describe('visibility in SQL is the rule of @smartchat/core', () => {
  const resources = new TestResources();
  let pg: PgPool;
  const cases: Case[] = [];
  let me: string;
  let colleague: string;
  let myTeam: string;
  let otherTeam: string;

  beforeAll(async () => {
    const database = await resources.postgres();
    pg = database.pool;
    await migratePostgres(pg, schemaDir.postgres, resources.logger);
    const agent = async (name: string) => (await pg.query<{ id: string }>(`INSERT INTO agents (email, name, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [name, name])).rows[0]!.id;
    const team = async (name: string) => (await pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
    [me, colleague] = [await agent('me@desk.test'), await agent('colleague@desk.test')];
    [myTeam, otherTeam] = [await team('Моя'), await team('Чужая')];
    let n = 0;
    for (const internal of [false, true]) {
      for (const teamId of [null, myTeam, otherTeam]) {
        for (const assigneeId of [null, me, colleague]) {
          for (const participant of [null, { agent: me, reason: 'added' }, { agent: me, reason: 'mentioned' }, { agent: colleague, reason: 'added' }] as const) {
            // Each public conversation has a customer of its own, so that "may see the customer" is
            // "may see this conversation"; internal ones have none or, half of them, one of their own.
            const withCustomer = !internal || n % 2 === 0;
            const customerId = withCustomer ? (await pg.query<{ id: string }>('INSERT INTO customers (external_id) VALUES ($1) RETURNING id', [`visibility-${n}`])).rows[0]!.id : null;
            const { rows } = await pg.query<{ id: string }>(
              `INSERT INTO conversations (customer_id, channel, internal, team_id, assignee_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
              [customerId, internal ? 'internal' : 'widget', internal, teamId, assigneeId],
            );
            const id = rows[0]!.id;
            if (participant) await pg.query('INSERT INTO conversation_participants (conversation_id, agent_id, reason) VALUES ($1, $2, $3)', [id, participant.agent, participant.reason]);
            cases.push({ id, customerId, internal, teamId, assigneeId, participantIds: participant ? [participant.agent] : [] });
            n += 1;
          }
        }
      }
    }
  }, 120_000);
  afterAll(() => resources.cleanup());

  const viewer = (scope: Scope, teamIds: string[]): AgentAccess => ({ agentId: me, role: 'test', scope, permissions: new Set(), teamIds: new Set(teamIds) });
  const viewers = (): { label: string; access: AgentAccess }[] => [
    { label: 'scope all', access: viewer('all', []) },
    { label: 'scope teams, in a team', access: viewer('teams', [myTeam]) },
    { label: 'scope teams, in both teams', access: viewer('teams', [myTeam, otherTeam]) },
    { label: 'scope teams, in no team', access: viewer('teams', []) },
    { label: 'scope assigned', access: viewer('assigned', [myTeam]) },
  ];
  const rule = (who: Viewer) => new Set(cases.filter((conversation) => canSeeConversation(who, conversation)).map((conversation) => conversation.id));

  it('covers every combination of the facts the rule reads', () => {
    expect(cases).toHaveLength(2 * 3 * 3 * 4);
  });

  it('lists in the inbox exactly the conversations the rule lets each agent see', async () => {
    const inbox = new InboxStore(pg);
    for (const { label, access } of viewers()) {
      const page = await inbox.page(access, { sort: 'recent', limit: 1000 });
      const listed = new Set(page.conversations.map((conversation) => conversation.id));
      expect([...listed].sort(), label).toEqual([...rule({ type: 'agent', ...access })].sort());
    }
  });

  it("shows an agent exactly the customers of conversations the rule lets them see", async () => {
    const inbox = new InboxStore(pg);
    for (const { label, access } of viewers()) {
      for (const conversation of cases.filter((entry) => entry.customerId)) {
        const visible = await inbox.customerVisible(access, conversation.customerId!);
        expect(visible, `${label}: ${JSON.stringify({ ...conversation, id: undefined, customerId: undefined })}`).toBe(canSeeConversation({ type: 'agent', ...access }, conversation));
      }
    }
  });

  it("lists for a customer exactly their conversations the rule lets them see", async () => {
    const conversations = new ConversationStore(pg);
    for (const conversation of cases.filter((entry) => entry.customerId)) {
      const listed = (await conversations.listForCustomer(conversation.customerId!)).map((entry) => entry.id);
      expect(listed).toEqual([...rule({ type: 'customer', customerId: conversation.customerId! })]);
    }
  });
});
