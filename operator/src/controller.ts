// The controller: informers on SmartchatClusters and on every kind of child the operator creates
// (selected by the managed-by label), a work queue keyed by cluster, and a periodic resync. A
// change to a child (deleted, edited by hand, a pod became ready) enqueues its cluster, whose
// reconcile restores the child and updates the status.
import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@smartchat/platform';
import { GROUP, PLURAL, VERSION, type SmartchatCluster } from './api/types.js';
import { LABEL_CLUSTER, MANAGED_BY } from './desired/meta.js';
import { CHILD_KINDS, clusterKey } from './reconcile/children.js';
import { ClusterReconciler } from './reconcile/reconciler.js';
import type { EventRecorder } from './reconcile/events.js';
import type { Problem } from './reconcile/inputs.js';
import { startInformer, type RestartingInformer, type WatchedKind } from './runtime/informers.js';
import type { KubeClients } from './runtime/kube.js';
import type { OperatorMetrics } from './runtime/metrics.js';
import { WorkQueue } from './runtime/work-queue.js';

export interface ControllerOptions {
  kube: KubeClients;
  events: EventRecorder;
  metrics: OperatorMetrics;
  logger: Logger;
  namespaces: string[];
  resyncSeconds: number;
  concurrency: number;
  autoscalerProblems: (key: string) => Problem[];
}

export class Controller {
  readonly queue: WorkQueue;
  private readonly reconciler: ClusterReconciler;
  private readonly informers: RestartingInformer<KubernetesObject>[] = [];
  private clusterInformers: RestartingInformer<SmartchatCluster>[] = [];
  private resync: NodeJS.Timeout | undefined;

  constructor(private readonly options: ControllerOptions) {
    this.reconciler = new ClusterReconciler({ kube: options.kube, events: options.events, logger: options.logger, autoscalerProblems: options.autoscalerProblems });
    this.queue = new WorkQueue((key) => this.reconcileKey(key), {
      concurrency: options.concurrency,
      backoffBaseMs: 500,
      backoffMaxMs: 60_000,
      onError: (key, error, retryInMs) => {
        options.metrics.errors.inc({ where: 'reconcile' });
        options.logger.error({ err: error, cluster: key, retryInMs }, 'reconcile failed; retrying with backoff');
      },
    });
  }

  /** The SmartchatClusters in the informers' caches. */
  clusters(): SmartchatCluster[] {
    return this.clusterInformers.flatMap((informer) => informer.cache.list());
  }

  async start(): Promise<void> {
    const { kube, logger } = this.options;
    const scopes: (string | undefined)[] = this.options.namespaces.length > 0 ? this.options.namespaces : [undefined];
    for (const namespace of scopes) {
      const clusters = startInformer<SmartchatCluster>(kube.config, this.clusterKind(namespace), {
        onEvent: (cluster) => this.queue.add(clusterKey(cluster)),
        onError: (error, retryInMs) => this.informerError('smartchatclusters', error, retryInMs),
      }, logger);
      this.clusterInformers.push(clusters);
      for (const kind of this.childKinds(namespace)) {
        this.informers.push(startInformer(kube.config, kind, {
          onEvent: (child) => {
            const owner = child.metadata?.labels?.[LABEL_CLUSTER];
            if (owner && child.metadata?.namespace) this.queue.add(`${child.metadata.namespace}/${owner}`);
          },
          onError: (error, retryInMs) => this.informerError(kind.name, error, retryInMs),
        }, logger));
      }
    }
    await Promise.all(this.clusterInformers.map((informer) => informer.synced));
    // Level-triggered: every cluster is reconciled again each resync period, events or not.
    this.resync = setInterval(() => {
      for (const cluster of this.clusters()) this.queue.add(clusterKey(cluster));
    }, this.options.resyncSeconds * 1000);
    this.resync.unref();
    logger.info({ namespaces: this.options.namespaces.length > 0 ? this.options.namespaces : 'all' }, 'controller started');
  }

  /** All caches filled (readiness of the leader). */
  async synced(): Promise<void> {
    await Promise.all([...this.clusterInformers, ...this.informers].map((informer) => informer.synced));
  }

  async stop(): Promise<void> {
    if (this.resync) clearInterval(this.resync);
    await this.queue.shutDown();
    await Promise.all([...this.clusterInformers, ...this.informers].map((informer) => informer.stop()));
    this.clusterInformers = [];
    this.informers.length = 0;
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
      metrics.queueDepth.set(this.queue.length);
    }
  }

  private informerError(name: string, error: unknown, retryInMs: number): void {
    this.options.metrics.errors.inc({ where: 'informer' });
    this.options.logger.warn({ err: error, informer: name, retryInMs }, 'watch failed; restarting the informer with backoff');
  }

  private clusterKind(namespace: string | undefined): WatchedKind<SmartchatCluster> {
    const { custom } = this.options.kube;
    const base = `/apis/${GROUP}/${VERSION}`;
    return namespace
      ? { name: 'smartchatclusters', path: `${base}/namespaces/${namespace}/${PLURAL}`, list: async () => (await custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural: PLURAL })) as KubernetesListObject<SmartchatCluster> }
      : { name: 'smartchatclusters', path: `${base}/${PLURAL}`, list: async () => (await custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL })) as KubernetesListObject<SmartchatCluster> };
  }

  private childKinds(namespace: string | undefined): WatchedKind<KubernetesObject>[] {
    const labelSelector = `app.kubernetes.io/managed-by=${MANAGED_BY}`;
    const { objects } = this.options.kube;
    return CHILD_KINDS.filter((kind) => !kind.optional).map(({ apiVersion, kind, plural }) => {
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
