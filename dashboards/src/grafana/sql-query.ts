// A query of Grafana's PostgreSQL data source. The foundation SDK has builders for Prometheus
// queries but none for the SQL data sources, so this is the one it lacks: the same shape Grafana's
// query editor saves in code mode (rawSql, format, rawQuery, editorMode).
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as common from '@grafana/grafana-foundation-sdk/common';

export type SqlFormat = 'table' | 'time_series';

export interface SqlQuery extends cog.Dataquery {
  refId: string;
  datasource?: common.DataSourceRef;
  rawSql: string;
  format: SqlFormat;
  rawQuery: true;
  editorMode: 'code';
}

export class SqlQueryBuilder implements cog.Builder<SqlQuery> {
  private readonly internal: SqlQuery;

  constructor(rawSql: string) {
    this.internal = { refId: 'A', rawSql: rawSql.trim(), format: 'table', rawQuery: true, editorMode: 'code', _implementsDataqueryVariant: () => undefined };
  }

  build(): SqlQuery {
    return this.internal;
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  datasource(datasource: common.DataSourceRef): this {
    this.internal.datasource = datasource;
    return this;
  }

  /** table: rows as they come; time_series: a "time" column and one series per value column. */
  format(format: SqlFormat): this {
    this.internal.format = format;
    return this;
  }
}
