-- Coarser rollups for the statistics read side: rollup_hourly summed over agent, channel and topic
-- (per UTC hour, kind, team and internal; presence, which belongs to agents, keeps its agent), and
-- the same per UTC day and per UTC month. A year of rollup_hourly for a 300-agent desk is millions of rows, one per
-- hour × team × agent × channel × topic; summed without agent, channel and topic it is about an
-- eighth of that per hour, and a few tens of thousands of rows per day (presence: one per agent and
-- day). Reads without a channel or topic filter (nor an agent one, but for presence) sum these
-- instead (queries/figures.ts rollupSources): whole UTC months from rollup_monthly_team, with the
-- days and hours of the months at the edges of the range from rollup_daily_team and
-- rollup_hourly_team (added, or taken away from a month mostly covered), and local calendar buckets
-- from rollup_hourly_team. Integers, so they equal rollup_hourly's
-- sums exactly.
--
-- They follow rollup_hourly by triggers (statement-level, with transition tables: one upsert per
-- statement, not one per row), so every writer of rollup_hourly keeps them in step without knowing
-- them: live deltas, the rebuild's recomputation, a TRUNCATE, a bulk load. Whatever rollup_hourly
-- holds, they hold its sums; so a rebuild gives them as live processing does.

CREATE TABLE rollup_hourly_team (
  hour timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  -- Presence kinds only (agent.online, agent.away: they belong to agents, not teams, and are
  -- counted per agent); null for every other kind.
  agent_id uuid,
  internal boolean NOT NULL,
  n bigint NOT NULL,
  sum_value bigint NOT NULL,
  sum_business bigint NOT NULL,
  -- Reads name kinds and a span of hours: the key, with the sums in it, answers them alone.
  CONSTRAINT rollup_hourly_team_dims UNIQUE NULLS NOT DISTINCT (kind, hour, team_id, agent_id, internal) INCLUDE (n, sum_value, sum_business)
);

-- `day` is a UTC midnight.
CREATE TABLE rollup_daily_team (
  day timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  agent_id uuid,
  internal boolean NOT NULL,
  n bigint NOT NULL,
  sum_value bigint NOT NULL,
  sum_business bigint NOT NULL,
  CONSTRAINT rollup_daily_team_dims UNIQUE NULLS NOT DISTINCT (kind, day, team_id, agent_id, internal) INCLUDE (n, sum_value, sum_business)
);

