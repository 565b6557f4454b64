-- Automatic assignment (the balancer): per-team routing, queue, overflow, SLA and auto-close
-- settings; per-agent pause and last assignment time; per-conversation queue and SLA state; and the
-- outbox through which conversation events reach Kafka exactly as committed.
ALTER TABLE teams
  -- new customer conversations whose topic is one of these go to this team
  ADD COLUMN topics citext[] NOT NULL DEFAULT '{}',
  -- the team of new conversations no topic matched (at most one team)
  ADD COLUMN is_default boolean NOT NULL DEFAULT false,
  ADD COLUMN assignment_paused boolean NOT NULL DEFAULT false,
  ADD COLUMN overflow_team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  ADD COLUMN overflow_after_minutes integer CHECK (overflow_after_minutes > 0),
  ADD COLUMN first_response_minutes integer CHECK (first_response_minutes > 0),
  ADD COLUMN next_response_minutes integer CHECK (next_response_minutes > 0),
  -- {"timeZone": "...", "days": {"mon": [["09:00", "18:00"]], ...}}; null = always open
  ADD COLUMN business_hours jsonb,
  ADD COLUMN auto_close_after_minutes integer CHECK (auto_close_after_minutes > 0),
  ADD CONSTRAINT teams_overflow_elsewhere CHECK (overflow_team_id <> id);
CREATE UNIQUE INDEX teams_one_default ON teams (is_default) WHERE is_default;

ALTER TABLE agents
  ADD COLUMN assignment_paused boolean NOT NULL DEFAULT false,
  ADD COLUMN last_assigned_at timestamptz;

ALTER TABLE conversations
  -- since when it waits in its team's queue for an assignee; null when not queued
  ADD COLUMN queued_at timestamptz,
  -- back-office signal: the customer's trip departs then (raises the priority as it nears)
  ADD COLUMN trip_departs_at timestamptz,
  ADD COLUMN first_replied_at timestamptz,
  -- the agent's latest reply: auto-close counts the customer's silence from here
  ADD COLUMN last_replied_at timestamptz,
  ADD COLUMN sla_breach text CHECK (sla_breach IN ('first_response', 'next_response')),
  ADD COLUMN sla_breached_at timestamptz;
-- back-office signal kept per customer, copied to the customer's new conversations
ALTER TABLE customers ADD COLUMN trip_departs_at timestamptz;
CREATE INDEX conversations_queue ON conversations (team_id, queued_at) WHERE queued_at IS NOT NULL;

-- Events written in the same transaction as the change they describe; the balancer relays them to
-- Kafka in id order and deletes them, so a crash between commit and produce loses nothing.
CREATE TABLE event_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
