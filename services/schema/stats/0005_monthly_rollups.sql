-- Reads over months (schema 0003, 0004 made them exact and fast per day; these make a year cheap):
--
-- 1. rollup_monthly_team: rollup_team's sums per UTC month, kept with the hourly and daily ones by
--    rollup_team_add (so by the same triggers on rollup_hourly). A read of a year sums about 12 rows
--    per kind and team instead of 365 (queries/figures.ts rollupSources: whole UTC months, the days
--    and hours of the months at the edges added or taken away, as queries/percentiles.ts does for
--    the histograms). Presence keeps its agent here too; an agent is counted where its net count of
--    facts over the parts is above zero.
-- 2. facts_kind_business_value also includes value and business_value, so that reading a bucket's
--    facts in business-time order (queries/percentiles.ts valuesAtRanks) is an index-only scan: an
--    expression index is used alone only when the columns of the expression are in it as well.

CREATE TABLE rollup_monthly_team (
  -- A UTC month's first instant.
  month timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  agent_id uuid,
  internal boolean NOT NULL,
  n bigint NOT NULL,
  sum_value bigint NOT NULL,
  sum_business bigint NOT NULL,
  CONSTRAINT rollup_monthly_team_dims UNIQUE NULLS NOT DISTINCT (kind, month, team_id, agent_id, internal) INCLUDE (n, sum_value, sum_business)
);

-- As in 0003, with the monthly table after the daily one (rows locked in one order: hourly, daily, monthly).
CREATE OR REPLACE FUNCTION rollup_team_add(kinds text[], hours timestamptz[], team_ids uuid[], agent_ids uuid[], internals boolean[], ns bigint[], sums bigint[], businesses bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  empty tid[];
BEGIN
  WITH up AS (
    INSERT INTO rollup_hourly_team AS r (kind, hour, team_id, agent_id, internal, n, sum_value, sum_business)
    SELECT kind, hour, team_id, agent_id, internal, n, sum_value, sum_business
      FROM unnest(kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses) WITH ORDINALITY AS d(kind, hour, team_id, agent_id, internal, n, sum_value, sum_business, position)
     ORDER BY position
    ON CONFLICT ON CONSTRAINT rollup_hourly_team_dims DO UPDATE SET n = r.n + EXCLUDED.n, sum_value = r.sum_value + EXCLUDED.sum_value, sum_business = r.sum_business + EXCLUDED.sum_business
    RETURNING r.ctid, r.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM rollup_hourly_team WHERE ctid = ANY(empty) AND n = 0;
  END IF;

  WITH up AS (
    INSERT INTO rollup_daily_team AS r (kind, day, team_id, agent_id, internal, n, sum_value, sum_business)
    SELECT kind, date_trunc('day', hour, 'UTC'), team_id, agent_id, internal, sum(n), sum(sum_value), sum(sum_business)
      FROM unnest(kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses) AS d(kind, hour, team_id, agent_id, internal, n, sum_value, sum_business)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(sum_value) <> 0 OR sum(sum_business) <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT rollup_daily_team_dims DO UPDATE SET n = r.n + EXCLUDED.n, sum_value = r.sum_value + EXCLUDED.sum_value, sum_business = r.sum_business + EXCLUDED.sum_business
    RETURNING r.ctid, r.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM rollup_daily_team WHERE ctid = ANY(empty) AND n = 0;
  END IF;

  WITH up AS (
    INSERT INTO rollup_monthly_team AS r (kind, month, team_id, agent_id, internal, n, sum_value, sum_business)
    SELECT kind, date_trunc('month', hour, 'UTC'), team_id, agent_id, internal, sum(n), sum(sum_value), sum(sum_business)
      FROM unnest(kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses) AS d(kind, hour, team_id, agent_id, internal, n, sum_value, sum_business)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(sum_value) <> 0 OR sum(sum_business) <> 0
     ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT rollup_monthly_team_dims DO UPDATE SET n = r.n + EXCLUDED.n, sum_value = r.sum_value + EXCLUDED.sum_value, sum_business = r.sum_business + EXCLUDED.sum_business
    RETURNING r.ctid, r.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM rollup_monthly_team WHERE ctid = ANY(empty) AND n = 0;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION rollup_team_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE rollup_hourly_team, rollup_daily_team, rollup_monthly_team;
  RETURN NULL;
END
$$;

-- A store migrated with rollups already in it.
INSERT INTO rollup_monthly_team (kind, month, team_id, agent_id, internal, n, sum_value, sum_business)
SELECT kind, date_trunc('month', day, 'UTC'), team_id, agent_id, internal, sum(n), sum(sum_value), sum(sum_business) FROM rollup_daily_team GROUP BY 1, 2, 3, 4, 5;

DROP INDEX facts_kind_business_value;
CREATE INDEX facts_kind_business_value ON facts (kind, (coalesce(business_value, value))) INCLUDE (at, team_id, internal, value, business_value)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
