// The Grafana objects the operator ships with monitoring on: every rendered dashboard
// (dashboards/grafana, `make dashboards`) as a ConfigMap for the dashboard sidecar, made the
// cluster's own, and the statistics database as a data source for the data source sidecar.
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { dashboardConfigMaps, renderedDashboards, statsDatasourceSecret, statsDatasourceUid, type RenderedDashboard } from '../src/desired/grafana.js';
import { clusterFixture } from './fixtures.js';

const rendered = renderedDashboards();
const STATS = { url: 'postgres://smartchat:s3cret@pg.shop.svc:5432/smartchat_stats', readerPassword: 'reader-Pa55word-0123456789' };
const dashboardsIn = (configMap: { data?: Record<string, string> }) => Object.values(configMap.data ?? {}).map((json) => JSON.parse(json) as RenderedDashboard);
const current = (dashboard: RenderedDashboard, name: string) => dashboard.templating?.list?.find((variable) => variable.name === name)?.current;

describe('the dashboards as ConfigMaps for the Grafana sidecar', () => {
  const configMaps = dashboardConfigMaps(clusterFixture(), rendered);

  it('one per rendered dashboard, labelled grafana_dashboard: "1" and owned by the cluster', () => {
    expect(rendered.size).toBeGreaterThanOrEqual(3);
    expect(configMaps.map((item) => item.metadata.name)).toEqual([...rendered.keys()].map((file) => `desk-dashboard-${file.replace(/\.json$/, '')}`));
    for (const item of configMaps) {
      expect(item.metadata.labels).toMatchObject({ grafana_dashboard: '1', 'smartchat.io/cluster': 'desk' });
      expect(item.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'SmartchatCluster', name: 'desk' });
      // A ConfigMap holds at most 1 MiB.
      expect(JSON.stringify(item.data).length).toBeLessThan(1_000_000);
    }
  });

  it('each holds the rendered dashboard, made the cluster\'s own: uid, title and first choices only', () => {
    for (const [index, [file, original]] of [...rendered].entries()) {
      const [shipped] = dashboardsIn(configMaps[index]!);
      expect(Object.keys(configMaps[index]!.data!)).toEqual([`desk-shop-${file}`]);
      expect(shipped!.uid).toMatch(new RegExp(`^${original.uid}-[0-9a-f]{8}$`));
      expect(shipped!.uid.length).toBeLessThanOrEqual(40);
      expect(shipped!.title).toBe(`${original.title} · shop/desk`);
      const strip = (dashboard: RenderedDashboard) => ({ ...dashboard, uid: '', title: '', templating: (dashboard.templating?.list ?? []).map(({ current: _current, ...variable }) => variable) });
      expect(strip(shipped!)).toEqual(strip(original));
    }
  });

  it('the operational dashboards open on this cluster; the business one on its statistics data source', () => {
    const [statistics, operations] = ['statistics.json', 'operations.json'].map((file) => dashboardsIn(configMaps.find((item) => item.metadata.name === `desk-dashboard-${file.replace('.json', '')}`)!)[0]!);
    expect(current(operations!, 'namespace')).toEqual({ text: 'shop', value: 'shop' });
    expect(current(operations!, 'cluster')).toEqual({ text: 'desk', value: 'desk' });
    expect(current(statistics!, 'stats_db')).toEqual({ text: 'Smartchat statistics (shop/desk)', value: statsDatasourceUid(clusterFixture()) });
  });

  it('two clusters, even of the same name in other namespaces, get different uids (one Grafana can hold both)', () => {
    const uids = (namespace: string, name: string) => dashboardConfigMaps(clusterFixture({ metadata: { namespace, name } }), rendered).flatMap((item) => dashboardsIn(item).map((dashboard) => dashboard.uid));
    const all = [...uids('shop', 'desk'), ...uids('staging', 'desk'), ...uids('shop', 'help')];
    expect(new Set(all).size).toBe(all.length);
  });

  it('the labels are the spec\'s, for a sidecar configured otherwise', () => {
    const custom = dashboardConfigMaps(clusterFixture({ spec: { monitoring: { grafanaDashboards: { labels: { 'grafana.example/dashboard': 'smartchat' } } } } }), rendered);
    for (const item of custom) expect(item.metadata.labels).toMatchObject({ 'grafana.example/dashboard': 'smartchat', grafana_dashboard: '1' });
  });

  it.each([
    ['monitoring off', { monitoring: { enabled: false } }, []],
    ['dashboards off', { monitoring: { grafanaDashboards: { enabled: false } } }, []],
    ['stats off: only the operations dashboard (the statistics ones have nothing to show)', { stats: { enabled: false } }, ['desk-dashboard-operations']],
  ] as const)('%s', (_description, spec, names) => {
    expect(dashboardConfigMaps(clusterFixture({ spec }), rendered).map((item) => item.metadata.name)).toEqual(names);
  });
});

describe('the statistics data source for the Grafana sidecar', () => {
  it('is the statistics database as the read-only role, with the password in a Secret labelled grafana_datasource: "1"', () => {
    const [secret] = statsDatasourceSecret(clusterFixture(), STATS);
    expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'desk-grafana-datasource', labels: { grafana_datasource: '1' } } });
    const [key, file] = Object.entries(secret!.stringData!)[0]!;
    expect(key).toBe('smartchat-stats-shop-desk.yaml');
    expect(yaml.load(file)).toEqual({
      apiVersion: 1,
      datasources: [
        {
          name: 'Smartchat statistics (shop/desk)',
          uid: statsDatasourceUid(clusterFixture()),
          type: 'grafana-postgresql-datasource',
          access: 'proxy',
          url: 'pg.shop.svc:5432',
          user: 'smartchat_stats_reader',
          editable: false,
          jsonData: { database: 'smartchat_stats', sslmode: 'disable', postgresVersion: 1500, timescaledb: false },
          secureJsonData: { password: STATS.readerPassword },
        },
      ],
    });
    // Never the owner's credentials.
    expect(file).not.toContain('s3cret');
  });

  it('keeps the database\'s TLS mode', () => {
    const [secret] = statsDatasourceSecret(clusterFixture(), { ...STATS, url: 'postgres://u:p@db.example/stats?sslmode=verify-full' });
    expect(Object.values(secret!.stringData!)[0]).toContain('sslmode: verify-full');
    expect(Object.values(secret!.stringData!)[0]).toContain('url: db.example:5432');
  });

  it.each([
    ['monitoring off', { monitoring: { enabled: false } }],
    ['the data source off', { monitoring: { grafanaDatasource: { enabled: false } } }],
    ['stats off', { stats: { enabled: false } }],
  ] as const)('%s: none', (_description, spec) => {
    expect(statsDatasourceSecret(clusterFixture({ spec }), STATS)).toEqual([]);
  });

  it('without it, the business dashboard leaves the choice of data source to Grafana (the first PostgreSQL one)', () => {
    const configMaps = dashboardConfigMaps(clusterFixture({ spec: { monitoring: { grafanaDatasource: { enabled: false } } } }), rendered);
    const statistics = dashboardsIn(configMaps.find((item) => item.metadata.name === 'desk-dashboard-statistics')!)[0]!;
    expect(current(statistics, 'stats_db')).toBeUndefined();
  });
});
