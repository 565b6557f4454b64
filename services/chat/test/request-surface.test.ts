// What an attacker reaches before being anyone (issue 21): sign-in guessing is throttled per
// account and address (and cannot be used to lock an account for long), an encoded, doubled or
// re-cased path is authenticated and rate-limited like the path it means, an upload without a
// token is refused before its body is read, X-Forwarded-For is believed only from configured
// proxies, and a back-office token dated in the future does not outlive the 24-hour cap.
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { TestResources } from '@smartchat/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBackofficeToken } from '../src/auth/tokens.js';
import { api, startChatCluster, type ChatCluster, type ChatNode } from './support/cluster.js';

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: { code: string; details?: { retryAfterSeconds?: number; scope?: string } } } | null;
}

async function send(node: ChatNode, method: string, path: string, options: { token?: string; body?: unknown; forwardedFor?: string } = {}): Promise<Answer> {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : null };
}

describe('the request surface', () => {
  const resources = new TestResources();
  let cluster: ChatCluster;
  let node: ChatNode;
  /** Behind a proxy on loopback that it trusts, with small throttling budgets. */
  let proxied: ChatNode;
  let agent: { id: string; email: string; password: string };

  const login = (target: ChatNode, email: string, password: string, forwardedFor?: string) => send(target, 'POST', '/v1/auth/login', { body: { email, password }, ...(forwardedFor ? { forwardedFor } : {}) });

  beforeAll(async () => {
    cluster = await startChatCluster(resources, 1);
    node = cluster.nodes[0]!;
    proxied = await cluster.startNode({
      SMARTCHAT_TRUSTED_PROXIES: '127.0.0.1/32, ::1',
      SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ACCOUNT: '8',
      SMARTCHAT_LOGIN_FREE_ATTEMPTS_PER_ADDRESS: '10',
      SMARTCHAT_RATE_LIMIT_NAMESPACE: `ratelimit:http:${randomUUID().slice(0, 8)}:`,
    });
    agent = await cluster.createAgent('Анна Гадаемая');
  }, 120_000);
  afterAll(() => resources.cleanup());

  describe('sign-in throttling', () => {
    it('lets five wrong passwords through, then makes the account and address wait, checking nothing meanwhile', async () => {
      const victim = await cluster.createAgent('Ольга');
      for (let attempt = 1; attempt <= 6; attempt++) expect((await login(node, victim.email, 'wrong password')).status, `attempt ${attempt}`).toBe(401);
      const refused = await login(node, victim.email, 'wrong password');
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'SC_ERR_AUTH_THROTTLED', details: { scope: 'account_address' } } } });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(refused.body!.error!.details!.retryAfterSeconds).toBe(retryAfter);
      // The right password is not even checked while the wait lasts...
      expect((await login(node, victim.email, victim.password)).status).toBe(429);
      // ...and works once it is over.
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
      expect((await login(node, victim.email, victim.password)).status).toBe(200);
      const { rows } = await cluster.pg.query<{ outcome: string; details: { email: string; scope: string } }>(`SELECT outcome, details FROM audit_log WHERE action = 'auth.login_throttled' AND details->>'email' = $1`, [victim.email]);
      expect(rows).toEqual([expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ scope: 'account_address' }) })]);
      const metrics = await (await fetch(`${node.opsUrl}/metrics`)).text();
      expect(metrics).toMatch(/smartchat_auth_login_locks_total\{scope="account_address",service="chat"\} [1-9]/);
      expect(metrics).toMatch(/smartchat_auth_login_throttled_total\{scope="account_address",service="chat"\} [1-9]/);
    });

    it('checks at most the free attempts and one more of a parallel burst', async () => {
      const email = `burst-${randomUUID().slice(0, 8)}@desk.test`;
      const answers = await Promise.all(Array.from({ length: 40 }, () => login(node, email, 'guess')));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(6);
      expect(statuses.filter((status) => status === 429)).toHaveLength(34);
    });

    it('slows guessing at one account from many addresses, but never locks the account for more than a minute', async () => {
      const victim = await cluster.createAgent('Борис');
      for (let attempt = 1; attempt <= 9; attempt++) expect((await login(proxied, victim.email, 'wrong', `198.51.100.${attempt}`)).status).toBe(401);
      const refused = await login(proxied, victim.email, 'wrong', '198.51.100.77');
      expect(refused).toMatchObject({ status: 429, body: { error: { details: { scope: 'account' } } } });
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Another account from those addresses is not affected.
      expect((await login(proxied, agent.email, agent.password, '198.51.100.3')).status).toBe(200);
    });

    it('slows one address trying many accounts, and only that address', async () => {
      for (let attempt = 1; attempt <= 11; attempt++) expect((await login(proxied, `nobody-${attempt}@desk.test`, 'wrong', '203.0.113.50')).status).toBe(401);
      expect(await login(proxied, 'someone-else@desk.test', 'wrong', '203.0.113.50')).toMatchObject({ status: 429, body: { error: { details: { scope: 'address' } } } });
      expect((await login(proxied, agent.email, agent.password, '203.0.113.51')).status).toBe(200);
    });
  });

  describe('paths are judged by the route they reach', () => {
    it('authenticates and rate-limits an encoded path exactly like the plain one', async () => {
      const plain = await login(node, agent.email, 'wrong password');
      for (const path of ['/%761/auth/login', '/%76%31/auth/login', '/v1/auth/%6cogin']) {
        const encoded = await send(node, 'POST', path, { body: { email: `x-${randomUUID().slice(0, 6)}@desk.test`, password: 'wrong' } });
        expect(encoded.status, path).toBe(401);
        expect(encoded.headers.get('x-ratelimit-limit'), path).toBe(plain.headers.get('x-ratelimit-limit'));
        expect(encoded.headers.get('x-ratelimit-remaining'), path).not.toBeNull();
      }
      // Without a token, refused before anything else runs, as on the plain path.
      for (const path of ['/%761/conversations', '/%76%31/conversations', '/v1/%63onversations', '/%761/me', '/%761/roles']) {
        expect(await send(node, 'GET', path), path).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_REQUIRED' } } });
      }
      // With one, counted in the caller's budget like the plain path.
      const token = await cluster.login(node, agent.email, agent.password);
      const counted = async (path: string) => Number((await send(node, 'GET', path, { token })).headers.get('x-ratelimit-remaining'));
      const before = await counted('/v1/topics');
      expect(await counted('/%761/topics')).toBe(before - 1);
      expect(await counted('/v1/%74opics')).toBe(before - 2);
    });

    it('answers doubled slashes and other capitals as paths that do not exist', async () => {
      for (const path of ['//v1/conversations', '/v1//conversations', '/V1/conversations', '/v1/Conversations', '/v1/conversations/']) {
        const answer = await send(node, 'GET', path);
        expect([401, 404], path).toContain(answer.status);
        if (answer.status !== 404) expect(answer.body?.error?.code, path).toBe('SC_ERR_AUTH_REQUIRED');
      }
    });

    it('refuses an upload without a token before reading its body, on an encoded path too', async () => {
      for (const path of [`/%761/conversations/${randomUUID()}/attachments?name=big.png`, `/v1/conversations/${randomUUID()}/attachments?name=big.png`]) {
        // Announces 8 MB, sends 64 KB and waits: the answer must come without the rest.
        const status = await new Promise<number>((resolve, reject) => {
          const upload = httpRequest(`${node.url}${path}`, { method: 'POST', headers: { 'content-type': 'image/png', 'content-length': String(8 * 1024 * 1024) } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
            upload.destroy();
          });
          upload.on('error', (error) => (upload.destroyed ? undefined : reject(error)));
          upload.write(Buffer.alloc(64 * 1024));
          setTimeout(() => {
            upload.destroy();
            reject(new Error(`${path}: no answer while the body was still on its way`));
          }, 5000).unref();
        });
        expect(status, path).toBe(401);
      }
    });
  });

  describe('client addresses', () => {
    it('ignores X-Forwarded-For from a client that is not a configured proxy', async () => {
      const email = `xff-${randomUUID().slice(0, 8)}@desk.test`;
      await login(node, email, 'wrong', '203.0.113.9');
      const { rows } = await cluster.pg.query<{ ip: string }>(`SELECT host(ip) AS ip FROM audit_log WHERE action = 'auth.login_failed' AND details->>'email' = $1`, [email]);
      expect(rows).toEqual([{ ip: '127.0.0.1' }]);
      // A forged address does not buy a fresh throttling budget either.
      for (let attempt = 1; attempt <= 6; attempt++) await login(node, email, 'wrong', `203.0.113.${attempt + 10}`);
      expect((await login(node, email, 'wrong', '203.0.113.99')).status).toBe(429);
    });

    it('believes X-Forwarded-For from a configured proxy', async () => {
      const email = `proxied-${randomUUID().slice(0, 8)}@desk.test`;
      await login(proxied, email, 'wrong', '192.0.2.44');
      const { rows } = await cluster.pg.query<{ ip: string }>(`SELECT host(ip) AS ip FROM audit_log WHERE action = 'auth.login_failed' AND details->>'email' = $1`, [email]);
      expect(rows).toEqual([{ ip: '192.0.2.44' }]);
    });
  });

  describe('tokens signed by the back-office', () => {
    const secret = () => cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!;
    const customerToken = (claims: { iat?: number; exp: number }) => {
      const jwt = new SignJWT({ name: 'Дата из будущего' }).setProtectedHeader({ alg: 'HS256' }).setSubject(`future-${randomUUID().slice(0, 6)}`).setIssuer('backoffice').setAudience('smartchat-customer').setExpirationTime(claims.exp);
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      return jwt.sign(new TextEncoder().encode(secret()));
    };
    const now = () => Math.floor(Date.now() / 1000);

    it('refuses a customer token issued in the future or living past 24 hours from now, however its iat reads', async () => {
      const month = 30 * 24 * 3600;
      for (const [label, claims] of [
        ['issued next month, for an hour', { iat: now() + month, exp: now() + month + 3600 }],
        ['no iat, expiring in two days', { exp: now() + 2 * 24 * 3600 }],
        ['issued an hour ago, for 25 hours', { iat: now() - 3600, exp: now() + 24 * 3600 }],
      ] as const) {
        expect(await send(node, 'GET', '/v1/me', { token: await customerToken(claims) }), label).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } } });
      }
      // A clock a few seconds ahead, and a full day, are fine.
      expect((await send(node, 'GET', '/v1/me', { token: await customerToken({ iat: now() + 20, exp: now() + 24 * 3600 - 60 }) })).status).toBe(200);
    });

    it('refuses a back-office service token issued in the future', async () => {
      const future = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('trips').setIssuer('backoffice').setAudience('smartchat-backoffice').setIssuedAt(now() + 7 * 24 * 3600).setExpirationTime(now() + 7 * 24 * 3600 + 300).sign(new TextEncoder().encode(secret()));
      const body = { customerExternalId: 'future-customer', topic: 'Сверка' };
      expect(await send(node, 'POST', '/v1/backoffice/conversations/internal', { token: future, body })).toMatchObject({ status: 401, body: { error: { code: 'SC_ERR_AUTH_INVALID_TOKEN' } } });
      expect((await send(node, 'POST', '/v1/backoffice/conversations/internal', { token: await signBackofficeToken(secret(), 'trips'), body })).status).toBe(201);
    });
  });

  it('rejects a proxy list that is not addresses when the process starts', async () => {
    await expect(cluster.startNode({ SMARTCHAT_TRUSTED_PROXIES: 'the ingress' })).rejects.toThrow(/SMARTCHAT_TRUSTED_PROXIES/);
    expect((await api(node, 'GET', '/v1/topics', undefined)).status).toBe(401);
  });
});
