// Reconcile step: the first super-admin of a fresh installation (spec.bootstrapAdmin,
// desired/bootstrap-admin.ts). The Job is created once the migrations of the current version have
// succeeded and the referenced Secret has the keys email and password; it then stays as the record
// that the step ran (deleting it runs it again, which changes nothing once a super-admin exists).
// Once it has succeeded the Secret is no longer read, so it may be deleted. A missing Secret or key
// is Degraded (SecretNotFound, SecretKeyMissing) and holds only this Job, not the installation; a
// failed Job is Degraded (BootstrapAdminFailed) with a Warning Event. Only key names and object
// names reach the status and the Events, never a value.
import type { StoreStatus } from '../api/types.js';
import type { SmartchatCluster } from '../api/types.js';
import { BOOTSTRAP_ADMIN_KEYS, bootstrapAdminJob } from '../desired/bootstrap-admin.js';
import { isNotFound } from '../runtime/kube.js';
import { firstReport, jobOutcome, readJob, type ReconcileStep } from './jobs.js';

export interface BootstrapAdminResult {
  /** The Job to keep (it is desired) while spec.bootstrapAdmin is set. */
  job: ReturnType<typeof bootstrapAdminJob>;
  status: StoreStatus;
}

export async function runBootstrapAdmin(step: ReconcileStep, cluster: SmartchatCluster, migrated: boolean): Promise<BootstrapAdminResult | undefined> {
  const secretName = cluster.spec.bootstrapAdmin?.secretRef.name;
  if (!secretName) return undefined;
  const job = bootstrapAdminJob(cluster, secretName);
  const name = job.metadata.name;
  const result = (ready: boolean, message: string): BootstrapAdminResult => ({ job, status: { mode: 'job', ready, message } });
  const current = await readJob(step.kube, cluster, name);
  if (current) {
    const outcome = jobOutcome(current);
    if (outcome === 'succeeded') {
      const message = `Job ${name} succeeded: the first super-admin can log in (and must change the password)`;
      if (await firstReport(step.kube, cluster, current, outcome)) await step.events.record(cluster, 'Normal', 'BootstrapAdminSucceeded', message);
      return result(true, message);
    }
    if (outcome === 'failed') {
      const message = `bootstrap-admin Job ${name} failed (kubectl logs job/${name}); fix the Secret ${secretName} if need be, then delete the Job to run it again`;
      step.problems.push({ reason: 'BootstrapAdminFailed', message });
      if (await firstReport(step.kube, cluster, current, outcome)) await step.events.record(cluster, 'Warning', 'BootstrapAdminFailed', message);
      return result(false, message);
    }
    return result(false, `Job ${name} is creating the first super-admin`);
  }
  if (!migrated) return result(false, 'waiting for the migrations of this version');
  if (!(await secretUsable(step, cluster, secretName))) return result(false, `waiting for the Secret ${secretName}`);
  await step.apply([job]);
  await step.events.record(cluster, 'Normal', 'BootstrapAdminStarted', `Started Job ${name}: creates the first super-admin from the Secret ${secretName} unless one exists`);
  return result(false, `Job ${name} is creating the first super-admin`);
}

/** The Secret exists and has the required keys (their values are not looked at). */
async function secretUsable(step: ReconcileStep, cluster: SmartchatCluster, secretName: string): Promise<boolean> {
  const namespace = cluster.metadata.namespace;
  const field = 'spec.bootstrapAdmin.secretRef';
  let data: Record<string, string> | undefined;
  try {
    data = (await step.kube.core.readNamespacedSecret({ name: secretName, namespace })).data ?? {};
  } catch (error) {
    if (!isNotFound(error)) throw error;
    step.problems.push({ reason: 'SecretNotFound', message: `Secret ${namespace}/${secretName} (${field}) does not exist` });
    return false;
  }
  const missing = [BOOTSTRAP_ADMIN_KEYS.email, BOOTSTRAP_ADMIN_KEYS.password].filter((key) => !data[key]);
  for (const key of missing) step.problems.push({ reason: 'SecretKeyMissing', message: `Secret ${namespace}/${secretName} (${field}) has no key "${key}"` });
  return missing.length === 0;
}
