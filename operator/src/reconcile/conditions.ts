// Available / Progressing / Degraded from what the reconcile observed, as pure functions.
// A condition keeps its lastTransitionTime while its status stays the same, and every condition
// carries the generation it was computed for (observedGeneration).
// Available means customers and agents are served: once chat and balancer pods are up, an upgrade
// (its migrations Job running, failed, or waiting for settings that a missing Secret holds back)
// does not make the cluster unavailable, since the running version keeps serving until the new one
// rolls; Progressing says what happens (MigrationsRunning, RollingOut), Degraded what is wrong. So an
// alert on Available does not fire on every upgrade. Stats and mail pods count for Progressing (a
// rollout is done when theirs is) but never for Available: without them the desk still answers
// chats, and what they would have handled waits (in Kafka, in the mailboxes) until they are back.
import type { Condition, ConditionType, StoreName, StoreStatus } from '../api/types.js';
import type { Problem } from './inputs.js';

export interface AppObservation {
  /** spec.replicas of the Deployment (set by the autoscaler), 0 when it does not exist yet. */
  desired: number;
  ready: number;
  updated: number;
  /** The Deployment controller has seen the latest template (status.observedGeneration). */
  current: boolean;
  exists: boolean;
}

export interface MigrationsObservation extends StoreStatus {
  /** The Job of the current version and settings failed. */
  failed: boolean;
  /** No Job can be made: the settings could not be resolved (a missing Secret or key, a problem). */
  blocked?: boolean;
}

export interface Observation {
  generation: number;
  stores: Partial<Record<StoreName, StoreStatus>>;
  migrations: MigrationsObservation;
  /** stats only when spec.stats is enabled, mail only when spec.mail is. */
  apps: Record<'chat' | 'balancer', AppObservation> & { stats?: AppObservation; mail?: AppObservation };
  /** Problems of this reconcile (missing secrets, failed migrations, apply errors) and of the autoscaler. */
  problems: Problem[];
}

const STORE_REASON: Record<StoreName, string> = { scylla: 'ScyllaNotReady', rabbitmq: 'RabbitmqNotReady', redis: 'RedisNotReady' };

export function computeConditions(observation: Observation, previous: readonly Condition[] | undefined, now: Date): Condition[] {
  const waitingOn = notReady(observation);
  const rolling = rollingOut(observation);
  const [problem] = observation.problems;
  const { migrations } = observation;
  const next: Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>[] = [
    waitingOn
      ? { type: 'Available', status: 'False', reason: waitingOn.reason, message: waitingOn.message }
      : migrations.ready
        ? { type: 'Available', status: 'True', reason: 'AllComponentsReady', message: 'Stores are ready, migrations are applied, and chat and balancer pods are serving' }
        : { type: 'Available', status: 'True', reason: 'PreviousVersionServing', message: `The running chat and balancer pods keep serving until the desired spec rolls out (${migrations.message ?? 'its migrations have not completed'})` },
    rolling
      ? { type: 'Progressing', status: 'True', reason: rolling.reason, message: rolling.message }
      : migrations.failed
        ? { type: 'Progressing', status: 'False', reason: 'MigrationsFailed', message: migrations.message ?? 'database migrations failed' }
        : migrations.blocked
          ? { type: 'Progressing', status: 'False', reason: 'SettingsUnresolved', message: 'Nothing new rolls out until the settings can be resolved (see Degraded)' }
          : { type: 'Progressing', status: 'False', reason: 'Stable', message: 'Every component runs the desired spec' },
    problem
      ? { type: 'Degraded', status: 'True', reason: problem.reason, message: observation.problems.map((item) => item.message).join('; ') }
      : { type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'No problems found' },
  ];
  const timestamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return next.map((condition) => {
    const before = previous?.find((item) => item.type === condition.type);
    const lastTransitionTime = before && before.status === condition.status ? before.lastTransitionTime : timestamp;
    return { ...condition, observedGeneration: observation.generation, lastTransitionTime };
  });
}

/** The reason shown in `kubectl get`: why it is not Available, else why it is Degraded. */
export function summaryReason(conditions: readonly Condition[]): string {
  const find = (type: ConditionType) => conditions.find((condition) => condition.type === type);
  const degraded = find('Degraded');
  if (degraded?.status === 'True') return degraded.reason;
  const available = find('Available');
  if (available?.status !== 'True') return available?.reason ?? 'Unknown';
  const progressing = find('Progressing');
  return progressing?.status === 'True' ? progressing.reason : 'Ready';
}

function notReady(observation: Observation): Problem | undefined {
  for (const [store, status] of Object.entries(observation.stores) as [StoreName, StoreStatus][]) {
    if (!status.ready) return { reason: STORE_REASON[store], message: status.message ?? `${store} is not ready` };
  }
  // Migrations not done hold a first installation, not pods that serve already (an upgrade).
  // Customers are served by chat and balancer: the stats pods never make a cluster unavailable.
  const serving = [observation.apps.chat, observation.apps.balancer].every((app) => app.exists && app.ready >= 1);
  if (!observation.migrations.ready && !serving) return { reason: observation.migrations.failed ? 'MigrationsFailed' : 'MigrationsPending', message: observation.migrations.message ?? 'database migrations have not completed' };
  for (const component of ['chat', 'balancer'] as const) {
    const app = observation.apps[component];
    if (!app.exists) return { reason: component === 'chat' ? 'ChatNotDeployed' : 'BalancerNotDeployed', message: `the ${component} Deployment does not exist yet` };
    if (app.ready < 1) return { reason: component === 'chat' ? 'ChatNotReady' : 'BalancerNotReady', message: `no ${component} pod is ready (0/${app.desired})` };
  }
  return undefined;
}

function rollingOut(observation: Observation): Problem | undefined {
  for (const [store, status] of Object.entries(observation.stores) as [StoreName, StoreStatus][]) {
    if (!status.ready) {
      // Every pod ready but the store still not (Scylla's authentication Job): its own message says why.
      const podsReady = (status.readyReplicas ?? 0) >= (status.replicas ?? 0) && status.message !== undefined;
      return { reason: 'StoresStarting', message: `${store}: ${podsReady ? status.message : `${status.readyReplicas ?? 0}/${status.replicas ?? 0} pods ready`}` };
    }
  }
  // A failed Job is not progress: like a Deployment past its deadline, Progressing turns False; nor
  // is waiting for settings that cannot be resolved.
  if (observation.migrations.failed || observation.migrations.blocked) return undefined;
  if (!observation.migrations.ready) return { reason: 'MigrationsRunning', message: observation.migrations.message ?? 'database migrations are running' };
  for (const component of ['chat', 'balancer', 'stats', 'mail'] as const) {
    const app = observation.apps[component];
    if (!app) continue;
    if (!app.exists || !app.current || app.updated < app.desired || app.ready < app.desired) {
      return { reason: 'RollingOut', message: `${component}: ${app.ready}/${app.desired} ready, ${app.updated} updated` };
    }
  }
  return undefined;
}
