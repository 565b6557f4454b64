// Ordered teardown, run by the finalizer when a SmartchatCluster is deleted: first the chat and
// balancer Deployments (no more traffic), then migration Jobs, monitoring and settings, then the
// stores, and last the data volumes according to spec.teardown.pvcRetention:
//   Retain (default) — PersistentVolumeClaims stay, released from the cluster's ownership, so a
//                      new SmartchatCluster of the same name finds its data again;
//   Delete           — the claims of the stores and the attachments volume are deleted.
// The operator deletes every child itself rather than leaving it to the garbage collector, so the
// order holds and the teardown is complete even where no garbage collector runs.
import type { KubernetesObject } from '@kubernetes/client-node';
import { FINALIZER, GROUP, PLURAL, VERSION, type SmartchatCluster } from '../api/types.js';
import { MONITORING_API } from '../desired/monitoring.js';
import { isNotFound, jsonPatch, mergePatch } from '../runtime/kube.js';
import { childSelector, clusterKey, ownedBy, type ReconcilerDependencies } from './reconciler.js';

const STAGES: { apiVersion: string; kind: string }[][] = [
  [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
  [
    { apiVersion: 'batch/v1', kind: 'Job' },
    { apiVersion: MONITORING_API, kind: 'ServiceMonitor' },
    { apiVersion: MONITORING_API, kind: 'PrometheusRule' },
    { apiVersion: 'v1', kind: 'ConfigMap' },
  ],
  [
    { apiVersion: 'apps/v1', kind: 'StatefulSet' },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
    { apiVersion: 'v1', kind: 'Service' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
    { apiVersion: 'v1', kind: 'ServiceAccount' },
    { apiVersion: 'v1', kind: 'Secret' },
  ],
];

export async function runTeardown(deps: ReconcilerDependencies, cluster: SmartchatCluster): Promise<void> {
  const { kube, logger } = deps;
  const namespace = cluster.metadata.namespace;
  await deps.events.record(cluster, 'Normal', 'TeardownStarted', `Deleting workloads, then stores; volumes: ${cluster.spec.teardown.pvcRetention}`);
  for (const stage of STAGES) {
    for (const { apiVersion, kind } of stage) {
      let items: KubernetesObject[];
      try {
        items = (await kube.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, childSelector(cluster))).items;
      } catch (error) {
        if (isNotFound(error)) continue; // the API (e.g. monitoring.coreos.com) is not served here
        throw error;
      }
      for (const item of items.filter((object) => ownedBy(object, cluster))) {
        await deleteQuietly(() => kube.objects.delete({ apiVersion, kind, metadata: { name: item.metadata?.name, namespace } }, undefined, undefined, undefined, undefined, 'Background'));
      }
    }
  }
  // Data volumes: the stores' claims come from StatefulSet templates and carry the cluster's
  // labels but no owner; the attachments claim is owned by the cluster.
  const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: childSelector(cluster) });
  for (const claim of claims.items) {
    const name = claim.metadata?.name ?? '';
    if (cluster.spec.teardown.pvcRetention === 'Delete') {
      await deleteQuietly(() => kube.core.deleteNamespacedPersistentVolumeClaim({ name, namespace }));
    } else if (claim.metadata?.ownerReferences?.some((reference) => reference.uid === cluster.metadata.uid)) {
      const ownerReferences = claim.metadata.ownerReferences.filter((reference) => reference.uid !== cluster.metadata.uid);
      await deleteQuietly(() => kube.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body: { metadata: { ownerReferences } } }, mergePatch));
    }
  }
  const finalizers = cluster.metadata.finalizers ?? [];
  const index = finalizers.indexOf(FINALIZER);
  if (index >= 0) {
    await kube.custom.patchNamespacedCustomObject(
      { group: GROUP, version: VERSION, namespace, plural: PLURAL, name: cluster.metadata.name, body: [{ op: 'test', path: `/metadata/finalizers/${index}`, value: FINALIZER }, { op: 'remove', path: `/metadata/finalizers/${index}` }] },
      jsonPatch,
    );
  }
  logger.info({ cluster: clusterKey(cluster), pvcRetention: cluster.spec.teardown.pvcRetention, claims: claims.items.length }, 'teardown complete; finalizer removed');
}

async function deleteQuietly(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
