// The SQL of every panel of the business dashboard. Each returns its figures with their n; the
// panels' titles name the time zone ($tz) the figures are sliced in. Durations are whole
// milliseconds in the store; medians and p90 are those of percentile_cont (linear interpolation),
// the same rule as the in-app statistics.
//
// Each panel reads one of two sources, chosen by the filters (teamRollupsServe, a constant when the
// SQL reaches the database, so the other branch costs nothing): without an agent or channel filter
// the functions of schema 0006 over the team rollups and the value histograms (whole months and
// days instead of every hour of every agent and channel; percentiles without sorting), with one
// rollup_hourly and facts (sorted by percentile_cont). Presence keeps its agent in the team
// rollups, so it always reads them.
import { ALL_VALUE, dimensionFilters, factsInRange, hoursInRange, localDay, rangeArguments, teamFilter, teamIds, teamRollupsServe } from './sql.js';

/** Customer conversations, or internal ones (agents among themselves): never mixed. */
export type Audience = 'customer' | 'internal';
const audience = (which: Audience, alias = '') => (which === 'internal' ? `${alias}internal` : `NOT ${alias}internal`);
const quoted = (kinds: readonly string[]) => kinds.map((kind) => `'${kind}'`).join(', ');

/**
 * Rows (kind, team_id, n, sum_value) whose sums per kind and team are the kinds' counts and sums
 * in the range and filters: from stats_rollup_sums (whole UTC months, days and edge hours of the
 * team rollups), or from rollup_hourly when an agent or channel filter is set.
 */
function rollupRows(kinds: readonly string[], which: Audience): string {
  return `
  SELECT kind, team_id, n, sum_value
  FROM stats_rollup_sums(ARRAY[${quoted(kinds)}], ${rangeArguments()}, ${teamIds()}, ${which === 'internal'})
  WHERE ${teamRollupsServe}
  UNION ALL
  ${hourlyFallback('kind, team_id, n, sum_value', kinds, which)}`;
}

/** The same rows from rollup_hourly, which alone keeps agents and channels: read only when such a filter is set. */
function hourlyFallback(columns: string, kinds: readonly string[], which: Audience): string {
  return `SELECT ${columns}
  FROM rollup_hourly
  WHERE kind IN (${quoted(kinds)})
    AND ${audience(which)}
    AND ${hoursInRange()}
    AND ${dimensionFilters()}
    AND NOT ${teamRollupsServe}`;
}

/** Rows (hour, kind, n) of the kinds per UTC hour in the range and filters: rollup_hourly_team, or rollup_hourly when an agent or channel filter is set. */
function hourlyRows(kinds: readonly string[], which: Audience): string {
  return `
  SELECT hour, kind, n
  FROM rollup_hourly_team
  WHERE kind IN (${quoted(kinds)})
    AND ${audience(which)}
    AND ${hoursInRange()}
    AND ${teamFilter()}
    AND ${teamRollupsServe}
  UNION ALL
  ${hourlyFallback('hour, kind, n', kinds, which)}`;
}

/**
 * Rows (kind, team_id, n, median, p90, mean, business_median, business_p90, business_mean) of the
 * kinds in the range and filters, overall (team_id null) or per team: from stats_spreads (value
 * histograms, then only the facts of the buckets that hold the ranks), or percentile_cont over the
 * facts when an agent or channel filter is set. Business time is coalesce(business_value, value),
 * as the in-app statistics count it; the mean is the sum over n in double precision, as they do.
 */
