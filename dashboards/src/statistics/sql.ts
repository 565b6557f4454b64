// The SQL the business dashboard's panels share: which rows a time range covers, the dashboard's
// filters, and which tables serve them. Every figure is a sum over the hourly rollups (counts,
// sums) or a percentile of facts (medians and p90 as percentile_cont gives them), read from the
// statistics database (services/schema/stats); see docs/metrics.md for what each fact kind means.
// Without an agent or channel filter the panels read the structures the in-app statistics read
// (the team rollups, the value histograms) through the functions of schema 0006; with one, the
// tables that keep those dimensions (rollup_hourly, facts). Both give the same integers.

/** The value of "All" of every filter variable: it means "no filter" (see filter()). */
export const ALL_VALUE = "'__all'";

/**
 * The range covers the UTC hours that start inside it: rollup rows with hour in [from, to). The
 * range's ends are compared with >= and <, never BETWEEN, so that adjacent ranges never both
 * count the hour at their border.
 */
export function hoursInRange(alias = ''): string {
  return `${alias}hour >= $__timeFrom() AND ${alias}hour < $__timeTo()`;
}

/** The first whole UTC hour at or after an instant (date_bin does not depend on the session's zone). */
function hourAtOrAfter(instant: string): string {
  return `date_bin('1 hour', ${instant}::timestamptz - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') + interval '1 hour'`;
}

/**
 * Facts of the same hours as hoursInRange: a fact counts in the UTC hour it is rolled up into, so a
 * range that starts or ends inside an hour gives the same n from facts as from the rollup.
 */
export function factsInRange(alias = ''): string {
  return `${alias}at >= ${hourAtOrAfter('$__timeFrom()')} AND ${alias}at < ${hourAtOrAfter('$__timeTo()')}`;
}

/** `column` is among the variable's values, or the variable is "All". */
function filter(variable: string, column: string): string {
  return `(${ALL_VALUE} IN ($${variable}) OR ${column} IN ($${variable}))`;
}

/**
 * Whether the team rollups and value histograms (schemas 0003, 0004) serve the filters: they keep
 * team and internal but no agent (except presence's) and no channel, so only without an agent or
 * channel filter. Grafana puts the variables' values into the SQL before it is sent, so this is a
 * comparison of constants that the planner folds: a branch conditioned on it (or on its negation,
 * `NOT ${teamRollupsServe}`) that is not taken is never run.
 */
export const teamRollupsServe = `(${ALL_VALUE} IN ($agent) AND ${ALL_VALUE} IN ($channel))`;

/** The team filter on a row of the team rollups (alias with its dot): they keep no agent or channel. */
export function teamFilter(alias = ''): string {
  return filter('team', `${alias}team_id::text`);
}

/**
 * The team filter as the statistics functions (schema 0006) take it: null for "All", otherwise the
 * chosen teams' ids. (When "All" is chosen the ELSE is never evaluated: the planner drops it, so
 * '__all' is never cast to uuid.)
 */
export function teamIds(): string {
  return `CASE WHEN ${ALL_VALUE} IN ($team) THEN NULL ELSE ARRAY[$team]::text[]::uuid[] END`;
}

/**
 * The range as the statistics functions take it: they cover the UTC hours that start inside it,
 * as hoursInRange and factsInRange do (stats_hour_at_or_after, schema 0006).
 */
export function rangeArguments(): string {
  return '$__timeFrom(), $__timeTo()';
}

/** The team, agent and channel filters on a facts or rollup_hourly row (alias with its dot). */
export function dimensionFilters(alias = ''): string {
  return [filter('team', `${alias}team_id::text`), filter('agent', `${alias}agent_id::text`), filter('channel', `${alias}channel`)].join('\n  AND ');
}

/** A timestamptz truncated to the local day of the dashboard's time zone, as an instant. */
export function localDay(column: string): string {
  return `date_trunc('day', ${column} AT TIME ZONE '$tz') AT TIME ZONE '$tz'`;
}
