-- The access model: custom roles (the built-in agent, admin and super-admin are defined in
-- services/core/src/access.ts), agent status, and the append-only audit log.
CREATE TABLE roles (
  name citext PRIMARY KEY CHECK (name NOT IN ('agent', 'admin', 'super-admin') AND length(name) BETWEEN 1 AND 64),
  description text NOT NULL DEFAULT '',
  scope text NOT NULL CHECK (scope IN ('all', 'teams', 'assigned')),
  permissions text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE agents ADD COLUMN status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline'));

-- Who did what, when, from where. Rows are only ever inserted: the trigger refuses changes.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- 'agent:<id>', 'customer:<id>', 'backoffice' or 'anonymous'
  actor text NOT NULL,
  action text NOT NULL,
  -- what it was about, e.g. 'agent:<id>', 'role:<name>', 'conversation:<id>'
  target text,
  outcome text NOT NULL DEFAULT 'ok' CHECK (outcome IN ('ok', 'denied', 'failed')),
  ip inet,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_action_at ON audit_log (action, at DESC);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- An agent @mentioned in a message: the "Mentions" list. Mentioning also makes the agent a
-- participant of the conversation (conversation_participants), which is what grants access.
CREATE TABLE mentions (
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  message_id text NOT NULL,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  mentioned_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, message_id)
);
CREATE INDEX mentions_agent_at ON mentions (agent_id, at DESC);
