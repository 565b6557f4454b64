// The autoscaler: for every SmartchatCluster the leader knows, each component's interval it reads
// the component's metrics from Prometheus, decides a pod count with the HPA's algorithm (hpa.ts)
// and writes it through the Deployment's scale subresource. It keeps each component's recent
// recommendations and changes in memory (stabilisation windows and rate limits; a new leader
// starts with empty windows, which can only make it slower to scale down, never faster).
// Metrics it cannot read become problems that the reconciler reports in the Degraded condition.
import type { Logger } from '@smartchat/platform/logger';
import { APP_COMPONENTS, enabledComponents, FIELD_MANAGER, GROUP, PLURAL, VERSION, type AppComponent, type ScaleDecision, type SmartchatCluster } from '../api/types.js';
import { appDeploymentName } from '../desired/app.js';
import type { EventRecorder } from '../reconcile/events.js';
import type { Problem } from '../reconcile/inputs.js';
import { clusterKey } from '../reconcile/children.js';
import { isNotFound, mergePatch, type KubeClients } from '../runtime/kube.js';
import type { OperatorMetrics } from '../runtime/metrics.js';
import { decideReplicas, type MetricSample, type Recommendation, type ScaleEvent } from './hpa.js';
import { queryScalar } from './prometheus.js';
import { targetsOf } from './queries.js';

interface ComponentState {
  nextRunAt: number;
  history: Recommendation[];
  events: ScaleEvent[];
  problems: Problem[];
}

export interface AutoscalerDependencies {
  kube: KubeClients;
  events: EventRecorder;
  metrics: OperatorMetrics;
  logger: Logger;
  /** The clusters to scale (the informer's cache). */
  clusters: () => SmartchatCluster[];
  /** Called when a cluster's autoscaling problems change, so its conditions are recomputed. */
  onProblemsChanged: (key: string) => void;
  tickMs?: number;
}

export class Autoscaler {
  private readonly states = new Map<string, ComponentState>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: AutoscalerDependencies) {}

  start(): void {
    const tick = () => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (this.timer) this.timer = setTimeout(tick, this.deps.tickMs ?? 1000);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.states.clear();
  }

  problemsFor(key: string): Problem[] {
    return APP_COMPONENTS.flatMap((component) => this.states.get(`${key}/${component}`)?.problems ?? []);
  }

  private async tick(): Promise<void> {
    const live = new Set<string>();
    for (const cluster of this.deps.clusters()) {
      if (cluster.metadata.deletionTimestamp) continue;
      for (const component of enabledComponents(cluster)) {
        const stateKey = `${clusterKey(cluster)}/${component}`;
        live.add(stateKey);
        const state = this.states.get(stateKey) ?? { nextRunAt: 0, history: [], events: [], problems: [] };
        this.states.set(stateKey, state);
        if (Date.now() < state.nextRunAt) continue;
        state.nextRunAt = Date.now() + cluster.spec[component].autoscaling.intervalSeconds * 1000;
        try {
          await this.evaluate(cluster, component, state);
        } catch (error) {
          this.deps.metrics.errors.inc({ where: 'autoscaler' });
          this.deps.logger.error({ err: error, cluster: clusterKey(cluster), component }, 'autoscaling step failed');
        }
      }
    }
    for (const key of this.states.keys()) if (!live.has(key)) this.states.delete(key);
  }

  private async evaluate(cluster: SmartchatCluster, component: AppComponent, state: ComponentState): Promise<void> {
    const spec = cluster.spec[component];
    const targets = targetsOf(cluster, component);
    const url = cluster.spec.prometheus.url;
    if (!spec.autoscaling.enabled || targets.length === 0 || !url) return this.setProblems(cluster, state, []);

    const namespace = cluster.metadata.namespace;
    const name = appDeploymentName(cluster, component);
    let current: number;
    try {
      current = (await this.deps.kube.apps.readNamespacedDeploymentScale({ name, namespace })).spec?.replicas ?? 0;
    } catch (error) {
      if (isNotFound(error)) return; // not rolled out yet (migrations gate it)
      throw error;
    }

    const problems: Problem[] = [];
    const samples: MetricSample[] = [];
    for (const target of targets) {
      const outcome = await queryScalar(url, target.query);
      if (!outcome.ok) {
        problems.push({ reason: outcome.unreachable ? 'PrometheusUnreachable' : 'MetricQueryFailed', message: `${component} ${target.name}: ${outcome.error}; holding the pod count` });
      } else if (outcome.value === undefined) {
        problems.push({ reason: 'MetricMissing', message: `${component} ${target.name}: no data for ${target.query}; holding the pod count` });
      }
      if (!outcome.ok || outcome.value === undefined) this.deps.metrics.metricFailures.inc({ metric: target.name });
      samples.push({ name: target.name, kind: target.kind, target: target.target, value: outcome.ok ? outcome.value : undefined });
    }

    const now = Date.now();
    const outcome = decideReplicas({ now, current, samples, tolerance: spec.autoscaling.tolerance, bounds: spec, behavior: spec.autoscaling.behavior, history: state.history, events: state.events });
    state.history = outcome.history;
    state.events = state.events.filter((event) => now - event.time < 1800_000);
    if (outcome.replicas !== current) {
      await this.deps.kube.apps.patchNamespacedDeploymentScale({ name, namespace, body: { spec: { replicas: outcome.replicas } }, fieldManager: `${FIELD_MANAGER}-autoscaler` }, mergePatch);
      state.events.push({ time: now, change: outcome.replicas - current });
      const decision: ScaleDecision = { time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'), from: current, to: outcome.replicas, reason: outcome.reason, metrics: outcome.readings };
      this.deps.metrics.scalings.inc({ component, direction: outcome.replicas > current ? 'up' : 'down' });
      const readings = outcome.readings.map((reading) => `${reading.name}=${round(reading.value)} (target ${reading.target} → ${reading.desiredReplicas})`).join(', ');
      await this.deps.events.record(cluster, 'Normal', 'Scaled', `${component}: ${current} → ${outcome.replicas} pods (${outcome.reason}; ${readings || 'no metrics'})`);
      await this.deps.kube.custom.patchNamespacedCustomObjectStatus(
        { group: GROUP, version: VERSION, namespace, plural: PLURAL, name: cluster.metadata.name, body: { status: { [component]: { lastScale: decision } } } },
        mergePatch,
      );
    }
    this.setProblems(cluster, state, problems);
  }

  private setProblems(cluster: SmartchatCluster, state: ComponentState, problems: Problem[]): void {
    const changed = JSON.stringify(problems) !== JSON.stringify(state.problems);
    state.problems = problems;
    if (changed) this.deps.onProblemsChanged(clusterKey(cluster));
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
