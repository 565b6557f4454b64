// A real Smartchat chat tier for tests: its own database, keyspace and RabbitMQ vhost, migrated,
// and N chat processes started as separate OS processes (node services/chat/src/main.ts).
import type { Message } from '@smartchat/contracts';
import { migrateCql, migratePostgres, repoRoot, schemaDir, type PgPool } from '@smartchat/platform';
import { eventually, type TestResources } from '@smartchat/platform/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { hashPassword } from '../../src/auth/passwords.js';
import { signCustomerToken } from '../../src/auth/tokens.js';

export interface ChatNode {
  url: string;
  port: number;
  /** /healthz, /readyz and /metrics: the operations port (a chat process's public port has none of them). */
  opsUrl: string;
  child: ChildProcess;
  output: string[];
}

export interface ChatCluster {
  nodes: ChatNode[];
  pg: PgPool;
  env: Record<string, string>;
  customerToken(externalId: string, name?: string, ttlSeconds?: number): Promise<string>;
  createAgent(name: string, options?: { password?: string; role?: string }): Promise<{ id: string; email: string; password: string }>;
  login(node: ChatNode, email: string, password: string): Promise<string>;
  socket(node: ChatNode, token: string | undefined): Promise<Socket>;
  /** One more chat process; `extraEnv` for it alone. */
  startNode(extraEnv?: Record<string, string>): Promise<ChatNode>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startChatCluster(resources: TestResources, nodeCount: number, extraEnv: Record<string, string> = {}): Promise<ChatCluster> {
  const [{ url: pgUrl, pool }, keyspace, rabbitUrl] = await Promise.all([resources.postgres(), resources.cqlClient(), resources.rabbitVhost()]);
  await migratePostgres(pool, schemaDir.postgres, resources.logger);
  const keyspaceName = `${resources.id}_chat`;
  await migrateCql(keyspace, { keyspace: keyspaceName, replicationFactor: 1, dir: schemaDir.cql, logger: resources.logger });
  // Retried: after a test that restarted Cassandra, the client may take a few seconds to reconnect.
  resources.defer(`drop keyspace ${keyspaceName}`, () =>
    eventually(`keyspace ${keyspaceName} dropped`, async () => Boolean(await keyspace.execute(`DROP KEYSPACE IF EXISTS ${keyspaceName}`)), 60_000, 500),
  );

  // The local statistics database is not the test's: a test that wants statistics passes its own
  // (createTestStatsDatabase) in extraEnv; without one the statistics routes answer 503.
  const { SMARTCHAT_STATS_PG_URL: _localStats, ...inherited } = process.env as Record<string, string>;
  const env: Record<string, string> = {
    ...inherited,
    SMARTCHAT_PG_URL: pgUrl,
    SMARTCHAT_CASSANDRA_KEYSPACE: keyspaceName,
    SMARTCHAT_RABBITMQ_URL: rabbitUrl,
    SMARTCHAT_HTTP_HOST: '127.0.0.1',
    SMARTCHAT_LOG_LEVEL: 'warn',
    SMARTCHAT_DELIVERY_SHARDS: '4',
    SMARTCHAT_QUEUE_PREFIX: resources.id,
    // Anonymous requests are limited per address, and every test calls from 127.0.0.1: each cluster counts its own.
    SMARTCHAT_RATE_LIMIT_NAMESPACE: `ratelimit:http:${resources.id}:`,
    SMARTCHAT_PRESENCE_GRACE_MS: '1500',
    SMARTCHAT_BLOB_DIR: join(repoRoot, 'var/test-blobs', resources.id),
    // Webhooks are queued from the domain events by a consumer group: only tests that give the
    // cluster its own topic and group turn it on.
    SMARTCHAT_WEBHOOKS: 'false',
    ...extraEnv,
  };
  // The balancer queue's keys live under the test's own prefix; this registers their removal.
  resources.redis({ forBullmq: true });
  resources.defer('remove test blobs', () => rm(env.SMARTCHAT_BLOB_DIR!, { recursive: true, force: true }));

  const startNode = (extraNodeEnv: Record<string, string> = {}): Promise<ChatNode> => startService(resources, 'chat', 'services/chat/src/main.ts', { ...env, ...extraNodeEnv });

  const nodes = await Promise.all(Array.from({ length: nodeCount }, () => startNode()));
  const sockets: Socket[] = [];
  resources.defer('close test sockets', async () => sockets.forEach((socket) => socket.disconnect()));

  return {
    nodes,
    pg: pool,
    env,
    startNode,
    customerToken: (externalId, name = `Customer ${externalId}`, ttlSeconds = 3600) =>
      signCustomerToken(env.SMARTCHAT_CUSTOMER_TOKEN_SECRET!, { externalId, name, email: `${externalId}@example.test` }, ttlSeconds),
    async createAgent(name, { password = 'correct horse battery staple', role = 'agent' } = {}) {
      const email = `agent-${Math.random().toString(36).slice(2, 10)}@desk.test`;
      const { rows } = await pool.query<{ id: string }>('INSERT INTO agents (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id', [email, name, await hashPassword(password), role]);
      return { id: rows[0]!.id, email, password };
    },
    async login(node, email, password) {
      const response = await fetch(`${node.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    async socket(node, token) {
      const socket = connectSocket(node.url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(error));
      });
      return socket;
    },
  };
}

/**
 * Starts `entry` as its own OS process on a free loopback port; resolves once /readyz answers 200.
 * A chat process gets a second free port for its operations endpoints; the balancer serves them on
 * its only port.
 */
export async function startService(resources: TestResources, name: string, entry: string, env: Record<string, string>): Promise<ChatNode> {
  const port = await freePort();
  const opsPort = name === 'chat' ? await freePort() : port;
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, entry)], {
    env: { ...env, SMARTCHAT_HTTP_PORT: String(port), SMARTCHAT_OPS_PORT: String(opsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const node = { url: `http://127.0.0.1:${port}`, port, opsUrl: `http://127.0.0.1:${opsPort}`, child, output };
  resources.defer(`stop ${name} on ${port}`, () => stopNode(node));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} process exited (${code}): ${output.join('').slice(-3000)}`))));
  exited.catch(() => undefined);
  await Promise.race([
    exited,
    eventually(`${name} process on port ${port} ready`, async () => (await fetch(`${node.opsUrl}/readyz`).catch(() => undefined))?.status === 200, 60_000, 200),
  ]);
  return node;
}

export async function stopNode(node: ChatNode, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => node.child.once('exit', () => resolve()));
  node.child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
}

/** Calls a socket event and resolves with its ack. */
export function call<T = unknown>(socket: Socket, event: string, input: unknown): Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } }> {
  return socket.timeout(20_000).emitWithAck(event, input);
}

/** Collects every `message:new` a socket receives. */
export function inbox(socket: Socket): Message[] {
  const received: Message[] = [];
  socket.on('message:new', (message: Message) => received.push(message));
  return received;
}

export async function api<T = unknown>(node: ChatNode, method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

let counter = 0;
export const clientMessageId = () => `cm_${Date.now().toString(36)}_${(counter += 1)}_${Math.random().toString(36).slice(2, 8)}`;
