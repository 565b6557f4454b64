// The operator's Helm chart (charts/smartchat-operator) and the sample SmartchatCluster
// (operator/examples/smartchatcluster.yaml):
//   - offline: helm lint --strict; helm template with several value sets, validated by kubeconform
//     in strict mode against schemas of the exact Kubernetes version we test against
//     (scripts/kube-schemas.sh); the sample against the CRD's schema; values.schema.json
//     rejecting bad values;
//   - on the test kube-apiserver (make kube-up): helm install into a fresh namespace installs the
//     CRD and the operator's RBAC; `kubectl auth can-i --as <the operator's ServiceAccount>` shows
//     what it may and may not do; the sample passes the CRD's CEL rules (server-side dry run);
//     helm uninstall removes the release and leaves the CRD.
// helm and kubeconform come from scripts/infra/kube-tools.sh ($SMARTCHAT_CACHE/kube/bin).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIME_ZONES } from '@smartchat/contracts/time-zones';
import { offsetMinutesAt } from '@smartchat/stats/queries';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// The same locations as scripts/infra/lib.sh (SC_CACHE, SC_VAR).
const cache = process.env.SMARTCHAT_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'smartchat');
const varDir = process.env.SMARTCHAT_VAR ?? join(repo, 'var');
const bin = join(cache, 'kube/bin');
const helmBin = join(bin, 'helm');
const kubeconformBin = join(bin, 'kubeconform');
const kubeconfig = join(varDir, 'kube-apiserver/kubeconfig');
const chart = join(repo, 'charts/smartchat-operator');
const crdDir = join(chart, 'crds');
const sample = join(repo, 'operator/examples/smartchatcluster.yaml');
const CRD = 'smartchatclusters.smartchat.io';
// The version kube-tools.sh builds and kube-schemas.sh makes schemas for; helm template needs it
// because the chart requires Kubernetes >= 1.27 and helm's offline default is 1.20.
const kubeVersion = /^KUBE_VERSION=([0-9.]+)$/m.exec(readFileSync(join(repo, 'scripts/infra/kube-tools.sh'), 'utf8'))?.[1] ?? '1.31.14';

const work = mkdtempSync(join(tmpdir(), 'smartchat-chart-test-'));
// helm keeps its own config, cache and data away from the user's.
const helmEnv = { HELM_CONFIG_HOME: join(work, 'helm/config'), HELM_CACHE_HOME: join(work, 'helm/cache'), HELM_DATA_HOME: join(work, 'helm/data') };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...helmEnv, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs and insists on exit code 0, with the command's output in the failure message. */
async function ok(command: string, args: string[], options: { input?: string } = {}): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

const helm = (...args: string[]) => ok(helmBin, args);
const kubectl = (...args: string[]) => ok('kubectl', ['--kubeconfig', kubeconfig, ...args]);

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: unknown };
const parseAll = (text: string) => (yaml.loadAll(text) as (Manifest | null)[]).filter((doc): doc is Manifest => doc !== null);

/** helm template (with extra arguments such as --set or --values); returns the rendered YAML. */
function render(release: string, namespace: string, args: string[] = []): Promise<string> {
  return helm('template', release, chart, '--namespace', namespace, '--kube-version', kubeVersion, '--include-crds', ...args);
}

interface KubeconformReport {
  resources?: { kind: string; name: string; status: string; msg: string; validationErrors?: { path: string; msg: string }[] }[];
  summary: { valid: number; invalid: number; errors: number; skipped: number };
}

let schemaLocation = '';
async function kubeconform(manifests: string): Promise<KubeconformReport> {
  // No -ignore-missing-schemas: a kind without a schema is an error, never a silent skip.
  const result = await run(kubeconformBin, ['-strict', '-summary', '-output', 'json', '-schema-location', schemaLocation, '-'], { input: manifests });
  if (result.stderr.trim()) throw new Error(`kubeconform: ${result.stderr}`);
  return JSON.parse(result.stdout) as KubeconformReport;
}

