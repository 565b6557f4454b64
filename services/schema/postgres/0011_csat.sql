-- Customer satisfaction surveys, and the state that lets every statistic come from the domain
-- events exactly once: the running SLA clock, the conversation's cycle and last responder, and
-- the agent's presence as last announced.

-- Whether closing a customer conversation of the team asks the customer for a rating.
ALTER TABLE teams ADD COLUMN csat_enabled boolean NOT NULL DEFAULT true;

ALTER TABLE conversations
  -- 1 until the first reopen, +1 with each reopen (statusColumns): one survey per cycle
  ADD COLUMN cycle integer NOT NULL DEFAULT 1,
  -- the agent whose reply was the latest (last_replied_at), recorded on the survey of a close; no
  -- foreign key: the delivery writes it from the message's author and must never fail on it
  ADD COLUMN last_responder_id uuid,
  -- the SLA clock of the current or latest wait, as its sla.started announced it: running while
  -- sla_since = waiting_since; a wait without one has not started a clock (yet)
  ADD COLUMN sla_kind text CHECK (sla_kind IN ('first_response', 'next_response')),
  ADD COLUMN sla_since timestamptz,
  ADD COLUMN sla_due_at timestamptz;

-- The presence the latest agent.status_changed announced (offline / away / online); agents.status
-- stays what the agent or an admin chose. Changed only with the row locked, together with its
-- event, so that two chat processes never announce one change twice.
ALTER TABLE agents ADD COLUMN presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline'));

CREATE TABLE csat_surveys (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  cycle integer NOT NULL,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  customer_id uuid NOT NULL REFERENCES customers (id),
  -- the agent credited: who closed it, or its assignee when it closed automatically
  closed_by uuid,
  closed_how text NOT NULL CHECK (closed_how IN ('agent', 'auto_close')),
  last_responder_id uuid,
  requested_at timestamptz NOT NULL,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  comment text,
  answered_at timestamptz,
  -- until the first answer: the deadline for answering; after it: for changing the answer
  editable_until timestamptz NOT NULL,
  UNIQUE (conversation_id, cycle),
  CHECK ((rating IS NULL) = (answered_at IS NULL))
);
CREATE INDEX csat_surveys_team_requested ON csat_surveys (team_id, requested_at);
