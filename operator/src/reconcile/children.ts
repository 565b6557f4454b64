// The kinds of object the operator creates for a SmartchatCluster, and how it finds and deletes
// its own: by the cluster's labels, kept only when the cluster's uid is among the owners (a
// same-named cluster created later must not adopt or delete another's children). One list serves
// the informers (watch), the reconciler (prune) and the teardown (order).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import { LABEL_CLUSTER, MANAGED_BY } from '../desired/meta.js';
import { MONITORING_API } from '../desired/monitoring.js';
import { isNotFound, type KubeClients } from '../runtime/kube.js';

export interface ChildKind {
  apiVersion: string;
  kind: string;
  plural: string;
  /** Deleted by the reconciler when no longer desired (Deployments and claims never are). */
  prunable: boolean;
  /** Teardown step: workloads first (0), then what they used (1), then the stores (2); claims follow pvcRetention. */
  teardownStage?: 0 | 1 | 2;
  /** Served only where the Prometheus Operator is installed; not watched. */
  optional?: boolean;
}

export const CHILD_KINDS: readonly ChildKind[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', prunable: false, teardownStage: 0 },
  { apiVersion: 'batch/v1', kind: 'Job', plural: 'jobs', prunable: true, teardownStage: 1 },
  { apiVersion: MONITORING_API, kind: 'ServiceMonitor', plural: 'servicemonitors', prunable: true, teardownStage: 1, optional: true },
  { apiVersion: MONITORING_API, kind: 'PrometheusRule', plural: 'prometheusrules', prunable: true, teardownStage: 1, optional: true },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', prunable: true, teardownStage: 1 },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', plural: 'statefulsets', prunable: true, teardownStage: 2 },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', prunable: true, teardownStage: 2 },
  { apiVersion: 'v1', kind: 'Service', plural: 'services', prunable: true, teardownStage: 2 },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', plural: 'rolebindings', prunable: true, teardownStage: 2 },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', plural: 'roles', prunable: true, teardownStage: 2 },
  { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', prunable: true, teardownStage: 2 },
  { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', prunable: true, teardownStage: 2 },
  // Last: a store's fence goes after the store.
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', plural: 'networkpolicies', prunable: true, teardownStage: 2 },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', prunable: false },
];

export function clusterKey(cluster: { metadata?: { namespace?: string; name?: string } }): string {
  return `${cluster.metadata?.namespace ?? ''}/${cluster.metadata?.name ?? ''}`;
}

export function childSelector(cluster: SmartchatCluster): string {
  return `${LABEL_CLUSTER}=${cluster.metadata.name},app.kubernetes.io/managed-by=${MANAGED_BY}`;
}

export function ownedBy(object: KubernetesObject, cluster: SmartchatCluster): boolean {
  return (object.metadata?.ownerReferences ?? []).some((reference) => reference.uid === cluster.metadata.uid);
}

/** The cluster's own children of one kind; none when the API (e.g. monitoring) is not served. */
export async function listChildren(kube: KubeClients, cluster: SmartchatCluster, kind: Pick<ChildKind, 'apiVersion' | 'kind'>): Promise<KubernetesObject[]> {
  try {
    const list = await kube.objects.list(kind.apiVersion, kind.kind, cluster.metadata.namespace, undefined, undefined, undefined, undefined, childSelector(cluster));
    return list.items.filter((item) => ownedBy(item, cluster));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** Deletes a child in the background (its dependents go with the garbage collector); gone already is fine. */
export async function deleteChild(kube: KubeClients, cluster: SmartchatCluster, kind: Pick<ChildKind, 'apiVersion' | 'kind'>, name: string): Promise<void> {
  try {
    await kube.objects.delete({ apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name, namespace: cluster.metadata.namespace } }, undefined, undefined, undefined, undefined, 'Background');
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
