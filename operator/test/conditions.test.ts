import { describe, expect, it } from 'vitest';
import type { Condition, ConditionType, StoreStatus } from '../src/api/types.js';
import { computeConditions, summaryReason, type AppObservation, type Observation } from '../src/reconcile/conditions.js';

const NOW = new Date('2030-01-02T03:04:05.678Z');
const NOW_STAMP = '2030-01-02T03:04:05Z';
const EARLIER = '2030-01-01T00:00:00Z';

const ready = (replicas: number): StoreStatus => ({ mode: 'managed', ready: true, replicas, readyReplicas: replicas });
const starting = (replicas: number, readyReplicas: number, message?: string): StoreStatus => ({ mode: 'managed', ready: false, replicas, readyReplicas, ...(message ? { message } : {}) });
const serving = (overrides: Partial<AppObservation> = {}): AppObservation => ({ desired: 2, ready: 2, updated: 2, current: true, exists: true, ...overrides });
/** A first installation: no Deployment yet. */
const notDeployed = { chat: serving({ exists: false, desired: 0, ready: 0, updated: 0 }), balancer: serving({ exists: false, desired: 0, ready: 0, updated: 0 }) };
const RUNNING = { mode: 'job', ready: false, failed: false, message: 'Job desk-migrate-0123456789 is running' } as const;
const BLOCKED = { mode: 'job', ready: false, failed: false, blocked: true, message: 'waiting for the connection settings (see Degraded)' } as const;
const SECRET_MISSING = { reason: 'SecretNotFound', message: 'Secret shop/pg (spec.postgres.connectionSecret) does not exist' };

/** A cluster where everything is up: three ready stores, migrations done, 2/2 chat and balancer pods. */
function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    generation: 7,
    stores: { scylla: ready(3), rabbitmq: ready(3), redis: ready(1) },
    migrations: { mode: 'job', ready: true, failed: false, message: 'Job desk-migrate-0123456789 succeeded' },
    apps: { chat: serving(), balancer: serving() },
    problems: [],
    ...overrides,
  };
}

type Summary = Record<ConditionType, [status: Condition['status'], reason: string]>;
function summarise(conditions: Condition[]): Summary {
  return Object.fromEntries(conditions.map((condition) => [condition.type, [condition.status, condition.reason]])) as Summary;
}
const byType = (conditions: Condition[], type: ConditionType) => conditions.find((condition) => condition.type === type)!;

