// The operator's own metrics (prom-client, one registry per process).
import { Counter, createMetricsRegistry, Gauge, Histogram, type Registry } from '@smartchat/platform/metrics';
import { APP_COMPONENTS } from '../api/types.js';
import { METRICS } from '../autoscale/queries.js';

export function createOperatorMetrics(registry: Registry = createMetricsRegistry('operator')) {
  const registers = [registry];
  const metrics = {
    registry,
    reconciles: new Counter({ name: 'smartchat_operator_reconciles_total', help: 'Reconciles of SmartchatClusters by result (ok, requeued, error)', labelNames: ['result'] as const, registers }),
    reconcileDuration: new Histogram({ name: 'smartchat_operator_reconcile_duration_seconds', help: 'Time of one reconcile', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    errors: new Counter({ name: 'smartchat_operator_errors_total', help: 'Errors by where they happened (reconcile, informer, discovery, autoscaler, status)', labelNames: ['where'] as const, registers }),
    scalings: new Counter({ name: 'smartchat_operator_scaling_decisions_total', help: 'Replica changes made by the autoscaler, by component and direction', labelNames: ['component', 'direction'] as const, registers }),
    metricFailures: new Counter({ name: 'smartchat_operator_metric_failures_total', help: 'Autoscaling metrics that could not be read (missing, empty or failed query)', labelNames: ['metric'] as const, registers }),
    leader: new Gauge({ name: 'smartchat_operator_leader', help: '1 while this replica holds the leader lease', registers }),
    queueDepth: new Gauge({ name: 'smartchat_operator_queue_depth', help: 'Keys waiting or being reconciled', registers }),
  };
  // Every series the operations dashboard reads exists from the start at 0, so "no scaling yet"
  // reads as 0 and not as no data.
  for (const component of APP_COMPONENTS) for (const direction of ['up', 'down']) metrics.scalings.inc({ component, direction }, 0);
  for (const metric of Object.keys(METRICS)) metrics.metricFailures.inc({ metric }, 0);
  return metrics;
}
export type OperatorMetrics = ReturnType<typeof createOperatorMetrics>;
