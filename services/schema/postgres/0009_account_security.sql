-- Account security: a forced password change (a bootstrap super-admin, an agent created by an
-- admin with a password the admin knows), when the password last changed, and one-time password
-- reset links that an admin hands to an agent.
ALTER TABLE agents
  ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
  ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now();

-- Only the SHA-256 of a link's token is kept, so that reading this table does not give a usable
-- link. A new link for an agent replaces the earlier ones (they are marked used).
CREATE TABLE password_resets (
  token_hash bytea PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_resets_agent ON password_resets (agent_id) WHERE used_at IS NULL;
