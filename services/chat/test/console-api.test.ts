// What the console and the widget read over REST: the inbox views, filters, keyset pages and
// counts; who am I; topics; macros; a customer's context with the back-office's data. Against a
// real chat tier and a real HTTP stand-in for the back-office. Who should see what is written out
// here from the product's rules, independently of the SQL that implements them.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomerContext, InboxConversation, InboxCounts, Macro, Me } from '@smartchat/contracts';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken } from '../src/auth/identity.js';
import { verifyChatServiceToken } from '../src/auth/tokens.js';
import { api, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

type Who = 'anna' | 'admin';
type View = keyof InboxCounts;
const views: View[] = ['mine', 'unassigned', 'teams', 'mentions', 'snoozed', 'all', 'closed'];

interface Fixture {
  id: string;
  customer: 'ivan' | 'olga' | 'hidden' | 'bad' | null;
  team: 'avia' | 'hotels' | null;
  assignee: 'anna' | 'boris' | 'admin' | null;
  status: 'open' | 'snoozed' | 'closed';
  internal: boolean;
  channel: 'widget' | 'email' | 'internal';
  sla: boolean;
  /** Added to it or mentioned in it (either grants access). */
  participants: Who[];
  mentioned: Who[];
  topic: string;
}

/** Anna has the built-in agent role (scope teams) in team Авиа; the admin sees everything. */
function sees(who: Who, f: Fixture): boolean {
  if (who === 'admin') return true;
  return f.assignee === 'anna' || f.participants.includes('anna') || f.team === 'avia' || (f.team === null && !f.internal);
}

function inView(who: Who, view: View, f: Fixture): boolean {
  const status = { mine: 'open', unassigned: 'open', teams: 'open', mentions: null, snoozed: 'snoozed', all: 'open', closed: 'closed' }[view];
  if (status && f.status !== status) return false;
  if (view === 'mine') return f.assignee === who;
  if (view === 'unassigned') return f.assignee === null;
  if (view === 'teams') return who === 'anna' && f.team === 'avia'; // the admin is in no team
  if (view === 'mentions') return f.mentioned.includes(who);
  return true;
}

describe('the console and widget API', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let other: ChatNode;
  const tokens = {} as Record<Who | 'boris' | 'ivan' | 'olga' | 'hidden' | 'bad', string>;
  const agentIds = {} as Record<Who | 'boris', string>;
  const customerIds = {} as Record<'ivan' | 'olga' | 'hidden' | 'bad', string>;
  const teams = {} as Record<'avia' | 'hotels', string>;
  const fixtures: Record<string, Fixture> = {};

  // The back-office stand-in: answers by the customer's external id, after checking chat's token.
  const backofficeRequests: { path: string; authorization: string | undefined }[] = [];
  const backoffice = createServer((request: IncomingMessage, response: ServerResponse) => {
    backofficeRequests.push({ path: request.url ?? '', authorization: request.headers.authorization });
    const json = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    verifyChatServiceToken(bearerToken(request.headers.authorization), process.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!).then(
      () => {
        const externalId = decodeURIComponent((request.url ?? '').replace(/^\/customers\//, ''));
        if (externalId === 'cust-ivan') {
          return json(200, { fields: [{ label: 'Статус', value: 'Gold' }, { label: 'Бронирований', value: '12' }], links: [{ label: 'Карточка', url: 'https://backoffice.example/customers/ivan' }], internalScore: 42 });
        }
        if (externalId === 'cust-olga') return void setTimeout(() => json(200, { fields: [] }), 6000);
        if (externalId === 'cust-bad') return json(200, { fields: [{ label: 'Ссылка', value: 'x' }], links: [{ label: 'XSS', url: 'javascript:alert(1)' }] });
        return json(404, { error: 'no such customer' });
      },
      () => json(401, { error: 'bad token' }),
    );
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => backoffice.listen(0, '127.0.0.1', resolve));
    resources.defer('stop the back-office stand-in', async () => {
      backoffice.closeAllConnections();
      await new Promise((resolve) => backoffice.close(resolve));
    });
    cluster = await startChatCluster(resources, 2, {
      SMARTCHAT_BACKOFFICE_URL: `http://127.0.0.1:${(backoffice.address() as AddressInfo).port}/`,
      SMARTCHAT_BACKOFFICE_TIMEOUT_MS: '500',
    });
    [node, other] = cluster.nodes as [ChatNode, ChatNode];
    const { pg } = cluster;

    const team = async (name: string, topics: string[]) => (await pg.query<{ id: string }>('INSERT INTO teams (name, topics) VALUES ($1, $2) RETURNING id', [name, topics])).rows[0]!.id;
    teams.avia = await team('Авиа', ['Авиабилеты', 'Возврат']);
    teams.hotels = await team('Отели', ['Отели', 'Возврат']);
    const agent = async (who: Who | 'boris', name: string, role: string, teamId?: string) => {
      const created = await cluster.createAgent(name, { role });
      if (teamId) await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, created.id]);
      agentIds[who] = created.id;
      tokens[who] = await cluster.login(node, created.email, created.password);
    };
    await agent('anna', 'Анна Смирнова', 'agent', teams.avia);
    await agent('boris', 'Борис Иванов', 'agent', teams.hotels);
    await agent('admin', 'Мария Админова', 'admin');
    for (const [who, name] of [['ivan', 'Иван Петров'], ['olga', 'Ольга Соколова'], ['hidden', 'Скрытый Клиент'], ['bad', 'Битый Ответ']] as const) {
      tokens[who] = await cluster.customerToken(`cust-${who}`, name);
    }

    const open = async (name: string, customer: 'ivan' | 'olga' | 'hidden' | 'bad', topic: string, set: Partial<Fixture> = {}) => {
      const created = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', tokens[customer], { topic });
      expect(created.status).toBe(201);
      const team = topic === 'Авиабилеты' ? 'avia' : topic === 'Отели' ? 'hotels' : null;
      fixtures[name] = { id: created.body.conversation.id, customer, team, assignee: null, status: 'open', internal: false, channel: 'widget', sla: false, participants: [], mentioned: [], topic, ...set };
      const f = fixtures[name];
      await pg.query(
        `UPDATE conversations SET assignee_id = $2, status = $3, channel = $4, sla_breach = CASE WHEN $5 THEN 'first_response' END, sla_breached_at = CASE WHEN $5 THEN now() END,
            snoozed_until = CASE WHEN $3 = 'snoozed' THEN now() + interval '1 day' END, priority = $6 WHERE id = $1`,
        [f.id, f.assignee ? agentIds[f.assignee] : null, f.status, f.channel, f.sla, set.sla ? 2 : 0],
      );
    };
    await open('aviaQueue', 'ivan', 'Авиабилеты');
    await open('aviaMine', 'olga', 'Авиабилеты', { assignee: 'anna', channel: 'email' });
    await open('aviaSnoozed', 'ivan', 'Авиабилеты', { status: 'snoozed' });
    await open('aviaClosed', 'olga', 'Авиабилеты', { status: 'closed', participants: ['admin'], mentioned: ['admin'] });
    await open('hotelsQueue', 'hidden', 'Отели');
    await open('hotelsMention', 'olga', 'Отели', { assignee: 'boris', participants: ['anna'], mentioned: ['anna'] });
    await open('unrouted', 'ivan', 'Прочее');
    await open('hotelsBreached', 'hidden', 'Отели', { sla: true });
    await open('aviaBreached', 'ivan', 'Авиабилеты', { sla: true });
    await open('hotelsAdmin', 'hidden', 'Отели', { assignee: 'admin' });
    await open('badUnrouted', 'bad', 'Прочее');
    const internal = await api<{ id: string; customerId: string }>(node, 'POST', '/v1/conversations/internal', tokens.admin, { topic: 'Проверка возврата', customerId: (await customerId('ivan'))! });
    expect(internal.status).toBe(201);
    fixtures.internal = { id: internal.body.id, customer: 'ivan', team: null, assignee: null, status: 'open', internal: true, channel: 'internal', sla: false, participants: ['admin'], mentioned: [], topic: 'Проверка возврата' };
    for (const who of ['ivan', 'olga', 'hidden', 'bad'] as const) customerIds[who] = (await customerId(who))!;

    // Mentions through the API, as agents write them.
    const note = async (who: Who | 'boris', conversation: string, body: string) =>
      expect((await api(node, 'POST', `/v1/conversations/${fixtures[conversation]!.id}/messages`, tokens[who], { clientMessageId: clientMessageId(), kind: 'note', body })).status).toBe(202);
    await note('boris', 'hotelsMention', '@Анна Смирнова, посмотри, пожалуйста');
    await note('anna', 'aviaClosed', '@Мария Админова, закрыто без ответа?');
  }, 180_000);
  afterAll(() => resources.cleanup());

  const customerId = async (who: string) => (await cluster.pg.query<{ id: string }>('SELECT id FROM customers WHERE external_id = $1', [`cust-${who}`])).rows[0]?.id;
  const nameOf = (id: string) => Object.entries(fixtures).find(([, f]) => f.id === id)?.[0] ?? id;

  /** Every page of a list, checking that no conversation comes twice. */
  async function listAll(token: string, query: string, limit = 500): Promise<InboxConversation[]> {
    const found: InboxConversation[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/v1/conversations?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api<{ conversations: InboxConversation[]; nextCursor: string | null }>(found.length % 2 ? other : node, 'GET', path, token);
      expect(page.status, path).toBe(200);
      found.push(...page.body.conversations);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(found.map((conversation) => conversation.id)).size).toBe(found.length);
    return found;
  }
  const expected = (who: Who, test: (f: Fixture) => boolean) =>
    Object.entries(fixtures)
      .filter(([, f]) => sees(who, f) && test(f))
      .map(([name]) => name)
      .sort();
  const names = (conversations: InboxConversation[]) => conversations.map((conversation) => nameOf(conversation.id)).sort();

  describe('inbox views and filters', () => {
    it.each<[Who, View]>((['anna', 'admin'] as const).flatMap((who) => views.map((view) => [who, view] as [Who, View])))('as %s, view %s lists exactly what it should', async (who, view) => {
      expect(names(await listAll(tokens[who], `view=${view}`))).toEqual(expected(who, (f) => inView(who, view, f)));
    });

    it('defaults to view=all', async () => {
      expect(names(await listAll(tokens.anna, 'sort=priority'))).toEqual(expected('anna', (f) => f.status === 'open'));
    });

    it('filters by team, channel, status, SLA and search, within what the agent may see', async () => {
      const cases: [string, (f: Fixture) => boolean][] = [
        [`teamId=${teams.hotels}`, (f) => f.team === 'hotels' && f.status === 'open'],
        [`teamId=${teams.avia}&view=closed`, (f) => f.team === 'avia' && f.status === 'closed'],
        ['channel=email', (f) => f.channel === 'email' && f.status === 'open'],
        ['channel=internal', (f) => f.internal && f.status === 'open'],
        ['status=snoozed', (f) => f.status === 'snoozed'],
        ['view=mine&status=closed', () => false],
        ['view=mentions&status=closed', (f) => f.status === 'closed' && f.mentioned.includes('admin')],
        ['sla=breached', (f) => f.sla && f.status === 'open'],
        ['sla=ok&view=unassigned', (f) => !f.sla && f.status === 'open' && f.assignee === null],
        // topic, customer name or e-mail, case-insensitive
        ['q=%D0%B0%D0%B2%D0%B8%D0%B0', (f) => f.topic === 'Авиабилеты' && f.status === 'open'],
        ['q=%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2', (f) => f.customer === 'ivan' && f.status === 'open'],
        ['q=cust-olga%40example', (f) => f.customer === 'olga' && f.status === 'open'],
        // LIKE's own characters are taken literally
        ['q=%25', () => false],
        ['q=_', () => false],
      ];
      for (const who of ['anna', 'admin'] as const) {
        for (const [query, test] of cases) {
          const wanted = expected(who, (f) => test(f) && (!query.startsWith('view=mentions') || f.mentioned.includes(who)));
          expect(names(await listAll(tokens[who], query)), `${who}: ${query}`).toEqual(wanted);
        }
      }
    });

    it('gives each listed conversation its customer', async () => {
      const [item] = await listAll(tokens.anna, 'channel=email');
      expect(item).toMatchObject({ id: fixtures.aviaMine!.id, customer: { id: customerIds.olga, name: 'Ольга Соколова', email: 'cust-olga@example.test' }, preview: null });
      const [internal] = await listAll(tokens.admin, 'channel=internal');
      expect(internal!.customerId).toBe(customerIds.ivan);
    });

    it('counts every view as its list holds it', async () => {
      for (const who of ['anna', 'admin'] as const) {
        const response = await api<{ counts: InboxCounts }>(other, 'GET', '/v1/conversations/counts', tokens[who]);
        expect(response.status).toBe(200);
        const listed = Object.fromEntries(await Promise.all(views.map(async (view) => [view, (await listAll(tokens[who], `view=${view}`)).length] as const)));
        const modelled = Object.fromEntries(views.map((view) => [view, expected(who, (f) => inView(who, view, f)).length]));
        expect(response.body.counts, who).toEqual(listed);
        expect(response.body.counts, who).toEqual(modelled);
      }
    });
  });

  describe('bad input and the wrong caller', () => {
    it('refuses an unknown view, a garbage cursor, and limits out of range; a cursor continues its own sort', async () => {
      const first = await api<{ nextCursor: string }>(node, 'GET', '/v1/conversations?view=all&limit=1&sort=priority', tokens.admin);
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const query of [
        'view=everything',
        'sort=oldest',
        'limit=0',
        'limit=501',
        'cursor=not-a-cursor',
        'cursor=abc%24%25',
        `cursor=${encode({ s: 'priority', k: ['1', 'yesterday', randomUUID()] })}`,
        `cursor=${encode({ s: 'priority', k: ["1'; DROP TABLE conversations; --", '2026-01-01 00:00:00+00', randomUUID()] })}`,
        // passes the format check, not Postgres's range for a priority
        `cursor=${encode({ s: 'priority', k: ['-99999', '2026-01-01 00:00:00+00', randomUUID()] })}`,
        `cursor=${encode({ s: 'waiting', k: ['2026-02-30 00:00:00+00', randomUUID()] })}`,
        `q=${'x'.repeat(101)}`,
        'teamId=not-a-uuid',
        'channel=telegram',
        'sla=late',
      ]) {
        const response = await api<{ error: { code: string; details: unknown } }>(node, 'GET', `/v1/conversations?${query}`, tokens.admin);
        expect(response, query).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
      }
      // A priority cursor with sort=recent: the page goes on in priority order, as the first did.
      const [byPriority, mixed] = await Promise.all([
        api<{ conversations: { id: string }[] }>(node, 'GET', `/v1/conversations?view=all&limit=1&sort=priority&cursor=${first.body.nextCursor}`, tokens.admin),
        api<{ conversations: { id: string }[] }>(node, 'GET', `/v1/conversations?view=all&limit=1&sort=recent&cursor=${first.body.nextCursor}`, tokens.admin),
      ]);
      expect(mixed.status).toBe(200);
      expect(mixed.body.conversations).toEqual(byPriority.body.conversations);
    });

    it('keeps agents-only routes from customers, and customers to their own conversations', async () => {
      for (const [method, path, body] of [
        ['GET', '/v1/conversations/counts', undefined],
        ['GET', '/v1/macros', undefined],
        ['POST', '/v1/macros', { name: 'Моя', body: 'Текст', shared: false }],
        ['GET', `/v1/customers/${customerIds.ivan}`, undefined],
      ] as const) {
        expect(await api(node, method, path, tokens.ivan, body), path).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
      }
      // The inbox parameters do not widen a customer's list: their own, never internal, no cursor.
      const own = await api<{ conversations: Record<string, unknown>[]; nextCursor: null }>(node, 'GET', '/v1/conversations?view=all&sort=recent&limit=500', tokens.ivan);
      expect(own.status).toBe(200);
      expect(own.body.conversations.map((conversation) => nameOf(conversation.id as string)).sort()).toEqual(['aviaBreached', 'aviaQueue', 'aviaSnoozed', 'unrouted']);
      expect(Object.keys(own.body.conversations[0]!).sort()).toEqual(['createdAt', 'id', 'lastMessageAt', 'status', 'subject', 'topic']);
      expect(own.body.nextCursor).toBeNull();
    });
  });

  describe('who am I, and topics', () => {
    it('tells an agent their profile, permissions and scope', async () => {
      const me = await api<Me>(other, 'GET', '/v1/me', tokens.anna);
      expect(me).toMatchObject({ status: 200, body: { type: 'agent', id: agentIds.anna, name: 'Анна Смирнова', role: 'agent', scope: 'teams', teamIds: [teams.avia], disabled: false } });
      expect(me.body.type === 'agent' && me.body.permissions).toEqual([
        'conversations.reply',
        'conversations.note',
        'conversations.assign',
        'conversations.transfer',
        'conversations.snooze',
        'conversations.close',
        'conversations.internal',
        'messages.delete_own',
      ]);
      const admin = await api<Me>(other, 'GET', '/v1/me', tokens.admin);
      expect(admin.body).toMatchObject({ type: 'agent', scope: 'all', teamIds: [] });
      expect(admin.body.type === 'agent' && admin.body.permissions).toContain('macros.manage');
      expect(admin.body.type === 'agent' && admin.body.permissions).not.toContain('roles.manage');
    });

    it('tells a customer who they are to us', async () => {
      expect(await api(node, 'GET', '/v1/me', tokens.ivan)).toEqual({ status: 200, body: { type: 'customer', customer: { id: customerIds.ivan, name: 'Иван Петров', externalId: 'cust-ivan' } } });
      expect(await api(node, 'GET', '/v1/me', undefined)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_REQUIRED' } } });
    });

    it('lists the topics teams are routed by, once each, sorted, to customers and agents', async () => {
      for (const token of [tokens.ivan, tokens.anna]) {
        expect(await api(node, 'GET', '/v1/topics', token)).toEqual({ status: 200, body: { topics: ['Авиабилеты', 'Возврат', 'Отели'] } });
      }
    });
  });

  describe('the preview of the latest public message', () => {
    it('shows the customer and reply messages as plain text, never a note, and follows a deletion', async () => {
      const customerToken = await cluster.customerToken('cust-preview', 'Пётр Превьюшкин');
      const created = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', customerToken, { topic: 'Превью-тест' });
      const conversationId = created.body.conversation.id;
      const item = async () => (await listAll(tokens.admin, 'q=%D0%9F%D1%80%D0%B5%D0%B2%D1%8C%D1%8E')).find((conversation) => conversation.id === conversationId)!;
      const delivered = (messageId: string) =>
        eventually(`message ${messageId} delivered`, async () => (await cluster.pg.query('SELECT 1 FROM conversations WHERE id = $1 AND last_message_id = $2', [conversationId, messageId])).rowCount === 1);
      const send = async (token: string, body: Record<string, unknown>) => {
        const sent = await api<{ id: string }>(other, 'POST', `/v1/conversations/${conversationId}/messages`, token, { clientMessageId: clientMessageId(), ...body });
        expect(sent.status).toBe(202);
        await delivered(sent.body.id);
        return sent.body.id;
      };
      expect((await item()).preview).toBeNull();

      await send(customerToken, { body: 'Здравствуйте!\n\nПоезд **отменили**, что делать?' });
      expect((await item()).preview).toMatchObject({ kind: 'customer', body: 'Здравствуйте! Поезд отменили, что делать?' });

      await send(tokens.admin, { kind: 'note', body: 'Секретная заметка: клиент VIP' });
      expect((await item()).preview).toMatchObject({ kind: 'customer', body: 'Здравствуйте! Поезд отменили, что делать?' });

      const reply = await send(tokens.admin, { body: `Ответ: ${'длинный текст '.repeat(20)}` });
      const replied = (await item()).preview!;
      expect(replied.kind).toBe('reply');
      expect([...replied.body]).toHaveLength(140);
      expect(replied.body.startsWith('Ответ: длинный текст')).toBe(true);
      expect(replied.body.endsWith('…')).toBe(true);

      await send(tokens.admin, { kind: 'note', body: 'ещё одна заметка' });
      expect((await item()).preview!.kind).toBe('reply');

      // A deleted reply's text does not linger in lists.
      expect((await api(node, 'DELETE', `/v1/conversations/${conversationId}/messages/${reply}`, tokens.admin)).status).toBe(200);
      expect((await item()).preview).toMatchObject({ kind: 'reply', body: '' });
    });
  });

  describe('keyset pages', () => {
    it('pages through more than a page in every sort without gaps or repeats, as an admin and as a team member', async () => {
      const { pg } = cluster;
      const pagesTeam = (await pg.query<{ id: string }>(`INSERT INTO teams (name) VALUES ('Страницы') RETURNING id`)).rows[0]!.id;
      const member = await cluster.createAgent('Пётр Страничный');
      await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [pagesTeam, member.id]);
      const memberToken = await cluster.login(node, member.email, member.password);
      const customer = (await pg.query<{ id: string }>(`INSERT INTO customers (external_id, name) VALUES ('cust-pages', 'Постраничный') RETURNING id`)).rows[0]!.id;
      // Many ties in every key, and rows without a waiting time or a message, so the id tiebreak
      // and the NULLs-last rules are what keeps pages apart. Times are whole milliseconds here so
      // that the order below can be computed from JavaScript dates.
      await pg.query(
        `INSERT INTO conversations (customer_id, channel, team_id, status, priority, topic, waiting_since, last_message_at)
         SELECT $1, 'widget', $2, 'open', g % 4, 'страница ' || g,
                CASE WHEN g % 5 = 0 THEN NULL ELSE date_trunc('second', now()) + (g % 7) * interval '1 millisecond' END,
                CASE WHEN g % 6 = 0 THEN NULL ELSE date_trunc('second', now()) - (g % 9) * interval '1 millisecond' END
           FROM generate_series(1, 130) g`,
        [customer, pagesTeam],
      );
      const { rows } = await pg.query<{ id: string; priority: number; waiting_since: Date | null; last_message_at: Date | null }>('SELECT id, priority, waiting_since, last_message_at FROM conversations WHERE team_id = $1', [pagesTeam]);
      const time = (date: Date | null, none: number) => (date ? date.getTime() : none);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const orders = {
        priority: [...rows].sort((a, b) => b.priority - a.priority || time(a.waiting_since, Infinity) - time(b.waiting_since, Infinity) || byId(a, b)),
        waiting: [...rows].sort((a, b) => time(a.waiting_since, Infinity) - time(b.waiting_since, Infinity) || byId(a, b)),
        recent: [...rows].sort((a, b) => time(b.last_message_at, -Infinity) - time(a.last_message_at, -Infinity) || byId(b, a)),
      };
      for (const token of [tokens.admin, memberToken]) {
        for (const [sort, order] of Object.entries(orders)) {
          const pages: string[][] = [];
          let cursor: string | null = null;
          do {
            const path: string = `/v1/conversations?teamId=${pagesTeam}&sort=${sort}&limit=25${cursor ? `&cursor=${cursor}` : ''}`;
            const page = await api<{ conversations: InboxConversation[]; nextCursor: string | null }>(pages.length % 2 ? other : node, 'GET', path, token);
            expect(page.status).toBe(200);
            pages.push(page.body.conversations.map((conversation) => conversation.id));
            cursor = page.body.nextCursor;
          } while (cursor);
          expect(pages.map((page) => page.length)).toEqual([25, 25, 25, 25, 25, 5]);
          expect(pages.flat(), sort).toEqual(order.map((row) => row.id));
        }
      }
      // Anna is not in that team: none of it reaches her, however she pages.
      expect(await listAll(tokens.anna, `teamId=${pagesTeam}`, 7)).toEqual([]);
    });
  });

  describe('macros', () => {
    const audit = async (action: string) =>
      (await api<{ entries: { actor: string; action: string; target: string | null; outcome: string; details: Record<string, unknown> }[] }>(node, 'GET', `/v1/audit?action=${action}&limit=50`, tokens.admin)).body.entries;

    it('lets every agent keep personal macros, and only macros.manage share them, with an audit trail', async () => {
      const annaOwn = await api<Macro>(node, 'POST', '/v1/macros', tokens.anna, { name: 'Приветствие', body: 'Здравствуйте, {customer.name}! Меня зовут {agent.name}.', shared: false });
      expect(annaOwn).toMatchObject({ status: 201, body: { name: 'Приветствие', shared: false, ownerId: agentIds.anna } });
      const refused = await api(node, 'POST', '/v1/macros', tokens.anna, { name: 'Для всех', body: 'Текст', shared: true });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
      const shared = await api<Macro>(other, 'POST', '/v1/macros', tokens.admin, { name: 'Возврат билета', body: 'Возврат по теме «{conversation.topic}» оформлен.', shared: true });
      expect(shared).toMatchObject({ status: 201, body: { shared: true, ownerId: null } });

      // Names: unique among the shared and among each agent's own, whatever the case.
      expect((await api(node, 'POST', '/v1/macros', tokens.anna, { name: 'приветствие', body: 'дубль' })).body).toMatchObject({ error: { code: 'SC_ERR_CONFLICT' } });
      expect((await api(node, 'POST', '/v1/macros', tokens.admin, { name: 'ВОЗВРАТ БИЛЕТА', body: 'дубль', shared: true })).status).toBe(409);
      const borisOwn = await api<Macro>(node, 'POST', '/v1/macros', tokens.boris, { name: 'Приветствие', body: 'Добрый день!' });
      expect(borisOwn).toMatchObject({ status: 201, body: { shared: false, ownerId: agentIds.boris } });

      const list = async (token: string) => (await api<{ macros: Macro[] }>(other, 'GET', '/v1/macros', token)).body.macros.map((macro) => macro.id).sort();
      expect(await list(tokens.anna)).toEqual([annaOwn.body.id, shared.body.id].sort());
      expect(await list(tokens.boris)).toEqual([borisOwn.body.id, shared.body.id].sort());

      // Someone else's personal macro does not exist for you; a shared one needs macros.manage.
      expect(await api(node, 'PATCH', `/v1/macros/${annaOwn.body.id}`, tokens.boris, { body: 'чужое' })).toMatchObject({ status: 404, body: { error: { code: 'SC_ERR_NOT_FOUND' } } });
      expect((await api(node, 'DELETE', `/v1/macros/${annaOwn.body.id}`, tokens.admin)).status).toBe(404);
      expect((await api(node, 'PATCH', `/v1/macros/${shared.body.id}`, tokens.anna, { body: 'правка' })).status).toBe(403);
      expect((await api(node, 'DELETE', `/v1/macros/${shared.body.id}`, tokens.anna)).status).toBe(403);
      expect((await api(node, 'PATCH', `/v1/macros/${annaOwn.body.id}`, tokens.anna, { shared: true })).status).toBe(403);

      const edited = await api<Macro>(node, 'PATCH', `/v1/macros/${annaOwn.body.id}`, tokens.anna, { body: 'Добрый день, {customer.name}!' });
      expect(edited).toMatchObject({ status: 200, body: { body: 'Добрый день, {customer.name}!', name: 'Приветствие', shared: false } });
      const renamed = await api<Macro>(node, 'PATCH', `/v1/macros/${shared.body.id}`, tokens.admin, { name: 'Возврат: оформлен' });
      expect(renamed).toMatchObject({ status: 200, body: { name: 'Возврат: оформлен', shared: true } });
      // Unsharing makes it the admin's own.
      expect((await api<Macro>(node, 'PATCH', `/v1/macros/${shared.body.id}`, tokens.admin, { shared: false })).body).toMatchObject({ shared: false, ownerId: agentIds.admin });
      expect(await list(tokens.anna)).toEqual([annaOwn.body.id]);
      expect((await api(node, 'DELETE', `/v1/macros/${shared.body.id}`, tokens.admin)).status).toBe(204);
      expect((await api(node, 'DELETE', `/v1/macros/${annaOwn.body.id}`, tokens.anna)).status).toBe(204);
      expect(await list(tokens.anna)).toEqual([]);

      const created = await audit('macro.create');
      expect(created).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: `agent:${agentIds.admin}`, target: `macro:${shared.body.id}`, outcome: 'ok', details: { name: 'Возврат билета', shared: true } }),
          expect.objectContaining({ actor: `agent:${agentIds.anna}`, target: 'macro:Для всех', outcome: 'denied', details: expect.objectContaining({ code: 'SC_ERR_FORBIDDEN', missing: ['macros.manage'] }) }),
        ]),
      );
      expect(await audit('macro.update')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: `agent:${agentIds.admin}`, target: `macro:${shared.body.id}`, outcome: 'ok', details: { before: { name: 'Возврат билета' }, after: { name: 'Возврат: оформлен' } } }),
          expect.objectContaining({ actor: `agent:${agentIds.anna}`, target: `macro:${shared.body.id}`, outcome: 'denied' }),
        ]),
      );
      expect(await audit('macro.delete')).toEqual(expect.arrayContaining([expect.objectContaining({ actor: `agent:${agentIds.admin}`, target: `macro:${shared.body.id}`, outcome: 'ok' })]));
    });

    it('checks names and bodies', async () => {
      for (const body of [{ name: '', body: 'x' }, { name: 'x'.repeat(101), body: 'x' }, { name: 'Пустой', body: '   ' }, { name: 'Длинный', body: 'x'.repeat(10_001) }, { name: 'Без тела' }, { name: 'x', body: 'y', shared: 'yes' }]) {
        expect(await api(node, 'POST', '/v1/macros', tokens.anna, body), JSON.stringify(body).slice(0, 60)).toMatchObject({ status: 400, body: { error: { code: 'SC_ERR_VALIDATION' } } });
      }
      expect((await api(node, 'PATCH', `/v1/macros/${randomUUID()}`, tokens.anna, {})).status).toBe(400);
      expect((await api(node, 'PATCH', `/v1/macros/${randomUUID()}`, tokens.anna, { body: 'x' })).status).toBe(404);
    });
  });

  describe("a customer's context", () => {
    it('shows the customer, their conversations the agent may see, and the back-office data (validated)', async () => {
      const context = await api<CustomerContext>(node, 'GET', `/v1/customers/${customerIds.ivan}`, tokens.anna);
      expect(context.status).toBe(200);
      expect(context.body.customer).toMatchObject({ id: customerIds.ivan, externalId: 'cust-ivan', name: 'Иван Петров', email: 'cust-ivan@example.test' });
      // Unknown fields of the back-office's answer are not passed on.
      expect(context.body.backoffice).toEqual({ fields: [{ label: 'Статус', value: 'Gold' }, { label: 'Бронирований', value: '12' }], links: [{ label: 'Карточка', url: 'https://backoffice.example/customers/ivan' }] });
      expect(context.body.backofficeError).toBeNull();
      expect(names(context.body.conversations)).toEqual(expected('anna', (f) => f.customer === 'ivan' && !f.internal));
      // The admin sees the internal one in the inbox, never in the customer's list.
      const asAdmin = await api<CustomerContext>(other, 'GET', `/v1/customers/${customerIds.ivan}`, tokens.admin);
      expect(names(asAdmin.body.conversations)).toEqual(expected('admin', (f) => f.customer === 'ivan' && !f.internal));
      expect(backofficeRequests.filter((request) => request.path === '/customers/cust-ivan').length).toBeLessThanOrEqual(2); // one per process, then cached
      await api(node, 'GET', `/v1/customers/${customerIds.ivan}`, tokens.anna);
      expect(backofficeRequests.filter((request) => request.path === '/customers/cust-ivan').length).toBeLessThanOrEqual(2);
    });

    it('answers without the back-office data, and says why, when it is slow or answers something else', async () => {
      // The back-office answers after 6 s; the 500 ms timeout answers long before (the margin is
      // wide so that a busy machine cannot make the check fail).
      const started = Date.now();
      const slow = await api<CustomerContext>(node, 'GET', `/v1/customers/${customerIds.olga}`, tokens.anna);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(slow).toMatchObject({ status: 200, body: { customer: { externalId: 'cust-olga' }, backoffice: null, backofficeError: 'timeout' } });
      expect(names(slow.body.conversations)).toEqual(expected('anna', (f) => f.customer === 'olga' && !f.internal));
      const malformed = await api<CustomerContext>(node, 'GET', `/v1/customers/${customerIds.bad}`, tokens.anna);
      expect(malformed).toMatchObject({ status: 200, body: { backoffice: null, backofficeError: 'malformed' } });
      const unknown = await api<CustomerContext>(node, 'GET', `/v1/customers/${customerIds.hidden}`, tokens.admin);
      expect(unknown).toMatchObject({ status: 200, body: { backoffice: null, backofficeError: 'status_404' } });
    });

    it('answers "not found" for a customer the agent sees no conversation of, exactly as for a missing one', async () => {
      const before = backofficeRequests.length;
      const missing = await api(node, 'GET', `/v1/customers/${randomUUID()}`, tokens.anna);
      expect(missing).toEqual({ status: 404, body: { error: { code: 'SC_ERR_CUSTOMER_NOT_FOUND', message: 'Customer not found' } } });
      expect(await api(other, 'GET', `/v1/customers/${customerIds.hidden}`, tokens.anna)).toEqual(missing);
      expect(await api(other, 'GET', '/v1/customers/not-a-uuid', tokens.anna)).toMatchObject({ status: 400 });
      // Nothing was asked of the back-office about a customer the agent may not see.
      expect(backofficeRequests.slice(before).some((request) => request.path.includes('cust-hidden'))).toBe(false);
    });

    it("signs chat's calls with a token of its own that our routes refuse", async () => {
      const token = bearerToken(backofficeRequests[0]!.authorization)!;
      await expect(verifyChatServiceToken(token, process.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!)).resolves.toEqual({ service: 'chat' });
      expect((await api(node, 'POST', '/v1/backoffice/signals', token, { customerExternalId: 'cust-ivan', tripDepartsAt: null })).status).toBe(401);
      expect((await api(node, 'GET', '/v1/conversations', token)).status).toBe(401);
      // Who is asking comes before what is asked: a caller without a back-office token learns
      // nothing about the body the back-office routes expect.
      for (const path of ['/v1/backoffice/signals', '/v1/backoffice/conversations/internal']) {
        for (const caller of [undefined, token, tokens.anna]) {
          const refused = await api(node, 'POST', path, caller, { unexpected: true });
          expect(refused, `${path} ${caller ? 'with a foreign token' : 'without a token'}`).toMatchObject({ status: 401 });
          expect(JSON.stringify(refused.body)).not.toMatch(/customerExternalId|tripDepartsAt|topic/);
        }
      }
    });
  });
});