function spreadRows(kinds: readonly string[], which: Audience, byTeam: boolean): string {
  const business = 'coalesce(business_value, value)';
  return `
  SELECT kind, team_id, n, median, p90, mean, business_median, business_p90, business_mean
  FROM stats_spreads(ARRAY[${quoted(kinds)}], ${rangeArguments()}, ${teamIds()}, ${which === 'internal'}, ${byTeam})
  WHERE ${teamRollupsServe}
  UNION ALL
  SELECT
    kind,
    ${byTeam ? 'team_id' : 'NULL::uuid'},
    count(*),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY value),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY value),
    sum(value)::float8 / count(*),
    percentile_cont(0.5) WITHIN GROUP (ORDER BY ${business}),
    percentile_cont(0.9) WITHIN GROUP (ORDER BY ${business}),
    sum(${business})::float8 / count(*)
  FROM facts
  WHERE kind IN (${quoted(kinds)})
    AND ${audience(which)}
    AND ${factsInRange()}
    AND ${dimensionFilters()}${byTeam ? '\n    AND team_id IS NOT NULL' : ''}
    AND NOT ${teamRollupsServe}
  GROUP BY kind${byTeam ? ', team_id' : ''}`;
}

const CONVERSATION_KINDS = ['conversation.new', 'conversation.closed', 'conversation.reopened'];

/** New, closed and reopened conversations in the range (each figure is its own n). */
export function conversationCounts(which: Audience): string {
  return `
SELECT
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.new'), 0) AS "New",
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.closed'), 0) AS "Closed",
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.reopened'), 0) AS "Reopened"
FROM (${rollupRows(CONVERSATION_KINDS, which)}
) AS r`;
}

/** The same per local day of $tz (from hours: a local day of a zone off UTC is not a UTC day). */
export function conversationsPerDay(which: Audience): string {
  return `
SELECT
  ${localDay('hour')} AS "time",
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.new'), 0) AS "New",
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.closed'), 0) AS "Closed",
  coalesce(sum(n) FILTER (WHERE kind = 'conversation.reopened'), 0) AS "Reopened"
FROM (${hourlyRows(CONVERSATION_KINDS, which)}
) AS r
GROUP BY 1
ORDER BY 1`;
}

/** Customer messages and agent replies per UTC hour (an hour is the same in every whole-hour zone). */
export function messagesPerHour(which: Audience): string {
  return `
SELECT
  $__timeGroupAlias(hour, '1h'),
  coalesce(sum(n) FILTER (WHERE kind = 'message.customer'), 0) AS "Customer messages",
  coalesce(sum(n) FILTER (WHERE kind = 'message.reply'), 0) AS "Agent replies"
FROM (${hourlyRows(['message.customer', 'message.reply'], which)}
) AS r
GROUP BY 1
ORDER BY 1`;
}

/** The duration metrics of the times table, in the order shown. */
export const DURATION_MEASURES = [
  ['response.first', 'First response'],
  ['response.next', 'Next response'],
  ['assign.time', 'Time to assign'],
  ['queue.time', 'Time in queue'],
  ['resolution.time', 'Resolution'],
  ['handling.time', 'Handling'],
] as const;

/**
 * Median, p90, mean and n of each duration, in calendar time and in the team's business hours;
 * a measure without facts in the range still has its rows, with n 0.
 */
export function durations(which: Audience): string {
  const measures = DURATION_MEASURES.map(([kind, label], index) => `(${index + 1}, '${kind}', '${label}')`).join(', ');
  const kinds = DURATION_MEASURES.map(([kind]) => kind);
  return `
WITH spreads AS (${spreadRows(kinds, which, false)}
)
SELECT
  m.label AS "Measure",
  c.label AS "Clock",
  CASE c.position WHEN 1 THEN s.median ELSE s.business_median END AS "Median",
  CASE c.position WHEN 1 THEN s.p90 ELSE s.business_p90 END AS "p90",
  CASE c.position WHEN 1 THEN s.mean ELSE s.business_mean END AS "Mean",
  coalesce(s.n, 0) AS "n"
FROM (VALUES ${measures}) AS m(position, kind, label)
CROSS JOIN (VALUES (1, 'calendar'), (2, 'business hours')) AS c(position, label)
LEFT JOIN spreads s ON s.kind = m.kind
ORDER BY m.position, c.position`;
}

