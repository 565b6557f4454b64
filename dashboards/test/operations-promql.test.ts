// What the operational dashboards would show, proved without Grafana: real chat, balancer, stats
// and operator processes run, scraped by the local Prometheus under the labels a ServiceMonitor
// gives them in Kubernetes (namespace, smartchat_cluster, service <cluster>-<role>); a customer
// writes, an agent answers, a second customer waits in the queue, a broken record lands on the
// events topic. Then every PromQL expression of every panel, expanded as Grafana's Prometheus data
// source expands it for this cluster, returns data as a range query over the last minutes.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, call, clientMessageId, startChatCluster, startService, type ChatCluster, type ChatNode } from '@smartchat/chat/testing';
import { startBalancer } from '@smartchat/chat/testing/balancers';
import { registerScrapeTarget, type ScrapeTarget } from '@smartchat/platform';
import { eventually, TestResources } from '@smartchat/platform/testing';
import { createTestStatsDatabase } from '@smartchat/stats';
import { RENDERED_DIR } from '../src/catalog.js';
import { expandPromql } from '../src/expand/promql.js';
import { ALL } from '../src/expand/variables.js';
import { createNamespace, startOperator, testKube, type OperatorProcess } from '../../operator/test/support/kube.js';
import { panelsOf, targetsOf, variablesOf, type RenderedDashboard } from './support/dashboards.js';

const prometheusUrl = process.env.SMARTCHAT_PROMETHEUS_URL!;
const NAMESPACE = 'dashboards-test';
const dashboards = ['operations.json', 'stats-pipeline.json'].map((file) => [file, JSON.parse(readFileSync(join(RENDERED_DIR, file), 'utf8')) as RenderedDashboard] as const);

let resources: TestResources;
let cluster: ChatCluster;
let operator: OperatorProcess | undefined;
const targets: ScrapeTarget[] = [];
/** The cluster's name in the labels: this run's own, so no other process's series can answer. */
let clusterName: string;

interface Series {
  metric: Record<string, string>;
  values: [number, string][];
}

async function queryRange(expr: string, start: Date, end: Date): Promise<Series[]> {
  const url = new URL('api/v1/query_range', `${prometheusUrl}/`);
  url.search = new URLSearchParams({ query: expr, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000), step: '5' }).toString();
  const body = (await (await fetch(url)).json()) as { status: string; error?: string; data?: { result: Series[] } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data!.result;
}

/** Scraped like a Kubernetes Service of this cluster, e.g. service="desk-chat". */
function scrape(service: string, port: number): void {
  targets.push(registerScrapeTarget({ dir: process.env.SMARTCHAT_PROMETHEUS_SD_DIR!, service, host: '127.0.0.1', port, labels: { namespace: NAMESPACE, smartchat_cluster: clusterName } }));
}

beforeAll(async () => {
  resources = new TestResources();
  clusterName = `desk-${resources.id.replace(/_/g, '-')}`;
  const topic = await resources.kafkaTopic('events', 2);
  const stats = await createTestStatsDatabase(resources);
  // The processes register nothing themselves: the test registers them with the cluster's labels.
  const env = { SMARTCHAT_PROMETHEUS_SD_DIR: '', SMARTCHAT_EVENTS_TOPIC: topic, SMARTCHAT_STATS_PG_URL: stats.url };
  cluster = await startChatCluster(resources, 1, env);
  const balancer = await startBalancer(resources, cluster, env);
  const statsNode = await startService(resources, 'stats', 'services/stats/src/main.ts', { ...cluster.env, ...env, SMARTCHAT_STATS_CONSUMER_GROUP: `${resources.id}-stats`, SMARTCHAT_STATS_STATUS_MS: '1000' });
  const kube = testKube();
  operator = await startOperator(await createNamespace(kube, 'dashboards-ops'));
  scrape(`${clusterName}-chat`, Number(new URL(cluster.nodes[0]!.opsUrl).port));
  scrape(`${clusterName}-balancer`, balancer.port);
  scrape(`${clusterName}-stats`, Number(new URL(statsNode.opsUrl).port));
  scrape('smartchat-operator', operator.port);
  await eventually('Prometheus to scrape the four processes', async () => (await queryRange(`count(up{smartchat_cluster="${clusterName}"} == 1)`, new Date(Date.now() - 5000), new Date()))[0]?.values.at(-1)?.[1] === '4', 60_000, 500);

  await desk(cluster, cluster.nodes[0]!);
  // A record the statistics cannot read: dead-lettered, never blocking its partition.
  const producer = resources.kafka().producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ key: randomUUID(), value: 'not an event' }] });
  await producer.disconnect();
  // The pipeline took in the desk's events and the broken record.
  await eventually('the stats process to count the events and the dead letter', async () => {
    const metrics = await (await fetch(`${statsNode.opsUrl}/metrics`)).text();
    return /smartchat_stats_dead_letters_total\{[^}]*\} [1-9]/.test(metrics) && /smartchat_stats_events_total\{type="message.created"[^}]*\} [1-9]/.test(metrics);
  }, 60_000, 500);
  // Enough scrapes after all of it for rates over $__rate_interval.
  await new Promise((resolve) => setTimeout(resolve, 6000));
}, 240_000);