describe('conditions from what the reconcile observed', () => {
  it('everything ready: Available, not Progressing, not Degraded', () => {
    const conditions = computeConditions(observation(), undefined, NOW);
    expect(conditions.map((condition) => condition.type)).toEqual(['Available', 'Progressing', 'Degraded']);
    expect(summarise(conditions)).toEqual({ Available: ['True', 'AllComponentsReady'], Progressing: ['False', 'Stable'], Degraded: ['False', 'AsExpected'] });
    expect(summaryReason(conditions)).toBe('Ready');
  });

  it.each([
    // description, observation, Available, Progressing
    ['Scylla still starting', { stores: { scylla: starting(3, 1), rabbitmq: ready(3), redis: ready(1) } }, ['False', 'ScyllaNotReady'], ['True', 'StoresStarting']],
    ['RabbitMQ still starting', { stores: { scylla: ready(3), rabbitmq: starting(3, 2), redis: ready(1) } }, ['False', 'RabbitmqNotReady'], ['True', 'StoresStarting']],
    ['Redis still starting', { stores: { scylla: ready(3), rabbitmq: ready(3), redis: starting(1, 0) } }, ['False', 'RedisNotReady'], ['True', 'StoresStarting']],
    ['Scylla down while migrations are pending: the store is named, it comes first', { stores: { scylla: starting(3, 0), redis: ready(1) }, migrations: { mode: 'job', ready: false, failed: false } }, ['False', 'ScyllaNotReady'], ['True', 'StoresStarting']],
    ['external stores only (no store status reported) and the rest ready', { stores: {} }, ['True', 'AllComponentsReady'], ['False', 'Stable']],
    ['first installation, migrations running', { migrations: RUNNING, apps: notDeployed }, ['False', 'MigrationsPending'], ['True', 'MigrationsRunning']],
    ['upgrade, migrations running while the running version serves', { migrations: RUNNING }, ['True', 'PreviousVersionServing'], ['True', 'MigrationsRunning']],
    ['upgrade, migrations running, no chat pod ready', { migrations: RUNNING, apps: { chat: serving({ ready: 0 }), balancer: serving() } }, ['False', 'MigrationsPending'], ['True', 'MigrationsRunning']],
    ['chat Deployment not created yet', { apps: { chat: serving({ exists: false, desired: 0, ready: 0, updated: 0 }), balancer: serving() } }, ['False', 'ChatNotDeployed'], ['True', 'RollingOut']],
    ['balancer Deployment not created yet', { apps: { chat: serving(), balancer: serving({ exists: false, desired: 0, ready: 0, updated: 0 }) } }, ['False', 'BalancerNotDeployed'], ['True', 'RollingOut']],
    ['no chat pod ready', { apps: { chat: serving({ ready: 0 }), balancer: serving() } }, ['False', 'ChatNotReady'], ['True', 'RollingOut']],
    ['no balancer pod ready', { apps: { chat: serving(), balancer: serving({ ready: 0 }) } }, ['False', 'BalancerNotReady'], ['True', 'RollingOut']],
    ['chat scaled up, the new pod not ready yet: still serving', { apps: { chat: serving({ desired: 3, ready: 2, updated: 3 }), balancer: serving() } }, ['True', 'AllComponentsReady'], ['True', 'RollingOut']],
    ['balancer rolling to a new template: half updated', { apps: { chat: serving(), balancer: serving({ updated: 1 }) } }, ['True', 'AllComponentsReady'], ['True', 'RollingOut']],
    ['the Deployment controller has not seen the new template yet', { apps: { chat: serving({ current: false }), balancer: serving() } }, ['True', 'AllComponentsReady'], ['True', 'RollingOut']],
    // Mail pods, like stats pods, count for the rollout but never for Available: the desk answers chats without them.
    ['no mail pod ready', { apps: { chat: serving(), balancer: serving(), mail: serving({ desired: 1, ready: 0, updated: 1 }) } }, ['True', 'AllComponentsReady'], ['True', 'RollingOut']],
    ['the mail Deployment not created yet', { apps: { chat: serving(), balancer: serving(), mail: serving({ exists: false, desired: 0, ready: 0, updated: 0 }) } }, ['True', 'AllComponentsReady'], ['True', 'RollingOut']],
    ['mail pods ready', { apps: { chat: serving(), balancer: serving(), mail: serving({ desired: 1, ready: 1, updated: 1 }) } }, ['True', 'AllComponentsReady'], ['False', 'Stable']],
  ] as [string, Partial<Observation>, Summary['Available'], Summary['Progressing']][])('%s', (_description, overrides, available, progressing) => {
    const summary = summarise(computeConditions(observation(overrides), undefined, NOW));
    expect(summary.Available).toEqual(available);
    expect(summary.Progressing).toEqual(progressing);
    expect(summary.Degraded).toEqual(['False', 'AsExpected']);
  });

  it.each([
    ['a store with its own message says it', { stores: { scylla: starting(3, 1, 'desk-scylla: 1/3 members ready') } }, 'desk-scylla: 1/3 members ready', 'scylla: 1/3 pods ready'],
    ['a store without a message is named', { stores: { redis: starting(1, 0) } }, 'redis is not ready', 'redis: 0/1 pods ready'],
    ['running migrations name their Job', { migrations: RUNNING, apps: notDeployed }, 'Job desk-migrate-0123456789 is running', 'Job desk-migrate-0123456789 is running'],
    ['the running version serves during an upgrade', { migrations: RUNNING }, 'The running chat and balancer pods keep serving until the desired spec rolls out (Job desk-migrate-0123456789 is running)', 'Job desk-migrate-0123456789 is running'],
    ['no ready chat pod says how many are wanted', { apps: { chat: serving({ ready: 0, desired: 4, updated: 4 }), balancer: serving() } }, 'no chat pod is ready (0/4)', 'chat: 0/4 ready, 4 updated'],
    ['mail pods rolling name the role', { apps: { chat: serving(), balancer: serving(), mail: serving({ desired: 2, ready: 1, updated: 2 }) } }, 'Stores are ready, migrations are applied, and chat and balancer pods are serving', 'mail: 1/2 ready, 2 updated'],
  ] as [string, Partial<Observation>, string, string][])('the messages explain it: %s', (_description, overrides, availableMessage, progressingMessage) => {
    const conditions = computeConditions(observation(overrides), undefined, NOW);
    expect(byType(conditions, 'Available').message).toBe(availableMessage);
    expect(byType(conditions, 'Progressing').message).toBe(progressingMessage);
  });

  it('failed migrations of a first installation: not Available and Degraded, both saying MigrationsFailed with the Job to look at', () => {
    const message = 'migrations Job desk-migrate-0123456789 failed; the running version stays until it is fixed (kubectl logs job/desk-migrate-0123456789)';
    const conditions = computeConditions(observation({ migrations: { mode: 'job', ready: false, failed: true, message }, apps: notDeployed, problems: [{ reason: 'MigrationsFailed', message }] }), undefined, NOW);
    expect(byType(conditions, 'Available')).toMatchObject({ status: 'False', reason: 'MigrationsFailed', message });
    expect(byType(conditions, 'Degraded')).toMatchObject({ status: 'True', reason: 'MigrationsFailed', message });
    expect(summaryReason(conditions)).toBe('MigrationsFailed');
  });

  it('failed migrations of an upgrade: still Available (the running version serves), Degraded, not Progressing', () => {
    const message = 'migrations Job desk-migrate-0123456789 failed; the running version stays until it is fixed (kubectl logs job/desk-migrate-0123456789)';
    const conditions = computeConditions(observation({ migrations: { mode: 'job', ready: false, failed: true, message }, problems: [{ reason: 'MigrationsFailed', message }] }), undefined, NOW);
    expect(summarise(conditions)).toEqual({ Available: ['True', 'PreviousVersionServing'], Progressing: ['False', 'MigrationsFailed'], Degraded: ['True', 'MigrationsFailed'] });
    expect(summaryReason(conditions)).toBe('MigrationsFailed');
  });

  it('settings held back by a missing Secret: the running version stays Available, nothing progresses, Degraded says why', () => {
    const conditions = computeConditions(observation({ migrations: BLOCKED, problems: [SECRET_MISSING] }), undefined, NOW);
    expect(summarise(conditions)).toEqual({ Available: ['True', 'PreviousVersionServing'], Progressing: ['False', 'SettingsUnresolved'], Degraded: ['True', 'SecretNotFound'] });
    expect(summaryReason(conditions)).toBe('SecretNotFound');
    // A first installation has nothing that serves.
    const fresh = computeConditions(observation({ migrations: BLOCKED, apps: notDeployed, problems: [SECRET_MISSING] }), undefined, NOW);
    expect(summarise(fresh)).toEqual({ Available: ['False', 'MigrationsPending'], Progressing: ['False', 'SettingsUnresolved'], Degraded: ['True', 'SecretNotFound'] });
  });

  // Nothing progresses while a migration Job has failed: it waits for a fix (as a Deployment past
  // its progress deadline reports Progressing=False, ProgressDeadlineExceeded).
  it('failed migrations do not report Progressing as MigrationsRunning', () => {
    const message = 'migrations Job desk-migrate-0123456789 failed; the running version stays until it is fixed (kubectl logs job/desk-migrate-0123456789)';
    const conditions = computeConditions(observation({ migrations: { mode: 'job', ready: false, failed: true, message }, problems: [{ reason: 'MigrationsFailed', message }] }), undefined, NOW);
    expect(byType(conditions, 'Progressing')).toMatchObject({ status: 'False', reason: 'MigrationsFailed' });
  });

  it('a problem makes the cluster Degraded with the first reason and every message, even when it is Available', () => {
    const conditions = computeConditions(
      observation({
        problems: [
          { reason: 'SecretNotFound', message: 'Secret shop/pg (spec.postgres.connectionSecret) not found' },
          { reason: 'MetricsMissing', message: 'chat: connectionsPerPod has no series in Prometheus' },
        ],
      }),
      undefined,
      NOW,
    );
    expect(byType(conditions, 'Degraded')).toMatchObject({
      status: 'True',
      reason: 'SecretNotFound',
      message: 'Secret shop/pg (spec.postgres.connectionSecret) not found; chat: connectionsPerPod has no series in Prometheus',
    });
    expect(byType(conditions, 'Available').status).toBe('True');
    expect(summaryReason(conditions)).toBe('SecretNotFound');
  });

  it('every condition carries the generation it was computed for', () => {
    for (const generation of [1, 7, 42]) {
      expect(computeConditions(observation({ generation }), undefined, NOW).map((condition) => condition.observedGeneration)).toEqual([generation, generation, generation]);
    }
  });
});

