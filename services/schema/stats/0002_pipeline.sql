-- What the pipeline (services/stats/src/pipeline) keeps beside 0001: each Kafka partition's
-- progress, rebuild runs, indexes for re-derivation, and the read-only role for Grafana and the API.

-- A record seen again after a crash (same topic, partition, offset) is dead-lettered once; why, in
-- words, beside the reason.
CREATE UNIQUE INDEX dead_letters_record ON dead_letters (topic, kafka_partition, kafka_offset);
ALTER TABLE dead_letters ADD COLUMN detail text;

-- Per partition, the offset after the last record whose effects are in this database, written in
-- the transaction of those effects. Consumer lag = the partition's end offset - next_offset; every
-- stats process can compute it for every partition, whichever process owns the partition now.
CREATE TABLE kafka_progress (
  topic text NOT NULL,
  kafka_partition integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, kafka_partition)
);

-- `stats rebuild --from` runs: one running at a time (it also holds an advisory lock); the
-- smartchat_stats_rebuild_running gauge counts running rows whose heartbeat is fresh.
CREATE TABLE rebuild_runs (
  id bigserial PRIMARY KEY,
  from_time timestamptz NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('done', 'failed')),
  subjects integer NOT NULL DEFAULT 0,
  error text
);

-- A subject's events by time, with what the pipeline checks of each (is this event id stored
-- already? is it a status change?) in the index itself.
DROP INDEX raw_events_subject;
CREATE INDEX raw_events_subject ON raw_events (subject_id, occurred_at) INCLUDE (event_id, type);

-- A late change of a team's business hours re-derives the conversations with facts of that team
-- from then on; the team filters of the statistics read the same way.
CREATE INDEX facts_team_at ON facts (team_id, at);
-- An agent's teams (agents.team_ids) are folded from its own events and from the teams'
-- membership changes, which are few: found through this index, not by scanning every event.
CREATE INDEX raw_events_membership ON raw_events (occurred_at) WHERE type = 'team.members_changed';

-- The read-only role of Grafana's datasource and the chat API's statistics reads. Roles belong to
-- the server, not to the database: another statistics database on the same server (the tests make
-- one each) may have created it already, even at this very moment. It may log in; the migrate
-- command sets its password from SMARTCHAT_STATS_READER_PASSWORD when that is set (without one it
-- can log in only where the server trusts local connections).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartchat_stats_reader') THEN
    BEGIN
      CREATE ROLE smartchat_stats_reader LOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE WARNING 'the migrating user may not create roles: create smartchat_stats_reader (LOGIN) and run GRANT SELECT ON ALL TABLES IN SCHEMA public TO it';
        RETURN;
    END;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO smartchat_stats_reader', current_database());
  GRANT USAGE ON SCHEMA public TO smartchat_stats_reader;
  GRANT SELECT ON ALL TABLES IN SCHEMA public TO smartchat_stats_reader;
  -- Tables of later migrations too (month partitions need nothing: reads go through raw_events).
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO smartchat_stats_reader;
END
$$;