function expectAllValid(report: KubeconformReport, documents: number): void {
  expect(report.resources ?? [], JSON.stringify(report.resources, null, 2)).toEqual([]);
  expect(report.summary).toEqual({ valid: documents, invalid: 0, errors: 0, skipped: 0 });
}

type Container = { name: string; env: { name: string; value?: string; valueFrom?: unknown }[]; [key: string]: unknown };
function operatorContainer(manifests: Manifest[]): Container {
  const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Container[] } } } };
  return deployment.spec.template.spec.containers[0]!;
}
const envValue = (container: Container, name: string) => container.env.find((e) => e.name === name);

interface Schema {
  properties?: Record<string, Schema>;
  items?: Schema;
}
/** Every property path of a schema ("spec.chat.minReplicas"); arrays count as their items. */
function fieldsOf(schema: Schema, path: string): string[] {
  const inner = schema.items ?? schema;
  if (!inner.properties) return [path];
  return Object.entries(inner.properties).flatMap(([key, child]) => fieldsOf(child, `${path}.${key}`));
}
/** The value at `keys` exists (into the first element of arrays). */
function has(value: unknown, keys: string[]): boolean {
  let current = value;
  for (const key of keys) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object' || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

beforeAll(async () => {
  for (const [tool, versionFlag] of [[helmBin, 'version'], [kubeconformBin, '-v']] as const) {
    const found = await run(tool, [versionFlag]).catch(() => undefined);
    if (found?.code !== 0) throw new Error(`${tool} is missing: build the Kubernetes test tools with scripts/infra/kube-tools.sh (make kube-up does)`);
  }
  // Schemas are generated from the test API server on the first run, then cached.
  schemaLocation = (await ok(join(repo, 'scripts/kube-schemas.sh'), [])).trim();
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the chart, offline', () => {
  it('passes helm lint --strict', async () => {
    const out = await helm('lint', '--strict', chart);
    expect(out).toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it('renders valid objects with the default values: cluster-wide RBAC, 2 replicas, a PDB', async () => {
    const text = await render('smartchat-operator', 'smartchat-system');
    const manifests = parseAll(text);
    expectAllValid(await kubeconform(text), manifests.length);

    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(kinds).toEqual([
      `ClusterRole/smartchat-operator`,
      `ClusterRoleBinding/smartchat-operator`,
      `CustomResourceDefinition/${CRD}`,
      'Deployment/smartchat-operator',
      'PodDisruptionBudget/smartchat-operator',
      'Role/smartchat-operator-leader-election',
      'RoleBinding/smartchat-operator-leader-election',
      'Service/smartchat-operator-metrics',
      'ServiceAccount/smartchat-operator',
    ]);
    const deployment = manifests.find((m) => m.kind === 'Deployment') as unknown as { spec: { replicas: number; template: { spec: Record<string, unknown> } } };
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe('smartchat-operator');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.topologySpreadConstraints).toContainEqual(expect.objectContaining({ topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }));
    const container = operatorContainer(manifests);
    expect(container.image).toBe('ghcr.io/smartchat/smartchat-operator:0.1.0');
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(envValue(container, 'SMARTCHAT_OPERATOR_NAMESPACES')).toEqual({ name: 'SMARTCHAT_OPERATOR_NAMESPACES', value: '' });
    expect(envValue(container, 'SMARTCHAT_OPERATOR_LEASE_NAMESPACE')?.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
    expect(envValue(container, 'SMARTCHAT_OPERATOR_IDENTITY')?.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
    expect(envValue(container, 'SMARTCHAT_OPERATOR_LEASE_NAME')?.value).toBe('smartchat-operator');
    expect(envValue(container, 'SMARTCHAT_OPERATOR_PORT')?.value).toBe('8080');
    expect(envValue(container, 'SMARTCHAT_OPERATOR_RESYNC_SECONDS')?.value).toBe('300');
    expect(envValue(container, 'SMARTCHAT_LOG_LEVEL')?.value).toBe('info');
  });

  it('renders a Role and RoleBinding per watched namespace, and no ClusterRole, with watchNamespaces', async () => {
    const text = await render('ops', 'smartchat-system', ['--set', 'watchNamespaces={team-a,team-b}', '--set', 'replicas=1']);
    const manifests = parseAll(text);
    expectAllValid(await kubeconform(text), manifests.length);

    const rbac = manifests.filter((m) => m.apiVersion.startsWith('rbac.')).map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`).sort();
    expect(rbac).toEqual([
      'Role/smartchat-system/ops-smartchat-operator-leader-election',
      'Role/team-a/ops-smartchat-operator',
      'Role/team-b/ops-smartchat-operator',
      'RoleBinding/smartchat-system/ops-smartchat-operator-leader-election',
      'RoleBinding/team-a/ops-smartchat-operator',
      'RoleBinding/team-b/ops-smartchat-operator',
    ]);
    expect(envValue(operatorContainer(manifests), 'SMARTCHAT_OPERATOR_NAMESPACES')?.value).toBe('team-a,team-b');
    // One replica: no PodDisruptionBudget (minAvailable 1 would block every drain).
    expect(manifests.some((m) => m.kind === 'PodDisruptionBudget')).toBe(false);
  });

  it('renders a valid ServiceMonitor and the optional settings when they are set', async () => {
    const values = join(work, 'all-values.yaml');
    writeFileSync(values, yaml.dump({
      serviceMonitor: { enabled: true, interval: '15s', labels: { release: 'kube-prometheus-stack' } },
      spreadAcrossNodes: 'required',
      image: { tag: '0.2.0-rc.1', pullPolicy: 'Always' },
      imagePullSecrets: ['registry'],
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/x' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
      priorityClassName: 'system-cluster-critical',
      podAnnotations: { 'example.com/team': 'support' },
      podLabels: { team: 'support' },
      extraEnv: [{ name: 'SMARTCHAT_OPERATOR_CONCURRENCY', value: '8' }],
      logLevel: 'debug',
      resyncSeconds: 60,
      resources: { requests: { cpu: 0.1, memory: '200Mi' }, limits: { memory: '300Mi' } },
    }));
    const text = await render('ops', 'monitoring', ['--values', values]);
    const manifests = parseAll(text);
    expectAllValid(await kubeconform(text), manifests.length);

    const monitor = manifests.find((m) => m.kind === 'ServiceMonitor') as unknown as { metadata: { labels: Record<string, string> }; spec: { selector: { matchLabels: Record<string, string> }; endpoints: unknown[] } };
    const service = manifests.find((m) => m.kind === 'Service')!;
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s', scrapeTimeout: '10s' }]);
    // The ServiceMonitor selects the metrics Service.
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    const container = operatorContainer(manifests);
    expect(container.image).toBe('ghcr.io/smartchat/smartchat-operator:0.2.0-rc.1');
    expect(envValue(container, 'SMARTCHAT_OPERATOR_CONCURRENCY')?.value).toBe('8');
    expect(envValue(container, 'SMARTCHAT_LOG_LEVEL')?.value).toBe('debug');
  });

  it('rejects values that break values.schema.json, naming each field', async () => {
    const values = join(work, 'bad-values.yaml');
    writeFileSync(values, 'replicas: -1\nlogLevel: loud\nunknownKey: true\nresources:\n  limits:\n    memory: 256MB\nserviceMonitor:\n  enabled: true\n  intervall: 30s\n');
    const result = await run(helmBin, ['template', 'bad', chart, '--kube-version', kubeVersion, '--values', values]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toMatch(/replicas: Must be greater than or equal to 1/);
    expect(result.stderr).toMatch(/logLevel: logLevel must be one of the following/);
    expect(result.stderr).toMatch(/\(root\): Additional property unknownKey is not allowed/);
    expect(result.stderr).toMatch(/resources\.limits\.memory/);
    expect(result.stderr).toMatch(/serviceMonitor: Additional property intervall is not allowed/);
  });

  it('accepts the sample SmartchatCluster and its Secrets, and its schema is strict', async () => {
    const text = readFileSync(sample, 'utf8');
    const manifests = parseAll(text);
    expect(manifests.map((m) => m.kind)).toEqual(['Secret', 'Secret', 'Secret', 'SmartchatCluster']);
    expectAllValid(await kubeconform(text), 4);

    // A misspelt field in the sample is caught offline: the CRD schema is really in use, strictly.
    const cluster = manifests[3] as unknown as { spec: { chat: Record<string, unknown> } };
    cluster.spec.chat.minReplica = 3;
    const report = await kubeconform(yaml.dump(cluster));
    expect(report.summary.invalid).toBe(1);
    expect(report.resources?.[0]?.msg).toContain("at '/spec/chat': additional properties 'minReplica' not allowed");
  });

  it("offers as the desk's time zone exactly the zones the statistics can use: a whole number of hours from UTC all year", () => {
    const crd = yaml.load(readFileSync(join(repo, 'charts/smartchat-operator/crds/smartchatclusters.smartchat.io.yaml'), 'utf8')) as {
      spec: { versions: { schema: { openAPIV3Schema: { properties: { spec: { properties: { stats: { properties: { deskTimeZone: { enum: string[]; default: string } } } } } } } } }[] };
    };
    const field = crd.spec.versions[0]!.schema.openAPIV3Schema.properties.spec.properties.stats.properties.deskTimeZone;
    // Twice a month through two years covers every DST rule in force.
    const instants = Array.from({ length: 48 }, (_, index) => new Date(Date.UTC(2026 + Math.floor(index / 24), Math.floor(index / 2) % 12, index % 2 === 0 ? 1 : 16)));
    const usable = TIME_ZONES.filter((zone) => instants.every((instant) => offsetMinutesAt(instant, zone) % 60 === 0));
    expect(field.enum).toEqual(usable);
    expect(field.enum).toContain(field.default);
    expect(field.enum).not.toContain('Asia/Kolkata');
  });

  it('the sample refers to the Secrets it defines', () => {
    const manifests = parseAll(readFileSync(sample, 'utf8'));
    const secrets = new Map(manifests.filter((m) => m.kind === 'Secret').map((m) => [m.metadata.name, m as unknown as { stringData: Record<string, string> }]));
    const spec = (manifests[3] as unknown as { spec: { postgres: { connectionSecret: { name: string; key: string } }; kafka: { connectionSecret: { name: string; key: string } }; prometheus: { url: string }; bootstrapAdmin: { secretRef: { name: string } } } }).spec;
    expect(secrets.get(spec.postgres.connectionSecret.name)?.stringData[spec.postgres.connectionSecret.key]).toMatch(/^postgres:\/\//);
    expect(secrets.get(spec.kafka.connectionSecret.name)?.stringData[spec.kafka.connectionSecret.key]).toMatch(/^[^\s:,]+:\d+(,[^\s:,]+:\d+)*$/);
    expect(spec.prometheus.url).toMatch(/^https?:\/\//);
    expect(Object.keys(secrets.get(spec.bootstrapAdmin.secretRef.name)?.stringData ?? {}).sort()).toEqual(['email', 'name', 'password']);
  });

  it('the sample shows every field of the spec (the CRD\'s properties, all the way down)', () => {
    const crd = parseAll(readFileSync(join(crdDir, 'smartchatclusters.smartchat.io.yaml'), 'utf8'))[0] as unknown as { spec: { versions: { schema: { openAPIV3Schema: Schema } }[] } };
    const spec = (parseAll(readFileSync(sample, 'utf8'))[3] as unknown as { spec: unknown }).spec;
    // Fields a sample cannot show at once: one of managed/external, selectors beside an ipBlock, balancer-only, chat-only or stats-only targets,
    // a statistics database of its own beside the default one; nor Secrets it cannot hold real values for (the keyring), nor what only a
    // load balancer reads (the SMTP Service's annotations).
    const alternatives = /\.(external|ipBlock|podSelector|matchExpressions|tag|pullSecrets|storageClassName|customerTokenSecret|keyringSecret|mail\.smtp\.serviceAnnotations|chat\.autoscaling\.targets\.(waitingAssignmentsPerPod|oldestWaitingSeconds|consumerLagPerPod)|balancer\.autoscaling\.targets\.(connectionsPerPod|messagesPerSecondPerPod|consumerLagPerPod)|balancer\.(trustedProxies|widgetEmbedOrigins|companyName|publicUrl)|(balancer|stats)\.autoscaling\.behavior|stats\.database)(\.|$)|\.(scylla|rabbitmq|redis)\.managed\.(resources)\.|\.(requests|limits)\.|\.(metricsFrom|matchLabels)\./;
    const missing = fieldsOf(crd.spec.versions[0]!.schema.openAPIV3Schema.properties!.spec!, 'spec').filter((path) => !alternatives.test(path) && !has(spec, path.split('.').slice(1)));
    expect(missing).toEqual([]);
  });
});

describe('the chart on the test API server', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const namespace = `smartchat-op-${suffix}`;
  const watched = `smartchat-op-${suffix}-watched`;
  const release = `op-${suffix}`;
  const scopedRelease = `op-${suffix}-scoped`;
  const serviceAccount = (name: string) => `system:serviceaccount:${namespace}:${name}-smartchat-operator`;
  const created: string[] = [];

  /** `kubectl auth can-i` as a ServiceAccount: true for yes, false for no. */
  async function can(as: string, ...args: string[]): Promise<boolean> {
    const result = await run('kubectl', ['--kubeconfig', kubeconfig, 'auth', 'can-i', '--as', as, ...args]);
    if (result.code > 1 || !/^(yes|no)/.test(result.stdout)) throw new Error(`kubectl auth can-i ${args.join(' ')}: ${result.stderr}${result.stdout}`);
    return result.stdout.startsWith('yes');
  }

  /** A SubjectAccessReview for the release's ServiceAccount. */
  async function review(releaseName: string, attributes: { group: string; resource: string; verb: string; namespace: string }): Promise<boolean> {
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: serviceAccount(releaseName), groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'], resourceAttributes: attributes },
    };
    const out = await ok('kubectl', ['--kubeconfig', kubeconfig, 'create', '--raw', '/apis/authorization.k8s.io/v1/subjectaccessreviews', '-f', '-'], { input: JSON.stringify(body) });
    return (JSON.parse(out) as { status: { allowed: boolean } }).status.allowed;
  }

  beforeAll(async () => {
    const ready = await run('kubectl', ['--kubeconfig', kubeconfig, '--request-timeout', '5s', 'get', '--raw', '/readyz']);
    if (ready.code !== 0) throw new Error(`the test API server does not answer (kubeconfig ${kubeconfig}): start it with "make kube-up" (scripts/infra/kube-apiserver.sh up). ${ready.stderr}`);
    for (const ns of [namespace, watched]) {
      await kubectl('create', 'namespace', ns);
      created.push(ns);
    }
  }, 60_000);

  afterAll(async () => {
    for (const name of [release, scopedRelease]) await run(helmBin, ['uninstall', name, '--namespace', namespace, '--kubeconfig', kubeconfig]);
    // There is no namespace controller (no kube-controller-manager): after checking that nothing is
    // left in it, finalize the namespace ourselves so that it really goes away.
    for (const ns of created) await deleteNamespace(ns);
  }, 60_000);

  async function deleteNamespace(ns: string): Promise<void> {
    const left = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', '--namespace', ns, '--ignore-not-found', '-o', 'name',
      'secrets,configmaps,serviceaccounts,services,deployments,poddisruptionbudgets,roles,rolebindings,leases,smartchatclusters']);
    if (left.stdout.trim()) console.error(`chart test: namespace ${ns} still holds ${left.stdout.trim().split('\n').join(', ')}; deleting them`);
    for (const name of left.stdout.trim().split('\n').filter(Boolean)) await run('kubectl', ['--kubeconfig', kubeconfig, 'delete', '--namespace', ns, '--wait=false', name]);
    await run('kubectl', ['--kubeconfig', kubeconfig, 'delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    const current = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'namespace', ns, '-o', 'json']);
    if (current.code !== 0) return;
    const object = JSON.parse(current.stdout) as { spec?: { finalizers?: string[] } };
    object.spec = { ...object.spec, finalizers: [] };
    await run('kubectl', ['--kubeconfig', kubeconfig, 'replace', '--raw', `/api/v1/namespaces/${ns}/finalize`, '-f', '-'], { input: JSON.stringify(object) });
  }

  it('helm install creates the CRD (or keeps the existing one), the ServiceAccount and the RBAC', async () => {
    await helm('install', release, chart, '--namespace', namespace, '--kubeconfig', kubeconfig);
    const status = JSON.parse(await helm('status', release, '--namespace', namespace, '--kubeconfig', kubeconfig, '--output', 'json')) as { info: { status: string } };
    expect(status.info.status).toBe('deployed');

    const crd = JSON.parse(await kubectl('get', 'crd', CRD, '-o', 'json')) as { status: { conditions: { type: string; status: string }[] } };
    expect(crd.status.conditions).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'Established', status: 'True' }),
      expect.objectContaining({ type: 'NamesAccepted', status: 'True' }),
    ]));
    for (const object of ['serviceaccount', 'deployment.apps', 'poddisruptionbudget.policy', 'role.rbac.authorization.k8s.io']) {
      const name = object.startsWith('role') ? `${release}-smartchat-operator-leader-election` : `${release}-smartchat-operator`;
      expect(await kubectl('get', object, name, '--namespace', namespace, '-o', 'name')).toBe(`${object}/${name}\n`);
    }
    expect(await kubectl('get', 'service', `${release}-smartchat-operator-metrics`, '--namespace', namespace, '-o', 'name')).toBe(`service/${release}-smartchat-operator-metrics\n`);
    const role = JSON.parse(await kubectl('get', 'clusterrole', `${release}-smartchat-operator`, '-o', 'json')) as { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
    expect(role.rules).toContainEqual({ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'update', 'patch'] });
    expect(role.rules).toContainEqual({ apiGroups: ['smartchat.io'], resources: ['smartchatclusters/status'], verbs: ['get', 'update', 'patch'] });
    // Nothing cluster-scoped, and never a wildcard.
    const resources = role.rules.flatMap((rule) => rule.resources);
    for (const forbidden of ['*', 'nodes', 'namespaces', 'customresourcedefinitions', 'clusterroles', 'clusterrolebindings', 'pods']) expect(resources).not.toContain(forbidden);
    expect(role.rules.flatMap((rule) => rule.verbs)).not.toContain('*');
  });

  it('the operator ServiceAccount may do exactly what it needs, everywhere, and nothing else', async () => {
    const sa = serviceAccount(release);
    const anywhere = `--namespace=${watched}`;
    const here = `--namespace=${namespace}`;
    // `kubectl auth can-i` arguments → expected answer; all asked at once, compared as one table.
    const expected: Record<string, boolean> = {
      // What it needs, in any namespace.
      'list smartchatclusters.smartchat.io --all-namespaces': true,
      'watch smartchatclusters.smartchat.io --all-namespaces': true,
      [`patch smartchatclusters.smartchat.io ${anywhere}`]: true,
      [`update smartchatclusters.smartchat.io --subresource=status ${anywhere}`]: true,
      [`update smartchatclusters.smartchat.io --subresource=finalizers ${anywhere}`]: true,
      [`patch deployments.apps --subresource=scale ${anywhere}`]: true,
      [`create statefulsets.apps ${anywhere}`]: true,
      [`delete persistentvolumeclaims ${anywhere}`]: true,
      [`create secrets ${anywhere}`]: true,
      [`get endpoints ${anywhere}`]: true,
      [`create events ${anywhere}`]: true,
      [`create events.events.k8s.io ${anywhere}`]: true,
      [`create jobs.batch ${anywhere}`]: true,
      [`create poddisruptionbudgets.policy ${anywhere}`]: true,
      [`create rolebindings.rbac.authorization.k8s.io ${anywhere}`]: true,
      [`create networkpolicies.networking.k8s.io ${anywhere}`]: true,
      [`watch networkpolicies.networking.k8s.io --all-namespaces`]: true,
      [`delete networkpolicies.networking.k8s.io ${anywhere}`]: true,
      // Leader election: its own Lease, in the release namespace only.
      [`create leases.coordination.k8s.io ${here}`]: true,
      [`update leases.coordination.k8s.io/${release}-smartchat-operator ${here}`]: true,
      [`update leases.coordination.k8s.io/someone-else ${here}`]: false,
      [`create leases.coordination.k8s.io ${anywhere}`]: false,
      // Nothing more.
      'get nodes': false,
      [`list pods ${anywhere}`]: false,
      [`delete smartchatclusters.smartchat.io ${anywhere}`]: false,
      'create customresourcedefinitions.apiextensions.k8s.io': false,
      'create clusterroles.rbac.authorization.k8s.io': false,
      [`escalate roles.rbac.authorization.k8s.io ${anywhere}`]: false,
      [`bind roles.rbac.authorization.k8s.io ${anywhere}`]: false,
      [`update endpoints ${anywhere}`]: false,
      'delete namespaces': false,
    };
    const answers = await Promise.all(Object.keys(expected).map(async (question) => [question, await can(sa, ...question.split(' '))] as const));
    expect(Object.fromEntries(answers)).toEqual(expected);

    // kubectl auth can-i cannot name kinds the server does not serve (this one has no Prometheus
    // Operator CRDs): ask those with a SubjectAccessReview.
    const monitoring = await Promise.all([
      review(release, { group: 'monitoring.coreos.com', resource: 'servicemonitors', verb: 'create', namespace: watched }),
      review(release, { group: 'monitoring.coreos.com', resource: 'prometheusrules', verb: 'patch', namespace: watched }),
      review(release, { group: 'monitoring.coreos.com', resource: 'prometheuses', verb: 'create', namespace: watched }),
    ]);
    expect(monitoring).toEqual([true, true, false]);
  });

  it('with watchNamespaces, the operator may act in those namespaces only', async () => {
    await helm('install', scopedRelease, chart, '--namespace', namespace, '--kubeconfig', kubeconfig, '--set', `watchNamespaces={${watched}}`, '--set', 'replicas=1');
    const sa = serviceAccount(scopedRelease);
    const expected: Record<string, boolean> = {
      [`watch smartchatclusters.smartchat.io --namespace=${watched}`]: true,
      [`patch deployments.apps --subresource=scale --namespace=${watched}`]: true,
      [`create secrets --namespace=${watched}`]: true,
      'watch smartchatclusters.smartchat.io --all-namespaces': false,
      'create deployments.apps --namespace=default': false,
      [`get secrets --namespace=${namespace}`]: false,
      [`create leases.coordination.k8s.io --namespace=${namespace}`]: true,
      [`update leases.coordination.k8s.io/${scopedRelease}-smartchat-operator --namespace=${namespace}`]: true,
    };
    const answers = await Promise.all(Object.keys(expected).map(async (question) => [question, await can(sa, ...question.split(' '))] as const));
    expect(Object.fromEntries(answers)).toEqual(expected);
    expect(await kubectl('get', 'clusterrole', `${scopedRelease}-smartchat-operator`, '--ignore-not-found', '-o', 'name')).toBe('');
    await helm('uninstall', scopedRelease, '--namespace', namespace, '--kubeconfig', kubeconfig);
  });

  it('the sample SmartchatCluster passes the CRD validation rules on the API server', async () => {
    // Helm installs a CRD only when it is missing and never upgrades it; bring the one on this
    // shared API server up to the chart's, as charts/README.md tells users to.
    await kubectl('apply', '--server-side', '--force-conflicts', '--field-manager', 'smartchat-chart-test', '-f', crdDir);
    await kubectl('wait', '--for=condition=Established', `crd/${CRD}`, '--timeout=30s');
    const text = readFileSync(sample, 'utf8');
    const applied = await ok('kubectl', ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '--namespace', namespace, '-f', '-', '-o', 'name'], { input: text });
    expect(applied.trim().split('\n')).toEqual(['secret/smartchat-postgres', 'secret/smartchat-kafka', 'secret/smartchat-first-admin', 'smartchatcluster.smartchat.io/smartchat']);

    // The CEL rules are enforced: a balancer target on chat pods is refused, with the CRD's message.
    const cluster = parseAll(text)[3] as unknown as { spec: { chat: { autoscaling: { targets: Record<string, number> } } } };
    cluster.spec.chat.autoscaling.targets.oldestWaitingSeconds = 60;
    const refused = await run('kubectl', ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '--namespace', namespace, '-f', '-'], { input: yaml.dump(cluster) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('waitingAssignmentsPerPod and oldestWaitingSeconds are balancer targets');

    // Its mail section, switched on as its comments say (with the keyring Secret named), is accepted;
    // switched on without the keyring, or exposed outside the cluster to nobody, it is refused.
    const withMail = parseAll(text)[3] as unknown as { spec: { mail: { enabled: boolean; smtp: Record<string, unknown> }; keyringSecret?: { name: string; key: string } } };
    withMail.spec.mail.enabled = true;
    const dryRun = (object: unknown) => run('kubectl', ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '--namespace', namespace, '-f', '-', '-o', 'json'], { input: yaml.dump(object) });
    const noKeyring = await dryRun(withMail);
    expect(noKeyring.code).not.toBe(0);
    expect(noKeyring.stderr).toContain('spec.mail needs spec.keyringSecret');
    withMail.spec.keyringSecret = { name: 'smartchat-keyring', key: 'keys' };
    const accepted = await dryRun(withMail);
    expect(accepted.stderr).toBe('');
    expect((JSON.parse(accepted.stdout) as { spec: { mail: unknown } }).spec.mail).toMatchObject({ enabled: true, replicas: 2, smtp: { port: 25, serviceType: 'ClusterIP' } });
    withMail.spec.mail.smtp = { serviceType: 'LoadBalancer' };
    const closed = await dryRun(withMail);
    expect(closed.code).not.toBe(0);
    expect(closed.stderr).toContain('needs spec.mail.smtp.allowedFrom');
  });

  it('helm uninstall removes the release and leaves the CRD (Helm never deletes CRDs)', async () => {
    await helm('uninstall', release, '--namespace', namespace, '--kubeconfig', kubeconfig);
    const releases = JSON.parse(await helm('list', '--all', '--namespace', namespace, '--kubeconfig', kubeconfig, '--output', 'json')) as unknown[];
    expect(releases).toEqual([]);
    expect(await kubectl('get', 'clusterrole,clusterrolebinding', `${release}-smartchat-operator`, '--ignore-not-found', '-o', 'name')).toBe('');
    // (a real cluster's controller-manager adds the "default" ServiceAccount to every namespace)
    const left = (await kubectl('get', 'serviceaccounts,deployments,services,poddisruptionbudgets,roles,rolebindings,secrets', '--namespace', namespace, '-o', 'name'))
      .split('\n').filter((name) => name && name !== 'serviceaccount/default');
    expect(left).toEqual([]);
    expect(await kubectl('get', 'crd', CRD, '-o', 'name')).toBe(`customresourcedefinition.apiextensions.k8s.io/${CRD}\n`);
  });
});
