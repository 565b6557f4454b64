// The expander the dashboard tests run queries through: it must write queries exactly as Grafana
// would, or the other tests prove nothing. Each row is a case Grafana's own behaviour decides
// (its SQL and Prometheus data sources' variable formatting, and macros.go of the PostgreSQL one).
import { describe, expect, it } from 'vitest';
import { expandPromql } from '../src/expand/promql.js';
import { expandSql } from '../src/expand/sql.js';
import { formatRfc3339Nano } from '../src/expand/time.js';
import { ALL, type VariableDefinition, type VariableValue } from '../src/expand/variables.js';

const definitions: VariableDefinition[] = [
  { type: 'custom', name: 'tz', multi: false, includeAll: false },
  { type: 'query', name: 'team', multi: true, includeAll: true, allValue: "'__all'" },
  { type: 'query', name: 'cluster', multi: true, includeAll: true, allValue: '.*' },
  { type: 'custom', name: 'single', multi: false, includeAll: false },
];
const range = { from: new Date('2026-10-31T21:00:00.000Z'), to: new Date('2026-11-30T20:59:59.999Z') };
const sql = (query: string, values: Record<string, VariableValue> = {}) => expandSql(query, range, definitions, values);

describe('the time values Grafana writes', () => {
  it.each([
    ['2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00Z'],
    ['2026-11-30T23:59:59.999Z', '2026-11-30T23:59:59.999Z'],
    ['2026-11-30T23:59:59.990Z', '2026-11-30T23:59:59.99Z'],
    ['2026-11-30T23:59:59.500Z', '2026-11-30T23:59:59.5Z'],
  ])('%s is written %s (Go RFC 3339 with nanoseconds, trailing zeros trimmed)', (instant, written) => {
    expect(formatRfc3339Nano(new Date(instant))).toBe(written);
  });
});

describe('SQL as the PostgreSQL data source sends it', () => {
  it.each([
    ['$__timeFrom() and $__timeTo() are quoted UTC instants', 'hour >= $__timeFrom() AND hour < $__timeTo()', {}, "hour >= '2026-10-31T21:00:00Z' AND hour < '2026-11-30T20:59:59.999Z'"],
    ['$__timeGroupAlias groups by epoch seconds and names the column time', "SELECT $__timeGroupAlias(hour, '1h')", {}, 'SELECT floor(extract(epoch from hour)/3600)*3600 AS "time"'],
    ['arguments are trimmed', "$__timeGroupAlias( hour ,  '1d' )", {}, 'floor(extract(epoch from hour)/86400)*86400 AS "time"'],
    ['a single-value variable goes in as it is', "AT TIME ZONE '$tz'", { tz: 'Europe/Moscow' }, "AT TIME ZONE 'Europe/Moscow'"],
    ['${name} is the same as $name', "'${tz}'", { tz: 'UTC' }, "'UTC'"],
    ['one value of a multi-value variable is a quoted literal', 'IN ($team)', { team: ['a1'] }, "IN ('a1')"],
    ['several values are a list of quoted literals', 'IN ($team)', { team: ['a1', 'b2'] }, "IN ('a1','b2')"],
    ["a quote in a value is doubled, as quoteLiteral does", 'IN ($team)', { team: ["o'hara"] }, "IN ('o''hara')"],
    ['"All" is the custom all value, unformatted', "('__all' IN ($team))", { team: ALL }, "('__all' IN ('__all'))"],
  ] as [string, string, Record<string, VariableValue>, string][])('%s', (_case, query, values, expected) => {
    expect(sql(query, values)).toBe(expected);
  });

  it('variables are replaced before macros, as the browser does before the backend', () => {
    expect(sql("$__timeGroupAlias(hour AT TIME ZONE '$tz', '1h')", { tz: 'UTC' })).toBe(`floor(extract(epoch from hour AT TIME ZONE 'UTC')/3600)*3600 AS "time"`);
  });

  it.each([
    ['an unknown macro', '$__timeFilter(hour)', /unknown macro "__timeFilter"/],
    ['a variable the dashboard does not have', 'IN ($nope)', /\$nope is not a variable/],
    ['a variable without a value', 'IN ($team)', /no value given for \$team/],
    ['a list for a single-value variable', "'$single'", /not multi-value/],
    ['the deprecated [[name]] syntax', '[[team]]', /not supported/],
    ['a format suffix', '${team:csv}', /not supported/],
  ])('refuses %s rather than guessing', (_case, query, error) => {
    expect(() => sql(query, { single: ['a', 'b'] })).toThrow(error);
  });
});

describe('PromQL as the Prometheus data source sends it', () => {
  const context = { range: { from: new Date('2026-12-01T10:00:00Z'), to: new Date('2026-12-01T11:00:00Z') }, interval: '15s', scrapeInterval: '15s' };
  const promql = (query: string, values: Record<string, VariableValue>) => expandPromql(query, { ...context }, definitions, values);

  it.each([
    ['"All" is .*, which also matches a series without the label', 'x{smartchat_cluster=~"$cluster"}', { cluster: ALL }, 'x{smartchat_cluster=~".*"}'],
    ['one value is regex-escaped', 'x{smartchat_cluster=~"$cluster"}', { cluster: ['desk.prod'] }, 'x{smartchat_cluster=~"desk\\\\.prod"}'],
    ['several values are an alternation', 'x{smartchat_cluster=~"$cluster"}', { cluster: ['a', 'b'] }, 'x{smartchat_cluster=~"(a|b)"}'],
    ['$__rate_interval is four scrape intervals at least', 'rate(x[$__rate_interval])', { cluster: ALL }, 'rate(x[60s])'],
    ['$__range is the range', 'increase(x[$__range])', { cluster: ALL }, 'increase(x[3600s])'],
  ] as [string, string, Record<string, VariableValue>, string][])('%s', (_case, query, values, expected) => {
    expect(promql(query, values)).toBe(expected);
  });

  it('$__rate_interval is $__interval plus one scrape interval when that is longer', () => {
    expect(expandPromql('rate(x[$__rate_interval])', { ...context, interval: '2m' }, definitions, {})).toBe('rate(x[135s])');
  });
});
