// A panel's PromQL as Grafana's Prometheus data source sends it, for given variable values:
//
// 1. Template variables with the Prometheus data source's formatting: the value of a single-value
//    variable with \ and ' escaped; values of multi-value or "All" variables (they go inside
//    =~"..." matchers) with every regular-expression metacharacter escaped, several joined as
//    (a|b); "All" as its custom all value, e.g. .* (see variables.ts).
// 2. Grafana's interval variables (the ones the dashboards use):
//      $__rate_interval   max($__interval + scrape interval, 4 × scrape interval), where the scrape
//                         interval is the data source's setting (Grafana's default 15s) and
//                         $__interval is range / max data points, at least the scrape interval
//                         (given here, as it depends on the panel's width)
//      $__range           the range's length
//    Both are written in seconds ("60s"; Grafana may write the same duration as "1m").
import { parseInterval, type TimeRange } from './time.js';
import { replaceVariables, type ValueFormat, type VariableDefinition, type VariableValue } from './variables.js';

const escapeRegex = (value: string) => value.replace(/[\\^$*+?.()|{}[\]]/g, (char) => `\\\\${char}`);

export const promqlFormat: ValueFormat = {
  plain: (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'"),
  single: escapeRegex,
  list: (values) => (values.length === 1 ? escapeRegex(values[0]!) : `(${values.map(escapeRegex).join('|')})`),
};

export interface PromqlContext {
  range: TimeRange;
  /** $__interval, e.g. "15s". */
  interval: string;
  /** The Prometheus data source's scrape interval setting, e.g. "15s". */
  scrapeInterval: string;
}

const INTERVAL_VARIABLE = /\$(?:\{(__\w+)\}|(__\w+))/g;

export function expandPromql(expr: string, context: PromqlContext, definitions: readonly VariableDefinition[], values: Readonly<Record<string, VariableValue>>): string {
  const interpolated = replaceVariables(expr, definitions, values, promqlFormat);
  const intervalMs = Math.max(parseInterval(context.interval), parseInterval(context.scrapeInterval));
  const scrapeMs = parseInterval(context.scrapeInterval);
  return interpolated.replace(INTERVAL_VARIABLE, (_match, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare;
    switch (name) {
      case '__rate_interval':
        return seconds(Math.max(intervalMs + scrapeMs, 4 * scrapeMs));
      case '__interval':
        return seconds(intervalMs);
      case '__range':
        return seconds(context.range.to.getTime() - context.range.from.getTime());
      default:
        throw new Error(`$${name} is not supported here (not used by the Smartchat dashboards)`);
    }
  });
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}
