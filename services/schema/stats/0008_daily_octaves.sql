-- Series of percentiles by local day or week over long ranges (queries/percentiles.ts
-- countSeriesOctaves). A year by day is 365 buckets; counting each bucket's facts per value bucket
-- read every row of the daily histograms (0004: about 240 per day and ordering) and sent as many
-- back. The daily histograms summed per octave (32 value buckets: bucket >> 5) are about twelve rows
-- per day and ordering: the octave that holds each needed rank is found from these, and only that
-- octave's buckets are read from the daily histograms.
--
-- One row per (kind, internal, UTC day, ordering, team, octave); the whole desk sums its teams'.
-- It follows value_histogram_daily by statement triggers (as 0003's tables follow rollup_hourly),
-- so whatever writes the histograms keeps it in step.

CREATE TABLE value_octaves_daily (
  day timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  internal boolean NOT NULL,
  business boolean NOT NULL,
  octave smallint NOT NULL,
  n bigint NOT NULL,
  total bigint NOT NULL,
  CONSTRAINT value_octaves_daily_key UNIQUE NULLS NOT DISTINCT (kind, internal, day, business, team_id, octave) INCLUDE (n, total)
);

-- value_histogram_daily's changed rows, summed per octave, upserted in key order; rows whose n
-- reaches 0 are removed.
CREATE FUNCTION value_octaves_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  empty tid[];
BEGIN
  EXECUTE format($sql$
    WITH changed AS (%s),
    up AS (
      INSERT INTO value_octaves_daily AS o (day, kind, team_id, internal, business, octave, n, total)
      SELECT day, kind, team_id, internal, business, (bucket >> 5)::smallint, sum(sign * n), sum(sign * total)
        FROM changed
       GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(sign * n) <> 0 OR sum(sign * total) <> 0
       ORDER BY 2, 4, 1, 5, 3, 6
      ON CONFLICT ON CONSTRAINT value_octaves_daily_key DO UPDATE SET n = o.n + EXCLUDED.n, total = o.total + EXCLUDED.total
      RETURNING o.ctid, o.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) FROM up
  $sql$, stats_changed_rows(TG_OP, 'day, kind, team_id, internal, business, bucket, n, total', 'histogram_new', 'histogram_old', 'true')) INTO empty;
  IF empty IS NOT NULL THEN
    DELETE FROM value_octaves_daily WHERE ctid = ANY(empty) AND n = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION value_octaves_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE value_octaves_daily;
  RETURN NULL;
END
$$;

CREATE TRIGGER value_octaves_insert AFTER INSERT ON value_histogram_daily REFERENCING NEW TABLE AS histogram_new FOR EACH STATEMENT EXECUTE FUNCTION value_octaves_follow();
CREATE TRIGGER value_octaves_update AFTER UPDATE ON value_histogram_daily REFERENCING OLD TABLE AS histogram_old NEW TABLE AS histogram_new FOR EACH STATEMENT EXECUTE FUNCTION value_octaves_follow();
CREATE TRIGGER value_octaves_delete AFTER DELETE ON value_histogram_daily REFERENCING OLD TABLE AS histogram_old FOR EACH STATEMENT EXECUTE FUNCTION value_octaves_follow();
CREATE TRIGGER value_octaves_truncate AFTER TRUNCATE ON value_histogram_daily FOR EACH STATEMENT EXECUTE FUNCTION value_octaves_truncate();

-- A store migrated with histograms already in it.
INSERT INTO value_octaves_daily (day, kind, team_id, internal, business, octave, n, total)
SELECT day, kind, team_id, internal, business, (bucket >> 5)::smallint, sum(n), sum(total)
  FROM value_histogram_daily
 GROUP BY 1, 2, 3, 4, 5, 6;
