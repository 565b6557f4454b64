// What the operational dashboards share: the series selector of one Smartchat cluster, the
// variables that choose it, and Prometheus query targets.
//
// In Kubernetes every series of a cluster carries namespace and smartchat_cluster (the
// ServiceMonitor the operator creates adds them; see operator/src/desired/monitoring.ts); locally
// (make dev) processes have neither, and "All" (.*) matches an absent label too, so the same
// queries serve both. A process's `service` label is its Kubernetes Service (<cluster>-chat) or,
// locally, its role (chat): `(.+-)?chat` matches both.
import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { prometheusDatasource, prometheusDatasourceVariable } from '../grafana/datasources.js';

/** The label matchers of the chosen cluster (inside {...}). */
export const CLUSTER = 'namespace=~"$namespace", smartchat_cluster=~"$cluster"';

/** The matchers of one role's processes of the chosen cluster. */
export function role(name: 'chat' | 'balancer' | 'stats'): string {
  return `${CLUSTER}, service=~"(.+-)?${name}"`;
}

/** A query target: refId in order, the legend from labels ({{kind}}). */
export function prom(refId: string, expr: string, legend: string): DataqueryBuilder {
  return new DataqueryBuilder().refId(refId).datasource(prometheusDatasource).expr(expr).legendFormat(legend).range();
}

/** p-quantile of a histogram over the chosen cluster, by `by` labels (le always). */
export function quantile(q: number, histogram: string, selector: string, by: string[] = []): string {
  return `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${histogram}_bucket{${selector}}[$__rate_interval])))`;
}

const all = { text: 'All', value: '$__all' };

export function clusterVariables() {
  const labelVariable = (name: string, label: string, query: string) =>
    new QueryVariableBuilder(name)
      .label(label)
      .datasource(prometheusDatasource)
      .query(query)
      .refresh(VariableRefresh.OnTimeRangeChanged)
      .sort(VariableSort.AlphabeticalAsc)
      .includeAll(true)
      .allValue('.*')
      .current(all);
  return [
    prometheusDatasourceVariable(),
    labelVariable('namespace', 'Namespace', 'label_values(smartchat_messages_accepted_total, namespace)'),
    labelVariable('cluster', 'Cluster', 'label_values(smartchat_messages_accepted_total{namespace=~"$namespace"}, smartchat_cluster)'),
  ];
}
