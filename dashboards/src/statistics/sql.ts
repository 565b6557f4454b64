// The SQL the business dashboard's panels share: which rows a time range covers, and the
// dashboard's filters. Every figure is a sum over rollup_hourly (counts, sums) or an aggregate of
// facts (medians and p90 with percentile_cont), both of the statistics database
// (services/schema/stats); see docs/metrics.md for what each fact kind means.

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

/** The team, agent and channel filters on a facts or rollup_hourly row (alias with its dot). */
export function dimensionFilters(alias = ''): string {
  return [filter('team', `${alias}team_id::text`), filter('agent', `${alias}agent_id::text`), filter('channel', `${alias}channel`)].join('\n  AND ');
}

/**
 * Agents' own figures (presence) have no team: the team filter takes the agent's teams. They have
 * no channel either, so a channel filter leaves none (as in the in-app statistics).
 */
export function agentFilters(rollupAlias: string, agentAlias: string): string {
  return [`(${ALL_VALUE} IN ($team) OR ${agentAlias}team_ids::text[] && ARRAY[$team])`, filter('agent', `${rollupAlias}agent_id::text`), filter('channel', `${rollupAlias}channel`)].join('\n  AND ');
}

/** A timestamptz truncated to the local day of the dashboard's time zone, as an instant. */
export function localDay(column: string): string {
  return `date_trunc('day', ${column} AT TIME ZONE '$tz') AT TIME ZONE '$tz'`;
}
