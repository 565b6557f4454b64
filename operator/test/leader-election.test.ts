// Two operator replicas on one Lease: exactly one reconciles; when it dies (SIGKILL, no goodbye)
// the other takes the Lease over once it expires and carries on; a replica stopped with SIGTERM
// hands the Lease over at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@smartchat/platform/testing';
import type { KubeClients } from '../src/runtime/kube.js';
import { clusterManifest, createConnectionSecrets, createNamespace, installCrdFromChart, kubectlOk, readCluster, saveLogs, startOperator, testKube, type OperatorProcess } from './support/kube.js';

let kube: KubeClients;
let namespace: string;
const replicas: OperatorProcess[] = [];

beforeAll(async () => {
  kube = testKube();
  installCrdFromChart();
  namespace = await createNamespace(kube, 'op-leader');
  await createConnectionSecrets(kube, namespace);
  replicas.push(await startOperator(namespace, { identity: 'replica-a' }), await startOperator(namespace, { identity: 'replica-b' }));
});

afterAll(async () => {
  for (const replica of replicas) {
    await replica.stop();
    saveLogs(`operator-leader-${replica.identity}`, replica);
  }
});

const holder = async () => (await kube.coordination.readNamespacedLease({ name: 'smartchat-operator', namespace })).spec?.holderIdentity;
const leaderGauge = async (replica: OperatorProcess) => {
  const text = await (await fetch(`http://127.0.0.1:${replica.port}/metrics`)).text();
  return Number(/^smartchat_operator_leader(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1]);
};

describe('leader election on a Lease', () => {
  it('one replica leads, and a killed leader is replaced within the lease duration', async () => {
    const first = await eventually('a leader', holder);
    const leader = replicas.find((replica) => replica.identity === first)!;
    const standby = replicas.find((replica) => replica.identity !== first)!;
    expect(await leaderGauge(leader)).toBe(1);
    expect(await leaderGauge(standby)).toBe(0);
    // Both report ready: a standby must not block a rollout or a node drain.
    expect((await fetch(`http://127.0.0.1:${standby.port}/readyz`)).status).toBe(200);

    kubectlOk(['apply', '-n', namespace, '-f', '-'], JSON.stringify(clusterManifest('desk')));
    await eventually('the leader reconciles', async () => (await readCluster(kube, namespace, 'desk')).status?.observedGeneration === 1);

    const killedAt = Date.now();
    await leader.stop('SIGKILL');
    await eventually('the standby takes the Lease', async () => (await holder()) === standby.identity, 20_000, 100);
    const takeoverMs = Date.now() - killedAt;
    // Lease duration 4 s plus a retry period; well under twice the duration.
    expect(takeoverMs).toBeLessThan(8_000);
    expect(await leaderGauge(standby)).toBe(1);

    // The new leader reconciles: a spec change reaches the children.
    kubectlOk(['patch', 'smartchatcluster', 'desk', '-n', namespace, '--type', 'merge', '-p', JSON.stringify({ spec: { scylla: { managed: { members: 4 } } } })]);
    await eventually('the new leader applies the change', async () => (await kube.apps.readNamespacedStatefulSet({ name: 'desk-scylla', namespace })).spec?.replicas === 4, 20_000, 200);
    const lease = await kube.coordination.readNamespacedLease({ name: 'smartchat-operator', namespace });
    expect(lease.spec?.leaseTransitions).toBeGreaterThanOrEqual(1);
  });

  it('a leader stopped with SIGTERM releases the Lease, and a new replica takes it at once', async () => {
    const current = replicas.find((replica) => replica.child.exitCode === null && replica.child.signalCode === null)!;
    expect(await holder()).toBe(current.identity);
    // No other replica runs now, so what the Lease says once the leader has exited is its own doing
    // (checked on the Lease, not with a stopwatch, which a busy machine would fool).
    await current.stop('SIGTERM');
    const released = await kube.coordination.readNamespacedLease({ name: 'smartchat-operator', namespace });
    expect(released.spec?.holderIdentity ?? '').toBe('');
    expect(released.spec?.leaseDurationSeconds).toBe(1);
    // Nobody holds it, so a new replica takes it on its first try, without waiting for an expiry.
    const next = await startOperator(namespace, { identity: 'replica-c' });
    replicas.push(next);
    await eventually('replica-c leads', async () => (await holder()) === 'replica-c', 10_000, 100);
  });
});