describe('lastTransitionTime', () => {
  const previous: Condition[] = [
    { type: 'Available', status: 'False', reason: 'ScyllaNotReady', message: 'scylla is not ready', observedGeneration: 6, lastTransitionTime: EARLIER },
    { type: 'Progressing', status: 'True', reason: 'StoresStarting', message: 'scylla: 1/3 pods ready', observedGeneration: 6, lastTransitionTime: EARLIER },
    { type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'No problems found', observedGeneration: 6, lastTransitionTime: EARLIER },
  ];
  const transitions = (conditions: Condition[]) => Object.fromEntries(conditions.map((condition) => [condition.type, condition.lastTransitionTime]));

  it('is now, in whole seconds, for a condition seen for the first time', () => {
    expect(transitions(computeConditions(observation(), undefined, NOW))).toEqual({ Available: NOW_STAMP, Progressing: NOW_STAMP, Degraded: NOW_STAMP });
    expect(transitions(computeConditions(observation(), [], NOW))).toEqual({ Available: NOW_STAMP, Progressing: NOW_STAMP, Degraded: NOW_STAMP });
  });

  it('moves when the status flips and stays while it does not', () => {
    // The stores became ready: Available and Progressing flip, Degraded stays False.
    const conditions = computeConditions(observation(), previous, NOW);
    expect(transitions(conditions)).toEqual({ Available: NOW_STAMP, Progressing: NOW_STAMP, Degraded: EARLIER });
    // The generation moves on for every condition, transition or not.
    expect(conditions.map((condition) => condition.observedGeneration)).toEqual([7, 7, 7]);
  });

  it('stays when only the reason changes (still not Available, now waiting on migrations)', () => {
    const conditions = computeConditions(observation({ migrations: { mode: 'job', ready: false, failed: false }, apps: notDeployed }), previous, NOW);
    expect(byType(conditions, 'Available')).toMatchObject({ status: 'False', reason: 'MigrationsPending', lastTransitionTime: EARLIER });
    expect(byType(conditions, 'Progressing')).toMatchObject({ status: 'True', reason: 'MigrationsRunning', lastTransitionTime: EARLIER });
  });

  it('an upgrade does not move Available: its migrations and rollout change only the reason', () => {
    const stable = computeConditions(observation(), undefined, new Date('2030-01-01T00:00:00Z'));
    const migrating = computeConditions(observation({ generation: 8, migrations: RUNNING }), stable, NOW);
    expect(byType(migrating, 'Available')).toMatchObject({ status: 'True', reason: 'PreviousVersionServing', lastTransitionTime: EARLIER, observedGeneration: 8 });
    expect(byType(migrating, 'Progressing')).toMatchObject({ status: 'True', reason: 'MigrationsRunning', lastTransitionTime: NOW_STAMP, observedGeneration: 8 });
    const rolling = computeConditions(observation({ generation: 8, apps: { chat: serving({ current: false }), balancer: serving({ updated: 1 }) } }), migrating, NOW);
    expect(byType(rolling, 'Available')).toMatchObject({ status: 'True', reason: 'AllComponentsReady', lastTransitionTime: EARLIER });
    expect(byType(rolling, 'Progressing')).toMatchObject({ status: 'True', reason: 'RollingOut' });
    const done = computeConditions(observation({ generation: 8 }), rolling, new Date('2030-01-03T00:00:00Z'));
    expect(byType(done, 'Available').lastTransitionTime).toBe(EARLIER);
    expect(byType(done, 'Progressing')).toMatchObject({ status: 'False', reason: 'Stable', lastTransitionTime: '2030-01-03T00:00:00Z' });
  });

  it('a later reconcile that sees the same state writes the same conditions, so the status does not churn', () => {
    const first = computeConditions(observation(), undefined, NOW);
    const later = computeConditions(observation(), first, new Date('2030-01-02T04:00:00Z'));
    expect(later).toEqual(first);
  });
});

