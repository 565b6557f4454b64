// The Job that gives a managed Scylla the app's own role: it logs in as the operator's superuser
// (created by Scylla itself from the flags in ./scylla.ts), creates the role the app logs in with,
// sets its password from the Secret (so a password changed there takes effect), and grants it what
// the migrations and the app need: creating the smartchat keyspace (whose creator Scylla grants
// every permission on it) and, when the keyspace exists already, every permission on it. It runs
// with the Scylla image, for its cqlsh, once the Scylla StatefulSet is ready, and again whenever the
// credentials change (the Job's name carries a hash of them). The migrations, and so chat and
// balancer, wait for it (reconcile/scylla-auth.ts).
//
// Scylla versions that still create the image's default superuser cassandra/cassandra, or clusters
// whose authentication tables predate the superuser flags, get the operator's superuser through
// that account, which is then dropped: no well-known login remains.
import type { V1Job } from '@kubernetes/client-node';
import type { ManagedScyllaSpec, SmartchatCluster } from '../../api/types.js';
import { CQL_KEYSPACE, hashOf } from '../config.js';
import { childMeta, childName } from '../meta.js';
import { SCYLLA_CQL_PORT, SCYLLA_SECRET_KEYS, type ScyllaCredentials } from './scylla.js';
import { containerSecurity, imagePullSecrets, secretKeyEnv } from './stateful-store.js';

/**
 * The script the Job runs (POSIX sh; cqlsh, awk and sed from the Scylla image). The passwords come
 * from the environment; cqlsh's output is printed only when a statement fails, and then with both
 * passwords masked, so neither reaches the Job's log.
 */
export const SCYLLA_AUTH_SCRIPT = [
  'set -u',
  'mask() {',
  `  awk '{ for (n = 1; n <= 2; n++) { s = ENVIRON[n == 1 ? "SCYLLA_PASSWORD" : "SCYLLA_SUPERUSER_PASSWORD"]; if (s == "") continue; while ((i = index($0, s)) > 0) $0 = substr($0, 1, i - 1) "***" substr($0, i + length(s)) } print }'`,
  '}',
  '# A CQL string literal: quotes doubled.',
  `literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }`,
  '# cql USER PASSWORD STATEMENT',
  'cql() {',
  '  out=$(cqlsh "$SCYLLA_HOST" "$SCYLLA_PORT" -u "$1" -p "$2" --request-timeout=60 -e "$3" 2>&1)',
  '  status=$?',
  '  if [ "$status" -ne 0 ]; then printf \'%s\\n\' "$out" | mask >&2; fi',
  '  return "$status"',
  '}',
  'superuser() { cql "$SCYLLA_SUPERUSER_NAME" "$SCYLLA_SUPERUSER_PASSWORD" "$1" || { echo "failed as $SCYLLA_SUPERUSER_NAME: $(printf \'%s\' "$1" | cut -d " " -f 1-3) ..." >&2; exit 1; }; }',
  'SUPERUSER=$(literal "$SCYLLA_SUPERUSER_NAME")',
  'APP=$(literal "$SCYLLA_USERNAME")',
  'attempt=0',
  'until cql "$SCYLLA_SUPERUSER_NAME" "$SCYLLA_SUPERUSER_PASSWORD" "SELECT release_version FROM system.local"; do',
  '  if cql cassandra cassandra "CREATE ROLE IF NOT EXISTS $SUPERUSER WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = $(literal "$SCYLLA_SUPERUSER_PASSWORD")" 2>/dev/null; then',
  '    echo "created the superuser $SCYLLA_SUPERUSER_NAME through the default superuser cassandra"',
  '    continue',
  '  fi',
  '  attempt=$((attempt + 1))',
  '  echo "waiting for Scylla to accept the superuser $SCYLLA_SUPERUSER_NAME (attempt $attempt)"',
  '  sleep 5',
  'done',
  'superuser "CREATE ROLE IF NOT EXISTS $APP WITH LOGIN = true AND PASSWORD = $(literal "$SCYLLA_PASSWORD")"',
  'superuser "ALTER ROLE $APP WITH LOGIN = true AND PASSWORD = $(literal "$SCYLLA_PASSWORD")"',
  'superuser "GRANT CREATE ON ALL KEYSPACES TO $APP"',
  'if cql "$SCYLLA_SUPERUSER_NAME" "$SCYLLA_SUPERUSER_PASSWORD" "GRANT ALL PERMISSIONS ON KEYSPACE $SCYLLA_KEYSPACE TO $APP" 2>/dev/null; then',
  '  echo "granted every permission on the keyspace $SCYLLA_KEYSPACE to $SCYLLA_USERNAME"',
  'else',
  '  echo "the keyspace $SCYLLA_KEYSPACE does not exist yet: the migrations create it as $SCYLLA_USERNAME, which gets every permission on it"',
  'fi',
  'if [ "$SCYLLA_SUPERUSER_NAME" != cassandra ]; then superuser "DROP ROLE IF EXISTS \'cassandra\'"; fi',
  'echo "Scylla authentication is set up: the app logs in as $SCYLLA_USERNAME"',
  '',
].join('\n');

export function scyllaAuthJob(cluster: SmartchatCluster, spec: ManagedScyllaSpec, credentials: ScyllaCredentials): V1Job & { apiVersion: string; kind: string; metadata: { name: string } } {
  const image = `${spec.image}:${spec.version}`;
  // A new image or new credentials run the Job again (it is idempotent); the hash is of the values
  // as a whole, like the settings hash on the app's pod templates.
  const hash = hashOf({ image, script: SCYLLA_AUTH_SCRIPT, ...credentialsForHash(credentials) });
  const secret = childName.scyllaCredentials(cluster);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: childMeta(cluster, 'scylla-auth', childName.scyllaAuth(cluster, hash)),
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: childMeta(cluster, 'scylla-auth', '').labels },
        spec: {
          restartPolicy: 'Never',
          ...imagePullSecrets(cluster),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'scylla-auth',
              image,
              command: ['sh', '-c', SCYLLA_AUTH_SCRIPT],
              env: [
                { name: 'SCYLLA_HOST', value: `${childName.scylla(cluster)}.${cluster.metadata.namespace}.svc` },
                { name: 'SCYLLA_PORT', value: String(SCYLLA_CQL_PORT) },
                { name: 'SCYLLA_KEYSPACE', value: CQL_KEYSPACE },
                // cqlsh keeps its history under $HOME; the root filesystem is read-only.
                { name: 'HOME', value: '/tmp' },
                secretKeyEnv('SCYLLA_USERNAME', secret, SCYLLA_SECRET_KEYS.username),
                secretKeyEnv('SCYLLA_PASSWORD', secret, SCYLLA_SECRET_KEYS.password),
                secretKeyEnv('SCYLLA_SUPERUSER_NAME', secret, SCYLLA_SECRET_KEYS.superuserName),
                secretKeyEnv('SCYLLA_SUPERUSER_PASSWORD', secret, SCYLLA_SECRET_KEYS.superuserPassword),
              ],
              resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              securityContext: containerSecurity({ runsAsRoot: false, readOnlyRootFilesystem: true }),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}

function credentialsForHash(credentials: ScyllaCredentials): Record<string, string> {
  return { username: credentials.username, password: credentials.password, superuserName: credentials.superuserName, superuserPassword: credentials.superuserPassword };
}