/** Per SLA kind: the share of clocks that ended met, and n (clocks that ended, met or breached). */
export function slaHitRates(): string {
  return `
SELECT
  k.label AS "SLA",
  sum(r.sum_value)::float8 / nullif(sum(r.n), 0) AS "Hit rate",
  coalesce(sum(r.sum_value), 0) AS "Met",
  coalesce(sum(r.n), 0) AS "n"
FROM (VALUES (1, 'sla.first_response', 'First response'), (2, 'sla.next_response', 'Next response')) AS k(position, kind, label)
LEFT JOIN (${rollupRows(['sla.first_response', 'sla.next_response'], 'customer')}
) AS r ON r.kind = k.kind
GROUP BY k.position, k.label
ORDER BY k.position`;
}

/** Reopen rate (closes followed by a reopen) and first-contact resolution (first closes after one reply), with n. */
export function closeRates(which: Audience): string {
  return `
SELECT
  k.label AS "Measure",
  sum(r.sum_value)::float8 / nullif(sum(r.n), 0) AS "Rate",
  coalesce(sum(r.sum_value), 0) AS "Yes",
  coalesce(sum(r.n), 0) AS "n"
FROM (VALUES (1, 'close.reopened', 'Reopen rate'), (2, 'conversation.fcr', 'First-contact resolution')) AS k(position, kind, label)
LEFT JOIN (${rollupRows(['close.reopened', 'conversation.fcr'], which)}
) AS r ON r.kind = k.kind
GROUP BY k.position, k.label
ORDER BY k.position`;
}

/**
 * CSAT: the share of answers rating 4 or 5 (n = answers), the ratings' median, p90 and mean, and
 * the response rate (answers over surveys sent in the range; n = surveys sent).
 */
export function csat(): string {
  return `
WITH ratings AS (${spreadRows(['csat.rating'], 'customer', false)}
), r AS (
  SELECT kind, sum(n) AS n, sum(sum_value) AS total
  FROM (${rollupRows(['csat.satisfied', 'csat.rating', 'csat.requested'], 'customer')}
  ) AS sums
  GROUP BY kind
)
SELECT
  (SELECT total FROM r WHERE kind = 'csat.satisfied')::float8 / nullif((SELECT n FROM r WHERE kind = 'csat.satisfied'), 0) AS "Satisfied (4–5)",
  coalesce((SELECT n FROM r WHERE kind = 'csat.rating'), 0) AS "Answers (n)",
  (SELECT median FROM ratings) AS "Rating median",
  (SELECT p90 FROM ratings) AS "Rating p90",
  (SELECT total FROM r WHERE kind = 'csat.rating')::float8 / nullif((SELECT n FROM r WHERE kind = 'csat.rating'), 0) AS "Mean rating",
  (SELECT n FROM r WHERE kind = 'csat.rating')::float8 / nullif((SELECT n FROM r WHERE kind = 'csat.requested'), 0) AS "Response rate",
  coalesce((SELECT n FROM r WHERE kind = 'csat.requested'), 0) AS "Surveys sent (n)"`;
}

/**
 * Presence (agent.online, agent.away) per agent in the range, from stats_rollup_sums: the team
 * rollups keep presence's agent, so an agent filter narrows them too. Presence has no team: the
 * team filter takes the agents of the chosen teams (agents.team_ids, in the function). It has no
 * channel either, so a channel filter leaves none (as in the in-app statistics).
 */
function presenceRows(): string {
  return `
  SELECT kind, agent_id, n, sum_value
  FROM stats_rollup_sums(ARRAY['agent.online', 'agent.away'], ${rangeArguments()}, ${teamIds()}, false)
  WHERE ${ALL_VALUE} IN ($channel)
    AND (${ALL_VALUE} IN ($agent) OR agent_id::text IN ($agent))`;
}

/** Agents' time online and away in the range (ms), summed over the agents, with n = how many agents were. */
export function presenceTotals(): string {
  return `
SELECT
  coalesce(sum(r.sum_value) FILTER (WHERE r.kind = 'agent.online'), 0) AS "Online",
  count(*) FILTER (WHERE r.kind = 'agent.online' AND r.n > 0) AS "Agents online (n)",
  coalesce(sum(r.sum_value) FILTER (WHERE r.kind = 'agent.away'), 0) AS "Away",
  count(*) FILTER (WHERE r.kind = 'agent.away' AND r.n > 0) AS "Agents away (n)"
FROM (${presenceRows()}
) AS r`;
}

