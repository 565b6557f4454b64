// Reconcile step: the managed Scylla's authentication Job (desired/stores/scylla-auth.ts). It is
// created once the Scylla StatefulSet is ready (the superuser exists only once a member runs), and
// a new one whenever the credentials change. Scylla counts as ready only once the Job for the
// current credentials has succeeded, so the migrations wait for it; the app's Deployments wait for
// it too, so that a changed password is set in Scylla before the pods that use it roll.
import type { StoreStatus } from '../api/types.js';
import type { SmartchatCluster } from '../api/types.js';
import { scyllaAuthJob, type ScyllaCredentials } from '../desired/stores/index.js';
import { firstReport, jobOutcome, readJob, type ReconcileStep } from './jobs.js';

export interface ScyllaAuthResult {
  /** The Job to keep (it is desired), when Scylla is managed. */
  job?: ReturnType<typeof scyllaAuthJob>;
  /** The Job for the current credentials has succeeded (always true for an external Scylla). */
  ready: boolean;
  /** Scylla's status with the Job taken into account. */
  scylla?: StoreStatus;
}

export async function runScyllaAuth(step: ReconcileStep, cluster: SmartchatCluster, scylla: StoreStatus | undefined, credentials: ScyllaCredentials | undefined): Promise<ScyllaAuthResult> {
  const spec = cluster.spec.scylla.managed;
  if (!spec || !credentials || !scylla) return { ready: true, ...(scylla ? { scylla } : {}) };
  const job = scyllaAuthJob(cluster, spec, credentials);
  const name = job.metadata.name;
  const current = await readJob(step.kube, cluster, name);
  const status = (ready: boolean, message: string): ScyllaAuthResult => ({ job, ready, scylla: { ...scylla, ready: scylla.ready && ready, message: scylla.ready ? message : scylla.message ?? message } });
  if (!current) {
    if (!scylla.ready) return status(false, 'waiting for the Scylla members before setting up authentication');
    await step.apply([job]);
    await step.events.record(cluster, 'Normal', 'ScyllaAuthStarted', `Started Job ${name}: the app's Scylla role and its permissions`);
    return status(false, `Job ${name} is setting up authentication`);
  }
  const outcome = jobOutcome(current);
  if (outcome === 'succeeded') return status(true, 'ready');
  if (outcome === 'failed') {
    const message = `Scylla authentication Job ${name} failed; migrations, chat and balancer wait for it (kubectl logs job/${name})`;
    step.problems.push({ reason: 'ScyllaAuthFailed', message });
    if (await firstReport(step.kube, cluster, current, outcome)) await step.events.record(cluster, 'Warning', 'ScyllaAuthFailed', message);
    return status(false, message);
  }
  return status(false, `Job ${name} is setting up authentication`);
}
