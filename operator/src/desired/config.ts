// The connection settings of chat, balancer, stats, mail and migration pods: plain settings in a
// ConfigMap, URLs with credentials and signing secrets in a Secret, and one hash of both that goes
// on the pod templates, so that any change rolls the pods.
import { createHash } from 'node:crypto';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import { childMeta, childName } from './meta.js';

/** Chat's public API (REST, socket.io, console, widget): SMARTCHAT_HTTP_PORT. */
export const APP_HTTP_PORT = 8080;
/** Chat's operations server (/healthz, /readyz, /metrics), never on the public port: SMARTCHAT_OPS_PORT. */
export const APP_OPS_PORT = 8081;
/** The balancer's only HTTP server is its operations server, on SMARTCHAT_HTTP_PORT. */
export const BALANCER_HTTP_PORT = 8081;
/** The mail role's SMTP listener for relayed mail (SMARTCHAT_MAIL_SMTP_PORT); its Service maps spec.mail.smtp.port to it. */
export const MAIL_SMTP_PORT = 2525;
/** The CQL keyspace of every cluster (the Scylla role of the app is granted it). */
export const CQL_KEYSPACE = 'smartchat';
export const BLOB_DIR = '/var/lib/smartchat/blobs';

/** Everything the operator resolved before it can write the settings (secrets read, URLs built). */
export interface Connections {
  postgresUrl: string;
  /** The statistics database (SMARTCHAT_STATS_PG_URL) and its read-only role's password; absent when stats are off. */
  stats?: { url: string; readerPassword: string };
  kafkaBrokers: string;
  redisUrl: string;
  rabbitmqUrl: string;
  scylla: { contactPoints: string[]; localDatacenter: string; replicationFactor: number; credentials?: { username: string; password: string } };
  sessionSecret: string;
  customerTokenSecret: string;
  /**
   * sha256 (hex) of the keyring in spec.keyringSecret, when one is named: it goes on the pod
   * templates of chat and mail, so a rotated keyring rolls them. The keyring itself reaches the pods
   * only through a secretKeyRef; it is in neither the ConfigMap nor the connection settings.
   */
  keyringHash?: string;
}

export interface AppConfig {
  configMap: V1ConfigMap & { apiVersion: string; kind: string };
  secret: V1Secret & { apiVersion: string; kind: string };
  /** sha256 (hex) of the ConfigMap and Secret data. */
  hash: string;
  /** sha256 (hex) of what the migrations write to: the PostgreSQL URL and the CQL keyspace
   *  settings. Scaling a store changes the contact points but not this, so no new Job runs. */
  databaseHash: string;
}

export function appConfig(cluster: SmartchatCluster, connections: Connections): AppConfig {
  const settings: Record<string, string> = {
    SMARTCHAT_CASSANDRA_CONTACT_POINTS: connections.scylla.contactPoints.join(','),
    SMARTCHAT_CASSANDRA_LOCAL_DC: connections.scylla.localDatacenter,
    SMARTCHAT_CASSANDRA_KEYSPACE: CQL_KEYSPACE,
    SMARTCHAT_CASSANDRA_REPLICATION_FACTOR: String(connections.scylla.replicationFactor),
    SMARTCHAT_HTTP_HOST: '0.0.0.0',
    SMARTCHAT_BLOB_DIR: BLOB_DIR,
    SMARTCHAT_LOG_LEVEL: 'info',
  };
  const secrets: Record<string, string> = {
    SMARTCHAT_PG_URL: connections.postgresUrl,
    // Chat reads the statistics from it, the stats pods write it, the migrations create it. Empty
    // (read as unset) with stats off: a key dropped from an applied Secret would stay in it.
    SMARTCHAT_STATS_PG_URL: connections.stats?.url ?? '',
    SMARTCHAT_KAFKA_BROKERS: connections.kafkaBrokers,
    SMARTCHAT_REDIS_URL: connections.redisUrl,
    SMARTCHAT_RABBITMQ_URL: connections.rabbitmqUrl,
    SMARTCHAT_SESSION_SECRET: connections.sessionSecret,
    SMARTCHAT_CUSTOMER_TOKEN_SECRET: connections.customerTokenSecret,
    ...(connections.scylla.credentials
      ? { SMARTCHAT_CASSANDRA_USERNAME: connections.scylla.credentials.username, SMARTCHAT_CASSANDRA_PASSWORD: connections.scylla.credentials.password }
      : {}),
  };
  return {
    configMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: childMeta(cluster, 'config', childName.appConfig(cluster)), data: settings },
    secret: { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: childMeta(cluster, 'config', childName.appConnections(cluster)), stringData: secrets },
    hash: hashOf(settings, secrets),
    databaseHash: hashOf({
      postgres: connections.postgresUrl,
      datacenter: connections.scylla.localDatacenter,
      replicationFactor: String(connections.scylla.replicationFactor),
      // The migrations create the statistics database and set its reader's password: a new one runs them again.
      ...(connections.stats ? { stats: connections.stats.url, statsReader: createHash('sha256').update(connections.stats.readerPassword).digest('hex') } : {}),
    }),
  };
}

/**
 * The default statistics database: the main database's server and credentials, and the database
 * `<main database>_stats` (smartchat → smartchat_stats), which the migrate command creates.
 */
export function defaultStatsUrl(postgresUrl: string): string {
  const url = new URL(postgresUrl);
  const main = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'smartchat';
  url.pathname = `/${encodeURIComponent(`${main}_stats`)}`;
  return url.toString();
}

/** A stable hash of string maps (key order does not matter). */
export function hashOf(...maps: Record<string, string>[]): string {
  const hash = createHash('sha256');
  for (const map of maps) {
    for (const key of Object.keys(map).sort()) hash.update(`${key}\u0000${map[key]}\u0000`);
    hash.update('\u0001');
  }
  return hash.digest('hex');
}
