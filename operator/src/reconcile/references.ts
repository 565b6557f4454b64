// Everything a reconcile of a SmartchatCluster reads besides the cluster and its own children: the
// Secrets its spec names, and the Secrets of generated values that inputs.ts reads back (they must
// be noticed even when recreated by hand, without the operator's labels). The controller indexes
// clusters by these names, so that a Secret that appears, changes or goes reconciles at once every
// cluster that reads it. No spec field names a ConfigMap; one that did would be listed here too.
import { STORE_NAMES, type SmartchatCluster } from '../api/types.js';
import { childName } from '../desired/meta.js';
import { storeCredentialSecrets } from '../desired/stores/index.js';

export type ReferencedKind = 'Secret';

export interface Reference {
  kind: ReferencedKind;
  name: string;
  /** The spec field that names it, or "generated" for the operator's own Secrets it reads back. */
  field: string;
}

export function referencedObjects(cluster: SmartchatCluster): Reference[] {
  const { spec } = cluster;
  const secret = (name: string | undefined, field: string): Reference[] => (name ? [{ kind: 'Secret', name, field }] : []);
  return [
    ...secret(spec.postgres.connectionSecret.name, 'spec.postgres.connectionSecret'),
    ...secret(spec.kafka.connectionSecret.name, 'spec.kafka.connectionSecret'),
    ...secret(spec.customerTokenSecret?.name, 'spec.customerTokenSecret'),
    ...secret(spec.keyringSecret?.name, 'spec.keyringSecret'),
    ...secret(spec.stats.database?.connectionSecret.name, 'spec.stats.database.connectionSecret'),
    ...STORE_NAMES.flatMap((store) => secret(spec[store].external?.credentialsSecret?.name, `spec.${store}.external.credentialsSecret`)),
    ...secret(spec.bootstrapAdmin?.secretRef.name, 'spec.bootstrapAdmin.secretRef'),
    ...(spec.images.pullSecrets ?? []).flatMap((name, index) => secret(name, `spec.images.pullSecrets[${index}]`)),
    ...[childName.appSecrets(cluster), ...(spec.stats.enabled ? [childName.statsReader(cluster)] : []), ...storeCredentialSecrets(cluster)].flatMap((name) => secret(name, 'generated')),
  ];
}
