-- The dashboard's reads (schema 0006) do what the in-app ones do since 0008 and 0009: a day at the
-- edge of a range that the range mostly covers counts whole, less the hours it leaves out (as a
-- month does); and its percentiles (stats_spreads) read the whole desk's months from
-- value_histogram_monthly_desk (a seventh of the rows of every team's) and, for a range of at most
-- 93 UTC days, each rank's bucket day by day through the indexes that put the UTC day before the
-- value (facts_kind_day_value, facts_kind_day_business_value), instead of passing over the
-- bucket's facts of every other day in value order. stats_spreads is otherwise 0006's.

-- A piece of one UTC day: its hours, or, when it covers more than half of the day, the whole day
-- less the hours it leaves out (queries/percentiles.ts partOfDay: a local day of a zone east of UTC
-- is most of one UTC day, and its hours were read from the facts).
CREATE FUNCTION stats_day_piece(from_utc timestamp, to_utc timestamp, part_sign integer)
RETURNS TABLE (part text, part_start timestamp, part_end timestamp, sign integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  day_start timestamp := date_trunc('day', from_utc);
  day_end timestamp := date_trunc('day', from_utc) + interval '1 day';
BEGIN
  IF from_utc >= to_utc THEN
    RETURN;
  END IF;
  IF extract(epoch FROM to_utc - from_utc) * 2 > 86400 THEN
    RETURN QUERY VALUES ('day', day_start, day_end, part_sign);
    IF day_start < from_utc THEN
      RETURN QUERY VALUES ('hour', day_start, from_utc, -part_sign);
    END IF;
    IF to_utc < day_end THEN
      RETURN QUERY VALUES ('hour', to_utc, day_end, -part_sign);
    END IF;
  ELSE
    RETURN QUERY VALUES ('hour', from_utc, to_utc, part_sign);
  END IF;
END
$$;

-- As in 0006, with the pieces of days at the edges cut by stats_day_piece (percentiles.ts cutDays).
CREATE OR REPLACE FUNCTION stats_day_parts(from_utc timestamp, to_utc timestamp, part_sign integer)
RETURNS TABLE (part text, part_start timestamp, part_end timestamp, sign integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  first_day timestamp := CASE WHEN date_trunc('day', from_utc) = from_utc THEN from_utc ELSE date_trunc('day', from_utc) + interval '1 day' END;
  last_day timestamp := date_trunc('day', to_utc);
BEGIN
  IF from_utc >= to_utc THEN
    RETURN;
  END IF;
  IF first_day > last_day THEN
    RETURN QUERY SELECT * FROM stats_day_piece(from_utc, to_utc, part_sign);
    RETURN;
  END IF;
  IF first_day < last_day THEN
    RETURN QUERY VALUES ('day', first_day, last_day, part_sign);
  END IF;
  RETURN QUERY SELECT * FROM stats_day_piece(from_utc, first_day, part_sign);
  RETURN QUERY SELECT * FROM stats_day_piece(last_day, to_utc, part_sign);
END
$$;

-- The UTC days (as UTC midnights without a zone) that the hours starting inside [from_at, to_at)
-- touch, when they are at most 93 (queries/percentiles.ts DAY_BY_DAY_MAX_DAYS); null for a longer
-- range. Immutable: where the range is made of constants the planner computes it while planning,
-- and a null folds its condition away.
CREATE FUNCTION stats_span_days(from_at timestamptz, to_at timestamptz) RETURNS timestamp[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN count(*) <= 93 THEN array_agg(d ORDER BY d) END
    FROM generate_series(date_trunc('day', stats_hour_at_or_after(from_at) AT TIME ZONE 'UTC'),
                         stats_hour_at_or_after(to_at) AT TIME ZONE 'UTC' - interval '1 microsecond',
                         interval '1 day') AS d
$$;

CREATE OR REPLACE FUNCTION stats_spreads(kinds text[], from_at timestamptz, to_at timestamptz, team_ids uuid[], internal_conversations boolean, by_team boolean)
RETURNS TABLE (kind text, team_id uuid, n bigint, median float8, p90 float8, mean float8, business_median float8, business_p90 float8, business_mean float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH spans AS MATERIALIZED (SELECT * FROM stats_spans(from_at, to_at) s WHERE s.part <> 'month'),
  -- Facts per (kind, group, ordering, bucket), with the sum of their values.
  buckets AS MATERIALIZED (
    SELECT c.kind, c.grp, c.business, c.bucket, sum(c.n)::bigint AS n, sum(c.total) AS total
      FROM (SELECT h.kind, CASE WHEN by_team THEN h.team_id END AS grp, h.business, h.bucket, h.n, h.total
              FROM value_histogram_monthly h
             WHERE h.month >= lower(stats_span_months(from_at, to_at)) AND h.month < upper(stats_span_months(from_at, to_at))
               AND h.kind = ANY(kinds) AND h.internal = internal_conversations
               AND (stats_spreads.team_ids IS NULL OR h.team_id = ANY(stats_spreads.team_ids)) AND (NOT by_team OR h.team_id IS NOT NULL)
               AND (by_team OR stats_spreads.team_ids IS NOT NULL)
            UNION ALL
            -- The whole desk, not split by team: the months summed over teams (0009).
            SELECT h.kind, NULL::uuid, h.business, h.bucket, h.n, h.total
              FROM value_histogram_monthly_desk h
             WHERE h.month >= lower(stats_span_months(from_at, to_at)) AND h.month < upper(stats_span_months(from_at, to_at))
               AND h.kind = ANY(kinds) AND h.internal = internal_conversations
               AND NOT by_team AND stats_spreads.team_ids IS NULL
            UNION ALL
            SELECT h.kind, CASE WHEN by_team THEN h.team_id END, h.business, h.bucket, s.sign * h.n, s.sign * h.total
              FROM spans s JOIN value_histogram_daily h ON h.day >= s.part_start AND h.day < s.part_end
             WHERE s.part = 'day' AND h.kind = ANY(kinds) AND h.internal = internal_conversations
               AND (stats_spreads.team_ids IS NULL OR h.team_id = ANY(stats_spreads.team_ids)) AND (NOT by_team OR h.team_id IS NOT NULL)
            UNION ALL
            SELECT f.kind, CASE WHEN by_team THEN f.team_id END, o.business, stats_value_bucket(o.v), s.sign, s.sign * o.v
              FROM spans s JOIN facts f ON f.at >= s.part_start AND f.at < s.part_end
             CROSS JOIN LATERAL (VALUES (false, f.value), (true, coalesce(f.business_value, f.value))) AS o(business, v)
             WHERE s.part = 'hour' AND f.kind = ANY(kinds) AND f.internal = internal_conversations
               AND (stats_spreads.team_ids IS NULL OR f.team_id = ANY(stats_spreads.team_ids)) AND (NOT by_team OR f.team_id IS NOT NULL)) c
     GROUP BY c.kind, c.grp, c.business, c.bucket
    HAVING sum(c.n) <> 0),
  -- Each bucket with the facts before it in its ordering, and the ordering's n and total.
  cumulative AS MATERIALIZED (
    SELECT b.kind, b.grp, b.business, b.bucket, b.n,
           (sum(b.n) OVER (PARTITION BY b.kind, b.grp, b.business ORDER BY b.bucket) - b.n)::bigint AS before,
           (sum(b.n) OVER (PARTITION BY b.kind, b.grp, b.business))::bigint AS count,
           sum(b.total) OVER (PARTITION BY b.kind, b.grp, b.business) AS total
      FROM buckets b),
  orderings AS (SELECT DISTINCT c.kind, c.grp, c.business, c.count, c.total FROM cumulative c),
  -- Each percentile's position p·(n−1) in float8, as percentile_cont computes it, and its two ranks.
  positions AS (
    SELECT o.kind, o.grp, o.business, q.p, q.p * (o.count - 1)::float8 AS position FROM orderings o CROSS JOIN (VALUES (0.5::float8), (0.9::float8)) AS q(p)),
  ranks AS (
    SELECT DISTINCT p.kind, p.grp, p.business, r.rank
      FROM positions p CROSS JOIN LATERAL (VALUES (floor(p.position)::bigint), (ceil(p.position)::bigint)) AS r(rank)),
  -- The bucket of each rank and its place in it; consecutive ranks of one bucket (the two of a
  -- percentile, or of both when they meet) are one run, read at once.
  located AS (
    SELECT r.kind, r.grp, r.business, r.rank, c.bucket, c.n AS bucket_n, r.rank - c.before AS place,
           r.rank - row_number() OVER (PARTITION BY r.kind, r.grp, r.business, c.bucket ORDER BY r.rank) AS run
      FROM ranks r JOIN cumulative c ON c.kind = r.kind AND c.grp IS NOT DISTINCT FROM r.grp AND c.business = r.business AND r.rank >= c.before AND r.rank < c.before + c.n),
  -- One read per run, from the end of the bucket nearer to it (the read passes over the facts
  -- before its offset): ascending, skipping `place` facts, or descending, skipping those after it.
  runs AS (
    SELECT l.kind, l.grp, l.business, min(l.rank) AS first_rank, count(*)::integer AS count,
           stats_bucket_low(l.bucket) AS low, stats_bucket_high(l.bucket) AS high,
           min(l.place) * 2 + count(*) > min(l.bucket_n) AS descending,
           CASE WHEN min(l.place) * 2 + count(*) > min(l.bucket_n) THEN min(l.bucket_n) - min(l.place) - count(*) ELSE min(l.place) END::bigint AS skip
      FROM located l
     GROUP BY l.kind, l.grp, l.business, l.bucket, l.run),
  -- The values of each run's ranks, in rank order (a descending read's reversed). A bucket one value
  -- wide holds only its value. Materialized so that each read runs once: inlined into `valued`, its
  -- subquery would run again at every use of `found`.
  read AS MATERIALIZED (
    SELECT r.kind, r.grp, r.business, r.first_rank, r.count, r.low, r.descending,
           CASE WHEN r.high - r.low = 1 THEN NULL
                WHEN r.business AND r.descending THEN ARRAY(SELECT coalesce(f.business_value, f.value) FROM facts f
                                 WHERE f.kind = r.kind AND f.kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')
                                   AND coalesce(f.business_value, f.value) >= r.low AND coalesce(f.business_value, f.value) < r.high
                                   AND f.at >= stats_hour_at_or_after(from_at) AND f.at < stats_hour_at_or_after(to_at) AND f.internal = internal_conversations
                                   AND (stats_span_days(from_at, to_at) IS NULL OR date_trunc('day', f.at AT TIME ZONE 'UTC') = ANY(stats_span_days(from_at, to_at)))
                                   AND (stats_spreads.team_ids IS NULL OR f.team_id = ANY(stats_spreads.team_ids)) AND (r.grp IS NULL OR f.team_id = r.grp)
                                 ORDER BY coalesce(f.business_value, f.value) DESC OFFSET r.skip LIMIT r.count)
                WHEN r.business THEN ARRAY(SELECT coalesce(f.business_value, f.value) FROM facts f
                                 WHERE f.kind = r.kind AND f.kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')
                                   AND coalesce(f.business_value, f.value) >= r.low AND coalesce(f.business_value, f.value) < r.high
                                   AND f.at >= stats_hour_at_or_after(from_at) AND f.at < stats_hour_at_or_after(to_at) AND f.internal = internal_conversations
                                   AND (stats_span_days(from_at, to_at) IS NULL OR date_trunc('day', f.at AT TIME ZONE 'UTC') = ANY(stats_span_days(from_at, to_at)))
                                   AND (stats_spreads.team_ids IS NULL OR f.team_id = ANY(stats_spreads.team_ids)) AND (r.grp IS NULL OR f.team_id = r.grp)
                                 ORDER BY coalesce(f.business_value, f.value) OFFSET r.skip LIMIT r.count)
                WHEN r.descending THEN ARRAY(SELECT f.value FROM facts f
                                 WHERE f.kind = r.kind AND f.kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')
                                   AND f.value >= r.low AND f.value < r.high
                                   AND f.at >= stats_hour_at_or_after(from_at) AND f.at < stats_hour_at_or_after(to_at) AND f.internal = internal_conversations
                                   AND (stats_span_days(from_at, to_at) IS NULL OR date_trunc('day', f.at AT TIME ZONE 'UTC') = ANY(stats_span_days(from_at, to_at)))
                                   AND (stats_spreads.team_ids IS NULL OR f.team_id = ANY(stats_spreads.team_ids)) AND (r.grp IS NULL OR f.team_id = r.grp)
                                 ORDER BY f.value DESC OFFSET r.skip LIMIT r.count)
                ELSE ARRAY(SELECT f.value FROM facts f
                                 WHERE f.kind = r.kind AND f.kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages')
                                   AND f.value >= r.low AND f.value < r.high
                                   AND f.at >= stats_hour_at_or_after(from_at) AND f.at < stats_hour_at_or_after(to_at) AND f.internal = internal_conversations
                                   AND (stats_span_days(from_at, to_at) IS NULL OR date_trunc('day', f.at AT TIME ZONE 'UTC') = ANY(stats_span_days(from_at, to_at)))
                                   AND (stats_spreads.team_ids IS NULL OR f.team_id = ANY(stats_spreads.team_ids)) AND (r.grp IS NULL OR f.team_id = r.grp)
                                 ORDER BY f.value OFFSET r.skip LIMIT r.count)
           END AS found
      FROM runs r),
  valued AS (
    SELECT r.kind, r.grp, r.business, r.first_rank + i AS rank,
           (CASE WHEN r.found IS NULL THEN r.low WHEN r.descending THEN r.found[r.count - i] ELSE r.found[i + 1] END)::float8 AS v
      FROM read r CROSS JOIN LATERAL generate_series(0, r.count - 1) AS i),
  percentiles AS (
    SELECT p.kind, p.grp, p.business, p.p,
           lo.v + (p.position - floor(p.position)) * (hi.v - lo.v) AS value
      FROM positions p
      JOIN valued lo ON lo.kind = p.kind AND lo.grp IS NOT DISTINCT FROM p.grp AND lo.business = p.business AND lo.rank = floor(p.position)::bigint
      JOIN valued hi ON hi.kind = p.kind AND hi.grp IS NOT DISTINCT FROM p.grp AND hi.business = p.business AND hi.rank = ceil(p.position)::bigint)
  SELECT o.kind, o.grp, o.count,
         max(pc.value) FILTER (WHERE NOT o.business AND pc.p = 0.5), max(pc.value) FILTER (WHERE NOT o.business AND pc.p = 0.9),
         max(o.total::float8 / o.count::float8) FILTER (WHERE NOT o.business),
         max(pc.value) FILTER (WHERE o.business AND pc.p = 0.5), max(pc.value) FILTER (WHERE o.business AND pc.p = 0.9),
         max(o.total::float8 / o.count::float8) FILTER (WHERE o.business)
    FROM orderings o
    LEFT JOIN percentiles pc ON pc.kind = o.kind AND pc.grp IS NOT DISTINCT FROM o.grp AND pc.business = o.business
   GROUP BY o.kind, o.grp, o.count
$$;

DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartchat_stats_reader') THEN
    GRANT EXECUTE ON FUNCTION stats_span_days(timestamptz, timestamptz), stats_day_piece(timestamp, timestamp, integer) TO smartchat_stats_reader;
  END IF;
END
$$;
