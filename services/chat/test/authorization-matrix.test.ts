// The authorisation matrix: every REST route and socket event of the product, tried as every kind
// of caller — built-in roles, a custom role for each single permission of the catalogue, a
// narrow-scoped role, customers, and callers with no, forged or expired tokens — against a
// conversation inside and one outside the caller's scope. The expected answers are written out here
// from the product's rules, independently of the code that enforces them.
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, type Permission } from '@smartchat/core';
import { TestResources } from '@smartchat/platform/testing';
import { createTestStatsDatabase } from '@smartchat/stats';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

type Verdict = 'allowed' | 'forbidden' | 'not-found' | 'unauthenticated';

interface Caller {
  label: string;
  token: string | undefined;
  kind: 'agent' | 'customer' | 'nobody';
  /** For agents: scope and permissions of their role; for customers: whether they own the conversations. */
  scope?: 'all' | 'teams' | 'assigned';
  permissions?: ReadonlySet<Permission>;
  owner?: boolean;
}

interface Target {
  conversationId: string;
  teamId: string;
  /** In the agent-with-teams-scope's team (the other one belongs to another team). */
  inTeam: boolean;
}

const everything = new Set(PERMISSIONS);
const agentRole = new Set<Permission>(['conversations.reply', 'conversations.note', 'conversations.assign', 'conversations.transfer', 'conversations.snooze', 'conversations.close', 'conversations.internal', 'messages.delete_own']);
const adminRole = new Set(PERMISSIONS.filter((permission) => permission !== 'roles.manage'));

/** May this caller see the conversation? (the rule, restated) */
function sees(caller: Caller, target: Target): boolean {
  if (caller.kind === 'customer') return caller.owner === true;
  if (caller.kind !== 'agent') return false;
  return caller.scope === 'all' || (caller.scope === 'teams' && target.inTeam);
}

function holds(caller: Caller, ...permissions: Permission[]): boolean {
  return caller.kind === 'agent' && permissions.some((permission) => caller.permissions!.has(permission));
}

/** Whether `caller` could grant the built-in agent role (scope teams + its permissions). */
function canGrantAgentRole(caller: Caller): boolean {
  return caller.kind === 'agent' && caller.scope !== 'assigned' && caller.scope !== undefined && [...agentRole].every((permission) => caller.permissions!.has(permission));
}

interface Operation {
  name: string;
  /** Needs a conversation (tried against both targets). */
  perConversation: boolean;
  expected(caller: Caller, target: Target): Verdict;
  run(node: ChatNode, caller: Caller, target: Target): Promise<Verdict>;
}

const restVerdict = (status: number): Verdict => {
  if (status >= 200 && status < 300) return 'allowed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  throw new Error(`unexpected status ${status}`);
};
const ackVerdict = (result: { ok: boolean; error?: { code: string } }): Verdict => {
  if (result.ok) return 'allowed';
  const code = result.error!.code;
  if (code === 'SC_ERR_CONVERSATION_NOT_FOUND') return 'not-found';
  if (code === 'SC_ERR_FORBIDDEN' || code === 'SC_ERR_MESSAGE_KIND_NOT_ALLOWED') return 'forbidden';
  throw new Error(`unexpected error code ${code}`);
};

/** Unauthenticated callers are refused before anything else; then visibility; then the permission. */
const conversationRule =
  (permitted: (caller: Caller) => boolean) =>
  (caller: Caller, target: Target): Verdict => {
    if (caller.kind === 'nobody') return 'unauthenticated';
    if (!sees(caller, target)) return 'not-found';
    return permitted(caller) ? 'allowed' : 'forbidden';
  };
const agentRouteRule =
  (permitted: (caller: Caller) => boolean) =>
  (caller: Caller): Verdict => {
    if (caller.kind === 'nobody') return 'unauthenticated';
    return permitted(caller) ? 'allowed' : 'forbidden';
  };

