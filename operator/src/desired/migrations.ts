// Database migrations as a Job that gates the rollout: chat and balancer Deployments are applied
// only after the Job for the current image and settings has succeeded. The Job's name carries a
// hash of both, so a new version or a new database runs the migrations again (they are idempotent).
// The pods get every setting through envFrom, so a changed setting reaches a re-run as well. With
// statistics on, the same command creates and migrates the statistics database
// (SMARTCHAT_STATS_PG_URL) and sets the password of its read-only role from the cluster's
// <cluster>-stats-reader Secret.
import type { V1Job } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import { appContainer } from './app.js';
import { hashOf } from './config.js';
import { appImage, childMeta, childName, containerResources } from './meta.js';

/** The read-only role of the statistics database (services/schema/stats/0002_pipeline.sql). */
export const STATS_READER_ROLE = 'smartchat_stats_reader';
/** The keys of the <cluster>-stats-reader Secret. */
export const STATS_READER_KEYS = { username: 'username', password: 'password' } as const;

export function migrationJob(cluster: SmartchatCluster, databaseHash: string): V1Job & { apiVersion: string; kind: string; metadata: { name: string } } {
  const hash = hashOf({ image: appImage(cluster), database: databaseHash });
  const container = appContainer(cluster, 'migrate', ['node', '--import', 'tsx', 'services/platform/src/bin/migrate.ts'], containerResources(cluster.spec.balancer.resources));
  if (cluster.spec.stats.enabled) {
    container.env = [{ name: 'SMARTCHAT_STATS_READER_PASSWORD', valueFrom: { secretKeyRef: { name: childName.statsReader(cluster), key: STATS_READER_KEYS.password } } }];
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: childMeta(cluster, 'migrations', childName.migrations(cluster, hash)),
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: childMeta(cluster, 'migrations', '').labels },
        spec: {
          restartPolicy: 'Never',
          ...((cluster.spec.images.pullSecrets ?? []).length > 0 ? { imagePullSecrets: cluster.spec.images.pullSecrets!.map((name) => ({ name })) } : {}),
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}
