// Runs the business dashboard's panels as Grafana would: the panel's SQL from the rendered file,
// expanded for a range and variable values (src/expand), on the statistics database through a
// connection of the read-only role smartchat_stats_reader, the role of Grafana's data source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { RENDERED_DIR } from '../../src/catalog.js';
import { expandSql } from '../../src/expand/sql.js';
import type { TimeRange } from '../../src/expand/time.js';
import { ALL, type VariableValue } from '../../src/expand/variables.js';
import { panelsOf, variablesOf, type RenderedDashboard, type RenderedPanel } from './dashboards.js';

export type Row = Record<string, unknown>;

export const statisticsDashboard = JSON.parse(readFileSync(join(RENDERED_DIR, 'statistics.json'), 'utf8')) as RenderedDashboard;

/** The dashboard's defaults: every filter "All", the zone Europe/Moscow. */
export const DEFAULT_VALUES: Record<string, VariableValue> = { tz: 'Europe/Moscow', team: ALL, agent: ALL, channel: ALL };

export class GrafanaSql {
  /** Titles of the panels run so far (the test checks that none was left out). */
  readonly ran = new Set<string>();

  constructor(private readonly reader: pg.Pool) {}

  panel(title: string): RenderedPanel {
    const panel = panelsOf(statisticsDashboard).find((item) => item.title === title);
    if (!panel) throw new Error(`no panel "${title}" in statistics.json: ${panelsOf(statisticsDashboard).map((item) => item.title).join(' | ')}`);
    return panel;
  }

  /** The panel's SQL as Grafana would send it. */
  expand(title: string, range: TimeRange, values: Record<string, VariableValue> = {}): string {
    const [target] = this.panel(title).targets ?? [];
    if (!target?.rawSql) throw new Error(`panel "${title}" has no SQL`);
    return expandSql(target.rawSql, range, variablesOf(statisticsDashboard), { ...DEFAULT_VALUES, ...values });
  }

  /** The rows the panel would show (numbers as numbers, instants as ISO strings). */
  async rows(title: string, range: TimeRange, values: Record<string, VariableValue> = {}): Promise<Row[]> {
    const sql = this.expand(title, range, values);
    this.ran.add(title);
    const result = await this.reader.query(sql);
    return result.rows.map((row: Row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])));
  }

  /** A variable's options as Grafana would list them ({text, value} from __text and __value). */
  async variableOptions(name: string, values: Record<string, VariableValue> = {}): Promise<{ text: string; value: string }[]> {
    const variable = variablesOf(statisticsDashboard).find((item) => item.name === name);
    if (typeof variable?.query !== 'string') throw new Error(`no query variable ${name}`);
    const sql = expandSql(variable.query, { from: new Date(0), to: new Date() }, variablesOf(statisticsDashboard), { ...DEFAULT_VALUES, ...values });
    const result = await this.reader.query<{ __text: string; __value: string }>(sql);
    return result.rows.map((row) => ({ text: row.__text, value: row.__value }));
  }
}

/** bigint and numeric come back from pg as text; Grafana shows them as numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}
