// Reading panels and their queries out of a rendered dashboard, as Grafana would find them.
import type { VariableDefinition } from '../../src/expand/variables.js';

export interface RenderedTarget {
  refId: string;
  datasource?: { type?: string; uid?: string };
  rawSql?: string;
  format?: string;
  expr?: string;
}
export interface RenderedPanel {
  id: number;
  type: string;
  title: string;
  targets?: RenderedTarget[];
}
export interface RenderedDashboard {
  uid?: string;
  panels?: unknown[];
  templating?: { list?: (VariableDefinition & { query?: unknown; datasource?: { uid?: string } })[] };
}

/** Every panel with queries (rows are layout only). */
export function panelsOf(dashboard: RenderedDashboard | { panels: unknown[] }): RenderedPanel[] {
  return ((dashboard.panels ?? []) as RenderedPanel[]).filter((panel) => panel.type !== 'row');
}

export function targetsOf(panel: RenderedPanel): RenderedTarget[] {
  return panel.targets ?? [];
}

export function variablesOf(dashboard: RenderedDashboard): NonNullable<NonNullable<RenderedDashboard['templating']>['list']> {
  return dashboard.templating?.list ?? [];
}
