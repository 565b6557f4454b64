// One reconcile of one SmartchatCluster, level-triggered and idempotent: read the object and what
// it references, apply every desired child with server-side apply (NetworkPolicies, stores,
// Scylla's authentication Job, settings, the migrations Job, and — once the Job has succeeded —
// the chat, balancer, stats and mail Deployments, then the first super-admin's Job; with monitoring on,
// the ServiceMonitor and PrometheusRule and the Grafana dashboards and data source), remove
// children that are no longer desired, observe readiness and write the status. Running it twice in a row changes
// nothing the second time.
import { PatchStrategy, type KubernetesObject, type V1Deployment, type V1Job, type V1StatefulSet } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform/logger';
import { enabledComponents, enabledMail, FIELD_MANAGER, FINALIZER, GROUP, PLURAL, VERSION, type AppRole, type AppComponentStatus, type SmartchatCluster, type SmartchatClusterStatus, type StoreName, type StoreStatus } from '../api/types.js';
import { appDeploymentName, appObjects } from '../desired/app.js';
import { mailObjects } from '../desired/mail.js';
import { appConfig } from '../desired/config.js';
import { dashboardConfigMaps, renderedDashboards, statsDatasourceSecret, type RenderedDashboard } from '../desired/grafana.js';
import { childName } from '../desired/meta.js';
import { migrationJob } from '../desired/migrations.js';
import { monitoringObjects } from '../desired/monitoring.js';
import { networkPolicyObjects } from '../desired/network-policies.js';
import { storeCredentialSecrets, storeObjects, storeWorkloads } from '../desired/stores/index.js';
import { clamp } from '../autoscale/hpa.js';
import { apiMessage, isNotFound, jsonPatch, mergePatch, type KubeClients } from '../runtime/kube.js';
import { runBootstrapAdmin } from './bootstrap-admin.js';
import { CHILD_KINDS, clusterKey, deleteChild, listChildren } from './children.js';
import { computeConditions, summaryReason, type AppObservation, type MigrationsObservation, type Observation } from './conditions.js';
import type { EventRecorder } from './events.js';
import { resolveInputs, type Problem } from './inputs.js';
import { firstReport, jobOutcome, readJob, type ReconcileStep } from './jobs.js';
import { runScyllaAuth } from './scylla-auth.js';
import { runTeardown } from './teardown.js';

export interface ReconcileResult {
  /** Look again after this long even without a watch event (waiting on readiness, a problem). */
  requeueAfterMs?: number;
}

export interface ReconcilerDependencies {
  kube: KubeClients;
  events: EventRecorder;
  logger: Logger;
  /** Problems the autoscaler currently has with this cluster (unreachable Prometheus, missing metrics). */
  autoscalerProblems: (key: string) => Problem[];
  /** Whether monitoring.coreos.com/v1 is served (the controller polls discovery). */
  monitoringServed: () => Promise<boolean>;
}

