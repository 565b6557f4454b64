-- Functions the Grafana business dashboard (dashboards/src/statistics) calls, so that its panels
-- read the structures the in-app statistics read (schemas 0003, 0004) instead of summing a year of
-- rollup_hourly or sorting a year of facts. Grafana sends one SQL statement per panel and cannot
-- run the in-app queries' TypeScript (services/stats/src/queries: figures.ts rollupSources,
-- percentiles.ts), so the same algorithms are here in SQL: the range cut into whole UTC months,
-- days and edge hours with signs, sums from the team rollups, exact percentiles from the value
-- histograms and one bucket's facts. Integer sums and exact ranks, so every figure equals what the
-- facts and rollup_hourly give (the dashboard's tests compare them with the in-app queries).
--
-- Only reads. They run with the caller's rights (not SECURITY DEFINER): the read-only role
-- smartchat_stats_reader needs its SELECT on the tables (0002) and EXECUTE, which PostgreSQL gives
-- PUBLIC on new functions; granted to the role by name as well at the end, so that a server whose
-- operator revoked it from PUBLIC still lets Grafana read. Most of them are LANGUAGE sql and
-- STABLE or IMMUTABLE so that the planner inlines them into the panel's query, where the range and
-- the filters are constants.

-- The first whole UTC hour at or after an instant: a range covers the hours that start inside it
-- (dashboards/src/statistics/sql.ts hourAtOrAfter; date_bin and adding hours do not depend on the
-- session's time zone).
CREATE FUNCTION stats_hour_at_or_after(instant timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('1 hour', instant - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') + interval '1 hour'
$$;

-- A span [from_utc, to_utc) of UTC wall time cut into whole UTC days and the hours at its edges,
-- each part with `part_sign` (percentiles.ts histogramSpans, cutDays). Days are 24 hours: the
-- arithmetic is on UTC timestamps without a zone, so the session's time zone never moves a border.
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

CREATE FUNCTION stats_day_parts(from_utc timestamp, to_utc timestamp, part_sign integer)
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

-- A piece of one UTC month: its days and hours, or, when it covers more than half of the month, the
-- whole month less the days and hours it leaves out (fewer rows to read; percentiles.ts partOfMonth).
CREATE FUNCTION stats_month_parts(from_utc timestamp, to_utc timestamp)
RETURNS TABLE (part text, part_start timestamp, part_end timestamp, sign integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  month_start timestamp := date_trunc('month', from_utc);
  month_end timestamp := date_trunc('month', from_utc) + interval '1 month';
BEGIN
  IF from_utc >= to_utc THEN
    RETURN;
  END IF;
  IF extract(epoch FROM to_utc - from_utc) * 2 > extract(epoch FROM month_end - month_start) THEN
    RETURN QUERY VALUES ('month', month_start, month_end, 1);
    RETURN QUERY SELECT * FROM stats_day_parts(month_start, from_utc, -1);
    RETURN QUERY SELECT * FROM stats_day_parts(to_utc, month_end, -1);
  ELSE
    RETURN QUERY SELECT * FROM stats_day_parts(from_utc, to_utc, 1);
  END IF;
END
$$;

-- The UTC hours that start inside [from_at, to_at) (the dashboard's rule: the first whole hour at
-- or after each end), as parts of whole UTC months ('month'), whole UTC days ('day') and hours
-- ('hour'), each [part_start, part_end) with a sign: the parts' signed counts add up to exactly the
-- span's. The same cut as percentiles.ts histogramSpans (and so figures.ts rollupSources). Months
-- always count with sign 1 and are one run (the whole months inside the span, and a month at
-- either edge that the span mostly covers, which is next to them), so readers take them as one
-- range [first part_start, last part_end).
CREATE FUNCTION stats_spans(from_at timestamptz, to_at timestamptz)
RETURNS TABLE (part text, part_start timestamptz, part_end timestamptz, sign integer)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 6 AS $$
DECLARE
  -- In UTC wall time.
  span_start timestamp := stats_hour_at_or_after(from_at) AT TIME ZONE 'UTC';
  span_end timestamp := stats_hour_at_or_after(to_at) AT TIME ZONE 'UTC';
  -- The first month that starts at or after the span's start, and the month the span ends in.
  first_month timestamp;
  last_month timestamp := date_trunc('month', span_end);
BEGIN
  IF span_start >= span_end THEN
    RETURN;
  END IF;
  first_month := CASE WHEN date_trunc('month', span_start) = span_start THEN span_start ELSE date_trunc('month', span_start) + interval '1 month' END;
  RETURN QUERY
  SELECT p.part, p.part_start AT TIME ZONE 'UTC', p.part_end AT TIME ZONE 'UTC', p.sign
    FROM (SELECT 'month' AS part, first_month AS part_start, last_month AS part_end, 1 AS sign WHERE first_month < last_month
          UNION ALL
          -- Whole months between: the pieces before and after them. Within one month: the span.
          -- Across one month border without a whole month between: the piece on each side.
          SELECT m.* FROM stats_month_parts(span_start, least(first_month, span_end)) m WHERE first_month < last_month
          UNION ALL
          SELECT m.* FROM stats_month_parts(last_month, span_end) m WHERE first_month < last_month
          UNION ALL
          SELECT m.* FROM stats_month_parts(span_start, span_end) m WHERE first_month >= last_month AND date_trunc('month', span_start) = date_trunc('month', span_end - interval '1 microsecond')
          UNION ALL
          SELECT m.* FROM stats_month_parts(span_start, last_month) m WHERE first_month >= last_month AND date_trunc('month', span_start) <> date_trunc('month', span_end - interval '1 microsecond')
          UNION ALL
          SELECT m.* FROM stats_month_parts(last_month, span_end) m WHERE first_month >= last_month AND date_trunc('month', span_start) <> date_trunc('month', span_end - interval '1 microsecond')) p;
END
$$;

-- The month parts of stats_spans as one range (null when there are none). A scalar and immutable:
-- where the range's ends are constants (the dashboard's SQL, into which the functions below are
-- inlined) the planner computes it once while planning, and reads the monthly tables by constant
-- bounds, as one index range.
CREATE FUNCTION stats_span_months(from_at timestamptz, to_at timestamptz) RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN count(*) > 0 THEN tstzrange(min(s.part_start), max(s.part_end)) END FROM stats_spans(from_at, to_at) s WHERE s.part = 'month'
$$;

-- Counts and sums (n, sum_value, sum_business) of `kinds` over the hours that start inside
-- [from_at, to_at), per kind, team and agent of presence (agent.online, agent.away; null for other
-- kinds), of internal conversations or of customer ones (`internal_conversations`), of the teams
-- `team_ids` (null: every team, also none). Presence has no team: a team filter takes the agents of
-- those teams (agents.team_ids), as the in-app statistics do (queries/slice.ts sliceWhere).
-- Whole UTC months from rollup_monthly_team, days from rollup_daily_team and hours from
-- rollup_hourly_team, signed (stats_spans): the same integers as rollup_hourly summed, without
-- reading rollup_hourly's rows of every agent, channel and topic. Groups whose sums are all zero
-- (nothing in the range) are left out.
CREATE FUNCTION stats_rollup_sums(kinds text[], from_at timestamptz, to_at timestamptz, team_ids uuid[], internal_conversations boolean)
RETURNS TABLE (kind text, team_id uuid, agent_id uuid, n bigint, sum_value bigint, sum_business bigint)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH spans AS MATERIALIZED (SELECT * FROM stats_spans(from_at, to_at) s WHERE s.part <> 'month'),
  members AS MATERIALIZED (SELECT a.agent_id FROM agents a WHERE a.team_ids && stats_rollup_sums.team_ids)
  SELECT p.kind, p.team_id, p.agent_id, sum(p.n)::bigint, sum(p.sum_value)::bigint, sum(p.sum_business)::bigint
    FROM (SELECT r.kind, r.team_id, r.agent_id, r.n, r.sum_value, r.sum_business
            FROM rollup_monthly_team r
           WHERE r.month >= lower(stats_span_months(from_at, to_at)) AND r.month < upper(stats_span_months(from_at, to_at))
             AND r.kind = ANY(kinds) AND r.internal = internal_conversations
             AND (stats_rollup_sums.team_ids IS NULL OR r.team_id = ANY(stats_rollup_sums.team_ids) OR r.agent_id IN (SELECT m.agent_id FROM members m))
          UNION ALL
          SELECT r.kind, r.team_id, r.agent_id, s.sign * r.n, s.sign * r.sum_value, s.sign * r.sum_business
            FROM spans s JOIN rollup_daily_team r ON r.day >= s.part_start AND r.day < s.part_end
           WHERE s.part = 'day' AND r.kind = ANY(kinds) AND r.internal = internal_conversations
             AND (stats_rollup_sums.team_ids IS NULL OR r.team_id = ANY(stats_rollup_sums.team_ids) OR r.agent_id IN (SELECT m.agent_id FROM members m))
          UNION ALL
          SELECT r.kind, r.team_id, r.agent_id, s.sign * r.n, s.sign * r.sum_value, s.sign * r.sum_business
            FROM spans s JOIN rollup_hourly_team r ON r.hour >= s.part_start AND r.hour < s.part_end
           WHERE s.part = 'hour' AND r.kind = ANY(kinds) AND r.internal = internal_conversations
             AND (stats_rollup_sums.team_ids IS NULL OR r.team_id = ANY(stats_rollup_sums.team_ids) OR r.agent_id IN (SELECT m.agent_id FROM members m))) p
   GROUP BY p.kind, p.team_id, p.agent_id
  HAVING sum(p.n) <> 0 OR sum(p.sum_value) <> 0 OR sum(p.sum_business) <> 0
$$;

-- The values stats_value_bucket (0004) puts in `bucket`: [low, high) (percentiles.ts bucketBounds).
CREATE FUNCTION stats_bucket_low(bucket integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN bucket < 64 THEN bucket::bigint ELSE (32 + bucket % 32)::bigint << (bucket / 32 - 5) END
$$;
CREATE FUNCTION stats_bucket_high(bucket integer) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN bucket < 64 THEN bucket::bigint + 1 ELSE (33 + bucket % 32)::bigint << (bucket / 32 - 5) END
$$;

-- Median, p90 (as percentile_cont: the values at ranks ⌊p·(n−1)⌋ and ⌈p·(n−1)⌉, interpolated in
-- double precision) and mean of each of `kinds` (durations and distributions: the kinds of the value
-- histograms, 0004) over the hours that start inside [from_at, to_at), in calendar time (value) and
-- business time (coalesce(business_value, value)), with n; of internal or customer conversations,
-- of the teams `team_ids` (null: all), overall (team_id null) or per team (`by_team`: facts without
-- a team are then in no row). Kinds without facts in the range have no row.
--
-- The two stages of percentiles.ts, without sorting: (1) the facts per value bucket from the
-- histograms (whole months and days, signed) and the facts of the edge hours, so which bucket
-- holds each rank and at which offset; (2) only those buckets' facts, each ordering read in its
-- own index's order (facts_kind_value, facts_kind_business_value) so that the read stops at the
-- rank. A bucket one value wide says its value without a read. The repeated list of kinds in the
-- reads is the indexes' predicate: the kind of a read comes from a row (r.kind), not a constant, so
-- without it the planner could not prove that those partial indexes hold the read's facts.
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

CREATE FUNCTION stats_spreads(kinds text[], from_at timestamptz, to_at timestamptz, team_ids uuid[], internal_conversations boolean, by_team boolean)
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
            -- The whole desk, not split by team: the months summed over teams (0004).
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
    GRANT EXECUTE ON FUNCTION stats_hour_at_or_after(timestamptz), stats_day_parts(timestamp, timestamp, integer), stats_month_parts(timestamp, timestamp),
      stats_spans(timestamptz, timestamptz), stats_span_months(timestamptz, timestamptz), stats_day_piece(timestamp, timestamp, integer), stats_span_days(timestamptz, timestamptz), stats_rollup_sums(text[], timestamptz, timestamptz, uuid[], boolean),
      stats_bucket_low(integer), stats_bucket_high(integer), stats_spreads(text[], timestamptz, timestamptz, uuid[], boolean, boolean) TO smartchat_stats_reader;
  END IF;
END
$$;
