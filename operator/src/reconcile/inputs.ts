// What a reconcile needs from outside the SmartchatCluster object: the Secrets it references
// (PostgreSQL URL, Kafka brokers, external store credentials, the customer token secret, the
// keyring, which is only checked and hashed (pods read it by reference), and the image pull
// Secrets, which are only checked to exist; references.ts lists them all) and the
// secrets the operator generated earlier (the managed stores' credentials, the session signing
// secret, the statistics reader's password), read back from their Secrets and reused, so that re-applying never rotates them: a value
// is generated only when its Secret or key does not exist yet. Values are never logged, and never
// leave the Secrets they belong in. A missing Secret or key is reported as a problem for the
// Degraded condition, not thrown.
import { createHash, randomBytes } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { enabledMail, type SmartchatCluster } from '../api/types.js';
import { defaultStatsUrl, type Connections } from '../desired/config.js';
import { STATS_READER_KEYS, STATS_READER_ROLE } from '../desired/migrations.js';
import { childMeta, childName } from '../desired/meta.js';
import type { StoreCredentials } from '../desired/stores/index.js';
import { RABBITMQ_SECRET_KEYS, rabbitmqUrl } from '../desired/stores/rabbitmq.js';
import { REDIS_SECRET_KEYS, redisUrl } from '../desired/stores/redis.js';
import { SCYLLA_SECRET_KEYS, scyllaConnection, scyllaSaltedPassword, type ScyllaCredentials } from '../desired/stores/scylla.js';
import { isNotFound, type KubeClients } from '../runtime/kube.js';
import { keyringProblem } from './keyring.js';

/** The generated role names; the Secret may name others (a CQL role name the shell and cqlsh take as is). */
const SCYLLA_ROLE = /^[a-z][a-z0-9_]{0,47}$/;

export interface Problem {
  reason: string;
  message: string;
}

export interface ResolvedInputs {
  connections?: Connections;
  /** The managed stores' credentials (generated once, then read back). */
  storeCredentials: StoreCredentials;
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

  // The keyring: chat and mail pods read it through a secretKeyRef; here it is only checked, and
  // hashed for their pod templates (a rotation rolls them).
  let keyringHash: string | undefined;
  if (spec.keyringSecret) {
    const { name, key } = spec.keyringSecret;
    const keyring = await value(name, key, 'spec.keyringSecret');
    const problem = keyring === undefined ? undefined : keyringProblem(keyring);
    if (problem) problems.push({ reason: 'SecretKeyInvalid', message: `Secret ${namespace}/${name} (spec.keyringSecret) key "${key}" is not a keyring: ${problem}` });
    else if (keyring) keyringHash = createHash('sha256').update(keyring).digest('hex');
  } else if (enabledMail(cluster)) {
    // The CRD refuses this; a resource stored before that rule existed may still say it.
    problems.push({ reason: 'KeyringSecretMissing', message: 'spec.mail is enabled without spec.keyringSecret: mail pods open mailbox passwords with that keyring' });
  }

  // The statistics database: its own Secret when named, else beside the main database; the
  // reader's password is generated once and kept (Grafana's data source logs in with it).
  let stats: Connections['stats'];
  if (spec.stats.enabled) {
    const readerName = childName.statsReader(cluster);
    const readerPassword = decode(await readSecret(readerName), STATS_READER_KEYS.password) || randomSecret();
    generated.push(opaqueSecret(cluster, readerName, { [STATS_READER_KEYS.username]: STATS_READER_ROLE, [STATS_READER_KEYS.password]: readerPassword }));
    const named = spec.stats.database?.connectionSecret;
    let url = named ? await value(named.name, named.key, 'spec.stats.database.connectionSecret') : undefined;
    if (!named && postgresUrl) {
      try {
        url = defaultStatsUrl(postgresUrl);
      } catch {
        problems.push({ reason: 'SecretKeyInvalid', message: `Secret ${namespace}/${spec.postgres.connectionSecret.name} (spec.postgres.connectionSecret) key "${spec.postgres.connectionSecret.key}" is not a URL, so the statistics database beside it cannot be named` });
      }
    }
    if (url) stats = { url, readerPassword };
  }

