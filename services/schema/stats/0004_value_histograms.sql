-- Exact percentiles without sorting a year of facts (queries/percentiles.ts). A median or p90 is
-- percentile_cont over the facts of a slice: the values at one or two ranks, interpolated. Which
-- value bucket holds a rank is found by counting: these histograms count the facts of each kind per
-- (UTC month or UTC day, team, internal, calendar or business time, value bucket); the hours at the
-- edges of a range are counted from the facts. Then only the facts of that one bucket are read, in
-- value order, through the indexes below, to take the value at the rank. Counts are integers and a
-- bucket is a function of the value alone, so the values found are exactly those percentile_cont
-- would interpolate between.
--
-- Like the team rollups (0003) they follow their table, facts, by statement triggers, so every
-- writer of facts (live processing, the rebuild, a bulk load, a TRUNCATE) keeps them in step.

-- The value's bucket: values below 64 each have their own; above, 32 buckets per power of two (so a
-- bucket is at most 1/32 of its values wide): e·32 + the 5 bits after the leading one, e being the
-- leading bit's position. The float logarithm only guesses e; the shifts correct it, so a value is
-- always in the same bucket. Monotonic: a higher bucket holds only higher values.
-- queries/percentiles.ts knows each bucket's bounds. One expression (no FROM, not strict), so
-- PostgreSQL inlines it instead of calling a function per fact.
CREATE FUNCTION stats_value_bucket_at(v bigint, g integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (g - ((1::bigint << g) > v)::integer + (g < 62 AND (1::bigint << (g + 1)) <= v)::integer) * 32
         + ((v >> (g - ((1::bigint << g) > v)::integer + (g < 62 AND (1::bigint << (g + 1)) <= v)::integer - 5)) & 31)::integer
$$;
CREATE FUNCTION stats_value_bucket(v bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v < 64 THEN v::integer ELSE stats_value_bucket_at(v, floor(ln(greatest(v, 64)::float8) / ln(2::float8))::integer) END
$$;

CREATE TABLE value_histogram_monthly (
  -- A UTC month's first instant.
  month timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  internal boolean NOT NULL,
  -- false: value; true: coalesce(business_value, value), the business-time ordering.
  business boolean NOT NULL,
  bucket integer NOT NULL,
  n bigint NOT NULL,
  -- The sum of the values counted (for the mean).
  total bigint NOT NULL,
  CONSTRAINT value_histogram_monthly_key UNIQUE NULLS NOT DISTINCT (kind, month, business, team_id, internal, bucket) INCLUDE (n, total)
);

CREATE TABLE value_histogram_daily (
  day timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  internal boolean NOT NULL,
  business boolean NOT NULL,
  bucket integer NOT NULL,
  n bigint NOT NULL,
  total bigint NOT NULL,
  CONSTRAINT value_histogram_daily_key UNIQUE NULLS NOT DISTINCT (kind, day, business, team_id, internal, bucket) INCLUDE (n, total)
);

-- The same per UTC month and per UTC day for all teams together: what a slice that names no team
-- reads (a seventh of the rows of every team's for a six-team desk).
CREATE TABLE value_histogram_monthly_desk (
  month timestamptz NOT NULL,
  kind text NOT NULL,
  internal boolean NOT NULL,
  business boolean NOT NULL,
  bucket integer NOT NULL,
  n bigint NOT NULL,
  total bigint NOT NULL,
  CONSTRAINT value_histogram_monthly_desk_key UNIQUE (kind, month, business, internal, bucket) INCLUDE (n, total)
);

CREATE TABLE value_histogram_daily_desk (
  day timestamptz NOT NULL,
  kind text NOT NULL,
  internal boolean NOT NULL,
  business boolean NOT NULL,
  bucket integer NOT NULL,
  n bigint NOT NULL,
  total bigint NOT NULL,
  CONSTRAINT value_histogram_daily_desk_key UNIQUE (kind, day, business, internal, bucket) INCLUDE (n, total)
);

-- The facts of one bucket, in value order, with what a slice filters by (index-only reads: an
-- expression index is read alone only when the expression's columns are in it too).
CREATE INDEX facts_kind_value ON facts (kind, value) INCLUDE (at, team_id, internal)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
CREATE INDEX facts_kind_business_value ON facts (kind, (coalesce(business_value, value))) INCLUDE (at, team_id, internal, value, business_value)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
-- The same with the UTC day before the value: a slice of a few weeks reads, day by day, only its
-- own facts of a bucket and sorts those few (through the value-ordered indexes a week's read passes
-- over the bucket's facts of every other week). Longer slices read in value order.
CREATE INDEX facts_kind_day_value ON facts (kind, (date_trunc('day', at AT TIME ZONE 'UTC')), value) INCLUDE (at, team_id, internal)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
CREATE INDEX facts_kind_day_business_value ON facts (kind, (date_trunc('day', at AT TIME ZONE 'UTC')), (coalesce(business_value, value))) INCLUDE (at, team_id, internal, value, business_value)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');

-- Adds the differences (one entry per day group, sorted) to the daily and the monthly histogram and
-- to the desk's monthly and daily ones, removing rows whose n reaches 0; rows in one sorted order:
-- daily, monthly, monthly of the desk, daily of the desk.
CREATE FUNCTION value_histogram_add(kinds text[], days timestamptz[], team_ids uuid[], internals boolean[], businesses boolean[], buckets integer[], ns bigint[], totals bigint[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  empty tid[];
BEGIN
  WITH up AS (
    INSERT INTO value_histogram_daily AS h (kind, day, team_id, internal, business, bucket, n, total)
    SELECT kind, day, team_id, internal, business, bucket, n, total
      FROM unnest(kinds, days, team_ids, internals, businesses, buckets, ns, totals) WITH ORDINALITY AS d(kind, day, team_id, internal, business, bucket, n, total, position)
     ORDER BY position
    ON CONFLICT ON CONSTRAINT value_histogram_daily_key DO UPDATE SET n = h.n + EXCLUDED.n, total = h.total + EXCLUDED.total
    RETURNING h.ctid, h.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM value_histogram_daily WHERE ctid = ANY(empty) AND n = 0;
  END IF;

  WITH up AS (
    INSERT INTO value_histogram_monthly AS h (kind, month, team_id, internal, business, bucket, n, total)
    SELECT kind, date_trunc('month', day, 'UTC'), team_id, internal, business, bucket, sum(n), sum(total)
      FROM unnest(kinds, days, team_ids, internals, businesses, buckets, ns, totals) AS d(kind, day, team_id, internal, business, bucket, n, total)
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0 OR sum(total) <> 0
     ORDER BY 1, 2, 5, 3, 4, 6
    ON CONFLICT ON CONSTRAINT value_histogram_monthly_key DO UPDATE SET n = h.n + EXCLUDED.n, total = h.total + EXCLUDED.total
    RETURNING h.ctid, h.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM value_histogram_monthly WHERE ctid = ANY(empty) AND n = 0;
  END IF;

  WITH up AS (
    INSERT INTO value_histogram_monthly_desk AS h (kind, month, internal, business, bucket, n, total)
    SELECT kind, date_trunc('month', day, 'UTC'), internal, business, bucket, sum(n), sum(total)
      FROM unnest(kinds, days, team_ids, internals, businesses, buckets, ns, totals) AS d(kind, day, team_id, internal, business, bucket, n, total)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(total) <> 0
     ORDER BY 1, 2, 4, 3, 5
    ON CONFLICT ON CONSTRAINT value_histogram_monthly_desk_key DO UPDATE SET n = h.n + EXCLUDED.n, total = h.total + EXCLUDED.total
    RETURNING h.ctid, h.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM value_histogram_monthly_desk WHERE ctid = ANY(empty) AND n = 0;
  END IF;

  WITH up AS (
    INSERT INTO value_histogram_daily_desk AS h (kind, day, internal, business, bucket, n, total)
    SELECT kind, day, internal, business, bucket, sum(n), sum(total)
      FROM unnest(kinds, days, team_ids, internals, businesses, buckets, ns, totals) AS d(kind, day, team_id, internal, business, bucket, n, total)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(total) <> 0
     ORDER BY 1, 2, 4, 3, 5
    ON CONFLICT ON CONSTRAINT value_histogram_daily_desk_key DO UPDATE SET n = h.n + EXCLUDED.n, total = h.total + EXCLUDED.total
    RETURNING h.ctid, h.n
  )
  SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO empty FROM up;
  IF empty IS NOT NULL THEN
    DELETE FROM value_histogram_daily_desk WHERE ctid = ANY(empty) AND n = 0;
  END IF;
END
$$;

-- The statement's facts of the histogram kinds, inserted (+1), deleted (−1) or updated (new − old),
-- counted per (kind, UTC day, team, internal, ordering, bucket). Each branch names only the
-- transition tables of its own event.
CREATE FUNCTION value_histogram_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kinds text[];
  days timestamptz[];
  team_ids uuid[];
  internals boolean[];
  businesses boolean[];
  buckets integer[];
  ns bigint[];
  totals bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(kind ORDER BY kind, day, business, team_id, internal, bucket), array_agg(day ORDER BY kind, day, business, team_id, internal, bucket), array_agg(team_id ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(internal ORDER BY kind, day, business, team_id, internal, bucket), array_agg(business ORDER BY kind, day, business, team_id, internal, bucket), array_agg(bucket ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(n ORDER BY kind, day, business, team_id, internal, bucket), array_agg(total ORDER BY kind, day, business, team_id, internal, bucket)
      INTO kinds, days, team_ids, internals, businesses, buckets, ns, totals
      FROM (SELECT kind, date_trunc('day', at, 'UTC') AS day, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, sum(sign) AS n, sum(sign * o.v) AS total
              FROM (SELECT kind, at, team_id, internal, value, business_value, 1 AS sign FROM facts_new WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')) c
             CROSS JOIN LATERAL (VALUES (false, c.value), (true, coalesce(c.business_value, c.value))) AS o(business, v)
             GROUP BY 1, 2, 3, 4, 5, 6) grouped
     WHERE n <> 0 OR total <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(kind ORDER BY kind, day, business, team_id, internal, bucket), array_agg(day ORDER BY kind, day, business, team_id, internal, bucket), array_agg(team_id ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(internal ORDER BY kind, day, business, team_id, internal, bucket), array_agg(business ORDER BY kind, day, business, team_id, internal, bucket), array_agg(bucket ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(n ORDER BY kind, day, business, team_id, internal, bucket), array_agg(total ORDER BY kind, day, business, team_id, internal, bucket)
      INTO kinds, days, team_ids, internals, businesses, buckets, ns, totals
      FROM (SELECT kind, date_trunc('day', at, 'UTC') AS day, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, sum(sign) AS n, sum(sign * o.v) AS total
              FROM (SELECT kind, at, team_id, internal, value, business_value, -1 AS sign FROM facts_old WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')) c
             CROSS JOIN LATERAL (VALUES (false, c.value), (true, coalesce(c.business_value, c.value))) AS o(business, v)
             GROUP BY 1, 2, 3, 4, 5, 6) grouped
     WHERE n <> 0 OR total <> 0;
  ELSE
    SELECT array_agg(kind ORDER BY kind, day, business, team_id, internal, bucket), array_agg(day ORDER BY kind, day, business, team_id, internal, bucket), array_agg(team_id ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(internal ORDER BY kind, day, business, team_id, internal, bucket), array_agg(business ORDER BY kind, day, business, team_id, internal, bucket), array_agg(bucket ORDER BY kind, day, business, team_id, internal, bucket),
           array_agg(n ORDER BY kind, day, business, team_id, internal, bucket), array_agg(total ORDER BY kind, day, business, team_id, internal, bucket)
      INTO kinds, days, team_ids, internals, businesses, buckets, ns, totals
      FROM (SELECT kind, date_trunc('day', at, 'UTC') AS day, team_id, internal, o.business, stats_value_bucket(o.v) AS bucket, sum(sign) AS n, sum(sign * o.v) AS total
              FROM (SELECT kind, at, team_id, internal, value, business_value, 1 AS sign FROM facts_new WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages') UNION ALL SELECT kind, at, team_id, internal, value, business_value, -1 AS sign FROM facts_old WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')) c
             CROSS JOIN LATERAL (VALUES (false, c.value), (true, coalesce(c.business_value, c.value))) AS o(business, v)
             GROUP BY 1, 2, 3, 4, 5, 6) grouped
     WHERE n <> 0 OR total <> 0;
  END IF;
  IF kinds IS NOT NULL THEN
    PERFORM value_histogram_add(kinds, days, team_ids, internals, businesses, buckets, ns, totals);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION value_histogram_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE value_histogram_monthly, value_histogram_daily, value_histogram_monthly_desk, value_histogram_daily_desk;
  RETURN NULL;
END
$$;

CREATE TRIGGER value_histogram_insert AFTER INSERT ON facts REFERENCING NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_follow();
CREATE TRIGGER value_histogram_update AFTER UPDATE ON facts REFERENCING OLD TABLE AS facts_old NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_follow();
CREATE TRIGGER value_histogram_delete AFTER DELETE ON facts REFERENCING OLD TABLE AS facts_old FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_follow();
CREATE TRIGGER value_histogram_truncate AFTER TRUNCATE ON facts FOR EACH STATEMENT EXECUTE FUNCTION value_histogram_truncate();

-- A store migrated with facts already in it.
INSERT INTO value_histogram_daily (kind, day, team_id, internal, business, bucket, n, total)
SELECT kind, date_trunc('day', at, 'UTC'), team_id, internal, o.business, stats_value_bucket(o.v), count(*), sum(o.v)
  FROM facts CROSS JOIN LATERAL (VALUES (false, value), (true, coalesce(business_value, value))) AS o(business, v)
 WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')
 GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO value_histogram_monthly (kind, month, team_id, internal, business, bucket, n, total)
SELECT kind, date_trunc('month', day, 'UTC'), team_id, internal, business, bucket, sum(n), sum(total) FROM value_histogram_daily GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO value_histogram_monthly_desk (kind, month, internal, business, bucket, n, total)
SELECT kind, month, internal, business, bucket, sum(n), sum(total) FROM value_histogram_monthly GROUP BY 1, 2, 3, 4, 5;
INSERT INTO value_histogram_daily_desk (kind, day, internal, business, bucket, n, total)
SELECT kind, day, internal, business, bucket, sum(n), sum(total) FROM value_histogram_daily GROUP BY 1, 2, 3, 4, 5;
