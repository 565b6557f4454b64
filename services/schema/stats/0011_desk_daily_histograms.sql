-- The value histograms of the whole desk per UTC day: value_histogram_daily summed over teams, as
-- 0009 did for months. A series of a duration by local day or week over a year counted its buckets
-- from every team's daily rows (about 650,000 rows for a year of first responses of a 300-agent
-- desk); these hold a seventh of that. Read where a slice names no team (queries/percentiles.ts).
-- Kept by value_histogram_add with the others; rows in one sorted order: daily, monthly, monthly of
-- the desk, daily of the desk.

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

CREATE OR REPLACE FUNCTION value_histogram_add(kinds text[], days timestamptz[], team_ids uuid[], internals boolean[], businesses boolean[], buckets integer[], ns bigint[], totals bigint[])
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

CREATE OR REPLACE FUNCTION value_histogram_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE value_histogram_monthly, value_histogram_daily, value_histogram_monthly_desk, value_histogram_daily_desk;
  RETURN NULL;
END
$$;

-- A store migrated with facts already in it.
INSERT INTO value_histogram_daily_desk (kind, day, internal, business, bucket, n, total)
SELECT kind, day, internal, business, bucket, sum(n), sum(total) FROM value_histogram_daily GROUP BY 1, 2, 3, 4, 5;
