// The controller: informers on SmartchatClusters, on every kind of child the operator creates
// (selected by the managed-by label) and on every Secret (metadata only), a work queue keyed by
// cluster, and a periodic resync. A change to a child (deleted, edited by hand, a pod became ready)
// enqueues its cluster, whose reconcile restores the child and updates the status; a change to a
// Secret enqueues every cluster that reads it (a ReferenceIndex kept from the clusters' events) and
// the cluster that owns it. The Prometheus Operator's kinds are watched while discovery says they
// are served; when that changes, every cluster is reconciled.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform/logger';
import { GROUP, PLURAL, VERSION, type SmartchatCluster } from './api/types.js';
import { LABEL_CLUSTER, MANAGED_BY } from './desired/meta.js';
import { MONITORING_API } from './desired/monitoring.js';
import { CHILD_KINDS, clusterKey, type ChildKind } from './reconcile/children.js';
import { ClusterReconciler } from './reconcile/reconciler.js';
import type { EventRecorder } from './reconcile/events.js';
import type { Problem } from './reconcile/inputs.js';
import { referencedObjects } from './reconcile/references.js';
import { metadataListOptions, startInformer, type InformerVerb, type RestartingInformer, type WatchedKind } from './runtime/informers.js';
import { isNotFound, type KubeClients } from './runtime/kube.js';
import type { OperatorMetrics } from './runtime/metrics.js';
import { ReferenceIndex } from './runtime/reference-index.js';
import { ServedApiWatch } from './runtime/served-api.js';
import { WorkQueue } from './runtime/work-queue.js';

/** How often discovery is asked whether monitoring.coreos.com/v1 is served. */
const MONITORING_DISCOVERY_MS = 5000;

export interface ControllerOptions {
  kube: KubeClients;
  events: EventRecorder;
  metrics: OperatorMetrics;
  logger: Logger;
  namespaces: string[];
  resyncSeconds: number;
  concurrency: number;
  autoscalerProblems: (key: string) => Problem[];
  /** How often discovery is polled for the Prometheus Operator's API (default 5 s). */
  monitoringDiscoveryMs?: number;
}

