// The Grafana objects of a cluster whose monitoring is on, for the sidecars of the Grafana Helm
// chart (and kube-prometheus-stack), which load every ConfigMap or Secret carrying their label:
//
//   dashboards   each rendered dashboard (dashboards/grafana/*.json, `make dashboards`) as a
//                ConfigMap labelled spec.monitoring.grafanaDashboards.labels (grafana_dashboard: "1"),
//                made this cluster's own: its uid and title name the cluster, and the operational
//                dashboards open on its namespace and name;
//   data source  the statistics database as the read-only role smartchat_stats_reader, in a Secret
//                (it holds the role's password) labelled spec.monitoring.grafanaDatasource.labels
//                (grafana_datasource: "1"); the business dashboard opens on it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import yaml from 'js-yaml';
import type { SmartchatCluster } from '../api/types.js';
import { childMeta, childName } from './meta.js';
import { STATS_READER_ROLE } from './migrations.js';

/** dashboards/grafana: the rendered dashboards, copied into the operator's image. */
export const RENDERED_DASHBOARDS_DIR = fileURLToPath(new URL('../../../dashboards/grafana/', import.meta.url));

/** A rendered dashboard, as the file holds it. */
export interface RenderedDashboard {
  uid: string;
  title: string;
  templating?: { list?: { name: string; type: string; current?: { text: string | string[]; value: string | string[] } }[] };
  [key: string]: unknown;
}

let loaded: ReadonlyMap<string, RenderedDashboard> | undefined;

/** Every rendered dashboard by file name, read once per process. */
export function renderedDashboards(dir = RENDERED_DASHBOARDS_DIR): ReadonlyMap<string, RenderedDashboard> {
  if (dir !== RENDERED_DASHBOARDS_DIR) return readDashboards(dir);
  loaded ??= readDashboards(dir);
  return loaded;
}

function readDashboards(dir: string): ReadonlyMap<string, RenderedDashboard> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  return new Map(files.map((file) => [file, JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as RenderedDashboard]));
}

/** The same for every object of one cluster, different between clusters (uids are global in a Grafana). */
function clusterSuffix(cluster: SmartchatCluster): string {
  return createHash('sha256').update(`${cluster.metadata.namespace}/${cluster.metadata.name}`).digest('hex').slice(0, 8);
}

/** The uid of the cluster's statistics data source. */
export function statsDatasourceUid(cluster: SmartchatCluster): string {
  return `smartchat-stats-${clusterSuffix(cluster)}`;
}

function statsDatasourceName(cluster: SmartchatCluster): string {
  return `Smartchat statistics (${cluster.metadata.namespace}/${cluster.metadata.name})`;
}

/** Whether the cluster ships its statistics data source (and the business dashboard opens on it). */
function shipsDatasource(cluster: SmartchatCluster): boolean {
  const { monitoring, stats } = cluster.spec;
  return monitoring.enabled && monitoring.grafanaDatasource.enabled && stats.enabled;
}

/** A dashboard made this cluster's own: its uid, its title, and its variables' first choice. */
export function clusterDashboard(cluster: SmartchatCluster, dashboard: RenderedDashboard): RenderedDashboard {
  const { namespace, name } = cluster.metadata;
  const preselect: Record<string, { text: string; value: string } | undefined> = {
    namespace: { text: namespace, value: namespace },
    cluster: { text: name, value: name },
    stats_db: shipsDatasource(cluster) ? { text: statsDatasourceName(cluster), value: statsDatasourceUid(cluster) } : undefined,
  };
  const list = (dashboard.templating?.list ?? []).map((variable) => {
    const current = preselect[variable.name];
    return current ? { ...variable, current } : variable;
  });
  return { ...dashboard, uid: `${dashboard.uid}-${clusterSuffix(cluster)}`, title: `${dashboard.title} · ${namespace}/${name}`, templating: { ...dashboard.templating, list } };
}

/** Dashboards of the statistics (its database, its pods): shipped only with stats on. */
const NEEDS_STATS = new Set(['statistics.json', 'stats-pipeline.json']);

type Typed<T> = T & { apiVersion: string; kind: string; metadata: { name: string } };

/** One ConfigMap per dashboard, for the dashboard sidecar; none unless monitoring and dashboards are on. */
export function dashboardConfigMaps(cluster: SmartchatCluster, dashboards: ReadonlyMap<string, RenderedDashboard>): Typed<V1ConfigMap>[] {
  const { monitoring } = cluster.spec;
  if (!monitoring.enabled || !monitoring.grafanaDashboards.enabled) return [];
  return [...dashboards]
    .filter(([file]) => cluster.spec.stats.enabled || !NEEDS_STATS.has(file))
    .map(([file, dashboard]) => {
      const meta = childMeta(cluster, 'monitoring', childName.dashboard(cluster, file));
      return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { ...meta, labels: { ...meta.labels, ...monitoring.grafanaDashboards.labels } },
        // The sidecar writes each key as a file into Grafana's dashboards folder: one name per cluster.
        data: { [`${cluster.metadata.name}-${cluster.metadata.namespace}-${file}`]: JSON.stringify(clusterDashboard(cluster, dashboard)) },
      };
    });
}

const GRAFANA_SSL_MODES = new Set(['disable', 'require', 'verify-ca', 'verify-full']);

/**
 * The statistics database as a Grafana data source (provisioning file format), in a Secret for the
 * data source sidecar; none unless monitoring, the data source and stats are on.
 */
export function statsDatasourceSecret(cluster: SmartchatCluster, stats: { url: string; readerPassword: string }): Typed<V1Secret>[] {
  if (!shipsDatasource(cluster)) return [];
  const url = new URL(stats.url);
  const sslmode = url.searchParams.get('sslmode') ?? 'disable';
  const datasource = {
    apiVersion: 1,
    datasources: [
      {
        name: statsDatasourceName(cluster),
        uid: statsDatasourceUid(cluster),
        type: 'grafana-postgresql-datasource',
        access: 'proxy',
        url: `${url.hostname}:${url.port || '5432'}`,
        user: STATS_READER_ROLE,
        editable: false,
        jsonData: { database: decodeURIComponent(url.pathname.replace(/^\//, '')), sslmode: GRAFANA_SSL_MODES.has(sslmode) ? sslmode : 'require', postgresVersion: 1500, timescaledb: false },
        secureJsonData: { password: stats.readerPassword },
      },
    ],
  };
  const meta = childMeta(cluster, 'monitoring', childName.grafanaDatasource(cluster));
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { ...meta, labels: { ...meta.labels, ...cluster.spec.monitoring.grafanaDatasource.labels } },
      stringData: { [`smartchat-stats-${cluster.metadata.namespace}-${cluster.metadata.name}.yaml`]: yaml.dump(datasource, { lineWidth: -1 }) },
    },
  ];
}