afterAll(async () => {
  for (const target of targets) target.unregister();
  await operator?.stop();
  await resources?.cleanup();
});

/** Traffic just before a query: requests and a message, then enough scrapes for rates over $__rate_interval. */
let activity: () => Promise<void>;

/** A team with one agent of capacity 1, online: the first customer is assigned and answered, the second waits in the queue. */
async function desk(chat: ChatCluster, node: ChatNode): Promise<void> {
  const topic = `topic-${randomUUID().slice(0, 8)}`;
  const { rows } = await chat.pg.query<{ id: string }>('INSERT INTO teams (name, topics) VALUES ($1, $2) RETURNING id', [`Dashboards ${topic}`, [topic]]);
  const agent = await chat.createAgent('Анна Дашбордова');
  await chat.pg.query('UPDATE agents SET capacity = 1 WHERE id = $1', [agent.id]);
  await chat.pg.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [rows[0]!.id, agent.id]);
  const agentSocket = await chat.socket(node, await chat.login(node, agent.email, agent.password));
  const open = async (body: string) => {
    const token = await chat.customerToken(`customer-${randomUUID()}`);
    const response = await api<{ conversation: { id: string } }>(node, 'POST', '/v1/conversations', token, { topic, body, clientMessageId: clientMessageId() });
    expect(response.status).toBe(201);
    return response.body.conversation.id;
  };
  const first = await open('Здравствуйте, где мой билет?');
  await eventually('the first conversation assigned', async () => (await chat.pg.query('SELECT 1 FROM conversations WHERE id = $1 AND assignee_id = $2', [first, agent.id])).rowCount === 1, 30_000, 200);
  const reply = await call(agentSocket, 'message:send', { conversationId: first, clientMessageId: clientMessageId(), body: 'Билет у вас в почте' });
  expect(reply.ok).toBe(true);
  await open('А мне?');
  activity = async () => {
    expect((await call(agentSocket, 'message:send', { conversationId: first, clientMessageId: clientMessageId(), body: 'Что-нибудь ещё?' })).ok).toBe(true);
    const token = await chat.login(node, agent.email, agent.password);
    for (let request = 0; request < 5; request += 1) expect((await api(node, 'GET', '/v1/conversations', token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  };
}

describe('the operational dashboards on the real Prometheus', () => {
  it.each(dashboards)('every query of %s returns data for this cluster', async (_file, dashboard) => {
    await activity();
    const end = new Date();
    const range = { from: new Date(end.getTime() - 300_000), to: end };
    const empty: string[] = [];
    let queries = 0;
    for (const panel of panelsOf(dashboard)) {
      for (const target of targetsOf(panel)) {
        const expr = expandPromql(target.expr!, { range, interval: '15s', scrapeInterval: '1s' }, variablesOf(dashboard), { namespace: NAMESPACE, cluster: clusterName, prometheus: ALL });
        queries += 1;
        const series = await queryRange(expr, range.from, range.to);
        const numbers = series.flatMap((item) => item.values.map(([, value]) => Number(value))).filter((value) => Number.isFinite(value));
        if (numbers.length === 0) empty.push(`${panel.title} [${target.refId}]: ${expr}`);
      }
    }
    expect(queries).toBeGreaterThan(5);
    expect(empty).toEqual([]);
  });

  it('shows what happened: messages accepted, the queue, a dead letter by its reason, events by type, the pods by role', async () => {
    await activity();
    const end = new Date();
    const range = { from: new Date(end.getTime() - 300_000), to: end };
    const run = async (file: string, title: string, refId = 'A') => {
      const dashboard = dashboards.find(([name]) => name === file)![1];
      const target = targetsOf(panelsOf(dashboard).find((panel) => panel.title === title)!).find((item) => item.refId === refId)!;
      return queryRange(expandPromql(target.expr!, { range, interval: '15s', scrapeInterval: '1s' }, variablesOf(dashboard), { namespace: NAMESPACE, cluster: clusterName }), range.from, range.to);
    };
    const peak = (series: Series[], label?: [string, string]) => Math.max(0, ...series.filter((item) => !label || item.metric[label[0]] === label[1]).flatMap((item) => item.values.map(([, value]) => Number(value))).filter(Number.isFinite));

    expect(peak(await run('operations.json', 'Messages per second'), ['kind', 'customer'])).toBeGreaterThan(0);
    expect(peak(await run('operations.json', 'Conversations waiting for an assignee'))).toBe(1);
    expect(peak(await run('operations.json', 'Oldest waiting conversation'))).toBeGreaterThan(0);
    expect(peak(await run('operations.json', 'Open sockets'), ['type', 'agent'])).toBe(1);
    expect(peak(await run('operations.json', 'Processes up by role', 'A'))).toBe(1);
    expect(peak(await run('operations.json', 'Processes up by role', 'C'))).toBe(1);
    expect(peak(await run('stats-pipeline.json', 'Dead letters by reason'), ['reason', 'not_json'])).toBeGreaterThan(0);
    expect(peak(await run('stats-pipeline.json', 'Events per second by type'), ['type', 'message.created'])).toBeGreaterThan(0);
    expect(peak(await run('stats-pipeline.json', 'Consumer lag per partition', 'B'))).toBeGreaterThanOrEqual(0);
  });
});
