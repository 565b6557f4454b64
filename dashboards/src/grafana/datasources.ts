// Data sources are chosen by variables, never by a fixed uid: whoever installs the dashboards
// picks the statistics database and the Prometheus in the dashboard's header, and the operator
// preselects the ones of its cluster.
import { DatasourceVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import type * as common from '@grafana/grafana-foundation-sdk/common';

export const POSTGRES_TYPE = 'grafana-postgresql-datasource';
export const PROMETHEUS_TYPE = 'prometheus';

/** The variable that names the statistics database (read-only role smartchat_stats_reader). */
export const STATS_DATASOURCE_VARIABLE = 'stats_db';
export const PROMETHEUS_DATASOURCE_VARIABLE = 'prometheus';

export const statsDatasource: common.DataSourceRef = { type: POSTGRES_TYPE, uid: `\${${STATS_DATASOURCE_VARIABLE}}` };
export const prometheusDatasource: common.DataSourceRef = { type: PROMETHEUS_TYPE, uid: `\${${PROMETHEUS_DATASOURCE_VARIABLE}}` };

export function statsDatasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(STATS_DATASOURCE_VARIABLE)
    .label('Statistics database')
    .description('The PostgreSQL data source of the statistics database (smartchat_stats), connected as the read-only role smartchat_stats_reader')
    .type(POSTGRES_TYPE);
}

export function prometheusDatasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(PROMETHEUS_DATASOURCE_VARIABLE).label('Prometheus').type(PROMETHEUS_TYPE);
}
