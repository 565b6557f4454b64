// The rendered dashboards (dashboards/grafana/*.json, committed, shipped by the operator) are what
// the code renders now, and every dashboard keeps the rules a reader relies on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERED_DIR, renderAll } from '../src/catalog.js';
import { panelsOf, targetsOf } from './support/dashboards.js';

const rendered = renderAll();

describe('the rendered dashboards', () => {
  it('dashboards/grafana holds exactly what the code renders (run "make dashboards" after changing a dashboard)', () => {
    const onDisk = readdirSync(RENDERED_DIR).filter((file) => file.endsWith('.json')).sort();
    expect(onDisk).toEqual([...rendered.keys()].sort());
    for (const [file, json] of rendered) expect(readFileSync(join(RENDERED_DIR, file), 'utf8'), `${file} is stale: run make dashboards`).toBe(json);
  });

  it('every dashboard has its own uid and picks its data sources through variables, never a fixed uid', () => {
    const dashboards = [...rendered.values()].map((json) => JSON.parse(json) as { uid: string; panels: unknown[] });
    expect(new Set(dashboards.map((dashboard) => dashboard.uid)).size).toBe(dashboards.length);
    for (const dashboard of dashboards) {
      for (const panel of panelsOf(dashboard)) {
        for (const target of targetsOf(panel)) expect(target.datasource?.uid, `${panel.title}`).toMatch(/^\$\{\w+\}$/);
      }
    }
  });

  it('every panel of the business dashboard names its time zone', () => {
    const statistics = JSON.parse(rendered.get('statistics.json')!) as { panels: unknown[] };
    const titles = panelsOf(statistics).map((panel) => panel.title);
    expect(titles.length).toBeGreaterThan(10);
    for (const title of titles) expect(title).toContain('· $tz');
  });
});
