-- One year of synthetic statistics for a support desk, written straight into the statistics store
-- (facts, rollup_hourly, teams, agents, team_settings) by set-based SQL: facts as the pipeline
-- would derive them (services/stats/src/metrics: kinds, keys, dimensions, business time), not
-- events replayed through it. Run by history.ts, one step at a time (each `-- step:` below), with
-- its parameters in session settings: bench.conversations, bench.agents, bench.since, bench.until
-- (UTC instants, end excluded) and bench.zone (the desk's zone, a whole-hour one without DST).
--
-- Deterministic: every random draw is a hash of (conversation or agent number, draw number), so the
-- same parameters give the same rows, and a cached history can be compared with a fresh one.
-- The shape: load by local hour of day and weekday (weekends a third of a weekday, holidays lower),
-- growing through the year; six teams of different sizes, business hours, SLA targets, topics and
-- CSAT settings; lognormal waits that grow with the hour's load; transfers, reopens, unanswered
-- conversations, internal ones (reported apart), CSAT answers that follow the wait, and agents'
-- online/away time on shifts.

-- step: helpers
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- A uniform draw in [0, 1).
CREATE FUNCTION bench.u(n bigint, k integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(n, k) & 9007199254740991)::float8 / 9007199254740992.0 $$;

-- A standard normal draw (Box-Muller), from draws k and k + 1.
CREATE FUNCTION bench.z(n bigint, k integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT sqrt(-2 * ln(1 - bench.u(n, k))) * cos(2 * pi() * bench.u(n, k + 1)) $$;

-- A lognormal draw with the given median (and so a p90 of median * exp(1.2816 * sigma)).
CREATE FUNCTION bench.lognormal(n bigint, k integer, median double precision, sigma double precision) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT median * exp(sigma * bench.z(n, k)) $$;

-- Stable ids: teams 1, agents 2, conversations 3.
CREATE FUNCTION bench.uuid(prefix integer, n bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (lpad(to_hex(prefix), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;

-- Calendar length of a span that needs `business` ms of open time, starting `gap` ms before the
-- team opens, with `open_left` ms left of that opening; beyond it the rest stretches over the week
-- by the team's open share. A team always open has gap 0 and share 1: calendar = business.
CREATE FUNCTION bench.calendar_ms(business double precision, gap double precision, open_left double precision, share double precision) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT round(gap + CASE WHEN business <= open_left THEN business ELSE open_left + (business - open_left) / share END)::bigint $$;

-- step: teams and agents
-- Six teams (local hours in bench.zone; open_days ISO weekdays, null hours: always open).
CREATE TABLE bench.team AS
SELECT t, name, load_share, member_share, open_hour, close_hour, open_days, sla_first_min, sla_next_min, csat, topics,
       open_hour IS NULL AS always_open, (SELECT max(d) FROM unnest(open_days) d) AS last_open_day,
       CASE WHEN open_hour IS NULL THEN 1.0 ELSE (close_hour - open_hour) / 24.0 * cardinality(open_days) / 7.0 END AS open_share
  FROM (VALUES
    (1, 'Support',   0.34, 0.30, NULL::int, NULL::int, NULL::int[], 2, 5, true,  ARRAY['order-status', 'delivery', 'account', 'technical', 'feedback']),
    (2, 'Sales',     0.12, 0.20, 9, 18, ARRAY[1, 2, 3, 4, 5], 5, 10, true,  ARRAY['promo', 'bulk-order', 'order-status']),
    (3, 'Billing',   0.18, 0.17, 9, 20, ARRAY[1, 2, 3, 4, 5], 3, 10, true,  ARRAY['billing', 'payment-failed', 'refund']),
    (4, 'Logistics', 0.20, 0.15, 8, 20, ARRAY[1, 2, 3, 4, 5, 6], 5, 15, true,  ARRAY['delivery', 'returns', 'order-status']),
    (5, 'VIP',       0.10, 0.12, NULL, NULL, NULL, 1, 3, true,  ARRAY['order-status', 'refund', 'delivery', 'account']),
    (6, 'Partners',  0.06, 0.06, 10, 19, ARRAY[1, 2, 3, 4, 5], NULL, NULL, false, ARRAY['partnership', 'bulk-order'])
  ) AS v(t, name, load_share, member_share, open_hour, close_hour, open_days, sla_first_min, sla_next_min, csat, topics);
ALTER TABLE bench.team ADD COLUMN id uuid, ADD COLUMN members integer, ADD COLUMN agent_from integer, ADD COLUMN cum_from double precision, ADD COLUMN cum_to double precision;
UPDATE bench.team SET id = bench.uuid(1, t), members = greatest(1, round(current_setting('bench.agents')::integer * member_share));
UPDATE bench.team t SET agent_from = x.agent_from, cum_from = x.cum_to - t.load_share, cum_to = x.cum_to
  FROM (SELECT t, sum(members) OVER (ORDER BY t) - members + 1 AS agent_from, sum(load_share) OVER (ORDER BY t) AS cum_to FROM bench.team) x
 WHERE x.t = t.t;
UPDATE bench.team SET cum_to = 1.0 WHERE t = 6; -- no draw falls through a rounding gap

CREATE TABLE bench.agent AS
SELECT t.agent_from + i AS a, bench.uuid(2, t.agent_from + i) AS id, t.t AS team, i AS rank, t.always_open,
       -- Shifts: teams always open work three 8-hour shifts, the others one from opening (two
       -- staggered ones when open longer than 9 hours).
       CASE WHEN t.always_open THEN (i % 3) * 8
            WHEN t.close_hour - t.open_hour > 9 AND i % 2 = 1 THEN t.close_hour - 9
            ELSE t.open_hour END AS shift_start,
       CASE WHEN t.always_open THEN 8 ELSE least(9, t.close_hour - t.open_hour) END AS shift_hours,
       -- ISO weekdays off: two in a row for round-the-clock teams, else the closed days (and one
       -- more for six-day teams).
       CASE WHEN t.always_open THEN ARRAY[(i % 7) + 1, ((i + 1) % 7) + 1]
            ELSE ARRAY(SELECT d FROM generate_series(1, 7) d WHERE d <> ALL (t.open_days)) || CASE WHEN cardinality(t.open_days) = 6 THEN ARRAY[(i % 6) + 1] ELSE ARRAY[]::int[] END END AS days_off
  FROM bench.team t, generate_series(0, t.members - 1) i;

INSERT INTO teams (team_id, name)
SELECT id, name FROM bench.team;

INSERT INTO agents (agent_id, name, team_ids)
SELECT id, 'Agent ' || a, ARRAY[bench.uuid(1, team)] FROM bench.agent;

INSERT INTO team_settings (team_id, valid_from, settings)
SELECT id, current_setting('bench.since')::timestamptz - interval '30 days',
       jsonb_build_object(
         'firstResponseMinutes', sla_first_min,
         'nextResponseMinutes', sla_next_min,
         'csatEnabled', csat,
         'topics', to_jsonb(topics),
         'businessHours', CASE WHEN always_open THEN NULL ELSE jsonb_build_object(
           'timeZone', current_setting('bench.zone'),
           'days', (SELECT jsonb_object_agg((ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[d],
                                            jsonb_build_array(jsonb_build_array(lpad(open_hour::text, 2, '0') || ':00', lpad(close_hour::text, 2, '0') || ':00')))
                      FROM unnest(open_days) d)) END)
  FROM bench.team;

-- step: hours
-- Expected load per UTC hour: local hour of day x weekday x holidays x growth through the year;
-- each hour gets its whole number of conversations so that they add up to exactly bench.conversations.
CREATE TABLE bench.hour AS
WITH shaped AS (
  SELECT h, local,
         (ARRAY[0.14, 0.09, 0.06, 0.05, 0.05, 0.07, 0.14, 0.32, 0.68, 1.00, 1.16, 1.20, 1.10, 1.06, 1.16, 1.16, 1.10, 1.00, 0.84, 0.68, 0.58, 0.48, 0.34, 0.22])[extract(hour FROM local)::int + 1] AS hour_load,
         (ARRAY[1.10, 1.05, 1.00, 1.00, 0.92, 0.36, 0.30])[extract(isodow FROM local)::int]
           * CASE WHEN to_char(local, 'MM-DD') BETWEEN '01-01' AND '01-08' THEN 0.45
                  WHEN to_char(local, 'MM-DD') IN ('02-23', '03-08', '05-01', '05-09', '06-12', '11-04') THEN 0.55
                  WHEN to_char(local, 'MM-DD') BETWEEN '11-20' AND '12-24' THEN 1.15
                  ELSE 1.0 END
           * (0.9 + 0.2 * extract(epoch FROM h - current_setting('bench.since')::timestamptz) / extract(epoch FROM current_setting('bench.until')::timestamptz - current_setting('bench.since')::timestamptz)) AS day_load
    FROM generate_series(current_setting('bench.since')::timestamptz, current_setting('bench.until')::timestamptz - interval '1 hour', interval '1 hour') h,
         LATERAL (SELECT h AT TIME ZONE current_setting('bench.zone') AS local) l
), weighted AS (
  SELECT h, local, hour_load, hour_load * day_load AS w, sum(hour_load * day_load) OVER (ORDER BY h) AS cum, sum(hour_load * day_load) OVER () AS total FROM shaped
)
SELECT h, local, hour_load,
       (floor(cum / total * current_setting('bench.conversations')::bigint) - floor((cum - w) / total * current_setting('bench.conversations')::bigint))::integer AS conversations,
       (floor((cum - w) / total * current_setting('bench.conversations')::bigint))::bigint AS before
  FROM weighted;

-- step: conversations
-- One row per conversation with everything its facts need, as a view that the next step
-- materializes in parts. Durations are drawn in business time (the team's open time) and turned
-- into calendar time; `gap` is the closed time between the arrival and the opening, `open_left`
-- what is left of that opening. Closes, reopens and CSAT answers are drawn once here, so that
-- every fact of a conversation agrees.
CREATE VIEW bench.conv_source AS
SELECT x.*, y.closed, y.res2_ms, y.transfer_wait_ms, y.rating_after_ms, y.sla_first_end_ms, y.rating, y.rating2, z.reopen_ms,
       z.reopen_ms IS NOT NULL AND x.res_ms + z.reopen_ms + y.res2_ms < x.left_ms AS closed2
  FROM (
    SELECT n, bench.uuid(3, n)::text AS sid, lpad(to_hex(n), 12, '0') AS hex, created_at,
           -- what is left of the history after the arrival: later facts do not exist yet
           (extract(epoch FROM current_setting('bench.until')::timestamptz - created_at) * 1000)::bigint AS left_ms,
           c.team1, c.team2, c.team1_id, c.team2_id, c.transferred, bench.uuid(2, c.agent1) AS agent1_id, bench.uuid(2, c.agent2) AS agent2_id,
           c.internal, c.channel, c.topic, c.load,
           c.csat_team, c.sla_first_ms, c.sla_next_ms, c.gap, c.open_left, c.share, c.answered,
           d.k_cust, d.k_reply, d.k_note, d.waits,
           d.assign_biz, bench.calendar_ms(d.assign_biz, c.gap, c.open_left, c.share) AS assign_ms,
           d.frt_biz, bench.calendar_ms(d.frt_biz, c.gap, c.open_left, c.share) AS frt_ms,
           d.res_biz, bench.calendar_ms(d.res_biz, c.gap, c.open_left, c.share) AS res_ms
      FROM (
        SELECT hr.before + g.i AS n, hr.h + bench.u(hr.before + g.i, 1) * interval '1 hour' AS created_at, hr.local, hr.hour_load
          FROM bench.hour hr, generate_series(1, hr.conversations) g(i)
      ) base
      CROSS JOIN LATERAL (
        SELECT t1.t AS team1, t2.t AS team2, t1.id AS team1_id, t2.id AS team2_id, t2.t <> t1.t AS transferred,
               t1.agent_from + floor(power(bench.u(n, 6), 1.3) * t1.members)::int AS agent1,
               CASE WHEN t2.t <> t1.t THEN t2.agent_from + floor(bench.u(n, 8) * t2.members)::int ELSE t1.agent_from + floor(power(bench.u(n, 6), 1.3) * t1.members)::int END AS agent2,
               bench.u(n, 3) < 0.03 AS internal,
               CASE WHEN bench.u(n, 3) < 0.03 THEN 'internal' WHEN bench.u(n, 4) < 0.80 THEN 'widget' WHEN bench.u(n, 4) < 0.93 THEN 'email' ELSE 'api' END AS channel,
               CASE WHEN bench.u(n, 5) < 0.1 THEN NULL ELSE t1.topics[1 + floor(power(bench.u(n, 9), 1.6) * cardinality(t1.topics))::int] END AS topic,
               base.hour_load AS load,
               t2.csat AS csat_team,
               t1.sla_first_min * 60000::bigint AS sla_first_ms,
               t2.sla_next_min * 60000::bigint AS sla_next_ms,
               o.gap, o.open_left, t1.open_share AS share,
               bench.u(n, 14) >= 0.03 AS answered
          FROM bench.team t1
          JOIN bench.team t2 ON t2.t = CASE WHEN bench.u(n, 7) < 0.05 AND bench.u(n, 3) >= 0.03 THEN t1.t % 6 + 1 ELSE t1.t END
          CROSS JOIN LATERAL (
            -- Hours since local midnight, and the ISO weekday. Teams with hours are open from Monday
            -- to their last open day, so the next opening is tomorrow or next Monday.
            SELECT date_part('epoch', base.local - date_trunc('day', base.local)) / 3600.0 AS x, date_part('isodow', base.local)::int AS dow
            OFFSET 0 -- each expression once per row, not once per use (here and below)
          ) l
          CROSS JOIN LATERAL (
            SELECT CASE
                     WHEN t1.always_open THEN 0::float8
                     WHEN l.dow <= t1.last_open_day AND l.x < t1.open_hour THEN (t1.open_hour - l.x) * 3600000
                     WHEN l.dow <= t1.last_open_day AND l.x < t1.close_hour THEN 0::float8
                     ELSE ((24 - l.x) + (CASE WHEN l.dow < t1.last_open_day THEN 0 ELSE 7 - l.dow END) * 24 + t1.open_hour) * 3600000 END AS gap,
                   CASE
                     WHEN t1.always_open THEN 1e12::float8
                     WHEN l.dow <= t1.last_open_day AND l.x >= t1.open_hour AND l.x < t1.close_hour THEN (t1.close_hour - l.x) * 3600000
                     ELSE (t1.close_hour - t1.open_hour) * 3600000::float8 END AS open_left
            OFFSET 0
          ) o
         WHERE bench.u(n, 2) >= t1.cum_from AND bench.u(n, 2) < t1.cum_to
        OFFSET 0
      ) c
      CROSS JOIN LATERAL (
        SELECT k_cust,
               CASE WHEN c.answered THEN greatest(1, k_cust + CASE WHEN bench.u(n, 17) < 0.25 THEN -1 WHEN bench.u(n, 17) > 0.85 THEN 1 ELSE 0 END) ELSE 0 END AS k_reply,
               CASE WHEN bench.u(n, 18) < 0.12 THEN 1 ELSE 0 END + CASE WHEN bench.u(n, 18) < 0.02 THEN 1 ELSE 0 END AS k_note,
               CASE WHEN c.answered THEN greatest(0, k_cust - 1) ELSE 0 END AS waits,
               assign_biz, frt_biz,
               -- Work after the first reply, or until an unanswered one is closed by auto-close.
               CASE WHEN c.answered THEN frt_biz + bench.lognormal(n, 30, 540000 * (0.6 + 0.25 * k_cust), 1.1)
                    ELSE assign_biz + bench.lognormal(n, 30, 14400000, 0.8) END AS res_biz
          FROM (SELECT 1 + least(24, floor(bench.lognormal(n, 15, 2.2, 0.7)))::int AS k_cust,
                       CASE WHEN c.internal THEN 0 ELSE bench.lognormal(n, 10, 9000 * (0.4 + c.load), 1.25) END AS assign_biz OFFSET 0) k,
               LATERAL (SELECT assign_biz + CASE WHEN c.internal THEN 0 ELSE bench.lognormal(n, 12, 32000 * (0.6 + 0.5 * c.load), 1.0) END AS frt_biz OFFSET 0) f
        OFFSET 0
      ) d
  ) x
  CROSS JOIN LATERAL (
    SELECT x.res_ms < x.left_ms AS closed,
           round(bench.lognormal(x.n, 43, 1200000, 1.1) * CASE WHEN x.share < 1 THEN 1.6 ELSE 1 END)::bigint AS res2_ms,
           round(bench.lognormal(x.n, 50, 25000, 1.0))::bigint AS transfer_wait_ms,
           round(bench.lognormal(x.n, 52, 600000, 1.3))::bigint AS rating_after_ms,
           -- a first-response clock ends at the reply, or when it is due
           least(x.frt_ms, bench.calendar_ms(x.sla_first_ms, x.gap, x.open_left, x.share)) AS sla_first_end_ms,
           CASE WHEN NOT x.internal AND x.answered AND x.csat_team AND bench.u(x.n, 45) < 0.22 THEN
             CASE WHEN bench.u(x.n, 46) < 0.07 + CASE WHEN x.frt_biz > 300000 THEN 0.12 ELSE 0 END THEN 1
                  WHEN bench.u(x.n, 46) < 0.11 + CASE WHEN x.frt_biz > 300000 THEN 0.16 ELSE 0 END THEN 2
                  WHEN bench.u(x.n, 46) < 0.19 + CASE WHEN x.frt_biz > 300000 THEN 0.18 ELSE 0 END THEN 3
                  WHEN bench.u(x.n, 46) < 0.40 + CASE WHEN x.frt_biz > 300000 THEN 0.14 ELSE 0 END THEN 4
                  ELSE 5 END END AS rating,
           CASE WHEN NOT x.internal AND x.csat_team AND bench.u(x.n, 47) < 0.18 THEN 1 + floor(bench.u(x.n, 48) * 5)::int END AS rating2
    OFFSET 0
  ) y
  CROSS JOIN LATERAL (
    -- Reopened more often after a slow first answer, and only within the history.
    SELECT CASE WHEN y.closed AND bench.u(x.n, 40) < 0.045 + CASE WHEN x.frt_biz > 300000 THEN 0.04 ELSE 0 END
                 AND x.res_ms + round(bench.lognormal(x.n, 41, 5 * 3600000, 1.2)) < x.left_ms
                THEN round(bench.lognormal(x.n, 41, 5 * 3600000, 1.2))::bigint END AS reopen_ms
    OFFSET 0
  ) z;
CREATE UNLOGGED TABLE bench.conv AS SELECT * FROM bench.conv_source WITH NO DATA;

-- step: conversation rows (in parts)
INSERT INTO bench.conv SELECT * FROM bench.conv_source WHERE n % current_setting('bench.parts')::int = current_setting('bench.part')::int;

-- step: conversation facts (in parts)
-- Facts at most once per conversation or per close (keys as conversation-facts.ts makes them).
INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value)
SELECT c.sid, f.key, f.kind, c.created_at + f.offset_ms * interval '1 ms',
       f.team, f.agent, c.channel, c.topic, c.internal, f.value, f.business
  FROM bench.conv c
  CROSS JOIN LATERAL (VALUES
    -- key, kind, offset from creation, team, agent, value, business value, whether it exists
    ('new', 'conversation.new', 0::bigint, c.team1_id, NULL::uuid, 1::bigint, NULL::bigint, true),
    ('queue:1', 'queue.time', c.assign_ms, c.team1_id, c.agent1_id, c.assign_ms, round(c.assign_biz)::bigint, NOT c.internal),
    ('assign:1', 'assign.time', c.assign_ms, c.team1_id, c.agent1_id, c.assign_ms, round(c.assign_biz)::bigint, NOT c.internal),
    ('response.first', 'response.first', c.frt_ms, c.team1_id, c.agent1_id, c.frt_ms, round(c.frt_biz)::bigint, c.answered AND NOT c.internal),
    ('sla:first_response:' || c.sid, 'sla.first_response', c.sla_first_end_ms, c.team1_id, c.agent1_id,
       CASE WHEN c.answered AND c.frt_biz <= c.sla_first_ms THEN 1 ELSE 0 END::bigint, NULL, c.sla_first_ms IS NOT NULL AND NOT c.internal),
    -- A transferred conversation waits once more, in its second team, a third of the way in.
    ('queue:2', 'queue.time', c.frt_ms + (c.res_ms - c.frt_ms) / 3, c.team2_id, c.agent2_id, c.transfer_wait_ms, c.transfer_wait_ms, c.transferred),
    ('assign:2', 'assign.time', c.frt_ms + (c.res_ms - c.frt_ms) / 3, c.team2_id, c.agent2_id, c.transfer_wait_ms, c.transfer_wait_ms, c.transferred),
    ('close:1', 'conversation.closed', c.res_ms, c.team2_id, c.agent2_id, 1, NULL, c.closed),
    ('reopened:1', 'close.reopened', c.res_ms, c.team2_id, c.agent2_id, (c.reopen_ms IS NOT NULL)::int::bigint, NULL, c.closed),
    ('fcr', 'conversation.fcr', c.res_ms, c.team2_id, c.agent2_id, (c.k_reply = 1 AND c.reopen_ms IS NULL)::int::bigint, NULL, c.closed AND c.k_reply > 0),
    ('resolution:1', 'resolution.time', c.res_ms, c.team2_id, c.agent2_id, c.res_ms, round(c.res_biz)::bigint, c.closed),
    ('handling:1', 'handling.time', c.res_ms, c.team2_id, c.agent2_id, c.res_ms - c.assign_ms, round(c.res_biz - c.assign_biz)::bigint, c.closed),
    ('messages:1', 'conversation.messages', c.res_ms, c.team2_id, c.agent2_id, (c.k_cust + c.k_reply)::bigint, NULL, c.closed),
    ('csat.requested:00000005-0000-4000-8001-' || c.hex, 'csat.requested', c.res_ms, c.team2_id, c.agent2_id, 1, NULL, c.closed AND c.csat_team AND c.answered AND NOT c.internal),
    ('csat.rating:00000005-0000-4000-8001-' || c.hex, 'csat.rating', c.res_ms + c.rating_after_ms, c.team2_id, c.agent2_id, c.rating::bigint, NULL, c.closed AND c.rating IS NOT NULL),
    ('csat.satisfied:00000005-0000-4000-8001-' || c.hex, 'csat.satisfied', c.res_ms + c.rating_after_ms, c.team2_id, c.agent2_id, (c.rating >= 4)::int::bigint, NULL, c.closed AND c.rating IS NOT NULL),
    -- The second cycle of a reopened conversation.
    ('reopen:1', 'conversation.reopened', c.res_ms + c.reopen_ms, c.team2_id, c.agent2_id, 1, NULL, c.reopen_ms IS NOT NULL),
    ('close:2', 'conversation.closed', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, 1, NULL, c.closed2),
    ('reopened:2', 'close.reopened', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, 0, NULL, c.closed2),
    ('resolution:2', 'resolution.time', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, c.res2_ms, round(c.res2_ms * c.share)::bigint, c.closed2),
    ('handling:2', 'handling.time', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, c.res2_ms, round(c.res2_ms * c.share)::bigint, c.closed2),
    ('messages:2', 'conversation.messages', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, 2 + floor(bench.u(c.n, 55) * 3)::bigint, NULL, c.closed2),
    ('csat.requested:00000005-0000-4000-8002-' || c.hex, 'csat.requested', c.res_ms + c.reopen_ms + c.res2_ms, c.team2_id, c.agent2_id, 1, NULL, c.closed2 AND c.csat_team AND NOT c.internal),
    ('csat.rating:00000005-0000-4000-8002-' || c.hex, 'csat.rating', c.res_ms + c.reopen_ms + c.res2_ms + 900000, c.team2_id, c.agent2_id, c.rating2::bigint, NULL, c.closed2 AND c.rating2 IS NOT NULL),
    ('csat.satisfied:00000005-0000-4000-8002-' || c.hex, 'csat.satisfied', c.res_ms + c.reopen_ms + c.res2_ms + 900000, c.team2_id, c.agent2_id, (c.rating2 >= 4)::int::bigint, NULL, c.closed2 AND c.rating2 IS NOT NULL)
  ) AS f(key, kind, offset_ms, team, agent, value, business, present)
 WHERE c.n % current_setting('bench.parts')::int = current_setting('bench.part')::int
   AND f.present AND f.offset_ms < c.left_ms;

-- step: message facts (in parts)
-- Every customer message, agent reply and note, spread over the first cycle; replies answer the
-- customer's waits (the first one is the first response), each wait after the first is a next
-- response with its SLA clock.
INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value)
SELECT c.sid, 'message:0000000' || m.digit || '-0000-4000-8000-' || c.hex, 'message.' || m.kind, c.created_at + m.offset_ms * interval '1 ms',
       CASE WHEN c.transferred AND m.offset_ms > c.frt_ms + (c.res_ms - c.frt_ms) / 3 THEN c.team2_id ELSE c.team1_id END,
       CASE WHEN m.kind = 'customer' AND m.offset_ms < c.assign_ms THEN NULL
            WHEN c.transferred AND m.offset_ms > c.frt_ms + (c.res_ms - c.frt_ms) / 3 THEN c.agent2_id ELSE c.agent1_id END,
       c.channel, c.topic, c.internal, 1, NULL
  FROM bench.conv c
  CROSS JOIN LATERAL (
    SELECT 'customer' AS kind, i, to_hex(i) AS digit, CASE WHEN i = 1 THEN 0 ELSE c.frt_ms + (c.res_ms * 9 / 10 - c.frt_ms) * (i - 1) / greatest(1, c.k_cust) END::bigint AS offset_ms
      FROM generate_series(1, CASE WHEN c.internal THEN 0 ELSE c.k_cust END) i
    UNION ALL
    SELECT 'reply', i, to_hex(32 + i), CASE WHEN i = 1 THEN c.frt_ms ELSE c.frt_ms + (c.res_ms * 9 / 10 - c.frt_ms) * (i - 1) / greatest(1, c.k_reply) + 30000 END::bigint
      FROM generate_series(1, c.k_reply + CASE WHEN c.internal THEN c.k_cust ELSE 0 END) i
    UNION ALL
    SELECT 'note', i, to_hex(128 + i), (c.res_ms / 2 + i * 1000)::bigint FROM generate_series(1, c.k_note) i
  ) m
 WHERE c.n % current_setting('bench.parts')::int = current_setting('bench.part')::int
   AND m.offset_ms < c.left_ms;

INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value)
SELECT c.sid, f.key, f.kind, c.created_at + w.offset_ms * interval '1 ms',
       w.team, w.agent, c.channel, c.topic, c.internal, f.value, f.business
  FROM bench.conv c
  CROSS JOIN LATERAL generate_series(2, c.waits + 1) i
  CROSS JOIN LATERAL (
    SELECT (c.frt_ms + (c.res_ms * 9 / 10 - c.frt_ms) * (i - 1) / greatest(1, c.k_reply) + 30000)::bigint AS offset_ms,
           -- the wait: in open hours mostly, now and then across a closing
           round(bench.lognormal(c.n * 64 + i, 60, 45000 * (0.6 + 0.5 * c.load), 1.1))::bigint AS biz,
           CASE WHEN c.transferred AND i > c.k_reply / 3 THEN c.team2_id ELSE c.team1_id END AS team,
           CASE WHEN c.transferred AND i > c.k_reply / 3 THEN c.agent2_id ELSE c.agent1_id END AS agent
    OFFSET 0 -- draw each wait once, not once per use
  ) w
  CROSS JOIN LATERAL (VALUES
    ('response.next:000000' || to_hex(32 + i) || '-0000-4000-8000-' || c.hex, 'response.next', CASE WHEN c.share < 1 AND bench.u(c.n * 64 + i, 62) < 0.04 THEN w.biz + 14 * 3600000 ELSE w.biz END, w.biz, true),
    ('sla:next_response:' || c.sid || '-' || i, 'sla.next_response', (w.biz <= c.sla_next_ms)::int::bigint, NULL::bigint, c.sla_next_ms IS NOT NULL)
  ) AS f(key, kind, value, business, present)
 WHERE c.n % current_setting('bench.parts')::int = current_setting('bench.part')::int
   AND f.present AND NOT c.internal AND w.offset_ms < c.left_ms;

-- step: presence facts
-- Agents online and away per UTC hour of their shifts (3% of working days off sick), subject the agent.
INSERT INTO facts (subject_id, key, kind, at, team_id, agent_id, channel, topic, internal, value, business_value)
SELECT a.id::text, p.status || ':bench-' || to_char(d.day, 'YYYY-MM-DD') || ':' || to_char(s.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24'),
       'agent.' || p.status, s.hour, NULL, a.id, NULL, NULL, false, p.value, p.value
  FROM bench.agent a
  CROSS JOIN LATERAL generate_series(date_trunc('day', current_setting('bench.since')::timestamptz AT TIME ZONE current_setting('bench.zone')),
                                     date_trunc('day', current_setting('bench.until')::timestamptz AT TIME ZONE current_setting('bench.zone')) - interval '1 day', interval '1 day') d(day)
  CROSS JOIN LATERAL generate_series(0, a.shift_hours - 1) h
  CROSS JOIN LATERAL (SELECT (d.day + make_interval(hours => a.shift_start + h)) AT TIME ZONE current_setting('bench.zone') AS hour,
                             (a.a::bigint * 100000 + (d.day::date - date '2000-01-01')) AS draw) s
  CROSS JOIN LATERAL (VALUES
    ('online', round(3600000 * (0.78 + 0.17 * bench.u(s.draw * 16 + h, 71)))::bigint),
    ('away', round(3600000 * 0.12 * power(bench.u(s.draw * 16 + h, 72), 2))::bigint)
  ) AS p(status, value)
 WHERE extract(isodow FROM d.day)::int <> ALL (a.days_off)
   AND bench.u(s.draw, 70) >= 0.03
   AND p.value >= 60000
   AND s.hour >= current_setting('bench.since')::timestamptz AND s.hour < current_setting('bench.until')::timestamptz;

-- step: csat answers
-- The CSAT answers as the raw csat.submitted events the store keeps (the comments list reads the
-- comment from there): about a quarter of the happy answers and most unhappy ones with a comment.
-- The month partitions of raw_events are the pipeline's (raw_events_yYYYYmMM, UTC months).
DO $$
DECLARE
  month timestamptz;
BEGIN
  FOR month IN SELECT generate_series(date_trunc('month', current_setting('bench.since')::timestamptz), current_setting('bench.until')::timestamptz, interval '1 month') LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF raw_events FOR VALUES FROM (%L) TO (%L)',
                   'raw_events_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'), month, month + interval '1 month');
  END LOOP;
END
$$;

INSERT INTO raw_events (event_id, occurred_at, type, version, subject_id, payload, received_at)
SELECT a.event_id, f.at, 'csat.submitted', 1, f.subject_id,
       jsonb_build_object(
         'eventId', a.event_id, 'type', 'csat.submitted', 'version', 1, 'occurredAt', to_char(f.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'actor', jsonb_build_object('type', 'customer', 'id', NULL), 'conversationId', f.subject_id,
         'data', jsonb_build_object(
           'surveyId', substr(f.key, length('csat.rating:') + 1), 'rating', f.value, 'comment', a.comment, 'previousRating', NULL,
           'teamId', f.team_id, 'closedBy', f.agent_id, 'lastResponderId', f.agent_id, 'cycle', CASE WHEN f.key LIKE '%-8002-%' THEN 2 ELSE 1 END,
           'requestedAt', to_char(f.at - interval '10 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
       f.at
  FROM facts f
  CROSS JOIN LATERAL (SELECT hashtext(f.subject_id || f.key)::bigint AS draw) d
  CROSS JOIN LATERAL (
    SELECT md5(f.subject_id || f.key)::uuid::text AS event_id,
           CASE WHEN bench.u(d.draw, 80) < CASE WHEN f.value <= 2 THEN 0.7 WHEN f.value = 3 THEN 0.45 ELSE 0.25 END THEN
             CASE WHEN f.value <= 2 THEN (ARRAY['Долго ждал ответа', 'Вопрос так и не решили', 'The agent did not understand the problem', 'Пришлось писать три раза', 'Too slow, again'])[1 + floor(bench.u(d.draw, 81) * 5)::int]
                  WHEN f.value = 3 THEN (ARRAY['Нормально, но долго', 'OK, but I had to explain it twice', 'Ответили, но не до конца'])[1 + floor(bench.u(d.draw, 81) * 3)::int]
                  ELSE (ARRAY['Спасибо, всё быстро!', 'Great help, thanks', 'Отличная поддержка', 'Решили за пять минут', 'Very polite agent'])[1 + floor(bench.u(d.draw, 81) * 5)::int] END
           END AS comment
  ) a
 WHERE f.kind = 'csat.rating';

-- step: rollups (in parts)
-- The hourly rollup is the sum of the facts, as the pipeline keeps it by deltas.
INSERT INTO rollup_hourly (hour, kind, team_id, agent_id, channel, topic, internal, n, sum_value, sum_business)
SELECT date_trunc('hour', at), kind, team_id, agent_id, channel, topic, internal, count(*), sum(value), sum(coalesce(business_value, 0))
  FROM facts
 -- Parts by hour of the day: every group lies in one hour, so the parts never share a group.
 WHERE date_part('hour', at)::int % current_setting('bench.parts')::int = current_setting('bench.part')::int
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- step: clean up
DROP SCHEMA bench CASCADE;
