// Upload quotas, from outside: real chat processes, real Postgres and blob directory.
import { eventually, TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, clientMessageId, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';
import { blobFiles, upload, uploadChunked, uploadHeadersOnly } from './support/uploads.js';

const HOUR = 10_000;
const DAY = 15_000;
const PENDING = 3;
const AGENT_HOUR = 20_000;
const GRACE_SECONDS = 24 * 60 * 60;

const bytes = (count: number) => Buffer.alloc(count, 0x61);

describe('attachment quotas', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  let blobDir: string;

  const conversationOf = async (token: string) => (await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic: 'Документы к поездке' })).body.conversation.id;
  const customer = async (name: string) => {
    const token = await cluster.customerToken(`${name}-${resources.id}`);
    return { token, conversationId: await conversationOf(token) };
  };
  const send = async (token: string, conversationId: string, attachments: string[]) => {
    const socket = await cluster.socket(node, token);
    const sent = await call(socket, 'message:send', { conversationId, clientMessageId: clientMessageId(), body: 'файлы', attachments });
    socket.disconnect();
    return sent;
  };
  const uploaderOf = async (attachmentId: string) => (await cluster.pg.query<{ uploaded_by: string }>('SELECT uploaded_by FROM attachments WHERE id = $1', [attachmentId])).rows[0]!.uploaded_by;
  const quotaRefusal = (quota: string, details: Record<string, unknown>) => ({ status: 429, body: { error: { code: 'SC_ERR_ATTACHMENT_QUOTA', details: { quota, ...details } } } });

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2, {
      SMARTCHAT_ATTACHMENT_MAX_BYTES: String(64 * 1024),
      SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_HOUR: String(HOUR),
      SMARTCHAT_ATTACHMENT_CUSTOMER_BYTES_PER_DAY: String(DAY),
      SMARTCHAT_ATTACHMENT_CUSTOMER_MAX_PENDING: String(PENDING),
      SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_HOUR: String(AGENT_HOUR),
      SMARTCHAT_ATTACHMENT_AGENT_BYTES_PER_DAY: String(2 * AGENT_HOUR),
      SMARTCHAT_ATTACHMENT_AGENT_MAX_PENDING: '50',
    });
    node = cluster.nodes[0]!;
    blobDir = cluster.env.SMARTCHAT_BLOB_DIR!;
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('refuses an upload past the hourly quota before reading it, with the limit and when to retry; nothing reaches the disk and the refusal does not count', async () => {
    const { token, conversationId } = await customer('hourly');
    const first = await upload(node, token, conversationId, bytes(4000));
    const second = await upload(node, token, conversationId, bytes(4000));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await send(token, conversationId, [first.body.id, second.body.id])).toMatchObject({ ok: true });
    const filesBefore = await blobFiles(blobDir);

    const refused = await upload(node, token, conversationId, bytes(4000));
    expect(refused).toMatchObject(quotaRefusal('bytes_per_hour', { limit: HOUR, used: 8000, requested: 4000 }));
    const { retryAfterSeconds } = refused.body.error!.details as { retryAfterSeconds: number };
    // An hour after the first upload, 4000 bytes leave the window.
    expect(retryAfterSeconds).toBeGreaterThan(3600 - 60);
    expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(refused.retryAfter).toBe(String(retryAfterSeconds));
    // Answered from the Content-Length alone: the body is never sent.
    expect(await uploadHeadersOnly(node, token, conversationId, 4000)).toBe('HTTP/1.1 429 Too Many Requests');
    expect(await blobFiles(blobDir)).toEqual(filesBefore);

    // The refused uploads did not count: what is left still fits, to the byte.
    expect(await upload(node, token, conversationId, bytes(2000))).toMatchObject({ status: 201, body: { size: 2000 } });
    expect(await upload(node, token, conversationId, bytes(1))).toMatchObject(quotaRefusal('bytes_per_hour', { limit: HOUR, used: HOUR, requested: 1 }));
    // A file larger than the limit itself never fits: no time to wait for.
    const never = await upload(node, token, conversationId, bytes(HOUR + 1));
    expect(never).toMatchObject(quotaRefusal('bytes_per_hour', { limit: HOUR, requested: HOUR + 1, retryAfterSeconds: null }));
    expect(never.retryAfter).toBeNull();
  });

  it('cuts off an upload without a Content-Length at the first byte past what the quota leaves', async () => {
    const { token, conversationId } = await customer('chunked');
    expect(await upload(node, token, conversationId, bytes(HOUR - 1000))).toMatchObject({ status: 201 });
    const filesBefore = await blobFiles(blobDir);
    const cut = await uploadChunked(node, token, conversationId, [bytes(600), bytes(600), bytes(600)], () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(cut).toMatchObject(quotaRefusal('bytes_per_hour', { limit: HOUR, used: HOUR - 1000 }));
    expect(await blobFiles(blobDir)).toEqual(filesBefore);
    expect(await uploadChunked(node, token, conversationId, [bytes(500), bytes(500)])).toMatchObject({ status: 201, body: { size: 1000 } });
  });

  it('counts rolling windows: the hour and the day each free what was uploaded that long ago', async () => {
    // Uploads of earlier hours are written straight into the quota records, as if made then.
    const past = async (uploader: string, size: number, minutesAgo: number) =>
      cluster.pg.query("INSERT INTO attachment_uploads (id, uploaded_by, bytes, state, created_at) VALUES (gen_random_uuid(), $1, $2, 'stored', now() - make_interval(mins => $3))", [uploader, size, minutesAgo]);

    const daily = await customer('daily');
    const seed = await upload(node, daily.token, daily.conversationId, bytes(100));
    expect(await send(daily.token, daily.conversationId, [seed.body.id])).toMatchObject({ ok: true });
    await past(await uploaderOf(seed.body.id), 12_000, 120);
    const overDay = await upload(node, daily.token, daily.conversationId, bytes(4000));
    expect(overDay).toMatchObject(quotaRefusal('bytes_per_day', { limit: DAY, used: 12_100, requested: 4000 }));
    // The 12,000 bytes of two hours ago leave the day in 22 hours.
    expect(Number(overDay.retryAfter)).toBeGreaterThan(22 * 3600 - 60);
    expect(Number(overDay.retryAfter)).toBeLessThanOrEqual(22 * 3600);
    expect(await upload(node, daily.token, daily.conversationId, bytes(DAY - 12_100))).toMatchObject({ status: 201 });

    const hourly = await customer('rolling');
    const mark = await upload(node, hourly.token, hourly.conversationId, bytes(1));
    expect(await send(hourly.token, hourly.conversationId, [mark.body.id])).toMatchObject({ ok: true });
    const uploader = await uploaderOf(mark.body.id);
    await past(uploader, 6000, 30);
    await past(uploader, 3000, 10);
    // 9,001 bytes in the hour; 4,000 more need the 6,000 of 30 minutes ago to leave it.
    const overHour = await upload(node, hourly.token, hourly.conversationId, bytes(4000));
    expect(overHour).toMatchObject(quotaRefusal('bytes_per_hour', { limit: HOUR, used: 9001, requested: 4000 }));
    expect(Number(overHour.retryAfter)).toBeGreaterThan(30 * 60 - 60);
    expect(Number(overHour.retryAfter)).toBeLessThanOrEqual(30 * 60);
  });

  it('shares the quota between chat processes: parallel uploads through two of them never pass it together', async () => {
    const agent = await cluster.createAgent('Агент с вложениями');
    const tokens = await Promise.all(cluster.nodes.map((each) => cluster.login(each, agent.email, agent.password)));
    const { conversationId } = await customer('shared');
    const filesBefore = (await blobFiles(blobDir)).length;

    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => upload(cluster.nodes[index % 2]!, tokens[index % 2]!, conversationId, bytes(2000))));
    const taken = answers.filter((each) => each.status === 201);
    expect(taken).toHaveLength(AGENT_HOUR / 2000);
    expect(answers.filter((each) => each.status === 429).every((each) => each.body.error?.code === 'SC_ERR_ATTACHMENT_QUOTA')).toBe(true);
    expect(answers.filter((each) => each.status !== 201 && each.status !== 429)).toEqual([]);
    const { rows } = await cluster.pg.query<{ total: string }>('SELECT sum(size) AS total FROM attachments WHERE uploaded_by = $1', [`agent:${agent.id}`]);
    expect(Number(rows[0]!.total)).toBe(AGENT_HOUR);
    expect((await blobFiles(blobDir)).length).toBe(filesBefore + taken.length);
  });

  it('caps the uploads not yet sent with a message, per uploader; sending one makes room', async () => {
    const { token, conversationId } = await customer('pending');
    const uploads = [];
    for (let index = 0; index < PENDING; index += 1) uploads.push(await upload(node, token, conversationId, bytes(100)));
    expect(uploads.map((each) => each.status)).toEqual(Array(PENDING).fill(201));

    const refused = await upload(cluster.nodes[1]!, token, conversationId, bytes(100));
    expect(refused).toMatchObject(quotaRefusal('pending_uploads', { limit: PENDING, used: PENDING, requested: 1 }));
    // Waiting helps too: the oldest upload stops counting when its grace period (a day here) ends.
    expect(Number(refused.retryAfter)).toBeGreaterThan(GRACE_SECONDS - 60);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(GRACE_SECONDS);

    const other = await customer('pending-other');
    expect(await upload(node, other.token, other.conversationId, bytes(100))).toMatchObject({ status: 201 });

    expect(await send(token, conversationId, [uploads[0]!.body.id])).toMatchObject({ ok: true });
    expect(await upload(node, token, conversationId, bytes(100))).toMatchObject({ status: 201 });

    const refusals = await fetch(`${cluster.nodes[1]!.opsUrl}/metrics`).then((response) => response.text());
    expect(refusals).toMatch(/^smartchat_attachment_quota_refusals_total\{quota="pending_uploads",service="chat"\} [1-9]/m);
  });

  it('deletes the file of an upload whose row could not be written, and does not count it', async () => {
    const { token, conversationId } = await customer('row-fails');
    const filesBefore = await blobFiles(blobDir);
    // The conversation disappears while the file arrives (once the upload is let in): its row
    // cannot reference it any more.
    const failed = await uploadChunked(node, token, conversationId, [bytes(1000), bytes(1000)], async (index) => {
      if (index !== 1) return;
      await eventually('the upload is let in', async () => (await cluster.pg.query("SELECT 1 FROM attachment_uploads WHERE state = 'uploading'")).rowCount === 1, 5000, 20);
      await cluster.pg.query('DELETE FROM conversations WHERE id = $1', [conversationId]);
    });
    expect(failed.status).toBe(500);
    expect(await blobFiles(blobDir)).toEqual(filesBefore);
    const { rows } = await cluster.pg.query<{ count: number }>("SELECT count(*)::int AS count FROM attachment_uploads WHERE state = 'uploading'");
    expect(rows[0]!.count).toBe(0);
  });
});
