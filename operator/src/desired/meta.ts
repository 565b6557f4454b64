// Names, labels and owner references shared by every object the operator creates for a cluster.
// Children are found again by label (informers, teardown), so these labels are the contract.
import type { V1ObjectMeta, V1OwnerReference, V1ResourceRequirements } from '@kubernetes/client-node';
import { API_VERSION, KIND, type ResourceRequirements, type SmartchatCluster } from '../api/types.js';

export const MANAGED_BY = 'smartchat-operator';
export const LABEL_CLUSTER = 'smartchat.io/cluster';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
/** Pod template annotation: a hash of the connection settings, so a change rolls the pods. */
export const ANNOTATION_CONFIG_HASH = 'smartchat.io/config-hash';
/** Pod template annotation of the pods that read the keyring (chat, mail): a hash of it, so a rotation rolls them. */
export const ANNOTATION_KEYRING_HASH = 'smartchat.io/keyring-hash';

export type ComponentName = 'chat' | 'balancer' | 'stats' | 'mail' | 'scylla' | 'scylla-auth' | 'rabbitmq' | 'redis' | 'migrations' | 'bootstrap-admin' | 'config' | 'attachments' | 'monitoring';

/** Labels every pod of the cluster carries, whatever its component. */
export function instanceLabels(cluster: SmartchatCluster): Record<string, string> {
  return { 'app.kubernetes.io/name': 'smartchat', 'app.kubernetes.io/instance': cluster.metadata.name };
}

/** Labels that select a component's pods (never change them: selectors are immutable). */
export function selectorLabels(cluster: SmartchatCluster, component: ComponentName): Record<string, string> {
  return { ...instanceLabels(cluster), [LABEL_COMPONENT]: component };
}

export function labels(cluster: SmartchatCluster, component: ComponentName): Record<string, string> {
  return {
    ...selectorLabels(cluster, component),
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'app.kubernetes.io/part-of': 'smartchat',
    [LABEL_CLUSTER]: cluster.metadata.name,
  };
}

export function ownerReference(cluster: SmartchatCluster): V1OwnerReference {
  if (!cluster.metadata.uid) throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name} has no uid`);
  return { apiVersion: API_VERSION, kind: KIND, name: cluster.metadata.name, uid: cluster.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** metadata for a child: its name, the cluster's namespace, labels and the controller owner reference. */
export function childMeta(cluster: SmartchatCluster, component: ComponentName, name: string, extra: Pick<V1ObjectMeta, 'annotations'> = {}): V1ObjectMeta & { name: string; namespace: string } {
  return { name, namespace: cluster.metadata.namespace, labels: labels(cluster, component), ownerReferences: [ownerReference(cluster)], ...extra };
}

/** Child object names: `<cluster>-<suffix>`. */
export const childName = {
  chat: (c: SmartchatCluster) => `${c.metadata.name}-chat`,
  balancer: (c: SmartchatCluster) => `${c.metadata.name}-balancer`,
  stats: (c: SmartchatCluster) => `${c.metadata.name}-stats`,
  /** The mail role's Deployment, PodDisruptionBudget and operations Service. */
  mail: (c: SmartchatCluster) => `${c.metadata.name}-mail`,
  /** The Service of the mail role's SMTP listener (its type is spec.mail.smtp.serviceType). */
  mailSmtp: (c: SmartchatCluster) => `${c.metadata.name}-mail-smtp`,
  /** The generated password of the statistics database's read-only role (smartchat_stats_reader). */
  statsReader: (c: SmartchatCluster) => `${c.metadata.name}-stats-reader`,
  /** One ConfigMap per rendered dashboard (dashboards/grafana/<file>.json). */
  dashboard: (c: SmartchatCluster, file: string) => `${c.metadata.name}-dashboard-${file.replace(/\.json$/, '')}`,
  grafanaDatasource: (c: SmartchatCluster) => `${c.metadata.name}-grafana-datasource`,
  scylla: (c: SmartchatCluster) => `${c.metadata.name}-scylla`,
  scyllaConfig: (c: SmartchatCluster) => `${c.metadata.name}-scylla-config`,
  rabbitmq: (c: SmartchatCluster) => `${c.metadata.name}-rabbitmq`,
  rabbitmqHeadless: (c: SmartchatCluster) => `${c.metadata.name}-rabbitmq-headless`,
  rabbitmqConfig: (c: SmartchatCluster) => `${c.metadata.name}-rabbitmq-config`,
  rabbitmqCredentials: (c: SmartchatCluster) => `${c.metadata.name}-rabbitmq-credentials`,
  scyllaCredentials: (c: SmartchatCluster) => `${c.metadata.name}-scylla-credentials`,
  scyllaAuth: (c: SmartchatCluster, hash: string) => `${c.metadata.name}-scylla-auth-${hash.slice(0, 10)}`,
  redis: (c: SmartchatCluster) => `${c.metadata.name}-redis`,
  redisCredentials: (c: SmartchatCluster) => `${c.metadata.name}-redis-credentials`,
  redisHeadless: (c: SmartchatCluster) => `${c.metadata.name}-redis-headless`,
  appConfig: (c: SmartchatCluster) => `${c.metadata.name}-config`,
  appConnections: (c: SmartchatCluster) => `${c.metadata.name}-connections`,
  appSecrets: (c: SmartchatCluster) => `${c.metadata.name}-app-secrets`,
  attachments: (c: SmartchatCluster) => `${c.metadata.name}-attachments`,
  migrations: (c: SmartchatCluster, hash: string) => `${c.metadata.name}-migrate-${hash.slice(0, 10)}`,
  bootstrapAdmin: (c: SmartchatCluster) => `${c.metadata.name}-bootstrap-admin`,
  /** The NetworkPolicy that fences a component's pods: named after the component's workload. */
  networkPolicy: (c: SmartchatCluster, component: 'chat' | 'balancer' | 'stats' | 'mail' | 'scylla' | 'rabbitmq' | 'redis') => `${c.metadata.name}-${component}`,
  monitoring: (c: SmartchatCluster) => `${c.metadata.name}`,
};

/** DNS name of a StatefulSet pod behind its headless Service. */
export function podDns(cluster: SmartchatCluster, statefulSet: string, service: string, ordinal: number): string {
  return `${statefulSet}-${ordinal}.${service}.${cluster.metadata.namespace}.svc`;
}

export function appImage(cluster: SmartchatCluster): string {
  return `${cluster.spec.images.app.repository}:${cluster.spec.images.app.tag ?? cluster.spec.version}`;
}

/** The spec's resources as the pod API types them (quantities as strings), or undefined when none are set. */
export function containerResources(spec: ResourceRequirements | undefined): V1ResourceRequirements | undefined {
  const strings = (list: Record<string, string | number> | undefined) => (list && Object.keys(list).length > 0 ? Object.fromEntries(Object.entries(list).map(([key, value]) => [key, String(value)])) : undefined);
  const requests = strings(spec?.requests);
  const limits = strings(spec?.limits);
  if (!requests && !limits) return undefined;
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}
