// Every Smartchat dashboard, by the file `make dashboards` renders it to (dashboards/grafana/).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { operationsDashboard } from './operations/dashboard.js';
import { statsPipelineDashboard } from './operations/stats-pipeline.js';
import { statisticsDashboard } from './statistics/dashboard.js';

/** Where the rendered dashboards are kept (and where the operator reads them from). */
export const RENDERED_DIR = join(dirname(fileURLToPath(import.meta.url)), '../grafana');

export const DASHBOARDS: Readonly<Record<string, () => Dashboard>> = {
  'statistics.json': statisticsDashboard,
  'operations.json': operationsDashboard,
  'stats-pipeline.json': statsPipelineDashboard,
};

/**
 * A dashboard as the file holds it: every panel numbered in order (the builder leaves ids to
 * Grafana, but links to a panel need a stable one), stable JSON in the builder's key order.
 */
export function renderDashboard(dashboard: Dashboard): string {
  (dashboard.panels ?? []).forEach((panel, index) => {
    panel.id = index + 1;
  });
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

export function renderAll(): Map<string, string> {
  return new Map(Object.entries(DASHBOARDS).map(([file, build]) => [file, renderDashboard(build())]));
}
