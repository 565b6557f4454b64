// What the reconcile steps that run a Job share (migrations, Scylla authentication, the first
// super-admin): reading the Job, telling its outcome from its conditions, and noting on the Job
// itself that an outcome has been announced, so that an Event is recorded once and not on every
// reconcile (the note survives an operator restart, a memory would not).
import type { KubernetesObject, V1Job } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform/logger';
import type { SmartchatCluster } from '../api/types.js';
import { isNotFound, mergePatch, type KubeClients } from '../runtime/kube.js';
import type { EventRecorder } from './events.js';
import type { Problem } from './inputs.js';

/** What a reconcile step may use: the clients, Events, the log, and the reconcile's apply and problem list. */
export interface ReconcileStep {
  kube: KubeClients;
  events: EventRecorder;
  logger: Logger;
  /** Server-side apply with the operator's field manager; a failure becomes an ApplyFailed problem. */
  apply: (objects: KubernetesObject[]) => Promise<void>;
  problems: Problem[];
}

export type JobOutcome = 'running' | 'succeeded' | 'failed';

export const ANNOTATION_REPORTED = 'smartchat.io/reported';

export async function readJob(kube: KubeClients, cluster: SmartchatCluster, name: string): Promise<V1Job | undefined> {
  try {
    return await kube.batch.readNamespacedJob({ name, namespace: cluster.metadata.namespace });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function jobOutcome(job: V1Job): JobOutcome {
  const condition = (type: string) => job.status?.conditions?.some((item) => item.type === type && item.status === 'True');
  if (condition('Complete') || (job.status?.succeeded ?? 0) >= 1) return 'succeeded';
  if (condition('Failed')) return 'failed';
  return 'running';
}

/** Notes on the Job that `outcome` was announced; true when it had not been yet (announce it now). */
export async function firstReport(kube: KubeClients, cluster: SmartchatCluster, job: V1Job, outcome: JobOutcome): Promise<boolean> {
  const value = outcome === 'succeeded' ? 'true' : outcome;
  if (job.metadata?.annotations?.[ANNOTATION_REPORTED] === value) return false;
  await kube.batch.patchNamespacedJob({ name: job.metadata!.name!, namespace: cluster.metadata.namespace, body: { metadata: { annotations: { [ANNOTATION_REPORTED]: value } } } }, mergePatch);
  return true;
}
