// Sessions that end when they must, passwords, and the first super-admin (issue 21): a disabled,
// demoted or signed-out-everywhere agent is refused at once on every process, on REST, open sockets
// and new handshakes, and re-enabling does not bring an old token back; a password change or reset
// ends every other session; an agent created by an admin, and the bootstrap super-admin, must set
// their own password before anything else answers.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

const run = promisify(execFile);

interface Who {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** The handshake's answer: connected, or the error code of `connect_error`. */
async function handshake(node: ChatNode, token: string): Promise<'connected' | string> {
  const socket = connectSocket(node.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    return await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data?.code ?? error.message));
    });
  } finally {
    socket.disconnect();
  }
}

/** Resolves when the socket was told its session ended and was disconnected. */
function revokedAndDisconnected(socket: Socket): () => boolean {
  let revoked = false;
  socket.on('session:revoked', () => (revoked = true));
  return () => revoked && socket.disconnected;
}

describe('account security', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let first: ChatNode;
  let second: ChatNode;
  let admin: Who;

  const person = async (name: string, role = 'agent'): Promise<Who> => {
    const created = await cluster.createAgent(name, { role });
    return { ...created, token: await cluster.login(first, created.email, created.password) };
  };
  const login = (node: ChatNode, email: string, password: string) =>
    api<{ token: string; mustChangePassword: boolean }>(node, 'POST', '/v1/auth/login', undefined, { email, password });

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 2);
    [first, second] = cluster.nodes as [ChatNode, ChatNode];
    admin = await person('Администратор', 'admin');
  }, 120_000);
  afterAll(() => resources.cleanup());

  it('ends every session of a disabled agent on every process at once, and re-enabling does not revive them', async () => {
    const temp = await person('Временный');
    const otherToken = await cluster.login(second, temp.email, temp.password);
    const socket = await cluster.socket(second, temp.token);
    const ended = revokedAndDisconnected(socket);
    // Warm both processes' caches: the refusal must not wait for a cache to age.
    for (const node of [first, second]) expect((await api(node, 'GET', '/v1/topics', temp.token)).status).toBe(200);

    expect((await api(first, 'PATCH', `/v1/agents/${temp.id}`, admin.token, { disabled: true })).status).toBe(200);
    // No waiting: the answer above came after the sessions were ended everywhere.
    for (const node of [first, second]) {
      for (const token of [temp.token, otherToken]) {
        expect(await api(node, 'GET', '/v1/topics', token)).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_SESSION_REVOKED' } } });
        expect((await api(node, 'POST', '/v1/conversations/internal', token, { topic: 'Сверка' })).status).toBe(401);
        expect(await handshake(node, token)).toBe('SC_ERR_AUTH_SESSION_REVOKED');
      }
    }
    await eventually('the open socket is told and disconnected', async () => ended(), 5000, 20);

    expect((await api(first, 'PATCH', `/v1/agents/${temp.id}`, admin.token, { disabled: false })).status).toBe(200);
    for (const node of [first, second]) {
      expect((await api(node, 'GET', '/v1/topics', temp.token)).status).toBe(401);
      expect(await handshake(node, otherToken)).toBe('SC_ERR_AUTH_SESSION_REVOKED');
    }
    const again = await login(second, temp.email, temp.password);
    expect(again.status).toBe(200);
    expect((await api(first, 'GET', '/v1/topics', again.body.token)).status).toBe(200);
  });

  it('signs an agent out everywhere, sockets on every process included', async () => {
    const anna = await person('Анна');
    const elsewhere = await cluster.login(second, anna.email, anna.password);
    const sockets = [await cluster.socket(first, anna.token), await cluster.socket(second, elsewhere)];
    const ended = sockets.map(revokedAndDisconnected);
    expect(await api(second, 'POST', '/v1/auth/logout-everywhere', elsewhere, undefined)).toMatchObject({ status: 204 });
    for (const token of [anna.token, elsewhere]) for (const node of [first, second]) expect((await api(node, 'GET', '/v1/me', token)).status).toBe(401);
    await eventually('both sockets disconnected', async () => ended.every((check) => check()), 5000, 20);
    const { rows } = await cluster.pg.query('SELECT 1 FROM audit_log WHERE action = $1 AND actor = $2', ['auth.logout_everywhere', `agent:${anna.id}`]);
    expect(rows).toHaveLength(1);
  });

  it('signs out an agent whose role loses rights, and keeps the sessions of one who gains them', async () => {
    const demoted = await person('Бывший админ', 'admin');
    const promoted = await person('Будущий админ', 'agent');
    const socket = await cluster.socket(second, demoted.token);
    const ended = revokedAndDisconnected(socket);
    expect((await api(first, 'PATCH', `/v1/agents/${demoted.id}`, admin.token, { role: 'agent' })).status).toBe(200);
    expect((await api(second, 'GET', '/v1/me', demoted.token)).status).toBe(401);
    await eventually('the demoted agent is disconnected', async () => ended(), 5000, 20);
    expect((await api(first, 'PATCH', `/v1/agents/${promoted.id}`, admin.token, { role: 'admin' })).status).toBe(200);
    expect(await api(second, 'GET', '/v1/me', promoted.token)).toMatchObject({ status: 200, body: { role: 'admin' } });
  });

  describe('passwords', () => {
    it('publishes its policy, and refuses a new password that breaks it, naming the rule', async () => {
      expect(await api(first, 'GET', '/v1/auth/password-policy', undefined)).toMatchObject({ status: 200, body: { minLength: 12, maxLength: 256 } });
      const olga = await person('Ольга');
      const change = (newPassword: string) => api(first, 'POST', '/v1/auth/password', olga.token, { currentPassword: olga.password, newPassword });
      const handle = olga.email.split('@')[0]!;
      for (const [newPassword, rule] of [
        ['short', 'too_short'],
        ['x'.repeat(300), 'too_long'],
        [`my ${handle} password`, 'contains_email'],
        ['Password1234', 'common'],
        [olga.password, 'same_as_current'],
      ] as const) {
        expect(await change(newPassword), rule).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_PASSWORD_POLICY', details: expect.arrayContaining([expect.objectContaining({ path: 'newPassword', rule })]) } } });
      }
      // Nothing changed: the old password still signs in.
      expect((await login(first, olga.email, olga.password)).status).toBe(200);
    });

    it('changes a password: a wrong current one is refused and audited; the change ends every session and hands back a new token', async () => {
      const boris = await person('Борис');
      const other = await cluster.login(second, boris.email, boris.password);
      const socket = await cluster.socket(second, other);
      const ended = revokedAndDisconnected(socket);
      expect(await api(first, 'POST', '/v1/auth/password', boris.token, { currentPassword: 'not my password', newPassword: 'a brand new passphrase' })).toMatchObject({
        status: 403,
        body: { error: { code: 'SC_ERR_AUTH_WRONG_PASSWORD' } },
      });
      const changed = await api<{ token: string }>(first, 'POST', '/v1/auth/password', boris.token, { currentPassword: boris.password, newPassword: 'a brand new passphrase' });
      expect(changed.status).toBe(200);
      for (const token of [boris.token, other]) expect((await api(second, 'GET', '/v1/me', token)).status).toBe(401);
      await eventually('the other session\'s socket is disconnected', async () => ended(), 5000, 20);
      expect((await api(second, 'GET', '/v1/me', changed.body.token)).status).toBe(200);
      expect((await login(first, boris.email, boris.password)).status).toBe(401);
      expect((await login(first, boris.email, 'a brand new passphrase')).status).toBe(200);
      const { rows } = await cluster.pg.query<{ action: string; outcome: string }>(`SELECT action, outcome FROM audit_log WHERE target = $1 AND action = 'auth.password_change' ORDER BY id`, [`agent:${boris.id}`]);
      expect(rows.map((row) => [row.action, row.outcome])).toEqual([
        ['auth.password_change', 'denied'],
        ['auth.password_change', 'ok'],
      ]);
    });

    it('lets an admin hand out a one-time reset link that works once, replaces earlier ones and ends every session', async () => {
      const vera = await person('Вера');
      const socket = await cluster.socket(second, vera.token);
      const ended = revokedAndDisconnected(socket);
      const firstLink = await api<{ resetUrl: string; expiresAt: string }>(first, 'POST', `/v1/agents/${vera.id}/password-reset`, admin.token, undefined);
      expect(firstLink.status).toBe(201);
      const secondLink = await api<{ resetUrl: string; expiresAt: string }>(first, 'POST', `/v1/agents/${vera.id}/password-reset`, admin.token, undefined);
      const tokenOf = (resetUrl: string) => new URL(resetUrl).hash.replace(/^#token=/, '');
      expect(new URL(secondLink.body.resetUrl).pathname).toBe('/console/reset-password');
      expect(Date.parse(secondLink.body.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
      // Only a hash is kept, and the audit entry does not hold the link.
      const { rows: stored } = await cluster.pg.query<{ details: string }>(`SELECT details::text FROM audit_log WHERE action = 'agent.password_reset_link' AND target = $1`, [`agent:${vera.id}`]);
      expect(stored).toHaveLength(2);
      expect(stored.every((row) => !row.details.includes(tokenOf(secondLink.body.resetUrl)))).toBe(true);

      const reset = (token: string, newPassword: string) => api(second, 'POST', '/v1/auth/password-reset', undefined, { token, newPassword });
      expect(await reset(tokenOf(firstLink.body.resetUrl), 'reset through the link')).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_AUTH_RESET_INVALID' } } });
      expect(await reset(tokenOf(secondLink.body.resetUrl), 'short')).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_PASSWORD_POLICY' } } });
      expect((await reset(tokenOf(secondLink.body.resetUrl), 'reset through the link')).status).toBe(204);
      expect(await reset(tokenOf(secondLink.body.resetUrl), 'reset through it again')).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_AUTH_RESET_INVALID' } } });
      expect(await reset('not-a-link', 'reset through the link')).toMatchObject({ status: 422, body: { error: { code: 'SC_ERR_AUTH_RESET_INVALID' } } });
      expect((await api(first, 'GET', '/v1/me', vera.token)).status).toBe(401);
      await eventually('her socket is disconnected', async () => ended(), 5000, 20);
      expect((await login(first, vera.email, 'reset through the link')).status).toBe(200);
    });

    it('refuses reset links for someone above the admin, and to anyone without agents.manage', async () => {
      const root = await person('Главный', 'super-admin');
      const anna = await person('Анна 2');
      expect(await api(first, 'POST', `/v1/agents/${root.id}/password-reset`, admin.token, undefined)).toMatchObject({ status: 403 });
      expect(await api(first, 'POST', `/v1/agents/${admin.id}/password-reset`, anna.token, undefined)).toMatchObject({ status: 403 });
      expect(await api(first, 'POST', `/v1/agents/${randomUUID()}/password-reset`, admin.token, undefined)).toMatchObject({ status: 404 });
    });

    it('makes an agent created by an admin set their own password before anything else answers', async () => {
      const email = `new-${randomUUID().slice(0, 8)}@desk.test`;
      expect((await api(first, 'POST', '/v1/agents', admin.token, { email, name: 'Новенький', password: 'short pass' })).status).toBe(422);
      expect((await api(first, 'POST', '/v1/agents', admin.token, { email, name: 'Новенький', password: 'given by the admin' })).status).toBe(201);
      const signedIn = await login(second, email, 'given by the admin');
      expect(signedIn).toMatchObject({ status: 200, body: { mustChangePassword: true } });
      const token = signedIn.body.token;
      expect(await api(first, 'GET', '/v1/conversations', token)).toMatchObject({ status: 403, body: { error: { code: 'SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED' } } });
      expect(await handshake(second, token)).toBe('SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED');
      expect(await api(first, 'GET', '/v1/me', token)).toMatchObject({ status: 200, body: { mustChangePassword: true } });
      const changed = await api<{ token: string }>(first, 'POST', '/v1/auth/password', token, { currentPassword: 'given by the admin', newPassword: 'only I know this one' });
      expect(changed.status).toBe(200);
      expect(await api(second, 'GET', '/v1/me', changed.body.token)).toMatchObject({ status: 200, body: { mustChangePassword: false } });
      expect((await api(second, 'GET', '/v1/conversations', changed.body.token)).status).toBe(200);
      expect(await handshake(first, changed.body.token)).toBe('connected');
    });
  });

  describe('the first super-admin of a fresh installation', () => {
    const cli = (args: string[], env: Record<string, string>) =>
      run(process.execPath, ['--import', 'tsx', join(repoRoot, 'services/chat/src/bin/admin.ts'), ...args], { env: { ...process.env, SMARTCHAT_PG_URL: cluster.env.SMARTCHAT_PG_URL!, ...env } }).then(
        (result) => ({ code: 0, ...result }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it('is created by the admin command, must change the password at first sign-in, and is created once', async () => {
      // This cluster's database has no super-admin of its own making yet; start from none at all.
      await cluster.pg.query(`UPDATE agents SET disabled_at = now() WHERE role = 'super-admin'`);
      const email = `root-${randomUUID().slice(0, 8)}@desk.test`;
      expect(await cli(['create', '--role', 'super-admin', '--if-no-super-admin'], { SMARTCHAT_ADMIN_EMAIL: email, SMARTCHAT_ADMIN_PASSWORD: 'password1234' })).toMatchObject({ code: 1, stderr: expect.stringContaining('well-known password') });
      const created = await cli(['create', '--role', 'super-admin', '--if-no-super-admin'], { SMARTCHAT_ADMIN_EMAIL: email, SMARTCHAT_ADMIN_NAME: 'Главный', SMARTCHAT_ADMIN_PASSWORD: 'first run passphrase' });
      expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining(`created super-admin ${email}`) });
      expect(created.stdout).not.toContain('first run passphrase');
      // Run again (as the operator's Job may be): nothing changes.
      expect(await cli(['create', '--role', 'super-admin', '--if-no-super-admin'], { SMARTCHAT_ADMIN_EMAIL: `other-${email}`, SMARTCHAT_ADMIN_PASSWORD: 'another passphrase' })).toMatchObject({ code: 0, stdout: expect.stringContaining('nothing changed') });
      expect((await cluster.pg.query(`SELECT 1 FROM agents WHERE role = 'super-admin' AND disabled_at IS NULL`)).rows).toHaveLength(1);
      // Never promotes an existing account.
      expect(await cli(['create', '--role', 'super-admin'], { SMARTCHAT_ADMIN_EMAIL: admin.email, SMARTCHAT_ADMIN_PASSWORD: 'another passphrase' })).toMatchObject({ code: 1, stderr: expect.stringContaining('exists already') });
      expect(await cli(['create', '--role', 'emperor'], { SMARTCHAT_ADMIN_EMAIL: email })).toMatchObject({ code: 2 });

      const signedIn = await login(first, email, 'first run passphrase');
      expect(signedIn).toMatchObject({ status: 200, body: { mustChangePassword: true } });
      expect((await api(first, 'GET', '/v1/roles', signedIn.body.token)).status).toBe(403);
      const changed = await api<{ token: string }>(first, 'POST', '/v1/auth/password', signedIn.body.token, { currentPassword: 'first run passphrase', newPassword: 'the desk is mine now' });
      expect(changed.status).toBe(200);
      const role = { name: `lead-${randomUUID().slice(0, 6)}`, scope: 'teams', permissions: ['conversations.reply'] };
      expect((await api(first, 'POST', '/v1/roles', changed.body.token, role)).status).toBe(201);
    });

    it('prints a generated one-time password when none is given', async () => {
      const email = `gen-${randomUUID().slice(0, 8)}@desk.test`;
      const created = await cli(['create', '--role', 'admin'], { SMARTCHAT_ADMIN_EMAIL: email });
      expect(created.code).toBe(0);
      const password = /one-time password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
      expect(password).toBeTruthy();
      expect(await login(first, email, password!)).toMatchObject({ status: 200, body: { mustChangePassword: true } });
    });
  });
});
