// Ordered teardown, run by the finalizer when a SmartchatCluster is deleted: first the chat and
// balancer Deployments (no more traffic), then migration Jobs, monitoring and settings, then the
// stores, and last the data volumes according to spec.teardown.pvcRetention:
//   Retain (default) — PersistentVolumeClaims stay, released from the cluster's ownership, so a
//                      new SmartchatCluster of the same name finds its data again; so do the
//                      stores' generated credentials Secrets, because that data only opens with
//                      them (Scylla's and RabbitMQ's accounts live on their volumes);
//   Delete           — the claims of the stores and the attachments volume are deleted, and the
//                      credentials Secrets with them.
// The operator deletes every child itself rather than leaving it to the garbage collector, so the
// order holds and the teardown is complete even where no garbage collector runs.
import { FINALIZER, GROUP, PLURAL, VERSION, type SmartchatCluster } from '../api/types.js';
import { jsonPatch, mergePatch, type KubeClients } from '../runtime/kube.js';
import { storeCredentialSecrets } from '../desired/stores/index.js';
import { CHILD_KINDS, childSelector, clusterKey, deleteChild, listChildren } from './children.js';
import type { Logger } from '@smartchat/platform/logger';
import type { EventRecorder } from './events.js';

export async function runTeardown(deps: { kube: KubeClients; events: EventRecorder; logger: Logger }, cluster: SmartchatCluster): Promise<void> {
  const { kube, logger } = deps;
  const namespace = cluster.metadata.namespace;
  await deps.events.record(cluster, 'Normal', 'TeardownStarted', `Deleting workloads, then stores; volumes: ${cluster.spec.teardown.pvcRetention}`);
  const retain = cluster.spec.teardown.pvcRetention === 'Retain';
  const keptWithData = new Set(retain ? storeCredentialSecrets(cluster) : []);
  for (const stage of [0, 1, 2] as const) {
    for (const kind of CHILD_KINDS.filter((item) => item.teardownStage === stage)) {
      for (const item of await listChildren(kube, cluster, kind)) {
        const name = item.metadata?.name ?? '';
        if (kind.kind === 'Secret' && keptWithData.has(name)) {
          // Released like the claims below, or the garbage collector would delete it after the cluster.
          const ownerReferences = (item.metadata?.ownerReferences ?? []).filter((reference) => reference.uid !== cluster.metadata.uid);
          await kube.core.patchNamespacedSecret({ name, namespace, body: { metadata: { ownerReferences } } }, mergePatch);
          continue;
        }
        await deleteChild(kube, cluster, kind, name);
      }
    }
  }
  // Data volumes: the stores' claims come from StatefulSet templates and carry the cluster's
  // labels but no owner; the attachments claim is owned by the cluster.
  const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace, labelSelector: childSelector(cluster) });
  for (const claim of claims.items) {
    const name = claim.metadata?.name ?? '';
    if (cluster.spec.teardown.pvcRetention === 'Delete') {
      await deleteChild(kube, cluster, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, name);
    } else if (claim.metadata?.ownerReferences?.some((reference) => reference.uid === cluster.metadata.uid)) {
      const ownerReferences = claim.metadata.ownerReferences.filter((reference) => reference.uid !== cluster.metadata.uid);
      await kube.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body: { metadata: { ownerReferences } } }, mergePatch);
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
