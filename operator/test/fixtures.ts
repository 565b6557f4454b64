// A SmartchatCluster as the operator reads it from the API server: every default of the CRD
// (charts/smartchat-operator/crds/smartchatclusters.smartchat.io.yaml) filled in, in namespace
// "shop" under the name "desk", with its Postgres and Kafka connection Secrets named "pg" and "kafka".
import { API_VERSION, KIND, type AppComponentSpec, type SmartchatCluster } from '../src/api/types.js';

export const FIXTURE_UID = '6f1c1b52-3a3e-4b8e-9a55-0d5b7c2f9e10';

/** Every property optional, all the way down; arrays are replaced, not merged. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function appComponentDefaults(): AppComponentSpec {
  return {
    minReplicas: 2,
    maxReplicas: 10,
    resources: {},
    autoscaling: {
      enabled: true,
      intervalSeconds: 15,
      tolerance: 0.1,
      targets: {},
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, maxStepPods: 4, maxStepPercent: 100, periodSeconds: 15 },
        scaleDown: { stabilizationWindowSeconds: 300, maxStepPods: 1, maxStepPercent: 10, periodSeconds: 60 },
      },
    },
  };
}

function defaults(): SmartchatCluster {
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: { name: 'desk', namespace: 'shop', uid: FIXTURE_UID, generation: 1 },
    spec: {
      version: '0.1.0',
      images: { app: { repository: 'ghcr.io/smartchat/smartchat', pullPolicy: 'IfNotPresent' } },
      chat: appComponentDefaults(),
      balancer: appComponentDefaults(),
      scylla: {
        managed: { members: 3, replicationFactor: 3, version: '6.2.3', image: 'docker.io/scylladb/scylla', datacenter: 'datacenter1', storage: { size: '10Gi' }, resources: {} },
      },
      rabbitmq: { managed: { replicas: 3, version: '4.0.5', image: 'docker.io/library/rabbitmq', storage: { size: '10Gi' }, resources: {} } },
      redis: { managed: { replicas: 1, version: '7.4.2', image: 'docker.io/library/redis', storage: { size: '10Gi' }, resources: {} } },
      postgres: { connectionSecret: { name: 'pg', key: 'url' } },
      kafka: { connectionSecret: { name: 'kafka', key: 'brokers' } },
      attachments: { storage: { size: '10Gi' } },
      prometheus: {},
      stats: {
        ...appComponentDefaults(),
        enabled: true,
        minReplicas: 1,
        maxReplicas: 4,
        autoscaling: { ...appComponentDefaults().autoscaling, targets: { consumerLagPerPod: 1000 } },
      },
      mail: {
        enabled: false,
        replicas: 1,
        resources: {},
        pollSeconds: 30,
        maxMessageBytes: 26214400,
        sendAttempts: 8,
        retryBaseSeconds: 30,
        acknowledgementsPerSenderPerHour: 1,
        smtp: { enabled: true, port: 25, serviceType: 'ClusterIP', allowedFrom: [] },
        egress: { restricted: true, cidrs: ['0.0.0.0/0'], ports: [25, 143, 465, 587, 993] },
      },
      monitoring: { enabled: true, grafanaDashboards: { enabled: true, labels: { grafana_dashboard: '1' } }, grafanaDatasource: { enabled: true, labels: { grafana_datasource: '1' } } },
      teardown: { pvcRetention: 'Retain' },
      networkPolicies: { enabled: true, metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] },
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) merged[key] = merge(merged[key], value);
    else merged[key] = value;
  }
  return merged;
}

/**
 * A fully defaulted SmartchatCluster (a fresh copy on every call), with `overrides` merged in deeply.
 * A key set to undefined is removed, so a store switches to external with
 * `{ spec: { redis: { managed: undefined, external: { endpoints: ['redis.example:6379'] } } } }`.
 */
export function clusterFixture(overrides: DeepPartial<SmartchatCluster> = {}): SmartchatCluster {
  return merge(defaults() as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as SmartchatCluster;
}
