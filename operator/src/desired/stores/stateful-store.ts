// What the managed stores' StatefulSets have in common: reading resource quantities, the data
// volume claim, spreading pods across nodes, the disruption budget and container hardening.
import type { V1Affinity, V1Container, V1EnvVar, V1LocalObjectReference, V1PersistentVolumeClaim, V1PodDisruptionBudget, V1PodSecurityContext, V1StatefulSetPersistentVolumeClaimRetentionPolicy } from '@kubernetes/client-node';
import type { ExternalStoreSpec, Quantity, SmartchatCluster, StorageSpec, StoreName, StoreSpec } from '../../api/types.js';
import { hashOf } from '../config.js';
import { type ComponentName, childMeta, labels, selectorLabels } from '../meta.js';

export const MiB = 1024 * 1024;

/** The ConfigMap hash that goes on a pod template (16 hex characters of sha256), so a config change rolls the pods. */
export function configHash(data: Record<string, string>): string {
  return hashOf(data).slice(0, 16);
}

/** Exactly one of managed or external is set (the CRD enforces it); this says which, or fails loudly. */
export function storeMode<M>(cluster: SmartchatCluster, store: StoreName, spec: StoreSpec<M>): { managed: M } | { external: ExternalStoreSpec } {
  if (spec.managed && !spec.external) return { managed: spec.managed };
  if (spec.external && !spec.managed) return { external: spec.external };
  throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name}: spec.${store} must set exactly one of managed or external`);
}

const BINARY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
// Sub-unit suffixes divide, so that "3000m" is exactly 3.
const DECIMAL_SUFFIX: Record<string, [multiply: number, divide: number]> = {
  n: [1, 1e9],
  u: [1, 1e6],
  m: [1, 1e3],
  k: [1e3, 1],
  M: [1e6, 1],
  G: [1e9, 1],
  T: [1e12, 1],
  P: [1e15, 1],
  E: [1e18, 1],
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([KMGTPE]i)|([numkMGTPE])|[eE]([+-]?\d+))?$/;

/** The value of a Kubernetes quantity ("2", "500m", "4Gi", "1e9"), or undefined when absent or unreadable. */
export function quantityValue(quantity: Quantity | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const [, number, binary, decimal, exponent] = match;
  const value = Number(number);
  if (binary) return value * BINARY_SUFFIX[binary]!;
  if (decimal) {
    const [multiply, divide] = DECIMAL_SUFFIX[decimal]!;
    return (value * multiply) / divide;
  }
  if (exponent) return value * 10 ** Number(exponent);
  return value;
}

/** The `data` volume claim template. storageClassName is only written when set: unset means the cluster's default class. */
export function dataVolumeClaim(cluster: SmartchatCluster, component: ComponentName, storage: StorageSpec): V1PersistentVolumeClaim {
  return {
    // Template labels are copied to the claims, so teardown finds them by label.
    metadata: { name: 'data', labels: labels(cluster, component) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: storage.size } },
      ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
    },
  };
}

/** Deleting the StatefulSet deletes its claims only when the cluster asks for it; scaling down never does. */
export function claimRetention(cluster: SmartchatCluster): V1StatefulSetPersistentVolumeClaimRetentionPolicy {
  return { whenDeleted: cluster.spec.teardown.pvcRetention, whenScaled: 'Retain' };
}

/** Prefer one pod per node, so a node failure takes out at most one member. */
export function spreadAcrossNodes(cluster: SmartchatCluster, component: ComponentName): V1Affinity {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selectorLabels(cluster, component) } } }],
    },
  };
}

/** Voluntary disruptions (node drains, upgrades) take down at most one member at a time. */
export function oneAtATime(cluster: SmartchatCluster, component: ComponentName, name: string): V1PodDisruptionBudget & { apiVersion: string; kind: string } {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: childMeta(cluster, component, name),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(cluster, component) } },
  };
}

export function imagePullSecrets(cluster: SmartchatCluster): { imagePullSecrets?: V1LocalObjectReference[] } {
  const names = cluster.spec.images.pullSecrets ?? [];
  return names.length > 0 ? { imagePullSecrets: names.map((name) => ({ name })) } : {};
}

/** An environment variable read from the pod itself (downward API). */
export function podField(name: string, fieldPath: 'metadata.name' | 'metadata.namespace' | 'status.podIP'): V1EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** An environment variable read from one key of a Secret, so the manifest never holds the value itself. */
export function secretKeyEnv(name: string, secret: string, key: string): V1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** The container hardening every store gets: no privilege escalation; non-root stores also drop every capability. */
export function containerSecurity(options: { runsAsRoot: boolean; readOnlyRootFilesystem?: boolean }): V1Container['securityContext'] {
  if (options.runsAsRoot) return { allowPrivilegeEscalation: false };
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...(options.readOnlyRootFilesystem ? { readOnlyRootFilesystem: true } : {}) };
}

/** Pod-level security for images whose server runs as a fixed non-root uid (rabbitmq and redis: 999). */
export function nonRootPod(uid: number): V1PodSecurityContext {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' } };
}