export class Controller {
  readonly queue: WorkQueue;
  /** Which clusters read which Secrets (set from the cluster informer's events). */
  private readonly references = new ReferenceIndex();
  private readonly reconciler: ClusterReconciler;
  private readonly monitoringApi: ServedApiWatch;
  private readonly informers: RestartingInformer<KubernetesObject>[] = [];
  /** The informers of the Prometheus Operator's kinds, running while that API is served. */
  private monitoringInformers: RestartingInformer<KubernetesObject>[] = [];
  private clusterInformers: RestartingInformer<SmartchatCluster>[] = [];
  private resync: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: ControllerOptions) {
    this.monitoringApi = new ServedApiWatch({
      name: MONITORING_API,
      probe: () => this.monitoringServedNow(),
      intervalMs: options.monitoringDiscoveryMs ?? MONITORING_DISCOVERY_MS,
      onChange: (served) => this.monitoringChanged(served),
      onError: (error) => {
        options.metrics.errors.inc({ where: 'discovery' });
        options.logger.warn({ err: error, api: MONITORING_API }, 'discovery failed; keeping the last answer');
      },
    }, options.logger);
    this.reconciler = new ClusterReconciler({
      kube: options.kube, events: options.events, logger: options.logger, autoscalerProblems: options.autoscalerProblems,
      monitoringServed: async () => this.monitoringApi.served ?? (await this.monitoringApi.refresh()) ?? false,
    });
    this.queue = new WorkQueue((key) => this.reconcileKey(key), {
      concurrency: options.concurrency,
      backoffBaseMs: 500,
      backoffMaxMs: 60_000,
      onError: (key, error, retryInMs) => {
        options.metrics.errors.inc({ where: 'reconcile' });
        options.logger.error({ err: error, cluster: key, retryInMs }, 'reconcile failed; retrying with backoff');
      },
      onLengthChanged: (length) => options.metrics.queueDepth.set(length),
    });
  }

  /** The SmartchatClusters in the informers' caches. */
  clusters(): SmartchatCluster[] {
    return this.clusterInformers.flatMap((informer) => informer.cache.list());
  }

  async start(): Promise<void> {
    const { kube, logger } = this.options;
    this.running = true;
    for (const namespace of this.scopes()) {
      const clusters = startInformer<SmartchatCluster>(kube.config, this.clusterKind(namespace), {
        onEvent: (cluster, verb) => this.clusterChanged(cluster, verb),
        onError: (error, retryInMs) => this.informerError('smartchatclusters', error, retryInMs),
      }, logger);
      this.clusterInformers.push(clusters);
      for (const kind of this.childKinds(namespace, CHILD_KINDS.filter((item) => !item.optional && item.kind !== 'Secret'))) {
        this.informers.push(startInformer(kube.config, kind, {
          onEvent: (child) => this.enqueueOwner(child),
          onError: (error, retryInMs) => this.informerError(kind.name, error, retryInMs),
        }, logger));
      }
      // Every Secret, not only the labelled children: clusters read Secrets they do not own.
      this.informers.push(startInformer(kube.config, this.secretKind(namespace), {
        onEvent: (secret, verb) => this.secretChanged(secret, verb),
        onError: (error, retryInMs) => this.informerError('secrets', error, retryInMs),
      }, logger));
    }
    await Promise.all(this.clusterInformers.map((informer) => informer.synced));
    await this.monitoringApi.start();
    // Level-triggered: every cluster is reconciled again each resync period, events or not.
    this.resync = setInterval(() => {
      for (const cluster of this.clusters()) this.queue.add(clusterKey(cluster));
    }, this.options.resyncSeconds * 1000);
    this.resync.unref();
    logger.info({ namespaces: this.options.namespaces.length > 0 ? this.options.namespaces : 'all', monitoringServed: this.monitoringApi.served }, 'controller started');
  }

  /** All caches filled (readiness of the leader). */
  async synced(): Promise<void> {
    await Promise.all([...this.clusterInformers, ...this.informers, ...this.monitoringInformers].map((informer) => informer.synced));
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.resync) clearInterval(this.resync);
    this.monitoringApi.stop();
    await this.queue.shutDown();
    await Promise.all([...this.clusterInformers, ...this.informers, ...this.monitoringInformers].map((informer) => informer.stop()));
    this.clusterInformers = [];
    this.monitoringInformers = [];
    this.informers.length = 0;
  }

  /** ADD and UPDATE index what the spec references now (it may name other Secrets); DELETE drops it. */
  private clusterChanged(cluster: SmartchatCluster, verb: InformerVerb): void {
    const key = clusterKey(cluster);
    if (verb === 'delete') this.references.remove(key);
    else this.references.set(key, cluster.metadata.namespace, referencedObjects(cluster));
    this.queue.add(key);
  }

  /** A Secret appeared (ADD), changed (UPDATE) or went (DELETE): every cluster that reads it, and its owner. */
  private secretChanged(secret: KubernetesObject, verb: InformerVerb): void {
    const namespace = secret.metadata?.namespace ?? '';
    const name = secret.metadata?.name ?? '';
    const readers = this.references.clustersReferencing('Secret', namespace, name);
    for (const key of readers) this.queue.add(key);
    const owner = this.enqueueOwner(secret);
    if (readers.length > 0) this.options.logger.debug({ secret: `${namespace}/${name}`, verb, clusters: readers, owner }, 'a referenced Secret changed; reconciling the clusters that read it');
  }

  /** Enqueues the cluster a labelled child belongs to; returns its key. */
  private enqueueOwner(child: KubernetesObject): string | undefined {
    const labels = child.metadata?.labels;
    const owner = labels?.[LABEL_CLUSTER];
    if (!owner || labels?.['app.kubernetes.io/managed-by'] !== MANAGED_BY || !child.metadata?.namespace) return undefined;
    const key = `${child.metadata.namespace}/${owner}`;
    this.queue.add(key);
    return key;
  }

  /** The Prometheus Operator's API appeared or went: watch its kinds (or stop), and reconcile every cluster. */
  private monitoringChanged(served: boolean): void {
    if (!this.running) return;
    const { kube, logger } = this.options;
    const stopping = this.monitoringInformers.splice(0);
    void Promise.all(stopping.map((informer) => informer.stop()));
    if (served) {
      for (const namespace of this.scopes()) {
        for (const kind of this.childKinds(namespace, CHILD_KINDS.filter((item) => item.optional))) {
          this.monitoringInformers.push(startInformer(kube.config, kind, {
            onEvent: (child) => this.enqueueOwner(child),
            onError: (error, retryInMs) => this.informerError(kind.name, error, retryInMs),
          }, logger));
        }
      }
    }
    for (const cluster of this.clusters()) this.queue.add(clusterKey(cluster));
  }

  private async monitoringServedNow(): Promise<boolean> {
    const [group, version] = MONITORING_API.split('/') as [string, string];
    try {
      const resources = await this.options.kube.custom.getAPIResources({ group, version });
      const names = new Set(resources.resources.map((resource) => resource.name));
      return CHILD_KINDS.filter((kind) => kind.optional).every((kind) => names.has(kind.plural));
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async reconcileKey(key: string): Promise<void> {
    const { metrics } = this.options;
    const stopTimer = metrics.reconcileDuration.startTimer();
    try {
      const result = await this.reconciler.reconcile(key);
      metrics.reconciles.inc({ result: result.requeueAfterMs ? 'requeued' : 'ok' });
      if (result.requeueAfterMs) this.queue.addAfter(key, result.requeueAfterMs);
      else this.queue.forget(key);
    } catch (error) {
      metrics.reconciles.inc({ result: 'error' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  private informerError(name: string, error: unknown, retryInMs: number): void {
    this.options.metrics.errors.inc({ where: 'informer' });
    this.options.logger.warn({ err: error, informer: name, retryInMs }, 'watch failed; restarting the informer with backoff');
  }

  /** The namespaces watched; undefined stands for all of them. */
  private scopes(): (string | undefined)[] {
    return this.options.namespaces.length > 0 ? this.options.namespaces : [undefined];
  }

  private clusterKind(namespace: string | undefined): WatchedKind<SmartchatCluster> {
    const { custom } = this.options.kube;
    const base = `/apis/${GROUP}/${VERSION}`;
    return namespace
      ? { name: 'smartchatclusters', path: `${base}/namespaces/${namespace}/${PLURAL}`, list: async () => (await custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL })) as KubernetesListObject<SmartchatCluster> }
      : { name: 'smartchatclusters', path: `${base}/${PLURAL}`, list: async () => (await custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })) as KubernetesListObject<SmartchatCluster> };
  }

  /** Every Secret of the scope, metadata only: the operator learns that one changed, never its values. */
  private secretKind(namespace: string | undefined): WatchedKind<KubernetesObject> {
    const { core } = this.options.kube;
    return {
      name: 'secrets',
      path: namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets',
      metadataOnly: true,
      list: async () => (namespace ? core.listNamespacedSecret({ namespace }, metadataListOptions) : core.listSecretForAllNamespaces({}, metadataListOptions)) as Promise<KubernetesListObject<KubernetesObject>>,
    };
  }

  private childKinds(namespace: string | undefined, kinds: readonly ChildKind[]): WatchedKind<KubernetesObject>[] {
    const labelSelector = `app.kubernetes.io/managed-by=${MANAGED_BY}`;
    const { objects } = this.options.kube;
    return kinds.map(({ apiVersion, kind, plural }) => {
      const prefix = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
      return {
        name: plural,
        path: namespace ? `${prefix}/namespaces/${namespace}/${plural}` : `${prefix}/${plural}`,
        labelSelector,
        list: () => objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector),
      };
    });
  }
}
