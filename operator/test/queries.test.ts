import { describe, expect, it } from 'vitest';
import type { AppComponent, AutoscalingTargets } from '../src/api/types.js';
import { queryScalar } from '../src/autoscale/prometheus.js';
import { targetsOf } from '../src/autoscale/queries.js';
import { clusterFixture } from './fixtures.js';

const withTargets = (component: AppComponent, targets: AutoscalingTargets, metadata: { name?: string; namespace?: string } = {}) =>
  clusterFixture({ metadata, spec: { [component]: { autoscaling: { targets } } } });

/** The label matchers of every series selector in a query. */
const selectorsOf = (query: string) => query.match(/\{[^}]*\}/g) ?? [];

describe('the autoscaling targets of a component, with their PromQL', () => {
  it('chat scales on connections and accepted messages per pod, summed over the cluster', () => {
    const targets = targetsOf(withTargets('chat', { connectionsPerPod: 1000, messagesPerSecondPerPod: 50 }), 'chat');
    expect(targets).toEqual([
      { name: 'connectionsPerPod', target: 1000, kind: 'perPod', query: 'sum(smartchat_socket_connections{namespace="shop",smartchat_cluster="desk"})' },
      { name: 'messagesPerSecondPerPod', target: 50, kind: 'perPod', query: 'sum(rate(smartchat_messages_accepted_total{namespace="shop",smartchat_cluster="desk"}[1m]))' },
    ]);
  });

  it('the balancer scales on the shared queue: waiting conversations per pod and the age of the oldest, read once (max), not summed', () => {
    const targets = targetsOf(withTargets('balancer', { waitingAssignmentsPerPod: 20, oldestWaitingSeconds: 60 }), 'balancer');
    expect(targets).toEqual([
      { name: 'waitingAssignmentsPerPod', target: 20, kind: 'perPod', query: 'max(smartchat_balancer_waiting_conversations{namespace="shop",smartchat_cluster="desk"})' },
      { name: 'oldestWaitingSeconds', target: 60, kind: 'value', query: 'max(smartchat_balancer_oldest_waiting_seconds{namespace="shop",smartchat_cluster="desk"})' },
    ]);
  });

  it('the stats pods scale on consumer lag: one value per partition (max over the pods that report it), summed', () => {
    expect(targetsOf(withTargets('stats', { consumerLagPerPod: 1000 }), 'stats')).toEqual([
      { name: 'consumerLagPerPod', target: 1000, kind: 'perPod', query: 'sum(max by (partition) (smartchat_stats_consumer_lag{namespace="shop",smartchat_cluster="desk"}))' },
    ]);
  });

  it.each([
    ['only connections', 'chat', { connectionsPerPod: 800 }, ['connectionsPerPod']],
    ['only messages', 'chat', { messagesPerSecondPerPod: 30 }, ['messagesPerSecondPerPod']],
    ['only the oldest waiting age', 'balancer', { oldestWaitingSeconds: 120 }, ['oldestWaitingSeconds']],
    ['nothing configured for chat', 'chat', {}, []],
    ['nothing configured for the balancer', 'balancer', {}, []],
  ] as [string, AppComponent, AutoscalingTargets, string[]][])('%s: only the configured targets are read', (_description, component, targets, names) => {
    expect(targetsOf(withTargets(component, targets), component).map((target) => target.name)).toEqual(names);
  });

  // The CRD rejects balancer targets under chat; if one slipped through, chat must still not scale on the balancer's queue.
  it('each component scales on its own targets only, whatever slipped into the others', () => {
    const everything: AutoscalingTargets = { connectionsPerPod: 1000, messagesPerSecondPerPod: 50, waitingAssignmentsPerPod: 20, oldestWaitingSeconds: 60, consumerLagPerPod: 500 };
    const cluster = clusterFixture({ spec: { chat: { autoscaling: { targets: everything } }, balancer: { autoscaling: { targets: everything } }, stats: { autoscaling: { targets: everything } } } });
    expect(targetsOf(cluster, 'chat').map((target) => target.name)).toEqual(['connectionsPerPod', 'messagesPerSecondPerPod']);
    expect(targetsOf(cluster, 'balancer').map((target) => target.name)).toEqual(['waitingAssignmentsPerPod', 'oldestWaitingSeconds']);
    expect(targetsOf(cluster, 'stats').map((target) => target.name)).toEqual(['consumerLagPerPod']);
  });

  it("the other component's targets do not leak in", () => {
    const cluster = clusterFixture({ spec: { balancer: { autoscaling: { targets: { waitingAssignmentsPerPod: 20 } } } } });
    expect(targetsOf(cluster, 'chat')).toEqual([]);
  });

  it.each([
    ['desk', 'shop'],
    ['help', 'support'],
    ['desk', 'staging'],
  ])('the queries for %s in %s select that cluster only, never one of the same name elsewhere', (name, namespace) => {
    const cluster = clusterFixture({
      metadata: { name, namespace },
      spec: { chat: { autoscaling: { targets: { connectionsPerPod: 1000, messagesPerSecondPerPod: 50 } } }, balancer: { autoscaling: { targets: { waitingAssignmentsPerPod: 20, oldestWaitingSeconds: 60 } } } },
    });
    const queries = [...targetsOf(cluster, 'chat'), ...targetsOf(cluster, 'balancer')].map((target) => target.query);
    expect(queries).toHaveLength(4);
    for (const query of queries) expect(selectorsOf(query)).toEqual([`{namespace="${namespace}",smartchat_cluster="${name}"}`]);
  });
});

// Against the local Prometheus: each query parses, returns one value at most, and with nothing
// scraped for the cluster it returns no value — "missing", which the autoscaler never reads as zero.
describe('the queries against Prometheus', () => {
  it('every query is valid PromQL and, for a cluster that is not scraped, reads as missing', async () => {
    const baseUrl = process.env.SMARTCHAT_PROMETHEUS_URL;
    expect(baseUrl, 'SMARTCHAT_PROMETHEUS_URL').toBeTruthy();
    const cluster = clusterFixture({
      metadata: { name: `absent-${process.pid}`, namespace: 'nowhere' },
      spec: { chat: { autoscaling: { targets: { connectionsPerPod: 1000, messagesPerSecondPerPod: 50 } } }, balancer: { autoscaling: { targets: { waitingAssignmentsPerPod: 20, oldestWaitingSeconds: 60 } } } },
    });
    const targets = [...targetsOf(cluster, 'chat'), ...targetsOf(cluster, 'balancer'), ...targetsOf(cluster, 'stats')];
    const outcomes = await Promise.all(targets.map(async (target) => [target.name, await queryScalar(baseUrl!, target.query)] as const));
    expect(Object.fromEntries(outcomes)).toEqual({
      connectionsPerPod: { ok: true, value: undefined },
      messagesPerSecondPerPod: { ok: true, value: undefined },
      waitingAssignmentsPerPod: { ok: true, value: undefined },
      oldestWaitingSeconds: { ok: true, value: undefined },
      consumerLagPerPod: { ok: true, value: undefined },
    });
  });
});
