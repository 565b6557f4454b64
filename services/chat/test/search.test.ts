// Message search over the real path: messages sent through chat, stored in Cassandra, announced on
// Kafka, indexed by the stats role's search indexer into PostgreSQL, and searched through
// GET /v1/search by agents of different scopes and by customers. Known answers for each query.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AgentSearchResult, CustomerSearchResult, SearchResponse } from '@smartchat/contracts';
import { createCassandraClient, createLogger, repoRoot, type Registry } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { MessageSource, reindex } from '@smartchat/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalancer } from './support/balancers.js';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { startSearchIndexing } from './support/search.js';
import { upload } from './support/uploads.js';

type Result = AgentSearchResult & CustomerSearchResult;

describe('message search', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let indexing: { registry: Registry };
  const teams = { avia: '', hotels: '' };
  const agents = { anna: '', admin: '', oleg: '' };
  const ids = { anna: '', admin: '', oleg: '' };
  const customers = { ivan: '', maria: '' };
  const customerIds = { ivan: '', maria: '' };
  const conversations = { refund: '', hotel: '', internal: '', invoice: '' };
  const messageIds: Record<string, string> = {};

  const search = async (token: string, query: Record<string, string>) => {
    const response = await api<SearchResponse & { error?: { code: string; details?: { rule?: string }[] } }>(node, 'GET', `/v1/search?${new URLSearchParams(query)}`, token);
    return response;
  };
  const found = async (token: string, query: Record<string, string>): Promise<Result[]> => {
    const response = await search(token, query);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.results as Result[];
  };
  const foundIds = async (token: string, query: Record<string, string>) => (await found(token, query)).map((result) => result.conversation.id).sort();
  const send = async (token: string, conversationId: string, body: string, extra: Record<string, unknown> = {}) => {
    const response = await api<{ id: string }>(node, 'POST', `/v1/conversations/${conversationId}/messages`, token, { clientMessageId: randomUUID(), body, ...extra });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body.id;
  };
  /** Waits until the index holds `count` rows for the conversation (the indexer is asynchronous). */
  const indexed = (conversationId: string, count: number) =>
    eventually(
      `${count} messages of ${conversationId} indexed`,
      async () => Number((await cluster.pg.query<{ n: string }>('SELECT count(*) AS n FROM search_messages WHERE conversation_id = $1', [conversationId])).rows[0]!.n) === count,
      30_000,
      100,
    );

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1, { SMARTCHAT_EVENTS_TOPIC: await resources.kafkaTopic('events', 3) });
    node = cluster.nodes[0]!;
    // Edits and deletions reach Kafka through the outbox, which the balancer relays.
    await startBalancer(resources, cluster);
    indexing = await startSearchIndexing(resources, cluster);
    const { pg } = cluster;
    const team = async (name: string) => (await pg.query<{ id: string }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name])).rows[0]!.id;
    teams.avia = await team('Авиа');
    teams.hotels = await team('Отели');
    await pg.query(`INSERT INTO roles (name, scope, permissions) VALUES ('assigned-only', 'assigned', '{conversations.reply,conversations.note}')`);
    const agent = async (key: keyof typeof agents, name: string, role: string) => {
      const created = await cluster.createAgent(name, { role });
      ids[key] = created.id;
      agents[key] = await cluster.login(node, created.email, created.password);
    };
    await agent('anna', 'Анна', 'agent');
    await agent('admin', 'Админ', 'admin');
    await agent('oleg', 'Олег', 'assigned-only');
    await pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teams.avia, ids.anna]);

    customers.ivan = await cluster.customerToken('cust-search-ivan', 'Иван Петров');
    customers.maria = await cluster.customerToken('cust-search-maria', 'Мария Соколова');
    const open = async (token: string, topic: string) => (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic })).body.conversation.id;
    conversations.refund = await open(customers.ivan, 'Возврат');
    conversations.hotel = await open(customers.maria, 'Отель');
    conversations.invoice = await open(customers.ivan, 'Счёт');
    const customerOf = async (conversationId: string) => (await pg.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [conversationId])).rows[0]!.customer_id;
    customerIds.ivan = await customerOf(conversations.refund);
    customerIds.maria = await customerOf(conversations.hotel);
    await pg.query('UPDATE conversations SET team_id = $2 WHERE id = ANY($1)', [[conversations.refund, conversations.invoice], teams.avia]);
    await pg.query('UPDATE conversations SET team_id = $2, subject = $3 WHERE id = $1', [conversations.hotel, teams.hotels, 'Бронирование гостиницы в Сочи']);

    messageIds.refundAsk = await send(customers.ivan, conversations.refund, 'Хочу вернуть **билеты** на рейс SU-1234, заказ 123-QW');
    messageIds.refundReply = await send(agents.anna, conversations.refund, 'Refunds are processed within 5 days');
    messageIds.refundNote = await send(agents.anna, conversations.refund, 'Внутренняя заметка: клиент ВИП, проверить штрафы', { kind: 'note' });
    messageIds.hotelAsk = await send(customers.maria, conversations.hotel, 'В номере стояла ёлка, а счёт пришёл дважды');
    const file = await upload(node, customers.ivan, conversations.invoice, Buffer.from('%PDF-1.4 test'), { name: 'акт-сверки-2026.pdf' });
    expect(file.status).toBe(201);
    messageIds.invoiceFile = await send(customers.ivan, conversations.invoice, 'Прикладываю документ', { attachments: [file.body.id] });

    const internal = await api<{ id: string }>(node, 'POST', '/v1/conversations/internal', agents.admin, { topic: 'Проверка', customerId: customerIds.ivan });
    expect(internal.status).toBe(201);
    conversations.internal = internal.body.id;
    await pg.query('UPDATE conversations SET team_id = $2 WHERE id = $1', [conversations.internal, teams.avia]);
    messageIds.internalNote = await send(agents.admin, conversations.internal, 'Билеты сотрудника оформлены через бэк-офис');

    await indexed(conversations.refund, 3);
    await indexed(conversations.hotel, 1);
    await indexed(conversations.invoice, 1);
    await indexed(conversations.internal, 1);
  }, 180_000);
  afterAll(() => resources.cleanup());

  it('finds every form of a Russian or English word, any case, ё as е, with the match highlighted', async () => {
    const results = await found(agents.anna, { q: 'БИЛЕТ' });
    expect(results.map((result) => result.conversation.id).sort()).toEqual([conversations.refund, conversations.internal].sort());
    const refund = results.find((result) => result.conversation.id === conversations.refund);
    const hit = refund!.hits.find((candidate) => candidate.messageId === messageIds.refundAsk)!;
    // Markup is gone, the word that matched is marked.
    expect(hit.snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['билеты']);
    expect(hit.snippet.map((segment) => segment.text).join('')).toContain('Хочу вернуть билеты на рейс SU-1234');
    expect(await foundIds(agents.anna, { q: 'refund' })).toEqual([conversations.refund]);
    expect(await foundIds(agents.admin, { q: 'елка' })).toEqual([conversations.hotel]);
    expect(await foundIds(agents.admin, { q: 'СЧЕТ' })).toEqual([conversations.hotel]);
  });

  it('matches exact phrases in order and prefixes of ids and order numbers', async () => {
    expect(await foundIds(agents.anna, { q: '"вернуть билеты"' })).toEqual([conversations.refund]);
    expect(await foundIds(agents.anna, { q: '"билеты вернуть"' })).toEqual([]);
    expect(await foundIds(agents.anna, { q: '123-Q*' })).toEqual([conversations.refund]);
    expect(await foundIds(agents.anna, { q: '123-QX*' })).toEqual([]);
    expect(await foundIds(agents.anna, { q: 'SU-12*' })).toEqual([conversations.refund]);
    // "SU-1234": the number alone finds it too.
    expect(await foundIds(agents.anna, { q: '1234' })).toEqual([conversations.refund]);
    // An unbalanced quote is closed at the end.
    expect(await foundIds(agents.anna, { q: '"вернуть билеты' })).toEqual([conversations.refund]);
  });

  it('finds file names, subjects and customers, and says what matched', async () => {
    const [invoice] = await found(agents.anna, { q: 'сверки' });
    expect(invoice).toMatchObject({ conversation: { id: conversations.invoice }, hits: [{ messageId: messageIds.invoiceFile, hasAttachment: true }] });
    const [hotel] = await found(agents.admin, { q: 'гостиница' });
    expect(hotel).toMatchObject({ conversation: { id: conversations.hotel }, matchedFields: ['subject'], hits: [] });
    expect(hotel!.subject!.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['гостиницы']);
    const byCustomer = await found(agents.anna, { q: 'Петров' });
    expect(byCustomer.map((result) => result.conversation.id).sort()).toEqual([conversations.refund, conversations.invoice, conversations.internal].sort());
    expect(byCustomer.every((result) => result.matchedFields.includes('customer'))).toBe(true);
  });

  it('shows agents only conversations their scope covers, and customers only their own public messages', async () => {
    // Anna (team Авиа) does not see the hotels team's conversation, even by its words or subject.
    expect(await foundIds(agents.anna, { q: 'елка' })).toEqual([]);
    expect(await foundIds(agents.anna, { q: 'гостиница' })).toEqual([]);
    // Oleg sees only what is assigned to him: nothing, until the hotel conversation is.
    expect(await foundIds(agents.oleg, { q: 'елка' })).toEqual([]);
    await cluster.pg.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [conversations.hotel, ids.oleg]);
    expect(await foundIds(agents.oleg, { q: 'елка' })).toEqual([conversations.hotel]);
    await cluster.pg.query('UPDATE conversations SET assignee_id = NULL WHERE id = $1', [conversations.hotel]);
    // Notes and internal conversations are for agents.
    expect(await foundIds(agents.anna, { q: 'штрафы' })).toEqual([conversations.refund]);
    expect((await foundIds(agents.anna, { q: 'билет' })).sort()).toEqual([conversations.refund, conversations.internal].sort());
    const ivan = await found(customers.ivan, { q: 'билет' });
    expect(ivan.map((result) => result.conversation.id)).toEqual([conversations.refund]);
    expect(ivan[0]!.hits.map((hit) => hit.kind)).toEqual(['customer']);
    expect(Object.keys(ivan[0]!.conversation).sort()).toEqual(['createdAt', 'id', 'lastMessageAt', 'status', 'subject', 'topic']);
    expect(await foundIds(customers.ivan, { q: 'штрафы' })).toEqual([]);
    expect(await foundIds(customers.ivan, { q: 'сотрудника' })).toEqual([]);
    expect(await foundIds(customers.ivan, { q: 'refunds' })).toEqual([conversations.refund]);
    expect(await foundIds(customers.maria, { q: 'билет' })).toEqual([]);
    // Counts hold only what the caller may see: the note matches for agents, not for the customer.
    const [annaRefund] = await found(agents.anna, { q: 'клиент' });
    expect(annaRefund).toMatchObject({ conversation: { id: conversations.refund }, matches: 1 });
    const [ivanRefund] = await found(customers.ivan, { q: 'refund' });
    expect(ivanRefund!.matches).toBe(1);
    expect(await foundIds(customers.ivan, { q: 'клиент' })).toEqual([]);
  });

  it('refuses filters outside what the caller may ask for', async () => {
    expect(await search(agents.anna, { q: 'билет', teamId: teams.hotels })).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
    expect(await search(agents.anna, { q: 'билет', includeDeleted: 'true' })).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_FORBIDDEN' } } });
    expect(await search(customers.ivan, { q: 'билет', teamId: teams.avia })).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_UNPROCESSABLE', details: [{ path: 'querystring.teamId', rule: 'agent_only_parameter' }] } } });
    expect(await search(customers.ivan, { q: 'билет', includeDeleted: 'false' })).toMatchObject({ status: 422 });
    const inverted = await search(agents.anna, { q: 'билет', from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    expect(inverted).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_UNPROCESSABLE', details: [{ path: 'querystring.to', rule: 'inverted_range' }] } } });
  });

  it('filters by team, assignee, channel, status, customer, time, files and author', async () => {
    const admin = (query: Record<string, string>) => foundIds(agents.admin, { q: 'билет', ...query });
    const all = [conversations.refund, conversations.internal].sort();
    expect(await admin({})).toEqual(all);
    expect(await admin({ teamId: teams.hotels })).toEqual([]);
    expect(await admin({ channel: 'internal' })).toEqual([conversations.internal]);
    expect(await admin({ status: 'closed' })).toEqual([]);
    expect(await admin({ customerId: customerIds.maria })).toEqual([]);
    expect(await admin({ author: 'customer' })).toEqual([conversations.refund]);
    expect(await admin({ author: 'agent' })).toEqual([conversations.internal]);
    expect(await admin({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await admin({ to: new Date(Date.now() + 60_000).toISOString() })).toEqual(all);
    expect(await foundIds(agents.admin, { q: 'документ', hasAttachment: 'true' })).toEqual([conversations.invoice]);
    expect(await foundIds(agents.admin, { q: 'документ', hasAttachment: 'false' })).toEqual([]);
    expect(await foundIds(agents.admin, { q: 'Соколова', assigneeId: ids.oleg })).toEqual([]);
  });

  it('re-indexes an edit and hides a deletion, except from those who may read history', async () => {
    const edited = await api(node, 'PATCH', `/v1/conversations/${conversations.refund}/messages/${messageIds.refundReply}`, agents.anna, { body: 'Compensation arrives within 5 days' });
    expect(edited.status).toBe(200);
    await eventually('the edit is searchable', async () => (await foundIds(agents.anna, { q: 'compensation' })).length === 1, 30_000, 100);
    expect(await foundIds(agents.anna, { q: 'refunds' })).toEqual([]);
    const deleted = await api(node, 'DELETE', `/v1/conversations/${conversations.refund}/messages/${messageIds.refundNote}`, agents.anna);
    expect(deleted.status).toBe(200);
    await eventually('the deletion is applied', async () => (await foundIds(agents.anna, { q: 'штрафы' })).length === 0, 30_000, 100);
    expect(await foundIds(agents.admin, { q: 'штрафы' })).toEqual([]);
    const [original] = await found(agents.admin, { q: 'штрафы', includeDeleted: 'true' });
    expect(original!.hits).toMatchObject([{ messageId: messageIds.refundNote, deleted: true }]);
    const restored = await api(node, 'POST', `/v1/conversations/${conversations.refund}/messages/${messageIds.refundNote}/restore`, agents.admin);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    await eventually('the restored message is found again', async () => (await foundIds(agents.anna, { q: 'штрафы' })).length === 1, 30_000, 100);
  });

  it('pages through conversations newest first by keyset, each once, and ranks by relevance', async () => {
    const opened: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const conversation = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', customers.maria, { topic: `паспорт ${index}` })).body.conversation.id;
      await send(customers.maria, conversation, `Паспорт номер ${index}: паспорт просрочен`);
      if (index === 2) await send(customers.maria, conversation, 'И ещё раз про паспорт');
      opened.push(conversation);
      await indexed(conversation, index === 2 ? 2 : 1);
    }
    // The first conversation gets the newest match of all: it is listed first, and never again
    // when a later page reaches its older match.
    await send(customers.maria, opened[0]!, 'Паспорт нашёлся');
    await indexed(opened[0]!, 2);
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await search(agents.admin, { q: 'паспорт', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      pages.push((response.body.results as Result[]).map((result) => result.conversation.id));
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.flat()).toEqual([opened[0], opened[4], opened[3], opened[2], opened[1]]);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const ranked = await found(agents.admin, { q: 'паспорт', sort: 'relevance', limit: '5' });
    expect(ranked.map((result) => result.conversation.id).sort()).toEqual([...opened].sort());
    expect(ranked[0]!.matches).toBeGreaterThanOrEqual(1);
  });

  it('pages a rare word month by month, newest match first, each conversation once', async () => {
    // Index rows of earlier months, written as the indexer writes them: a rare word is read a month
    // (a partition) at a time from the newest, and a conversation is listed at its newest match.
    const month = (back: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - back, 10));
    for (const back of [1, 2, 3]) {
      const at = month(back);
      const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
      const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
      const name = `search_messages_y${from.getUTCFullYear()}m${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
      await cluster.pg.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF search_messages FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
    }
    const opened: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const id = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', customers.maria, { topic: `кенгуру ${index}` })).body.conversation.id;
      opened.push(id);
    }
    // Conversation 0: matches three months ago and last month; 1: two months ago; 2: three months ago; 3: last month, earlier in it than 0.
    const rows: [number, number, number][] = [
      [0, 3, 5],
      [0, 1, 20],
      [1, 2, 12],
      [2, 3, 8],
      [3, 1, 2],
    ];
    for (const [conversation, back, day] of rows) {
      const at = month(back);
      at.setUTCDate(day);
      await cluster.pg.query(
        `INSERT INTO search_messages (created_at, message_id, conversation_id, kind, body, has_attachment, tsv) VALUES ($1, $2, $3, 'customer', 'про кенгуру', false, smartchat_search_vector('про кенгуру'))`,
        [at.toISOString(), randomUUID(), opened[conversation]],
      );
    }
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await search(customers.maria, { q: 'кенгуру', limit: '1', ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      pages.push((response.body.results as Result[]).map((result) => result.conversation.id));
      cursor = response.body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.flat()).toEqual([opened[0], opened[3], opened[1], opened[2]]);
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    const [first] = await found(customers.maria, { q: 'кенгуру' });
    expect(first).toMatchObject({ conversation: { id: opened[0] }, matches: 2 });
    // Rows with no message behind them: gone again, so that the rebuild below finds only its own.
    await cluster.pg.query(`DELETE FROM search_messages WHERE conversation_id = ANY($1::uuid[])`, [opened]);
  });

  it('answers every hostile query with a clear error or a safe literal search, never a 500', async () => {
    const refusals: [string, number, string?][] = [
      ['', 400],
      ['   ', 400],
      ['x'.repeat(201), 400],
      ['\u0000билет', 400],
      ['***', 422, 'no_terms'],
      ['" "', 422, 'no_terms'],
      ['и в на', 422, 'no_terms'],
      ['ab*', 422, 'prefix_too_short'],
      [Array.from({ length: 13 }, (_, index) => `слово${index}`).join(' '), 422, 'too_many_terms'],
    ];
    for (const [q, status, rule] of refusals) {
      const response = await search(agents.anna, { q });
      expect(response.status, q).toBe(status);
      if (rule) expect(response.body.error?.details?.[0]?.rule, q).toBe(rule);
    }
    for (const q of ["' OR 1=1 --", 'билет & !refund', 'билет:* | (a <-> b)', '\\"билет\\"', 'билет)', '((((', '<script>alert(1)</script>', '%_%', 'x'.repeat(200), 'билет;DROP TABLE search_messages']) {
      const response = await search(agents.anna, { q });
      expect([200, 422], `${q}: ${JSON.stringify(response.body)}`).toContain(response.status);
    }
    expect(await foundIds(agents.anna, { q: 'билет;DROP TABLE search_messages' })).toEqual([]);
    expect(await foundIds(agents.anna, { q: '(билет)' })).toContain(conversations.refund);
    expect(await search(agents.anna, { q: 'билет', cursor: 'n.1.not-a-uuid' })).toMatchObject({ status: 400 });
  });

  it('gives up on a search that would hold the database, with a clear error, and the next one works', async () => {
    const quick = await cluster.startNode({ SMARTCHAT_SEARCH_TIMEOUT_MS: '300' });
    const blocker = await cluster.pg.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE search_messages IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const response = await api<{ error: { code: string } }>(quick, 'GET', '/v1/search?q=билет', agents.anna);
      expect(response).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_SEARCH_TIMEOUT' } } });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    expect((await api(quick, 'GET', '/v1/search?q=билет', agents.anna)).status).toBe(200);
  });

  it('rebuilds the index from the message store to the same answers, dropping what the store does not have', async () => {
    const before = await foundIds(agents.admin, { q: 'билет' });
    // A row for a message the store never had, and a row emptied by hand: the rebuild puts both right.
    await cluster.pg.query(
      `INSERT INTO search_messages (created_at, message_id, conversation_id, kind, body, has_attachment, tsv, indexed_at)
       VALUES (now(), $1, $2, 'customer', 'призрак билет', false, smartchat_search_vector('призрак билет'), now() - interval '1 hour')`,
      [randomUUID(), conversations.hotel],
    );
    await cluster.pg.query(`UPDATE search_messages SET body = '', tsv = ''::tsvector, indexed_at = now() - interval '1 hour' WHERE message_id = $1`, [messageIds.refundAsk]);
    expect(await foundIds(agents.admin, { q: 'призрак' })).toEqual([conversations.hotel]);
    const cql = createCassandraClient({ contactPoints: cluster.env.SMARTCHAT_CASSANDRA_CONTACT_POINTS!.split(','), localDataCenter: cluster.env.SMARTCHAT_CASSANDRA_LOCAL_DC ?? 'datacenter1' });
    resources.defer('close the rebuild cql client', () => cql.shutdown());
    const progress: number[] = [];
    const result = await reindex({
      pool: cluster.pg,
      source: new MessageSource(cql, cluster.env.SMARTCHAT_CASSANDRA_KEYSPACE!),
      logger: createLogger({ service: 'search-reindex', level: 'warn' }),
      onProgress: (step) => progress.push(step.conversationsDone),
    });
    expect(result.removed, JSON.stringify(result)).toBe(1);
    expect(result.conversationsDone).toBe(result.conversationsTotal);
    expect(progress.at(-1)).toBe(result.conversationsTotal);
    expect(await foundIds(agents.admin, { q: 'призрак' })).toEqual([]);
    expect(await foundIds(agents.admin, { q: 'билет' })).toEqual(before);
    expect(await foundIds(agents.admin, { q: '123-Q*' })).toEqual([conversations.refund]);
  });

  it('rebuilds from the command line with progress, while searches keep answering', async () => {
    const before = await foundIds(agents.admin, { q: 'билет' });
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/stats/src/bin/search-reindex.ts')], {
      env: { ...process.env, ...cluster.env, SMARTCHAT_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Searches while it runs: answered, and the same.
    const during: number[] = [];
    while (child.exitCode === null && during.length < 50) {
      const response = await search(agents.admin, { q: 'билет' });
      during.push(response.status);
      expect((response.body.results as Result[]).map((result) => result.conversation.id).sort()).toEqual(before);
    }
    expect(await exited, stderr).toBe(0);
    expect(during.every((status) => status === 200)).toBe(true);
    expect(stderr).toMatch(/search-reindex: (\d+)\/\1 conversations \(100\.0%\), \d+ messages/);
    expect(stderr).toMatch(/search-reindex: done in/);
    // Wrong usage: exit 2 and how to use it.
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/stats/src/bin/search-reindex.ts'), '--after', 'nope'], { env: { ...process.env, ...cluster.env }, encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage: search-reindex');
  });

  it('measures how long a message takes to become searchable', async () => {
    const metrics = await indexing.registry.getSingleMetricAsString('smartchat_search_index_lag_seconds');
    const count = Number(/smartchat_search_index_lag_seconds_count(?:\{[^}]*\})? (\d+)/.exec(metrics)?.[1]);
    expect(count).toBeGreaterThanOrEqual(10);
  });
});