export class ClusterReconciler {
  constructor(private readonly deps: ReconcilerDependencies) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    const [namespace, name] = key.split('/') as [string, string];
    const cluster = await this.readCluster(namespace, name);
    if (!cluster) return {};
    if (cluster.metadata.deletionTimestamp) {
      if (cluster.metadata.finalizers?.includes(FINALIZER)) await runTeardown(this.deps, cluster);
      return {};
    }
    if (!cluster.metadata.finalizers?.includes(FINALIZER)) {
      await this.deps.kube.custom.patchNamespacedCustomObject(
        { group: GROUP, version: VERSION, namespace, plural: PLURAL, name, body: [{ op: 'test', path: '/metadata/resourceVersion', value: cluster.metadata.resourceVersion }, { op: 'add', path: cluster.metadata.finalizers ? '/metadata/finalizers/-' : '/metadata/finalizers', value: cluster.metadata.finalizers ? FINALIZER : [FINALIZER] }] },
        jsonPatch,
      );
      await this.deps.events.record(cluster, 'Normal', 'Provisioning', 'Added the teardown finalizer; creating stores, settings and workloads');
    }
    return this.converge(cluster, key);
  }

  private async converge(cluster: SmartchatCluster, key: string): Promise<ReconcileResult> {
    const { kube } = this.deps;
    const problems: Problem[] = [];
    const desired: KubernetesObject[] = [];
    const step: ReconcileStep = { ...this.deps, problems, apply: (objects) => this.applyAll(cluster, objects, problems) };
    const inputs = await resolveInputs(kube, cluster);
    problems.push(...inputs.problems);

    // The fences first, so that no store is ever up without its NetworkPolicy; then the stores:
    // the migrations need them and the apps need the migrations.
    const foundations = [...networkPolicyObjects(cluster, inputs.connections), ...inputs.generated, ...storeObjects(cluster, inputs.storeCredentials)];
    desired.push(...foundations);
    await this.applyAll(cluster, foundations, problems);
    const stores = await this.observeStores(cluster);
    const scyllaAuth = await runScyllaAuth(step, cluster, stores.scylla, inputs.storeCredentials.scylla);
    if (scyllaAuth.job) desired.push(scyllaAuth.job);
    if (scyllaAuth.scylla) stores.scylla = scyllaAuth.scylla;
    const storesReady = Object.values(stores).every((store) => store.ready);

    let migrations: MigrationsObservation = { mode: 'job', ready: false, failed: false, blocked: true, message: 'waiting for the connection settings (see Degraded)' };
    if (inputs.connections) {
      const config = appConfig(cluster, inputs.connections);
      desired.push(config.configMap, config.secret);
      await this.applyAll(cluster, [config.configMap, config.secret], problems);
      const job = migrationJob(cluster, config.databaseHash);
      desired.push(job);
      migrations = await this.runMigrations(cluster, job, storesReady, problems);
      // Until the migrations for this version have succeeded, the running Deployments stay as
      // they are (an earlier version keeps serving); they are still desired, so never pruned.
      // Nor do they roll before Scylla knows the password they bring.
      const keyringHash = inputs.connections.keyringHash;
      const apps = [...appObjects(cluster, config.hash, keyringHash), ...mailObjects(cluster, config.hash, keyringHash)];
      desired.push(...apps);
      if (migrations.ready && scyllaAuth.ready) {
        await this.applyAll(cluster, apps, problems);
        await this.keepReplicasInBounds(cluster);
      }
    }
    const bootstrapAdmin = await runBootstrapAdmin(step, cluster, migrations.ready);
    if (bootstrapAdmin) desired.push(bootstrapAdmin.job);

    const monitoringServed = await this.deps.monitoringServed();
    if (cluster.spec.monitoring.enabled && monitoringServed) {
      const monitoring = monitoringObjects(cluster);
      desired.push(...monitoring);
      await this.applyAll(cluster, monitoring, problems);
    }
    // The Grafana sidecars need no API of their own: plain ConfigMaps and a Secret.
    const grafana = [...dashboardConfigMaps(cluster, this.dashboards(problems)), ...(inputs.connections?.stats ? statsDatasourceSecret(cluster, inputs.connections.stats) : [])];
    desired.push(...grafana);
    await this.applyAll(cluster, grafana, problems);
    if (!cluster.spec.stats.enabled) await this.removeDeployment(cluster, 'stats', 'StatsRemoved', 'spec.stats.enabled is false', 'the statistics database stays');
    if (!enabledMail(cluster)) await this.removeDeployment(cluster, 'mail', 'MailRemoved', 'spec.mail is not enabled', 'received mail and the mailboxes stay');
    // Without settings (a referenced Secret is missing) nothing new rolls out, and nothing is
    // removed: the running pods keep their settings, Services and Jobs until the inputs are fixed.
    if (inputs.connections) await this.prune(cluster, desired, monitoringServed, migrations.ready);

    const apps: Observation['apps'] = { chat: await this.observeApp(cluster, 'chat'), balancer: await this.observeApp(cluster, 'balancer') };
    if (cluster.spec.stats.enabled) apps.stats = await this.observeApp(cluster, 'stats');
    if (enabledMail(cluster)) apps.mail = await this.observeApp(cluster, 'mail');
    problems.push(...this.deps.autoscalerProblems(key));
    const observation: Observation = { generation: cluster.metadata.generation ?? 0, stores, migrations, apps, problems };
    const available = await this.writeStatus(cluster, observation, bootstrapAdmin?.status);
    return available && problems.length === 0 ? {} : { requeueAfterMs: problems.length > 0 ? 15_000 : 5_000 };
  }

  /** The rendered dashboards; a broken or missing dashboards/grafana is a problem, not a crash. */
  private dashboards(problems: Problem[]): ReadonlyMap<string, RenderedDashboard> {
    try {
      return renderedDashboards();
    } catch (error) {
      problems.push({ reason: 'DashboardsUnreadable', message: `the rendered dashboards cannot be read: ${error instanceof Error ? error.message : String(error)}` });
      return new Map();
    }
  }

  /** A role turned off (stats, mail): its Deployment goes (Deployments are never pruned; its Services and budget are). */
  private async removeDeployment(cluster: SmartchatCluster, role: 'stats' | 'mail', reason: string, why: string, kept: string): Promise<void> {
    const name = appDeploymentName(cluster, role);
    const existing = (await listChildren(this.deps.kube, cluster, { apiVersion: 'apps/v1', kind: 'Deployment' })).find((object) => object.metadata?.name === name);
    if (!existing) return;
    await deleteChild(this.deps.kube, cluster, { apiVersion: 'apps/v1', kind: 'Deployment' }, name);
    await this.deps.events.record(cluster, 'Normal', reason, `${why}: deleted Deployment ${name} (${kept})`);
  }

  private async readCluster(namespace: string, name: string): Promise<SmartchatCluster | undefined> {
    try {
      return (await this.deps.kube.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL, name })) as SmartchatCluster;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Server-side apply with our field manager, forcing ownership back from hand edits (drift). */
  private async applyAll(cluster: SmartchatCluster, objects: KubernetesObject[], problems: Problem[]): Promise<void> {
    for (const object of objects) {
      try {
        await this.deps.kube.objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
      } catch (error) {
        const what = `${object.kind}/${object.metadata?.name}`;
        this.deps.logger.error({ error: apiMessage(error), cluster: clusterKey(cluster), object: what }, 'apply failed');
        problems.push({ reason: 'ApplyFailed', message: `${what}: ${apiMessage(error)}` });
      }
    }
  }

  private async observeStores(cluster: SmartchatCluster): Promise<Partial<Record<StoreName, StoreStatus>>> {
    const stores: Partial<Record<StoreName, StoreStatus>> = {};
    for (const store of ['scylla', 'rabbitmq', 'redis'] as const) if (cluster.spec[store].external) stores[store] = { mode: 'external', ready: true };
    for (const workload of storeWorkloads(cluster)) {
      let statefulSet: V1StatefulSet | undefined;
      try {
        statefulSet = await this.deps.kube.apps.readNamespacedStatefulSet({ name: workload.name, namespace: cluster.metadata.namespace });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      const readyReplicas = statefulSet?.status?.readyReplicas ?? 0;
      const current = (statefulSet?.status?.observedGeneration ?? 0) >= (statefulSet?.metadata?.generation ?? 1);
      const ready = Boolean(statefulSet) && current && readyReplicas >= workload.replicas;
      stores[workload.store] = { mode: 'managed', ready, replicas: workload.replicas, readyReplicas, message: ready ? 'ready' : `${readyReplicas}/${workload.replicas} pods ready` };
    }
    return stores;
  }

  /** Runs the Job for this version and these settings once the stores are ready. A Job that has
   *  already succeeded keeps counting when a store is later scaled or restarted. */
  private async runMigrations(cluster: SmartchatCluster, job: V1Job & { metadata: { name: string } }, storesReady: boolean, problems: Problem[]): Promise<MigrationsObservation> {
    const current = await readJob(this.deps.kube, cluster, job.metadata.name);
    if (!current && !storesReady) return { mode: 'job', ready: false, failed: false, message: 'waiting for the stores before running migrations' };
    if (!current) {
      await this.applyAll(cluster, [job], problems);
      await this.deps.events.record(cluster, 'Normal', 'MigrationsStarted', `Started Job ${job.metadata.name} for version ${cluster.spec.version}; chat and balancer roll out once it succeeds`);
      return { mode: 'job', ready: false, failed: false, message: `Job ${job.metadata.name} is running` };
    }
    const outcome = jobOutcome(current);
    if (outcome === 'succeeded') {
      if (await firstReport(this.deps.kube, cluster, current, outcome)) {
        await this.deps.events.record(cluster, 'Normal', 'MigrationsSucceeded', `Job ${job.metadata.name} succeeded; rolling out version ${cluster.spec.version}`);
      }
      return { mode: 'job', ready: true, failed: false, message: `Job ${job.metadata.name} succeeded` };
    }
    if (outcome === 'failed') {
      const message = `migrations Job ${job.metadata.name} failed; the running version stays until it is fixed (kubectl logs job/${job.metadata.name})`;
      problems.push({ reason: 'MigrationsFailed', message });
      return { mode: 'job', ready: false, failed: true, message };
    }
    return { mode: 'job', ready: false, failed: false, message: `Job ${job.metadata.name} is running` };
  }

  /** A Deployment created without spec.replicas starts at 1; bring it within [min, max] at once. */
  private async keepReplicasInBounds(cluster: SmartchatCluster): Promise<void> {
    for (const component of enabledComponents(cluster)) {
      const name = appDeploymentName(cluster, component);
      const scale = await this.deps.kube.apps.readNamespacedDeploymentScale({ name, namespace: cluster.metadata.namespace });
      const current = scale.spec?.replicas ?? 1;
      const bounded = clamp(current, cluster.spec[component]);
      if (bounded === current) continue;
      await this.deps.kube.apps.patchNamespacedDeploymentScale({ name, namespace: cluster.metadata.namespace, body: { spec: { replicas: bounded } }, fieldManager: `${FIELD_MANAGER}-autoscaler` }, mergePatch);
      await this.deps.events.record(cluster, 'Normal', 'ScaledToBounds', `${component}: ${current} → ${bounded} pods (minReplicas ${cluster.spec[component].minReplicas}, maxReplicas ${cluster.spec[component].maxReplicas})`);
    }
  }

  private async observeApp(cluster: SmartchatCluster, component: AppRole): Promise<AppObservation> {
    let deployment: V1Deployment | undefined;
    try {
      deployment = await this.deps.kube.apps.readNamespacedDeployment({ name: appDeploymentName(cluster, component), namespace: cluster.metadata.namespace });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (!deployment) return { exists: false, desired: 0, ready: 0, updated: 0, current: false };
    return {
      exists: true,
      desired: deployment.spec?.replicas ?? 1,
      ready: deployment.status?.readyReplicas ?? 0,
      updated: deployment.status?.updatedReplicas ?? 0,
      current: (deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1),
    };
  }

  /** Deletes children that are no longer desired (a store switched to external, old migration Jobs). */
  private async prune(cluster: SmartchatCluster, desired: KubernetesObject[], monitoringServed: boolean, migrated: boolean): Promise<void> {
    const keep = new Set(desired.map((object) => `${object.kind}/${object.metadata?.name}`));
    // The generated secrets stay as long as the cluster exists: they hold credentials in use, or
    // that the data on a store's volumes still needs (a store switched to external and back).
    for (const name of [childName.appSecrets(cluster), ...storeCredentialSecrets(cluster)]) keep.add(`Secret/${name}`);
    for (const kind of CHILD_KINDS.filter((item) => item.prunable && (monitoringServed || !item.optional))) {
      // An old migration Job is removed only once the new one has succeeded.
      if (kind.kind === 'Job' && !migrated) continue;
      for (const object of await listChildren(this.deps.kube, cluster, kind)) {
        if (keep.has(`${kind.kind}/${object.metadata?.name}`)) continue;
        await deleteChild(this.deps.kube, cluster, kind, object.metadata?.name ?? '');
        this.deps.logger.info({ cluster: clusterKey(cluster), object: `${kind.kind}/${object.metadata?.name}` }, 'pruned a child that is no longer desired');
      }
    }
  }

  private async writeStatus(cluster: SmartchatCluster, observation: Observation, bootstrapAdmin: StoreStatus | undefined): Promise<boolean> {
    const previous = cluster.status ?? {};
    const conditions = computeConditions(observation, previous.conditions, new Date());
    const appStatus = (component: AppRole): AppComponentStatus => {
      const app = observation.apps[component] ?? { desired: 0, ready: 0 };
      return { replicas: app.desired, readyReplicas: app.ready, desiredReplicas: app.desired, ready: `${app.ready}/${app.desired}` };
    };
    const status: SmartchatClusterStatus = {
      observedGeneration: observation.generation,
      reason: summaryReason(conditions),
      conditions,
      chat: appStatus('chat'),
      balancer: appStatus('balancer'),
      ...(observation.apps.stats ? { stats: appStatus('stats') } : {}),
      ...(observation.apps.mail ? { mail: appStatus('mail') } : {}),
      stores: {
        ...observation.stores,
        migrations: { mode: 'job', ready: observation.migrations.ready, ...(observation.migrations.message ? { message: observation.migrations.message } : {}) },
        ...(bootstrapAdmin ? { bootstrapAdmin } : {}),
      },
    };
    await this.announceTransitions(cluster, previous, status);
    const comparable = (value: SmartchatClusterStatus) =>
      JSON.stringify({ ...value, chat: { ...value.chat, lastScale: undefined }, balancer: { ...value.balancer, lastScale: undefined }, stats: value.stats ? { ...value.stats, lastScale: undefined } : undefined });
    if (comparable(status) !== comparable(previous)) {
      // A merge patch keeps what it does not mention: stats or mail turned off must be removed (null).
      const removed = (['stats', 'mail'] as const).filter((role) => status[role] === undefined && previous[role]);
      const body = { status: { ...status, ...Object.fromEntries(removed.map((role) => [role, null])) } };
      await this.deps.kube.custom.patchNamespacedCustomObjectStatus({ group: GROUP, version: VERSION, namespace: cluster.metadata.namespace, plural: PLURAL, name: cluster.metadata.name, body }, mergePatch);
    }
    return conditions.some((condition) => condition.type === 'Available' && condition.status === 'True');
  }

  private async announceTransitions(cluster: SmartchatCluster, previous: SmartchatClusterStatus, next: SmartchatClusterStatus): Promise<void> {
    const before = (type: string) => previous.conditions?.find((condition) => condition.type === type);
    for (const condition of next.conditions ?? []) {
      const old = before(condition.type);
      if (old?.status === condition.status && old.reason === condition.reason) continue;
      if (condition.type === 'Available' && condition.status === 'True' && old?.status !== 'True') await this.deps.events.record(cluster, 'Normal', 'Available', condition.message);
      if (condition.type === 'Available' && condition.status === 'False' && old?.status === 'True') await this.deps.events.record(cluster, 'Warning', 'Unavailable', `${condition.reason}: ${condition.message}`);
      if (condition.type === 'Degraded' && condition.status === 'True') await this.deps.events.record(cluster, 'Warning', condition.reason, condition.message);
      if (condition.type === 'Degraded' && condition.status === 'False' && old?.status === 'True') await this.deps.events.record(cluster, 'Normal', 'Recovered', 'No problems found any more');
    }
  }
}