/** Per agent (each row one agent): time online and away in the range (ms). */
export function agentPresence(): string {
  return `
SELECT
  coalesce(a.name, r.agent_id::text) AS "Agent",
  coalesce(sum(r.sum_value) FILTER (WHERE r.kind = 'agent.online'), 0) AS "Online",
  coalesce(sum(r.sum_value) FILTER (WHERE r.kind = 'agent.away'), 0) AS "Away"
FROM (${presenceRows()}
) AS r
LEFT JOIN agents a ON a.agent_id = r.agent_id
GROUP BY r.agent_id, a.name
ORDER BY "Online" DESC, "Agent"`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A fact kind counted per local weekday and hour of $tz: all 24 hours, Monday to Sunday. */
export function hourOfWeek(kind: 'conversation.new' | 'message.customer'): string {
  return `
WITH load AS (
  SELECT
    extract(isodow FROM hour AT TIME ZONE '$tz')::int AS weekday,
    extract(hour FROM hour AT TIME ZONE '$tz')::int AS local_hour,
    sum(n) AS n
  FROM (${hourlyRows([kind], 'customer')}
  ) AS r
  GROUP BY 1, 2
)
SELECT
  lpad(h.local_hour::text, 2, '0') || ':00' AS "Hour ($tz)",
  ${WEEKDAYS.map((day, index) => `coalesce(sum(l.n) FILTER (WHERE l.weekday = ${index + 1}), 0) AS "${day}"`).join(',\n  ')}
FROM generate_series(0, 23) AS h(local_hour)
LEFT JOIN load l ON l.local_hour = h.local_hour
GROUP BY h.local_hour
ORDER BY h.local_hour`;
}

/**
 * One row per team: volume, first response (median, p90, n) and the SLA and CSAT shares with
 * their n. A team's row counts what happened while it held the conversation.
 */
export function teams(): string {
  return `
WITH counts AS (
  SELECT
    team_id,
    sum(n) FILTER (WHERE kind = 'conversation.new') AS new,
    sum(n) FILTER (WHERE kind = 'conversation.closed') AS closed,
    sum(n) FILTER (WHERE kind = 'conversation.reopened') AS reopened,
    sum(sum_value) FILTER (WHERE kind = 'sla.first_response') AS sla_met,
    sum(n) FILTER (WHERE kind = 'sla.first_response') AS sla_n,
    sum(sum_value) FILTER (WHERE kind = 'csat.satisfied') AS satisfied,
    sum(n) FILTER (WHERE kind = 'csat.satisfied') AS answers
  FROM (${rollupRows(['conversation.new', 'conversation.closed', 'conversation.reopened', 'sla.first_response', 'csat.satisfied'], 'customer')}
  ) AS r
  WHERE team_id IS NOT NULL
  GROUP BY team_id
), first_response AS (${spreadRows(['response.first'], 'customer', true)}
)
SELECT
  coalesce(t.name, coalesce(c.team_id, f.team_id)::text) AS "Team",
  coalesce(c.new, 0) AS "New",
  coalesce(c.closed, 0) AS "Closed",
  coalesce(c.reopened, 0) AS "Reopened",
  f.median AS "First response median",
  f.p90 AS "First response p90",
  coalesce(f.n, 0) AS "First response (n)",
  c.sla_met::float8 / nullif(c.sla_n, 0) AS "SLA first response",
  coalesce(c.sla_n, 0) AS "SLA (n)",
  c.satisfied::float8 / nullif(c.answers, 0) AS "CSAT satisfied",
  coalesce(c.answers, 0) AS "CSAT (n)"
FROM counts c
FULL JOIN first_response f ON f.team_id = c.team_id
LEFT JOIN teams t ON t.team_id = coalesce(c.team_id, f.team_id)
ORDER BY "Team"`;
}
