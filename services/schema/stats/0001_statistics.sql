-- The statistics store (database smartchat_stats): raw domain events as received from Kafka,
-- facts derived from them (services/stats/src/metrics), hourly rollups of the facts, and what
-- could not be read (dead letters). Everything but raw_events can be rebuilt from raw_events.

-- Every event, once (deduplicated on event_id: a redelivered event has the same occurred_at),
-- partitioned by month of occurred_at; partitions are created by the consumer before it writes
-- into a month (raw_events_yYYYYmMM).
CREATE TABLE raw_events (
  event_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  type text NOT NULL,
  version integer NOT NULL,
  -- conversationId, agentId or teamId: the Kafka key
  subject_id text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (occurred_at, event_id)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX raw_events_subject ON raw_events (subject_id, occurred_at);

-- Records that could not be processed: not JSON, not an event, an unknown type or version.
CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  topic text NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset bigint NOT NULL,
  kafka_key text,
  reason text NOT NULL,
  record text NOT NULL
);

-- One row per fact (services/stats/src/metrics/fact.ts). Durations in whole milliseconds.
CREATE TABLE facts (
  subject_id text NOT NULL,
  key text NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  team_id uuid,
  agent_id uuid,
  channel text,
  topic text,
  internal boolean NOT NULL,
  value bigint NOT NULL,
  business_value bigint,
  PRIMARY KEY (subject_id, key)
);
CREATE INDEX facts_kind_at ON facts (kind, at) INCLUDE (value, business_value, team_id, agent_id, internal, channel, topic);

-- Facts summed per UTC hour and dimensions (whole-hour time zones slice it exactly). Kept up to
-- date by deltas when a subject's facts are derived again; integers, so sums never drift.
CREATE TABLE rollup_hourly (
  hour timestamptz NOT NULL,
  kind text NOT NULL,
  team_id uuid,
  agent_id uuid,
  channel text,
  topic text,
  internal boolean NOT NULL,
  n bigint NOT NULL,
  sum_value bigint NOT NULL,
  sum_business bigint NOT NULL,
  CONSTRAINT rollup_hourly_dims UNIQUE NULLS NOT DISTINCT (hour, kind, team_id, agent_id, channel, topic, internal)
);
CREATE INDEX rollup_hourly_kind_hour ON rollup_hourly (kind, hour);

-- Names for dashboards (Grafana reads only this database), kept from agent.* and team.* events.
CREATE TABLE teams (
  team_id uuid PRIMARY KEY,
  name text NOT NULL,
  deleted_at timestamptz
);
CREATE TABLE agents (
  agent_id uuid PRIMARY KEY,
  name text NOT NULL,
  team_ids uuid[] NOT NULL DEFAULT '{}'
);
-- A team's assignment settings (SLA minutes, business hours) from each change on: facts use the
-- settings in force when their span ended.
CREATE TABLE team_settings (
  team_id uuid NOT NULL,
  valid_from timestamptz NOT NULL,
  settings jsonb NOT NULL,
  PRIMARY KEY (team_id, valid_from)
);
