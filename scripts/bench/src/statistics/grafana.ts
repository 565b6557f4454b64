// The business dashboard's panels (dashboards/grafana/statistics.json, rendered by `make
// dashboards`) as query cases: each panel's SQL expanded as Grafana's PostgreSQL data source
// expands it (dashboards/src/expand), for the same ranges and scopes as the API's cases.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';
import { expandSql } from '../../../../dashboards/src/expand/sql.js';
import { ALL, type VariableDefinition, type VariableValue } from '../../../../dashboards/src/expand/variables.js';
import type { QueryCase, QueryRange, QueryScope } from './queries.js';

export const STATISTICS_DASHBOARD = join(repoRoot, 'dashboards/grafana/statistics.json');

interface RenderedDashboard {
  panels?: { type: string; title: string; targets?: { rawSql?: string }[] }[];
  templating?: { list?: (VariableDefinition & { type?: string })[] };
}

/** The dashboard's panels with SQL, or null when it has not been rendered. */
export function dashboardPanels(): { dashboard: RenderedDashboard; panels: { title: string; sql: string }[] } | null {
  if (!existsSync(STATISTICS_DASHBOARD)) return null;
  const dashboard = JSON.parse(readFileSync(STATISTICS_DASHBOARD, 'utf8')) as RenderedDashboard;
  const panels = (dashboard.panels ?? [])
    .filter((panel) => panel.type !== 'row')
    .flatMap((panel) => (panel.targets ?? []).filter((target) => target.rawSql).map((target) => ({ title: panel.title, sql: target.rawSql! })));
  return { dashboard, panels };
}

/** One case per panel query, for the range and scope (the team variable set to the scope's teams). */
export function grafanaCases(range: QueryRange, scope: QueryScope, found: NonNullable<ReturnType<typeof dashboardPanels>>): QueryCase[] {
  const variables = (found.dashboard.templating?.list ?? []).filter((variable) => variable.type !== 'datasource');
  const values: Record<string, VariableValue> = { tz: range.range.timeZone, team: scope.teamIds ?? ALL, agent: ALL, channel: ALL };
  // Grafana's range ends a millisecond before the next one starts.
  const time = { from: range.range.start, to: new Date(range.range.end.getTime() - 1) };
  return found.panels.map((panel) => {
    const sql = expandSql(panel.sql, time, variables, values);
    return {
      query: `grafana: ${panel.title.replace(/\s*·\s*\$tz$/, '')}`,
      source: 'grafana' as const,
      range: range.name,
      scope: scope.name,
      run: (db) => db.query(sql),
    };
  });
}
