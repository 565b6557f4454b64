-- Statistics reports (services/stats/src/reports): one row per report, monthly (built by the stats
-- process's scheduler on the 1st, rebuilt on the 3rd, then frozen) or custom (asked for through
-- POST /v1/statistics/reports). The files themselves are in the blob store under
-- SMARTCHAT_BLOB_DIR/reports/; the row names them. Kept here, not in the statistics database:
-- everything there can be rebuilt from its raw events, a frozen report cannot (it is a snapshot),
-- and who asked for it, who downloaded it (audit_log) and who may see it live here.
CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('monthly', 'custom')),
  -- Monthly reports: the month 'YYYY-MM' in time_zone; one report per month.
  period text CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- The range as local dates in time_zone (to_day included) and as instants [range_start, range_end).
  from_day date NOT NULL,
  to_day date NOT NULL,
  time_zone text NOT NULL,
  range_start timestamptz NOT NULL,
  range_end timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'building', 'ready', 'failed', 'frozen')),
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  -- The agent who asked for it; null for the scheduler's monthly reports.
  created_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  built_at timestamptz,
  frozen_at timestamptz,
  -- Builds finished so far; each build writes files of its own, so a download never reads half of one.
  builds integer NOT NULL DEFAULT 0,
  build_ms integer,
  xlsx_key text,
  xlsx_bytes bigint,
  pdf_key text,
  pdf_bytes bigint,
  -- Why the last build failed (for people; the log has the details).
  error text,
  CHECK (to_day >= from_day AND range_end > range_start),
  CHECK ((kind = 'monthly') = (period IS NOT NULL)),
  CHECK ((status = 'frozen') = (frozen_at IS NOT NULL))
);
-- Running the monthly job twice makes one report.
CREATE UNIQUE INDEX reports_one_per_month ON reports (period) WHERE kind = 'monthly';
CREATE INDEX reports_newest ON reports (created_at DESC, id DESC);
