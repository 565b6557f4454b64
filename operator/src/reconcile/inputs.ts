// What a reconcile needs from outside the SmartchatCluster object: the Secrets it references
// (PostgreSQL URL, Kafka brokers, external store credentials, the customer token secret) and the
// secrets the operator generated earlier (RabbitMQ credentials, the session signing secret),
// reused so that re-applying never rotates them. A missing Secret or key is reported as a
// problem for the Degraded condition, not thrown.
import { randomBytes } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import type { Connections } from '../desired/config.js';
import { childMeta, childName } from '../desired/meta.js';
import { rabbitmqUrl, type RabbitmqCredentials } from '../desired/stores/rabbitmq.js';
import { redisUrl } from '../desired/stores/redis.js';
import { scyllaConnection } from '../desired/stores/scylla.js';
import { isNotFound, type KubeClients } from '../runtime/kube.js';

export interface Problem {
  reason: string;
  message: string;
}

export interface ResolvedInputs {
  connections?: Connections;
  rabbitmqCredentials?: RabbitmqCredentials;
  /** Generated Secrets to apply (with their existing values when they exist). */
  generated: (V1Secret & { apiVersion: string; kind: string })[];
  problems: Problem[];
}

export async function resolveInputs(kube: KubeClients, cluster: SmartchatCluster): Promise<ResolvedInputs> {
  const namespace = cluster.metadata.namespace;
  const problems: Problem[] = [];
  const cache = new Map<string, V1Secret | undefined>();
  const readSecret = async (name: string): Promise<V1Secret | undefined> => {
    if (!cache.has(name)) {
      try {
        cache.set(name, await kube.core.readNamespacedSecret({ name, namespace }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        cache.set(name, undefined);
      }
    }
    return cache.get(name);
  };
  const value = async (name: string, key: string, field: string): Promise<string | undefined> => {
    const secret = await readSecret(name);
    if (!secret) {
      problems.push({ reason: 'SecretNotFound', message: `Secret ${namespace}/${name} (${field}) does not exist` });
      return undefined;
    }
    const decoded = decode(secret, key);
    if (decoded === undefined || decoded === '') problems.push({ reason: 'SecretKeyMissing', message: `Secret ${namespace}/${name} (${field}) has no key "${key}"` });
    return decoded || undefined;
  };
  const credentials = async (name: string | undefined, field: string) => {
    if (!name) return undefined;
    const username = await value(name, 'username', field);
    const password = await value(name, 'password', field);
    return username && password ? { username, password } : undefined;
  };

  const spec = cluster.spec;
  const postgresUrl = await value(spec.postgres.connectionSecret.name, spec.postgres.connectionSecret.key, 'spec.postgres.connectionSecret');
  const kafkaBrokers = await value(spec.kafka.connectionSecret.name, spec.kafka.connectionSecret.key, 'spec.kafka.connectionSecret');

  const generated: ResolvedInputs['generated'] = [];
  const appSecretsName = childName.appSecrets(cluster);
  const existingApp = await readSecret(appSecretsName);
  const sessionSecret = decode(existingApp, 'session-secret') || randomSecret();
  const generatedCustomerToken = decode(existingApp, 'customer-token-secret') || randomSecret();
  generated.push(opaqueSecret(cluster, appSecretsName, { 'session-secret': sessionSecret, 'customer-token-secret': generatedCustomerToken }));
  const customerTokenSecret = spec.customerTokenSecret
    ? await value(spec.customerTokenSecret.name, spec.customerTokenSecret.key, 'spec.customerTokenSecret')
    : generatedCustomerToken;

  let rabbitmqCredentials: RabbitmqCredentials | undefined;
  let rabbitmqLogin: { username: string; password: string } | undefined;
  if (spec.rabbitmq.managed) {
    const existing = await readSecret(childName.rabbitmqCredentials(cluster));
    rabbitmqCredentials = {
      username: decode(existing, 'username') || 'smartchat',
      password: decode(existing, 'password') || randomSecret(),
      erlangCookie: decode(existing, 'erlang-cookie') || randomSecret(),
    };
    rabbitmqLogin = rabbitmqCredentials;
  } else {
    rabbitmqLogin = (await credentials(spec.rabbitmq.external?.credentialsSecret?.name, 'spec.rabbitmq.external.credentialsSecret')) ?? { username: 'guest', password: 'guest' };
  }
  const redisLogin = spec.redis.external ? await credentials(spec.redis.external.credentialsSecret?.name, 'spec.redis.external.credentialsSecret') : undefined;
  const scyllaLogin = spec.scylla.external ? await credentials(spec.scylla.external.credentialsSecret?.name, 'spec.scylla.external.credentialsSecret') : undefined;

  const result: ResolvedInputs = { generated, problems, ...(rabbitmqCredentials ? { rabbitmqCredentials } : {}) };
  if (problems.length > 0 || !postgresUrl || !kafkaBrokers || !customerTokenSecret) return result;
  const scylla = scyllaConnection(cluster);
  result.connections = {
    postgresUrl,
    kafkaBrokers,
    redisUrl: redisUrl(cluster, redisLogin),
    rabbitmqUrl: rabbitmqUrl(cluster, rabbitmqLogin),
    scylla: { ...scylla, ...(scyllaLogin ? { credentials: scyllaLogin } : {}) },
    sessionSecret,
    customerTokenSecret,
  };
  return result;
}

function decode(secret: V1Secret | undefined, key: string): string | undefined {
  const raw = secret?.data?.[key];
  return raw === undefined ? undefined : Buffer.from(raw, 'base64').toString('utf8');
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function opaqueSecret(cluster: SmartchatCluster, name: string, data: Record<string, string>): V1Secret & { apiVersion: string; kind: string } {
  return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: childMeta(cluster, 'config', name), stringData: data };
}