-- `month` is a UTC month's first instant.
CREATE TABLE rollup_monthly_team (
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

-- Adds the differences (kind, hour, team, agent, internal, n, sums; one entry per group, sorted) to the
-- three tables; rows whose n reaches 0 are removed, as rollup_hourly's are. Rows are upserted in the
-- order given, hourly, daily, then monthly, so concurrent writers lock them in one order.
CREATE FUNCTION rollup_team_add(kinds text[], hours timestamptz[], team_ids uuid[], agent_ids uuid[], internals boolean[], ns bigint[], sums bigint[], businesses bigint[])
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

-- The statement's rows of rollup_hourly, inserted (+), deleted (−) or updated (new − old), summed
-- per (kind, hour, team, agent of presence, internal). Transition tables exist only for the
-- trigger's own event, so each branch names only its own.
CREATE FUNCTION rollup_team_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kinds text[];
  hours timestamptz[];
  team_ids uuid[];
  agent_ids uuid[];
  internals boolean[];
  ns bigint[];
  sums bigint[];
  businesses bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(kind ORDER BY kind, hour, team_id, agent_id, internal), array_agg(hour ORDER BY kind, hour, team_id, agent_id, internal), array_agg(team_id ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(agent_id ORDER BY kind, hour, team_id, agent_id, internal), array_agg(internal ORDER BY kind, hour, team_id, agent_id, internal), array_agg(n ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(s ORDER BY kind, hour, team_id, agent_id, internal), array_agg(b ORDER BY kind, hour, team_id, agent_id, internal)
      INTO kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses
      FROM (SELECT kind, hour, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END AS agent_id, internal, sum(n) AS n, sum(sum_value) AS s, sum(sum_business) AS b
              FROM (SELECT kind, hour, team_id, agent_id, internal, n, sum_value, sum_business FROM rollup_new) changed
             GROUP BY 1, 2, 3, 4, 5) grouped
     WHERE n <> 0 OR s <> 0 OR b <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(kind ORDER BY kind, hour, team_id, agent_id, internal), array_agg(hour ORDER BY kind, hour, team_id, agent_id, internal), array_agg(team_id ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(agent_id ORDER BY kind, hour, team_id, agent_id, internal), array_agg(internal ORDER BY kind, hour, team_id, agent_id, internal), array_agg(n ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(s ORDER BY kind, hour, team_id, agent_id, internal), array_agg(b ORDER BY kind, hour, team_id, agent_id, internal)
      INTO kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses
      FROM (SELECT kind, hour, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END AS agent_id, internal, sum(n) AS n, sum(sum_value) AS s, sum(sum_business) AS b
              FROM (SELECT kind, hour, team_id, agent_id, internal, -n AS n, -sum_value AS sum_value, -sum_business AS sum_business FROM rollup_old) changed
             GROUP BY 1, 2, 3, 4, 5) grouped
     WHERE n <> 0 OR s <> 0 OR b <> 0;
  ELSE
    SELECT array_agg(kind ORDER BY kind, hour, team_id, agent_id, internal), array_agg(hour ORDER BY kind, hour, team_id, agent_id, internal), array_agg(team_id ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(agent_id ORDER BY kind, hour, team_id, agent_id, internal), array_agg(internal ORDER BY kind, hour, team_id, agent_id, internal), array_agg(n ORDER BY kind, hour, team_id, agent_id, internal),
           array_agg(s ORDER BY kind, hour, team_id, agent_id, internal), array_agg(b ORDER BY kind, hour, team_id, agent_id, internal)
      INTO kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses
      FROM (SELECT kind, hour, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END AS agent_id, internal, sum(n) AS n, sum(sum_value) AS s, sum(sum_business) AS b
              FROM (SELECT kind, hour, team_id, agent_id, internal, n, sum_value, sum_business FROM rollup_new UNION ALL SELECT kind, hour, team_id, agent_id, internal, -n AS n, -sum_value AS sum_value, -sum_business AS sum_business FROM rollup_old) changed
             GROUP BY 1, 2, 3, 4, 5) grouped
     WHERE n <> 0 OR s <> 0 OR b <> 0;
  END IF;
  IF kinds IS NOT NULL THEN
    PERFORM rollup_team_add(kinds, hours, team_ids, agent_ids, internals, ns, sums, businesses);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION rollup_team_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE rollup_hourly_team, rollup_daily_team, rollup_monthly_team;
  RETURN NULL;
END
$$;

CREATE TRIGGER rollup_team_insert AFTER INSERT ON rollup_hourly REFERENCING NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_team_follow();
CREATE TRIGGER rollup_team_update AFTER UPDATE ON rollup_hourly REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_team_follow();
CREATE TRIGGER rollup_team_delete AFTER DELETE ON rollup_hourly REFERENCING OLD TABLE AS rollup_old FOR EACH STATEMENT EXECUTE FUNCTION rollup_team_follow();
CREATE TRIGGER rollup_team_truncate AFTER TRUNCATE ON rollup_hourly FOR EACH STATEMENT EXECUTE FUNCTION rollup_team_truncate();

-- A store migrated with rollups already in it.
INSERT INTO rollup_hourly_team (kind, hour, team_id, agent_id, internal, n, sum_value, sum_business)
SELECT kind, hour, team_id, CASE WHEN kind IN ('agent.online', 'agent.away') THEN agent_id END, internal, sum(n), sum(sum_value), sum(sum_business) FROM rollup_hourly GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_daily_team (kind, day, team_id, agent_id, internal, n, sum_value, sum_business)
SELECT kind, date_trunc('day', hour, 'UTC'), team_id, agent_id, internal, sum(n), sum(sum_value), sum(sum_business) FROM rollup_hourly_team GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_monthly_team (kind, month, team_id, agent_id, internal, n, sum_value, sum_business)
SELECT kind, date_trunc('month', day, 'UTC'), team_id, agent_id, internal, sum(n), sum(sum_value), sum(sum_business) FROM rollup_daily_team GROUP BY 1, 2, 3, 4, 5;

-- The SLA drill-down lists breached clocks newest first (queries/sla.ts): a few percent of the facts,
-- found here in that order instead of by scanning every fact of the range.
CREATE INDEX facts_sla_breaches ON facts (at, subject_id, key) WHERE value = 0 AND kind IN ('sla.first_response', 'sla.next_response');

-- Every statistics read is a short query now, where compiling it (JIT) costs more than it saves;
-- and a percentile over a year of facts sorts up to a few million values, which should stay in
-- memory. The database's defaults, for every role that connects (the API's reader included); a
-- database this role does not own keeps the server's (the operator may set them).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
  EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '64MB');
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'not the owner of database %: set jit = off and work_mem = 64MB for it by hand', current_database();
END
$$;