describe('the reason shown by kubectl get', () => {
  const condition = (type: ConditionType, status: Condition['status'], reason: string): Condition => ({ type, status, reason, message: '', observedGeneration: 1, lastTransitionTime: EARLIER });

  it.each([
    ['Degraded wins over Available', 'SecretNotFound', [condition('Available', 'False', 'ScyllaNotReady'), condition('Progressing', 'True', 'StoresStarting'), condition('Degraded', 'True', 'SecretNotFound')]],
    ['Degraded while Available', 'PrometheusUnreachable', [condition('Available', 'True', 'AllComponentsReady'), condition('Progressing', 'False', 'Stable'), condition('Degraded', 'True', 'PrometheusUnreachable')]],
    ['Available during an upgrade: what progresses', 'MigrationsRunning', [condition('Available', 'True', 'PreviousVersionServing'), condition('Progressing', 'True', 'MigrationsRunning'), condition('Degraded', 'False', 'AsExpected')]],
    ['not Available and not Degraded: why not Available', 'MigrationsPending', [condition('Available', 'False', 'MigrationsPending'), condition('Progressing', 'True', 'MigrationsRunning'), condition('Degraded', 'False', 'AsExpected')]],
    ['Available and rolling out', 'RollingOut', [condition('Available', 'True', 'AllComponentsReady'), condition('Progressing', 'True', 'RollingOut'), condition('Degraded', 'False', 'AsExpected')]],
    ['Available and stable', 'Ready', [condition('Available', 'True', 'AllComponentsReady'), condition('Progressing', 'False', 'Stable'), condition('Degraded', 'False', 'AsExpected')]],
    ['Available unknown', 'Reconciling', [condition('Available', 'Unknown', 'Reconciling')]],
    ['no conditions yet', 'Unknown', []],
  ] as [string, string, Condition[]][])('%s → %s', (_description, reason, conditions) => {
    expect(summaryReason(conditions)).toBe(reason);
  });
});