describe('the authorisation matrix', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  const callers: Caller[] = [];
  const targets: Target[] = [];
  const operations: Operation[] = [];

  beforeAll(async () => {
    // An empty statistics database: the statistics routes answer (with n 0) rather than 503.
    const stats = await createTestStatsDatabase(resources);
    cluster = await startChatCluster(resources, 2, { SMARTCHAT_STATS_PG_URL: stats.readerUrl });
    const { pg } = cluster;
    const team = async (name: string) => (await pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
    const [mine, theirs] = [await team('Своя'), await team('Чужая')];
    const agent = async (label: string, role: string, scope: Caller['scope'], permissions: ReadonlySet<Permission>, teams: string[] = []) => {
      const created = await cluster.createAgent(label, { role });
      for (const teamId of teams) await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, created.id]);
      callers.push({ label, kind: 'agent', scope, permissions, token: await cluster.login(cluster.nodes[0]!, created.email, created.password) });
    };
    await agent('super-admin', 'super-admin', 'all', everything);
    await agent('admin', 'admin', 'all', adminRole);
    await agent('agent (teams scope)', 'agent', 'teams', agentRole, [mine]);
    await pg.query(`INSERT INTO roles (name, scope, permissions) VALUES ('nothing', 'all', '{}'), ('assigned-writer', 'assigned', '{conversations.reply,conversations.note}')`);
    await agent('custom: no permission, scope all', 'nothing', 'all', new Set());
    await agent('custom: reply+note, scope assigned', 'assigned-writer', 'assigned', new Set(['conversations.reply', 'conversations.note']), [mine]);
    for (const permission of PERMISSIONS) {
      await pg.query(`INSERT INTO roles (name, scope, permissions) VALUES ($1, 'all', $2)`, [`only ${permission}`, [permission]]);
      await agent(`custom: only ${permission}`, `only ${permission}`, 'all', new Set([permission]));
    }
    const ownerToken = await cluster.customerToken('matrix-owner', 'Владелец');
    callers.push({ label: 'customer (owner)', kind: 'customer', owner: true, token: ownerToken });
    callers.push({ label: 'customer (someone else)', kind: 'customer', owner: false, token: await cluster.customerToken('matrix-other', 'Чужой') });
    callers.push({ label: 'no token', kind: 'nobody', token: undefined });
    callers.push({ label: 'forged token', kind: 'nobody', token: `${ownerToken.slice(0, -4)}AAAA` });
    callers.push({ label: 'expired customer token', kind: 'nobody', token: await cluster.customerToken('matrix-owner', 'Владелец', -10) });

    for (const [teamId, inTeam] of [[mine, true], [theirs, false]] as const) {
      const opened = await api<{ conversation: { id: string } }>(cluster.nodes[0]!, 'POST', '/v1/conversations', ownerToken, { topic: inTeam ? 'в команде' : 'вне команды' });
      await pg.query('UPDATE conversations SET team_id = $2 WHERE id = $1', [opened.body.conversation.id, teamId]);
      targets.push({ conversationId: opened.body.conversation.id, teamId, inTeam });
    }
    const ownerId = (await pg.query<{ id: string }>(`SELECT id FROM customers WHERE external_id = 'matrix-owner'`)).rows[0]!.id;
    // Someone else's account and a team outside the matrix's own two, for the routes that take their ids.
    const colleague = await cluster.createAgent('Коллега');
    const spareTeam = await team('Запасная');

    const rest = (name: string, method: string, path: (target: Target) => string, body: (() => unknown) | undefined, expected: Operation['expected'], perConversation = true): Operation => ({
      name: `${method} ${name}`,
      perConversation,
      expected,
      run: async (node, caller, target) => restVerdict((await api(node, method, path(target), caller.token, body?.())).status),
    });
    const stateful = (operation: Operation): Operation => ({
      ...operation,
      run: async (node, caller, target) => {
        try {
          return await operation.run(node, caller, target);
        } catch (error) {
          if ((error as Error).message === 'unexpected status 409') return 'allowed';
          throw error;
        }
      },
    });
    const isAgent = (caller: Caller) => caller.kind === 'agent';
    const anyone = () => true;
    operations.push(
      rest('/v1/conversations/:id', 'GET', (t) => `/v1/conversations/${t.conversationId}`, undefined, conversationRule(anyone)),
      rest('/v1/conversations/:id/messages', 'GET', (t) => `/v1/conversations/${t.conversationId}/messages`, undefined, conversationRule(anyone)),
      rest(
        '/v1/conversations/:id/messages (reply)',
        'POST',
        (t) => `/v1/conversations/${t.conversationId}/messages`,
        () => ({ clientMessageId: randomUUID(), body: 'ответ' }),
        conversationRule((caller) => caller.kind === 'customer' || holds(caller, 'conversations.reply')),
      ),
      rest(
        '/v1/conversations/:id/messages (note)',
        'POST',
        (t) => `/v1/conversations/${t.conversationId}/messages`,
        () => ({ clientMessageId: randomUUID(), kind: 'note', body: 'заметка' }),
        conversationRule((caller) => holds(caller, 'conversations.note')),
      ),
      rest('/v1/conversations/:id (unassign)', 'PATCH', (t) => `/v1/conversations/${t.conversationId}`, () => ({ assigneeId: null }), conversationRule((caller) => holds(caller, 'conversations.assign'))),
      rest('/v1/conversations', 'GET', () => '/v1/conversations', undefined, agentRouteRule(anyone), false),
      // Search answers anyone signed in; what each finds is the search test's (search.test.ts).
      rest('/v1/search', 'GET', () => '/v1/search?q=%D0%BE%D1%82%D0%B2%D0%B5%D1%82', undefined, agentRouteRule(anyone), false),
      rest('/v1/conversations/internal', 'POST', () => '/v1/conversations/internal', () => ({ topic: 'внутреннее' }), agentRouteRule((caller) => holds(caller, 'conversations.internal')), false),
      // About a customer: the permission first, then the customer must be one the caller already sees.
      rest(
        '/v1/conversations/internal (about a customer)',
        'POST',
        () => '/v1/conversations/internal',
        () => ({ topic: 'о клиенте', customerId: ownerId }),
        (caller) => {
          if (caller.kind === 'nobody') return 'unauthenticated';
          if (!holds(caller, 'conversations.internal')) return 'forbidden';
          return targets.some((target) => sees(caller, target)) ? 'allowed' : 'not-found';
        },
        false,
      ),
      rest('/v1/conversations/internal (about a missing customer)', 'POST', () => '/v1/conversations/internal', () => ({ topic: 'о клиенте', customerId: randomUUID() }), (caller) => {
        if (caller.kind === 'nobody') return 'unauthenticated';
        return holds(caller, 'conversations.internal') ? 'not-found' : 'forbidden';
      }, false),
      rest("/v1/agents/:id/status (someone else's)", 'PUT', () => `/v1/agents/${colleague.id}/status`, () => ({ status: 'offline' }), agentRouteRule((caller) => holds(caller, 'agents.manage')), false),
      rest("/v1/agents/:id (someone else's capacity)", 'PATCH', () => `/v1/agents/${colleague.id}`, () => ({ capacity: 5 }), agentRouteRule((caller) => holds(caller, 'agents.manage') && canGrantAgentRole(caller)), false),
      rest("/v1/agents/:id/password-reset (someone else's)", 'POST', () => `/v1/agents/${colleague.id}/password-reset`, undefined, agentRouteRule((caller) => holds(caller, 'agents.manage') && canGrantAgentRole(caller)), false),
      rest('/v1/teams/:id (rename)', 'PATCH', () => `/v1/teams/${spareTeam}`, () => ({ name: `t-${randomUUID().slice(0, 8)}` }), agentRouteRule((caller) => holds(caller, 'teams.manage')), false),
      rest('/v1/teams/:id/members', 'PUT', () => `/v1/teams/${spareTeam}/members`, () => ({ agentIds: [colleague.id] }), agentRouteRule((caller) => holds(caller, 'teams.manage')), false),
      rest('/v1/auth/password-policy', 'GET', () => '/v1/auth/password-policy', undefined, () => 'allowed', false),
      // A transfer names a team; into the conversation's own team, so that the matrix's targets stay as they are.
      stateful({
        name: 'PATCH /v1/conversations/:id (transfer)',
        perConversation: true,
        expected: conversationRule((caller) => holds(caller, 'conversations.transfer')),
        run: async (node, caller, target) => restVerdict((await api(node, 'PATCH', `/v1/conversations/${target.conversationId}`, caller.token, { teamId: target.teamId })).status),
      }),
      {
        name: 'DELETE /v1/teams/:id',
        perConversation: false,
        expected: agentRouteRule((caller) => holds(caller, 'teams.manage')),
        run: async (node, caller) => restVerdict((await api(node, 'DELETE', `/v1/teams/${await team(`d-${randomUUID().slice(0, 8)}`)}`, caller.token)).status),
      },
      rest('/v1/roles', 'GET', () => '/v1/roles', undefined, agentRouteRule((caller) => holds(caller, 'roles.manage', 'agents.manage')), false),
      rest('/v1/roles', 'POST', () => '/v1/roles', () => ({ name: `r-${randomUUID().slice(0, 8)}`, scope: 'assigned', permissions: [] }), agentRouteRule((caller) => holds(caller, 'roles.manage')), false),
      rest('/v1/agents', 'GET', () => '/v1/agents', undefined, agentRouteRule(isAgent), false),
      rest(
        '/v1/agents',
        'POST',
        () => '/v1/agents',
        () => ({ email: `${randomUUID().slice(0, 8)}@matrix.test`, name: 'Новичок', password: 'long enough password', role: 'agent' }),
        agentRouteRule((caller) => holds(caller, 'agents.manage') && canGrantAgentRole(caller)),
        false,
      ),
      rest('/v1/teams', 'GET', () => '/v1/teams', undefined, agentRouteRule(isAgent), false),
      rest('/v1/teams', 'POST', () => '/v1/teams', () => ({ name: `t-${randomUUID().slice(0, 8)}` }), agentRouteRule((caller) => holds(caller, 'teams.manage')), false),
      rest('/v1/audit', 'GET', () => '/v1/audit?limit=1', undefined, agentRouteRule((caller) => holds(caller, 'audit.view')), false),
      rest('/v1/mentions', 'GET', () => '/v1/mentions', undefined, agentRouteRule(isAgent), false),
      rest('/v1/teams/:id/assignment', 'PATCH', () => `/v1/teams/${mine}/assignment`, () => ({ assignmentPaused: false }), agentRouteRule((caller) => holds(caller, 'teams.manage')), false),
      rest('/v1/conversations/counts', 'GET', () => '/v1/conversations/counts', undefined, agentRouteRule(isAgent), false),
      rest('/v1/me', 'GET', () => '/v1/me', undefined, agentRouteRule(anyone), false),
      // Statistics: statistics.view (scope all for every custom role here); exports also reports.export.
      ...['metrics', 'overview', 'series', 'heatmap', 'teams', 'agents', 'sla', 'csat', 'live'].map((route) =>
        rest(`/v1/statistics/${route}`, 'GET', () => `/v1/statistics/${route}?from=2026-11-01&to=2026-11-30&timeZone=Europe/Moscow&metric=conversations_new`, undefined, agentRouteRule((caller) => holds(caller, 'statistics.view')), false),
      ),
      // Files, not JSON: only the status is read.
      ...['teams', 'agents'].map(
        (table): Operation => ({
          name: `GET /v1/statistics/${table}/export`,
          perConversation: false,
          expected: agentRouteRule((caller) => holds(caller, 'statistics.view') && holds(caller, 'reports.export')),
          run: async (node, caller) => {
            const response = await fetch(`${node.url}/v1/statistics/${table}/export?from=2026-11-01&to=2026-11-30&timeZone=Europe/Moscow&format=csv`, { headers: caller.token ? { authorization: `Bearer ${caller.token}` } : {} });
            await response.arrayBuffer();
            return restVerdict(response.status);
          },
        }),
      ),
      rest('/v1/topics', 'GET', () => '/v1/topics', undefined, agentRouteRule(anyone), false),
      // The e-mail channel's configuration: integrations.manage only.
      rest('/v1/mailboxes', 'GET', () => '/v1/mailboxes', undefined, agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      rest(
        '/v1/mailboxes',
        'POST',
        () => '/v1/mailboxes',
        () => ({ address: `m-${randomUUID().slice(0, 8)}@matrix.test`, teamId: mine, inbound: 'smtp', smtp: { host: '127.0.0.1', port: 2525, security: 'none' } }),
        agentRouteRule((caller) => holds(caller, 'integrations.manage')),
        false,
      ),
      // The back-office integration's configuration: integrations.manage only.
      rest('/v1/integrations', 'GET', () => '/v1/integrations', undefined, agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      rest('/v1/integrations', 'POST', () => '/v1/integrations', () => ({ name: `i-${randomUUID().slice(0, 8)}` }), agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      rest('/v1/integrations/rules', 'GET', () => '/v1/integrations/rules', undefined, agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      rest('/v1/mail/blocked-senders', 'GET', () => '/v1/mail/blocked-senders', undefined, agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      rest('/v1/mail/blocked-senders', 'PUT', () => '/v1/mail/blocked-senders', () => ({ senders: ['@spam.matrix.test'] }), agentRouteRule((caller) => holds(caller, 'integrations.manage')), false),
      // The mail side of a conversation exists only for e-mail conversations: for these (widget) ones, nobody gets more than not-found.
      rest('/v1/conversations/:id/mail', 'GET', (t) => `/v1/conversations/${t.conversationId}/mail`, undefined, (caller) => (caller.kind === 'nobody' ? 'unauthenticated' : 'not-found')),
      rest('/v1/macros', 'GET', () => '/v1/macros', undefined, agentRouteRule(isAgent), false),
      rest('/v1/macros (personal)', 'POST', () => '/v1/macros', () => ({ name: `m-${randomUUID().slice(0, 8)}`, body: 'Здравствуйте!', shared: false }), agentRouteRule(isAgent), false),
      rest('/v1/macros (shared)', 'POST', () => '/v1/macros', () => ({ name: `s-${randomUUID().slice(0, 8)}`, body: 'Здравствуйте!', shared: true }), agentRouteRule((caller) => holds(caller, 'macros.manage')), false),
      // An agent sees a customer through any conversation of theirs they may see; customers are refused.
      rest(
        '/v1/customers/:id',
        'GET',
        () => `/v1/customers/${ownerId}`,
        undefined,
        (caller) => (caller.kind === 'nobody' ? 'unauthenticated' : caller.kind === 'customer' ? 'forbidden' : targets.some((target) => sees(caller, target)) ? 'allowed' : 'not-found'),
        false,
      ),
      // State changes: an authorised caller may find the conversation already in that state (409).
      stateful(rest('/v1/conversations/:id/snooze', 'POST', (t) => `/v1/conversations/${t.conversationId}/snooze`, () => ({ preset: 'in_1_hour' }), conversationRule((caller) => holds(caller, 'conversations.snooze')))),
      stateful(rest('/v1/conversations/:id/close', 'POST', (t) => `/v1/conversations/${t.conversationId}/close`, undefined, conversationRule((caller) => holds(caller, 'conversations.close')))),
      stateful(rest('/v1/conversations/:id/reopen', 'POST', (t) => `/v1/conversations/${t.conversationId}/reopen`, undefined, conversationRule((caller) => holds(caller, 'conversations.close')))),
    );
    const socketOperation = (name: string, input: (target: Target) => unknown, expected: Operation['expected']): Operation => ({
      name: `socket ${name}`,
      perConversation: true,
      expected,
      run: async (node, caller, target) => {
        const socket = connectSocket(node.url, { auth: caller.token ? { token: caller.token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
        try {
          const connected = await new Promise<boolean>((resolve) => {
            socket.once('connect', () => resolve(true));
            socket.once('connect_error', () => resolve(false));
          });
          if (!connected) return 'unauthenticated';
          return ackVerdict(await call(socket, name.split(' ')[0]!, input(target)));
        } finally {
          socket.disconnect();
        }
      },
    });
    operations.push(
      socketOperation('conversation:join', (t) => ({ conversationId: t.conversationId }), conversationRule(anyone)),
      socketOperation('message:send (reply)', (t) => ({ conversationId: t.conversationId, clientMessageId: randomUUID(), body: 'ответ' }), conversationRule((caller) => caller.kind === 'customer' || holds(caller, 'conversations.reply'))),
      socketOperation('message:send (note)', (t) => ({ conversationId: t.conversationId, clientMessageId: randomUUID(), kind: 'note', body: 'заметка' }), conversationRule((caller) => holds(caller, 'conversations.note'))),
    );
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('answers every caller on every route and event as the rules say', async () => {
    const mismatches: string[] = [];
    let tried = 0;
    for (const operation of operations) {
      for (const caller of callers) {
        for (const target of operation.perConversation ? targets : targets.slice(0, 1)) {
          const node = cluster.nodes[tried % cluster.nodes.length]!;
          tried += 1;
          const expected = operation.expected(caller, target);
          const actual = await operation.run(node, caller, target);
          if (actual !== expected) mismatches.push(`${operation.name} as ${caller.label} on ${target.inTeam ? 'in-team' : 'other-team'} conversation: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(tried).toBeGreaterThan(500);
  }, 300_000);
});
