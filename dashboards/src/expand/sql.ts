// A panel's SQL as Grafana's PostgreSQL data source sends it to the database, for a given time
// range and variable values, so that tests can run exactly that on the statistics database.
// Grafana does it in two steps, and so does this:
//
// 1. Template variables (in the browser), with the SQL data sources' formatting: a value of a
//    multi-value or "All" variable becomes a quoted literal ('it''s'), a list becomes
//    'a','b'; the value of a single-value variable goes in as it is (see variables.ts).
// 2. Macros (in Grafana's backend, pkg/tsdb/grafana-postgresql-datasource/macros.go): every
//    `$__name(args)`; the arguments are split at commas and trimmed. The ones implemented are
//    the ones the dashboards use:
//      $__timeFrom()                      '2026-11-01T00:00:00Z'  (the range's start, UTC, RFC 3339
//      $__timeTo()                        '2026-11-30T23:59:59.999Z'   with the fraction trimmed)
//      $__timeGroupAlias(column, '1h')    floor(extract(epoch from column)/3600)*3600 AS "time"
//    Any other macro is refused, as Grafana refuses an unknown one. ($__timeFilter(column) is not
//    used on purpose: it writes BETWEEN, which counts an hour that starts exactly at the end of
//    the range in two adjacent ranges; the dashboards compare with >= and < instead.)
import { replaceVariables, type VariableDefinition, type VariableValue, type ValueFormat } from './variables.js';
import { formatRfc3339Nano, parseInterval, type TimeRange } from './time.js';

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** How Grafana's SQL data sources write variable values. */
export const sqlFormat: ValueFormat = {
  plain: (value) => value,
  single: quoteLiteral,
  list: (values) => values.map(quoteLiteral).join(','),
};

const MACRO = /\$([_a-zA-Z0-9]+)\(([^)]*)\)/g;

export function expandSql(sql: string, range: TimeRange, definitions: readonly VariableDefinition[], values: Readonly<Record<string, VariableValue>>): string {
  const interpolated = replaceVariables(sql, definitions, values, sqlFormat);
  return interpolated.replace(MACRO, (_match, name: string, rawArgs: string) => {
    const args = rawArgs.split(',').map((arg) => arg.trim());
    return evaluateMacro(name, args, range);
  });
}

function evaluateMacro(name: string, args: string[], range: TimeRange): string {
  switch (name) {
    case '__timeFrom':
      return `'${formatRfc3339Nano(range.from)}'`;
    case '__timeTo':
      return `'${formatRfc3339Nano(range.to)}'`;
    case '__timeGroupAlias': {
      const [column, interval] = args;
      if (!column || !interval) throw new Error(`macro ${name} needs a time column and an interval`);
      if (args.length > 2) throw new Error(`macro ${name}: the fill argument is not supported here`);
      const seconds = parseInterval(interval.replace(/^'|'$/g, '')) / 1000;
      return `floor(extract(epoch from ${column})/${seconds})*${seconds} AS "time"`;
    }
    default:
      throw new Error(`unknown macro "${name}" (not used by the Smartchat dashboards, so not implemented here)`);
  }
}
