// The data stores of a SmartchatCluster: the objects of the managed ones, and the StatefulSets whose
// readiness says whether they are up. External stores contribute no objects.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SmartchatCluster, StoreName } from '../../api/types.js';
import { childName } from '../meta.js';
import { type RabbitmqCredentials, rabbitmqObjects } from './rabbitmq.js';
import { type RedisCredentials, redisObjects } from './redis.js';
import { type ScyllaCredentials, scyllaObjects } from './scylla.js';

export { SCYLLA_SECRET_KEYS, type ScyllaConnection, type ScyllaCredentials, scyllaConnection, scyllaObjects, scyllaSaltedPassword } from './scylla.js';
export { scyllaAuthJob } from './scylla-auth.js';
export { RABBITMQ_SECRET_KEYS, type RabbitmqCredentials, rabbitmqObjects, rabbitmqUrl } from './rabbitmq.js';
export { REDIS_SECRET_KEYS, type RedisCredentials, redisObjects, redisUrl } from './redis.js';

export interface StoreWorkload {
  store: StoreName;
  kind: 'StatefulSet';
  name: string;
  replicas: number;
}

/** The generated credentials of each managed store, read back from their Secrets on every reconcile. */
export interface StoreCredentials {
  scylla?: ScyllaCredentials;
  rabbitmq?: RabbitmqCredentials;
  redis?: RedisCredentials;
}

/**
 * Every store object to apply, in an order that creates what a pod needs (Secret, ServiceAccount,
 * ConfigMap) before the StatefulSet that runs it. A managed store needs its credentials.
 */
export function storeObjects(cluster: SmartchatCluster, inputs: StoreCredentials): KubernetesObject[] {
  const needed = <T>(store: string, credentials: T | undefined): T => {
    if (!credentials) throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name}: a managed ${store} needs its credentials`);
    return credentials;
  };
  const { scylla, rabbitmq, redis } = cluster.spec;
  return [
    ...(scylla.managed ? scyllaObjects(cluster, needed('ScyllaDB', inputs.scylla)) : []),
    ...(rabbitmq.managed ? rabbitmqObjects(cluster, needed('RabbitMQ', inputs.rabbitmq)) : []),
    ...(redis.managed ? redisObjects(cluster, needed('Redis', inputs.redis)) : []),
  ];
}

/**
 * The Secrets of generated store credentials. They live as long as the cluster, whatever a store's
 * mode (the data on a store's volumes still needs them), and outlive it with its volumes when
 * spec.teardown.pvcRetention is Retain (reconcile/teardown.ts).
 */
export function storeCredentialSecrets(cluster: SmartchatCluster): string[] {
  return [childName.scyllaCredentials(cluster), childName.rabbitmqCredentials(cluster), childName.redisCredentials(cluster)];
}

/** The managed stores' StatefulSets, with the replicas they should have ready. */
export function storeWorkloads(cluster: SmartchatCluster): StoreWorkload[] {
  const { scylla, rabbitmq, redis } = cluster.spec;
  return [
    ...(scylla.managed ? [{ store: 'scylla' as const, kind: 'StatefulSet' as const, name: childName.scylla(cluster), replicas: scylla.managed.members }] : []),
    ...(rabbitmq.managed ? [{ store: 'rabbitmq' as const, kind: 'StatefulSet' as const, name: childName.rabbitmq(cluster), replicas: rabbitmq.managed.replicas }] : []),
    ...(redis.managed ? [{ store: 'redis' as const, kind: 'StatefulSet' as const, name: childName.redis(cluster), replicas: redis.managed.replicas }] : []),
  ];
}
