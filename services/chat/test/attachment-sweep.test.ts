// The sweep of uploads no message took, from outside: real chat processes sweeping on a short
// grace period, real Postgres, the real blob directory.
import { eventually, TestResources } from '@smartchat/platform/testing';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessageId } from '../src/store/messages.js';
import { api, call, clientMessageId, startChatCluster, stopNode, type ChatCluster, type ChatNode } from './support/cluster.js';
import { blobFiles, blobPath, upload, uploadChunked } from './support/uploads.js';

const GRACE_MS = 3000;
const SWEEP_INTERVAL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fileOf = (index: number) => Buffer.from(`%PDF-1.7 file number ${index} ${'x'.repeat(index)}`);

describe('the attachment sweep', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let blobDir: string;

  const rowExists = async (id: string) => (await cluster.pg.query('SELECT 1 FROM attachments WHERE id = $1', [id])).rowCount === 1;
  const download = (token: string, id: string) => fetch(`${node.url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const customer = async (name: string) => {
    const token = await cluster.customerToken(`${name}-${resources.id}`);
    const conversationId = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic: 'Чеки' })).body.conversation.id;
    return { token, conversationId };
  };

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2, {
      SMARTCHAT_ATTACHMENT_GRACE_MS: String(GRACE_MS),
      SMARTCHAT_ATTACHMENT_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
      SMARTCHAT_ATTACHMENT_SWEEP_BATCH: '5',
    });
    node = cluster.nodes[0]!;
    blobDir = cluster.env.SMARTCHAT_BLOB_DIR!;
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('deletes an upload no message took within the grace period, file and row, and keeps a sent one and a fresh one', async () => {
    const { token, conversationId } = await customer('sweep');
    const agent = await cluster.createAgent('Агент');
    const agentToken = await cluster.login(node, agent.email, agent.password);
    const forgotten = await upload(node, token, conversationId, fileOf(1));
    const sent = await upload(node, token, conversationId, fileOf(2));
    const socket = await cluster.socket(node, token);
    expect(await call(socket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'чек', attachments: [sent.body.id] })).toMatchObject({ ok: true });
    expect(existsSync(blobPath(blobDir, forgotten.body.id))).toBe(true);

    await eventually('the forgotten upload is swept', async () => !(await rowExists(forgotten.body.id)) && !existsSync(blobPath(blobDir, forgotten.body.id)), 15_000, 50);
    const fresh = await upload(node, token, conversationId, fileOf(3));
    expect(fresh.status).toBe(201);
    expect(await rowExists(fresh.body.id)).toBe(true);
    expect(existsSync(blobPath(blobDir, fresh.body.id))).toBe(true);

    expect((await download(token, forgotten.body.id)).status).toBe(404);
    expect(await call(socket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'поздно', attachments: [forgotten.body.id] })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
    const kept = await download(agentToken, sent.body.id);
    expect(kept.status).toBe(200);
    expect(Buffer.from(await kept.arrayBuffer()).equals(fileOf(2))).toBe(true);
    expect(await call(socket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'свежий', attachments: [fresh.body.id] })).toMatchObject({ ok: true });
    // Sent in time, it outlives the grace period.
    await sleep(GRACE_MS + 5 * SWEEP_INTERVAL_MS);
    expect(await rowExists(fresh.body.id)).toBe(true);
    expect((await download(agentToken, fresh.body.id)).status).toBe(200);
    socket.disconnect();

    // Whichever process swept says so on /metrics; both ran sweeps (or found one running).
    const metrics = await Promise.all(cluster.nodes.map(async (each) => (await fetch(`${each.opsUrl}/metrics`)).text()));
    const sum = (name: string) => metrics.reduce((total, text) => total + [...text.matchAll(new RegExp(`^${name} ([0-9.e+]+)$`, 'gm'))].reduce((value, match) => value + Number(match[1]), 0), 0);
    expect(sum('smartchat_attachment_sweep_deleted_total\\{reason="unattached",service="chat"\\}')).toBeGreaterThanOrEqual(1);
    expect(sum('smartchat_attachment_sweep_deleted_bytes_total\\{service="chat"\\}')).toBeGreaterThanOrEqual(fileOf(1).length);
    expect(sum('smartchat_attachment_sweep_last_run_timestamp_seconds\\{service="chat"\\}')).toBeGreaterThan(Date.now() / 1000 - 60);
    for (const text of metrics) expect(text).toMatch(/^smartchat_attachment_sweep_runs_total\{outcome="(done|skipped)",service="chat"\} [1-9]/m);
  });

  it('never loses the file of a message sent while the sweep deletes expired uploads: a send either takes the upload or is refused', async () => {
    // An agent's pending cap (100 by default) leaves room for many uploads at once.
    const agent = await cluster.createAgent('Агент на границе');
    const agentToken = await cluster.login(node, agent.email, agent.password);
    const { conversationId } = await customer('race');
    const count = 40;
    const uploads: string[] = [];
    for (let index = 0; index < count; index += 1) uploads.push((await upload(cluster.nodes[index % 2]!, agentToken, conversationId, fileOf(index))).body.id);
    const { rows } = await cluster.pg.query<{ id: string; created_at: Date }>('SELECT id, created_at FROM attachments WHERE id = ANY($1::uuid[])', [uploads]);
    const createdAt = new Map(rows.map((row) => [row.id, row.created_at.getTime()]));
    const sockets = await Promise.all(cluster.nodes.map((each) => cluster.socket(each, agentToken)));
    // Each upload is sent close to the moment it expires, from 150 ms before to 150 ms after, while
    // the two processes sweep every 100 ms (5 uploads a run): some sends win, some come too late.
    const outcomes = await Promise.all(
      uploads.map(async (id, index) => {
        await sleep(createdAt.get(id)! + GRACE_MS - 150 + (300 * index) / (count - 1) - Date.now());
        const answer = await call(sockets[index % 2]!, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: `файл ${index}`, attachments: [id] });
        return { id, ok: answer.ok, ...(answer.ok ? {} : { code: answer.error.code }) };
      }),
    );
    sockets.forEach((socket) => socket.disconnect());
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'SC_ERR_VALIDATION')).toEqual([]);

    // Long after: every file that went out with a message is there, byte for byte; every other is gone.
    await sleep(GRACE_MS + 10 * SWEEP_INTERVAL_MS);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.ok) {
        const response = await download(agentToken, outcome.id);
        expect(response.status, `file ${index}, sent`).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(fileOf(index)), `file ${index}, sent`).toBe(true);
      } else {
        await eventually(`file ${index}, refused, is swept`, async () => !(await rowExists(outcome.id)) && !existsSync(blobPath(blobDir, outcome.id)), 10_000, 50);
      }
    }
  });

  it('leaves an upload to the message that is taking it at the moment the sweep looks at it', async () => {
    const { token, conversationId } = await customer('held');
    const uploaded = await upload(node, token, conversationId, fileOf(7));
    // What a send does to the row, held open across many sweeps of both processes, past the grace period.
    const client = await cluster.pg.connect();
    try {
      await client.query('BEGIN');
      await client.query("UPDATE attachments SET message_id = $2, message_kind = 'customer' WHERE id = $1 AND message_id IS NULL", [uploaded.body.id, newMessageId()]);
      await sleep(GRACE_MS + 10 * SWEEP_INTERVAL_MS);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await sleep(5 * SWEEP_INTERVAL_MS);
    expect(await rowExists(uploaded.body.id)).toBe(true);
    const response = await download(token, uploaded.body.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fileOf(7))).toBe(true);
  });

  it('cleans up after an upload cut short by a crashed chat process: no partial file is left and it stops counting', async () => {
    const crashing = await cluster.startNode();
    const { token, conversationId } = await customer('crash');
    let arrived!: () => void;
    const firstChunkSent = new Promise<void>((resolve) => (arrived = resolve));
    const cutShort = uploadChunked(crashing, token, conversationId, [Buffer.alloc(4096, 1), Buffer.alloc(4096, 2)], async (index) => {
      if (index === 1) {
        arrived();
        await new Promise(() => undefined);
      }
    }).catch(() => undefined);
    await firstChunkSent;
    await eventually('the partial file is on disk', async () => (await blobFiles(blobDir)).some((path) => path.endsWith('.tmp')), 5000, 20);
    await stopNode(crashing, 'SIGKILL');
    void cutShort;
    const { rows } = await cluster.pg.query<{ count: number }>("SELECT count(*)::int AS count FROM attachment_uploads WHERE state = 'uploading'");
    expect(rows[0]!.count).toBe(1);

    await eventually('the partial file and its record are gone', async () => {
      const left = await cluster.pg.query("SELECT 1 FROM attachment_uploads WHERE state = 'uploading'");
      return left.rowCount === 0 && !(await blobFiles(blobDir)).some((path) => path.endsWith('.tmp'));
    }, 15_000, 50);
  });
});

describe('the grace period, before any sweep', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;

  beforeAll(async () => {
    // No sweep runs in this test: what a client sees must not wait for one.
    cluster = await startChatCluster(resources, 1, {
      SMARTCHAT_ATTACHMENT_GRACE_MS: '1500',
      SMARTCHAT_ATTACHMENT_SWEEP_INTERVAL_MS: String(24 * 60 * 60 * 1000),
      SMARTCHAT_ATTACHMENT_CUSTOMER_MAX_PENDING: '2',
    });
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('ends an upload no message took once its grace period is over: it cannot be sent or downloaded, and it stops counting as pending', async () => {
    const node = cluster.nodes[0]!;
    const token = await cluster.customerToken(`grace-${resources.id}`);
    const conversationId = (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic: 'Чеки' })).body.conversation.id;
    const first = await upload(node, token, conversationId, fileOf(1));
    const second = await upload(node, token, conversationId, fileOf(2));
    const secondAt = Date.now();
    const refused = await upload(node, token, conversationId, fileOf(3));
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'SC_ERR_ATTACHMENT_QUOTA', details: { quota: 'pending_uploads', limit: 2, used: 2 } } } });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(2);

    await sleep(Number(refused.retryAfter) * 1000);
    expect(await upload(node, token, conversationId, fileOf(3))).toMatchObject({ status: 201 });
    await sleep(secondAt + 1600 - Date.now());
    expect((await fetch(`${node.url}/v1/attachments/${first.body.id}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const socket = await cluster.socket(node, token);
    expect(await call(socket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'поздно', attachments: [second.body.id] })).toMatchObject({ ok: false, error: { code: 'SC_ERR_VALIDATION' } });
    socket.disconnect();
    // Still on disk: deleting is the sweep's job, and none has run.
    const { rows } = await cluster.pg.query<{ count: number }>('SELECT count(*)::int AS count FROM attachments WHERE id = ANY($1::uuid[])', [[first.body.id, second.body.id]]);
    expect(rows[0]!.count).toBe(2);
  });
});
