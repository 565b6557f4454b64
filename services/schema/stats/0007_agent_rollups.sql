-- The agent table over long ranges (queries/tables.ts agentRows, queries/agent-spreads.ts) without
-- summing a year of rollup_hourly or sorting a year of facts. Two tables per UTC month and agent,
-- both following their source by statement triggers (as 0003 and 0004 do), so every writer (live
-- processing, the rebuild, a bulk load, a TRUNCATE) keeps them in step:
--
-- * rollup_monthly_agent: rollup_hourly summed per (UTC month, kind, agent, team, internal), for
--   the rows that have an agent. Counts, ratios and sums of the agent table's whole months; the
--   days and hours at the edges of a range are read from rollup_hourly.
-- * value_histogram_monthly_agent: the facts of the histogram kinds (0004) that have an agent,
--   counted per (kind, agent, internal, ordering, octave, UTC month, team), where an octave is 32
--   value buckets (stats_value_bucket(v) >> 5: a power of two of values, or 32 single values below
--   64). A row keeps the octave's count and sum, and the count of each of its 32 buckets in an
--   array. A percentile's rank is found in two small reads: the octave that holds it from the
--   octave counts, then the bucket within it from those rows' arrays only; then the value at the
--   rank is read from the facts of that one agent and bucket (the indexes below), as 0004 does for
--   teams. One row per agent, month and octave (about ten octaves hold an agent's durations)
--   instead of one per bucket (about 150): a year of a 300-agent desk is some 70 thousand rows a
--   kind.

CREATE TABLE rollup_monthly_agent (
  month timestamptz NOT NULL,
  kind text NOT NULL,
  agent_id uuid NOT NULL,
  team_id uuid,
  internal boolean NOT NULL,
  n bigint NOT NULL,
  sum_value bigint NOT NULL,
  sum_business bigint NOT NULL,
  CONSTRAINT rollup_monthly_agent_dims UNIQUE NULLS NOT DISTINCT (kind, month, agent_id, team_id, internal) INCLUDE (n, sum_value, sum_business)
);

CREATE TABLE value_histogram_monthly_agent (
  month timestamptz NOT NULL,
  kind text NOT NULL,
  agent_id uuid NOT NULL,
  team_id uuid,
  internal boolean NOT NULL,
  -- As 0004: false orders by value, true by coalesce(business_value, value).
  business boolean NOT NULL,
  octave smallint NOT NULL,
  n bigint NOT NULL,
  total bigint NOT NULL,
  -- counts[i + 1]: the facts in value bucket octave · 32 + i; they add up to n.
  counts integer[] NOT NULL,
  -- The counts are in the key's index too: an agent's months of one octave are next to each other
  -- there, so the second read takes them from a leaf page or two (from the table, a page a month:
  -- four times slower on the benchmark's year).
  CONSTRAINT value_histogram_monthly_agent_key UNIQUE NULLS NOT DISTINCT (kind, agent_id, internal, business, octave, month, team_id) INCLUDE (n, total, counts)
);

-- The facts of one agent and one value bucket, in value order (index-only, as 0004's).
CREATE INDEX facts_kind_agent_value ON facts (kind, agent_id, value) INCLUDE (at, team_id, internal)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages') AND agent_id IS NOT NULL;
CREATE INDEX facts_kind_agent_business_value ON facts (kind, agent_id, (coalesce(business_value, value))) INCLUDE (at, team_id, internal, value, business_value)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages') AND agent_id IS NOT NULL;

-- The statement's rows (of rollup_hourly): the SELECT each trigger event gives, with sign 1 for new
-- rows and -1 for old ones. Transition tables exist only for the trigger's own event, so only the
-- branch of that event names them.
CREATE FUNCTION stats_changed_rows(op text, columns text, new_table text, old_table text, condition text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM %I WHERE %s', columns, new_table, condition)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM %I WHERE %s', columns, old_table, condition)
    ELSE format('SELECT %s, 1 AS sign FROM %I WHERE %s UNION ALL SELECT %s, -1 AS sign FROM %I WHERE %s', columns, new_table, condition, columns, old_table, condition)
  END
$$;

-- rollup_hourly's changed rows that have an agent, summed per month and upserted in key order (so
-- concurrent writers lock rows in one order); rows whose n reaches 0 are removed.
CREATE FUNCTION rollup_agent_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  empty tid[];
BEGIN
  EXECUTE format($sql$
    WITH changed AS (%s),
    up AS (
      INSERT INTO rollup_monthly_agent AS r (month, kind, agent_id, team_id, internal, n, sum_value, sum_business)
      SELECT date_trunc('month', hour, 'UTC') AS month, kind, agent_id, team_id, internal, sum(sign * n), sum(sign * sum_value), sum(sign * sum_business)
        FROM changed
       GROUP BY 1, 2, 3, 4, 5
      HAVING sum(sign * n) <> 0 OR sum(sign * sum_value) <> 0 OR sum(sign * sum_business) <> 0
       ORDER BY 2, 1, 3, 4, 5
      ON CONFLICT ON CONSTRAINT rollup_monthly_agent_dims DO UPDATE SET n = r.n + EXCLUDED.n, sum_value = r.sum_value + EXCLUDED.sum_value, sum_business = r.sum_business + EXCLUDED.sum_business
      RETURNING r.ctid, r.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) FROM up
  $sql$, stats_changed_rows(TG_OP, 'hour, kind, agent_id, team_id, internal, n, sum_value, sum_business', 'rollup_new', 'rollup_old', 'agent_id IS NOT NULL')) INTO empty;
  IF empty IS NOT NULL THEN
    DELETE FROM rollup_monthly_agent WHERE ctid = ANY(empty) AND n = 0;
  END IF;
  RETURN NULL;
END
$$;

-- The facts of the histogram kinds with an agent, changed by the statement (each branch reads its
-- event's transition tables into arrays, signed), counted per month, agent, team, internal,
-- ordering and bucket, then gathered per octave with the 32 bucket counts in an array; upserted in
-- key order, rows whose n reaches 0 removed. The upsert is static SQL (planned once per session);
-- its 32 array elements are written out by the DO block below (ARRAY[...] of one expression per
-- element: unnesting and aggregating the arrays cost a third more ingest time).
DO $do$
DECLARE
  delta text := (SELECT string_agg(format('coalesce(sum(n) FILTER (WHERE bucket & 31 = %s), 0)::integer', i), ', ' ORDER BY i) FROM generate_series(0, 31) AS i);
  added text := (SELECT string_agg(format('h.counts[%s] + EXCLUDED.counts[%s]', i, i), ', ' ORDER BY i) FROM generate_series(1, 32) AS i);
  kinds text := $k$('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')$k$;
  columns text := 'date_trunc(''month'', at, ''UTC''), kind, agent_id, team_id, internal, value, coalesce(business_value, value)';
  aggregates text := 'array_agg(m), array_agg(k), array_agg(a), array_agg(t), array_agg(i), array_agg(v), array_agg(b), array_agg(s)';
BEGIN
  EXECUTE format($f$
    CREATE FUNCTION value_histogram_agent_follow() RETURNS trigger LANGUAGE plpgsql AS $body$
    DECLARE
      months timestamptz[];
      kinds text[];
      agent_ids uuid[];
      team_ids uuid[];
      internals boolean[];
      calendar bigint[];
      business_values bigint[];
      signs integer[];
      empty tid[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT %1$s INTO months, kinds, agent_ids, team_ids, internals, calendar, business_values, signs
          FROM (SELECT %2$s, 1 FROM facts_new WHERE agent_id IS NOT NULL AND kind IN %3$s) AS c(m, k, a, t, i, v, b, s);
      ELSIF TG_OP = 'DELETE' THEN
        SELECT %1$s INTO months, kinds, agent_ids, team_ids, internals, calendar, business_values, signs
          FROM (SELECT %2$s, -1 FROM facts_old WHERE agent_id IS NOT NULL AND kind IN %3$s) AS c(m, k, a, t, i, v, b, s);
      ELSE
        SELECT %1$s INTO months, kinds, agent_ids, team_ids, internals, calendar, business_values, signs
          FROM (SELECT %2$s, 1 FROM facts_new WHERE agent_id IS NOT NULL AND kind IN %3$s
                UNION ALL
                SELECT %2$s, -1 FROM facts_old WHERE agent_id IS NOT NULL AND kind IN %3$s) AS c(m, k, a, t, i, v, b, s);
      END IF;
      IF months IS NULL THEN
        RETURN NULL;
      END IF;
      WITH changed AS (
        SELECT c.month, c.kind, c.agent_id, c.team_id, c.internal, o.business, stats_value_bucket(o.v) AS bucket, c.sign, o.v
          FROM unnest(months, kinds, agent_ids, team_ids, internals, calendar, business_values, signs) AS c(month, kind, agent_id, team_id, internal, value, business_value, sign)
         CROSS JOIN LATERAL (VALUES (false, c.value), (true, c.business_value)) AS o(business, v)),
      buckets AS (
        SELECT month, kind, agent_id, team_id, internal, business, bucket, sum(sign)::integer AS n, sum(sign * v) AS total
          FROM changed
         GROUP BY 1, 2, 3, 4, 5, 6, 7),
      up AS (
        INSERT INTO value_histogram_monthly_agent AS h (month, kind, agent_id, team_id, internal, business, octave, n, total, counts)
        SELECT month, kind, agent_id, team_id, internal, business, (bucket >> 5)::smallint, sum(n), sum(total), ARRAY[%4$s]
          FROM buckets
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(n) <> 0 OR sum(total) <> 0
         ORDER BY 2, 3, 5, 6, 7, 1, 4
        ON CONFLICT ON CONSTRAINT value_histogram_monthly_agent_key DO UPDATE SET n = h.n + EXCLUDED.n, total = h.total + EXCLUDED.total, counts = ARRAY[%5$s]
        RETURNING h.ctid, h.n)
      SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
      IF empty IS NOT NULL THEN
        DELETE FROM value_histogram_monthly_agent WHERE ctid = ANY(empty) AND n = 0;
      END IF;
      RETURN NULL;
    END
    $body$
  $f$, aggregates, columns, kinds, delta, added);

  -- A store migrated with facts already in it.
  EXECUTE format($f$
    INSERT INTO value_histogram_monthly_agent (month, kind, agent_id, team_id, internal, business, octave, n, total, counts)
    SELECT month, kind, agent_id, team_id, internal, business, (bucket >> 5)::smallint, sum(n), sum(total), ARRAY[%1$s]
      FROM (SELECT date_trunc('month', at, 'UTC') AS month, kind, agent_id, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, count(*)::integer AS n, sum(o.v) AS total
              FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
             WHERE agent_id IS NOT NULL AND kind IN %2$s
             GROUP BY 1, 2, 3, 4, 5, 6, 7) buckets
     GROUP BY 1, 2, 3, 4, 5, 6, 7
  $f$, delta, kinds);
END
$do$;

CREATE FUNCTION agent_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'rollup_hourly' THEN
    TRUNCATE rollup_monthly_agent;
  ELSE
    TRUNCATE value_histogram_monthly_agent;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER rollup_agent_insert AFTER INSERT ON rollup_hourly REFERENCING NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_follow();
CREATE TRIGGER rollup_agent_update AFTER UPDATE ON rollup_hourly REFERENCING OLD TABLE AS rollup_old NEW TABLE AS rollup_new FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_follow();
CREATE TRIGGER rollup_agent_delete AFTER DELETE ON rollup_hourly REFERENCING OLD TABLE AS rollup_old FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_follow();
CREATE TRIGGER rollup_agent_truncate AFTER TRUNCATE ON rollup_hourly FOR EACH STATEMENT EXECUTE FUNCTION agent_rollups_truncate();

CREATE TRIGGER value_histogram_agent_insert AFTER INSERT ON facts REFERENCING NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_agent_follow();
CREATE TRIGGER value_histogram_agent_update AFTER UPDATE ON facts REFERENCING OLD TABLE AS facts_old NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_agent_follow();
CREATE TRIGGER value_histogram_agent_delete AFTER DELETE ON facts REFERENCING OLD TABLE AS facts_old FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_agent_follow();
CREATE TRIGGER value_histogram_agent_truncate AFTER TRUNCATE ON facts FOR EACH STATEMENT EXECUTE FUNCTION agent_rollups_truncate();

-- A store migrated with facts already in it.
INSERT INTO rollup_monthly_agent (month, kind, agent_id, team_id, internal, n, sum_value, sum_business)
SELECT date_trunc('month', hour, 'UTC'), kind, agent_id, team_id, internal, sum(n), sum(sum_value), sum(sum_business)
  FROM rollup_hourly WHERE agent_id IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5;
-- (value_histogram_monthly_agent is filled by the DO block above, with the same array expression.)