  const storeCredentials: StoreCredentials = {};
  let rabbitmqLogin: { username: string; password: string } | undefined;
  if (spec.rabbitmq.managed) {
    const existing = await readSecret(childName.rabbitmqCredentials(cluster));
    const keys = RABBITMQ_SECRET_KEYS;
    storeCredentials.rabbitmq = {
      username: decode(existing, keys.username) || 'smartchat',
      password: decode(existing, keys.password) || randomSecret(),
      erlangCookie: decode(existing, keys.erlangCookie) || randomSecret(),
    };
    rabbitmqLogin = storeCredentials.rabbitmq;
  } else {
    rabbitmqLogin = (await credentials(spec.rabbitmq.external?.credentialsSecret?.name, 'spec.rabbitmq.external.credentialsSecret')) ?? { username: 'guest', password: 'guest' };
  }

  let redisLogin: { username: string; password: string } | undefined;
  if (spec.redis.managed) {
    const existing = await readSecret(childName.redisCredentials(cluster));
    storeCredentials.redis = { password: decode(existing, REDIS_SECRET_KEYS.password) || randomSecret() };
    // requirepass protects Redis's default user, which takes the password alone.
    redisLogin = { username: '', password: storeCredentials.redis.password };
  } else {
    redisLogin = await credentials(spec.redis.external?.credentialsSecret?.name, 'spec.redis.external.credentialsSecret');
  }

  let scyllaLogin: { username: string; password: string } | undefined;
  if (spec.scylla.managed) {
    const name = childName.scyllaCredentials(cluster);
    storeCredentials.scylla = scyllaCredentials(await readSecret(name));
    const roles = [[SCYLLA_SECRET_KEYS.username, storeCredentials.scylla.username], [SCYLLA_SECRET_KEYS.superuserName, storeCredentials.scylla.superuserName]] as const;
    for (const [key, role] of roles) {
      if (!SCYLLA_ROLE.test(role)) problems.push({ reason: 'SecretKeyInvalid', message: `Secret ${namespace}/${name} key "${key}" must be a lowercase CQL role name (a-z, 0-9, _)` });
    }
    scyllaLogin = { username: storeCredentials.scylla.username, password: storeCredentials.scylla.password };
  } else {
    scyllaLogin = await credentials(spec.scylla.external?.credentialsSecret?.name, 'spec.scylla.external.credentialsSecret');
  }

  // Image pull Secrets are the kubelet's to read; a missing one is reported but holds nothing back
  // (a public image needs none).
  const blocked = problems.length > 0 || !postgresUrl || !kafkaBrokers || !customerTokenSecret || (spec.stats.enabled && !stats);
  for (const [index, name] of (spec.images.pullSecrets ?? []).entries()) {
    if (!(await readSecret(name))) problems.push({ reason: 'SecretNotFound', message: `Secret ${namespace}/${name} (spec.images.pullSecrets[${index}]) does not exist` });
  }
  const result: ResolvedInputs = { generated, problems, storeCredentials };
  if (blocked) return result;
  const scylla = scyllaConnection(cluster);
  result.connections = {
    postgresUrl,
    kafkaBrokers,
    redisUrl: redisUrl(cluster, redisLogin),
    rabbitmqUrl: rabbitmqUrl(cluster, rabbitmqLogin),
    scylla: { ...scylla, ...(scyllaLogin ? { credentials: scyllaLogin } : {}) },
    sessionSecret,
    customerTokenSecret,
    ...(stats ? { stats } : {}),
    ...(keyringHash ? { keyringHash } : {}),
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

/**
 * The managed Scylla's credentials: what its Secret holds, each missing value generated. The salted
 * superuser password is derived from the superuser password only when the Secret has none (see
 * ScyllaCredentials for why it is stored with "$" escaped).
 */
function scyllaCredentials(existing: V1Secret | undefined): ScyllaCredentials {
  const keys = SCYLLA_SECRET_KEYS;
  const superuserPassword = decode(existing, keys.superuserPassword) || randomSecret();
  return {
    username: decode(existing, keys.username) || 'smartchat',
    password: decode(existing, keys.password) || randomSecret(),
    superuserName: decode(existing, keys.superuserName) || 'smartchat_admin',
    superuserPassword,
    superuserSaltedPassword: decode(existing, keys.superuserSaltedPassword) || scyllaSaltedPassword(superuserPassword),
  };
}

function opaqueSecret(cluster: SmartchatCluster, name: string, data: Record<string, string>): V1Secret & { apiVersion: string; kind: string } {
  return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: childMeta(cluster, 'config', name), stringData: data };
}
