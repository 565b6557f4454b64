-- Agents, customers, teams and conversations: the transactional truth of everything but message
-- bodies (those live in ScyllaDB/Cassandra).
CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email citext NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL DEFAULT 'agent',
  capacity integer NOT NULL DEFAULT 5 CHECK (capacity >= 0),
  time_zone text NOT NULL DEFAULT 'Europe/Moscow',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, agent_id)
);

-- Sessions behind agent tokens: a token is valid only while its session is neither expired nor revoked.
CREATE TABLE agent_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip inet,
  user_agent text
);
CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id) WHERE revoked_at IS NULL;

-- Customers are known by the back-office's id; created on their first signed token.
CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  external_id text NOT NULL UNIQUE,
  name text,
  email citext,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid REFERENCES customers (id),
  channel text NOT NULL CHECK (channel IN ('widget', 'email', 'api', 'internal')),
  -- internal conversations (between agents, or with the back-office) are never shown to the customer
  internal boolean NOT NULL DEFAULT false,
  team_id uuid REFERENCES teams (id),
  assignee_id uuid REFERENCES agents (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'snoozed', 'closed')),
  priority smallint NOT NULL DEFAULT 0,
  topic text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz,
  last_message_id text,
  -- since when the customer waits for an agent's reply; null when the last word was the agent's
  waiting_since timestamptz,
  snoozed_until timestamptz,
  closed_at timestamptz,
  CHECK (internal OR customer_id IS NOT NULL),
  CHECK (channel <> 'internal' OR internal)
);
CREATE INDEX conversations_customer ON conversations (customer_id, last_message_at DESC NULLS LAST);
CREATE INDEX conversations_team_status ON conversations (team_id, status, waiting_since);
CREATE INDEX conversations_assignee_status ON conversations (assignee_id, status);

-- Agents added to a conversation or mentioned in it (they gain access to it).
CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('added', 'mentioned')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, agent_id)
);
CREATE INDEX conversation_participants_agent ON conversation_participants (agent_id);
