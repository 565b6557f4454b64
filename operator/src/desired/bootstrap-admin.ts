// The Job that gives a fresh installation its first super-admin (spec.bootstrapAdmin). It runs the
// app image's admin command with the connection settings and the e-mail, name and password from
// the referenced Secret, read through secretKeyRef: the password is never in the Job, its status,
// the operator's memory or its events. The command creates that agent as super-admin, to change
// the password at first login, and changes nothing when a super-admin exists already; so the Job
// runs once per cluster (its name has no hash), after the migrations of the current version have
// succeeded (reconcile/bootstrap-admin.ts), and running it again is harmless.
import type { V1Job } from '@kubernetes/client-node';
import type { SmartchatCluster } from '../api/types.js';
import { appContainer } from './app.js';
import { childMeta, childName, containerResources } from './meta.js';

export const BOOTSTRAP_ADMIN_COMMAND = ['node', '--import', 'tsx', 'services/chat/src/bin/admin.ts', 'create', '--role', 'super-admin', '--if-no-super-admin'];
/** The keys of the referenced Secret: email and password are required, name is optional. */
export const BOOTSTRAP_ADMIN_KEYS = { email: 'email', password: 'password', name: 'name' } as const;

export function bootstrapAdminJob(cluster: SmartchatCluster, secretName: string): V1Job & { apiVersion: string; kind: string; metadata: { name: string } } {
  const container = appContainer(cluster, 'bootstrap-admin', BOOTSTRAP_ADMIN_COMMAND, containerResources(cluster.spec.balancer.resources));
  const fromSecret = (name: string, key: string, optional = false) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key, ...(optional ? { optional: true } : {}) } } });
  container.env = [
    fromSecret('SMARTCHAT_ADMIN_EMAIL', BOOTSTRAP_ADMIN_KEYS.email),
    fromSecret('SMARTCHAT_ADMIN_NAME', BOOTSTRAP_ADMIN_KEYS.name, true),
    fromSecret('SMARTCHAT_ADMIN_PASSWORD', BOOTSTRAP_ADMIN_KEYS.password),
  ];
  const pullSecrets = cluster.spec.images.pullSecrets ?? [];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: childMeta(cluster, 'bootstrap-admin', childName.bootstrapAdmin(cluster)),
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      template: {
        metadata: { labels: childMeta(cluster, 'bootstrap-admin', '').labels },
        spec: {
          restartPolicy: 'Never',
          ...(pullSecrets.length > 0 ? { imagePullSecrets: pullSecrets.map((name) => ({ name })) } : {}),
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}
