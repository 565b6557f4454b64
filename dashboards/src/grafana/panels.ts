// Panel shapes the Smartchat dashboards share, so that every dashboard reads the same way: counts
// as big numbers, figures with their n in tables, trends as time series.
import * as common from '@grafana/grafana-foundation-sdk/common';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { RowBuilder, type DashboardBuilder, type Panel } from '@grafana/grafana-foundation-sdk/dashboard';

export type PanelBuilder = cog.Builder<Panel>;

/**
 * An expanded row followed by its panels. Grafana reads the panels of an expanded row from the
 * dashboard's top-level list (only a collapsed row keeps them inside itself), so they go there.
 */
export function section(dashboard: DashboardBuilder, title: string, panels: readonly PanelBuilder[]): void {
  dashboard.withRow(new RowBuilder(title));
  for (const panel of panels) dashboard.withPanel(panel);
}

export interface PanelText {
  title: string;
  description: string;
}

/** Big numbers, one per value field of the query's single row. */
export function statPanel(text: PanelText, datasource: common.DataSourceRef, target: cog.Builder<cog.Dataquery>): StatPanelBuilder {
  return new StatPanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(datasource)
    .withTarget(target)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields('').values(false))
    .textMode(common.BigValueTextMode.ValueAndName)
    .graphMode(common.BigValueGraphMode.None)
    .colorMode(common.BigValueColorMode.None)
    .noValue('0');
}

export function tablePanel(text: PanelText, datasource: common.DataSourceRef, target: cog.Builder<cog.Dataquery>): TablePanelBuilder {
  return new TablePanelBuilder().title(text.title).description(text.description).datasource(datasource).withTarget(target).noValue('–');
}

export function timeseriesPanel(text: PanelText, datasource: common.DataSourceRef, targets: cog.Builder<cog.Dataquery>[]): TimeseriesPanelBuilder {
  return new TimeseriesPanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(datasource)
    .targets(targets)
    .fillOpacity(10)
    .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.Table).placement(common.LegendPlacement.Bottom).showLegend(true).calcs(['mean', 'max', 'lastNotNull']));
}
