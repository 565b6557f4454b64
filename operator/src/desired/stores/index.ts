// The data stores of a SmartchatCluster: the objects of the managed ones, and the StatefulSets whose
// readiness says whether they are up. External stores contribute no objects.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { SmartchatCluster, StoreName } from '../../api/types.js';
import { childName } from '../meta.js';
import { type RabbitmqCredentials, rabbitmqObjects } from './rabbitmq.js';
import { redisObjects } from './redis.js';
import { scyllaObjects } from './scylla.js';

export { type ScyllaConnection, scyllaConnection, scyllaObjects } from './scylla.js';
export { RABBITMQ_SECRET_KEYS, type RabbitmqCredentials, rabbitmqObjects, rabbitmqUrl } from './rabbitmq.js';
export { redisObjects, redisUrl } from './redis.js';

export interface StoreWorkload {
  store: StoreName;
  kind: 'StatefulSet';
  name: string;
  replicas: number;
}

/**
 * Every store object to apply, in an order that creates what a pod needs (Secret, ServiceAccount,
 * ConfigMap) before the StatefulSet that runs it. A managed RabbitMQ needs its credentials.
 */
export function storeObjects(cluster: SmartchatCluster, inputs: { rabbitmq?: RabbitmqCredentials }): KubernetesObject[] {
  let rabbitmq: KubernetesObject[] = [];
  if (cluster.spec.rabbitmq.managed) {
    if (!inputs.rabbitmq) throw new Error(`SmartchatCluster ${cluster.metadata.namespace}/${cluster.metadata.name}: a managed RabbitMQ needs its credentials`);
    rabbitmq = rabbitmqObjects(cluster, inputs.rabbitmq);
  }
  return [...scyllaObjects(cluster), ...rabbitmq, ...redisObjects(cluster)];
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
