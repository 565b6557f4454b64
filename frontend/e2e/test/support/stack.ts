// The real stack for browser tests: two chat processes (serving the built console and widget), a
// balancer, and the demo site (the back-office stand-in that embeds the widget and answers the
// console's customer-data calls), on their own database, keyspace, vhost and queue prefix.
import { startDemoSite } from '@smartchat/demo-site';
import { repoRoot } from '@smartchat/platform';
import type { TestResources } from '@smartchat/platform/testing';
import { freePort, startChatCluster, type ChatCluster, type ChatNode } from '@smartchat/chat/testing';
import { startBalancer } from '@smartchat/chat/testing/balancers';
import { startSearchIndexing } from '@smartchat/chat/testing/search';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD = 'correct horse battery staple';
const CONSOLE_DIR = join(repoRoot, 'frontend/console/dist');
const WIDGET_DIR = join(repoRoot, 'frontend/widget/dist');

export interface Stack {
  cluster: ChatCluster;
  chat: ChatNode[];
  demoUrl: string;
  /** The console on chat process `n` (default the first). */
  consoleUrl(n?: number): string;
  teamId: string;
  createAgent(name: string, options?: { role?: string; inTeam?: boolean }): Promise<{ id: string; email: string; password: string; name: string }>;
  api<T>(token: string, method: string, path: string, body?: unknown): Promise<T>;
}

export interface StackOptions {
  /** The default team's topics. */
  topics?: string[];
  env?: Record<string, string>;
  /** Message search: the stats role's indexer on this stack's own events topic. */
  search?: boolean;
  /**
   * Outbound webhooks: the chat processes queue them from this stack's own events topic, in a
   * consumer group of this run's own (webhooks are off in test clusters otherwise).
   */
  webhooks?: boolean;
}

export async function startStack(resources: TestResources, options: StackOptions = {}): Promise<Stack> {
  for (const dir of [CONSOLE_DIR, WIDGET_DIR]) {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} is not built: run scripts/build-frontend.sh (make test does)`);
  }
  const demoPort = await freePort();
  // Search and webhooks read this stack's own events topic (not the shared one other runs wrote).
  const topic: Record<string, string> = options.search || options.webhooks ? { SMARTCHAT_EVENTS_TOPIC: await resources.kafkaTopic('events', 3) } : {};
  const webhooks: Record<string, string> = options.webhooks ? { SMARTCHAT_WEBHOOKS: 'true', SMARTCHAT_WEBHOOK_EVENTS_GROUP: `webhooks-${resources.id}` } : {};
  const cluster = await startChatCluster(resources, 2, {
    ...topic,
    ...webhooks,
    SMARTCHAT_CONSOLE_DIR: CONSOLE_DIR,
    SMARTCHAT_WIDGET_DIR: WIDGET_DIR,
    SMARTCHAT_BACKOFFICE_URL: `http://127.0.0.1:${demoPort}`,
    // The demo site and the tests' own host pages, all on loopback, may frame the widget; no other site may.
    SMARTCHAT_WIDGET_FRAME_ANCESTORS: 'http://127.0.0.1:*',
    SMARTCHAT_COMPANY_NAME: 'ООО «Деловые поездки»',
    ...options.env,
  });
  await startBalancer(resources, cluster);
  // Message search: the stats role's indexer, on this stack's events topic.
  if (options.search) await startSearchIndexing(resources, cluster);
  const { rows } = await cluster.pg.query<{ id: string }>(`INSERT INTO teams (name, is_default, topics, first_response_minutes) VALUES ('Поддержка', true, $1, 15) RETURNING id`, [options.topics ?? ['Авиабилеты', 'Отели']]);
  const teamId = rows[0]!.id;
  const demo = await startDemoSite({ host: '127.0.0.1', port: demoPort, chatUrl: cluster.nodes[0]!.url, customerTokenSecret: cluster.env.SMARTCHAT_CUSTOMER_TOKEN_SECRET! });
  resources.defer('stop the demo site', () => demo.close());

  return {
    cluster,
    chat: cluster.nodes,
    demoUrl: demo.url,
    teamId,
    consoleUrl: (n = 0) => `${cluster.nodes[n]!.url}/console/`,
    async createAgent(name, { role = 'agent', inTeam = true } = {}) {
      const agent = await cluster.createAgent(name, { role, password: PASSWORD });
      if (inTeam) await cluster.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, agent.id]);
      return { ...agent, name };
    },
    async api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${cluster.nodes[0]!.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}
