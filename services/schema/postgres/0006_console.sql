-- What the console and the widget read: the inbox lists (a preview of the latest public message on
-- each conversation, and indexes for keyset pages in each sort order), and macros (canned replies).

ALTER TABLE conversations
  -- the latest message the customer can see (kind customer or reply, never a note or system
  -- message), as one line of plain text of at most 140 characters; written by the delivery consumer
  ADD COLUMN last_public_id text,
  ADD COLUMN last_public_kind text CHECK (last_public_kind IN ('customer', 'reply')),
  ADD COLUMN last_public_preview text,
  ADD COLUMN last_public_at timestamptz;

-- Keyset pages of the inbox: one index per sort order, led by the status every view filters on. The
-- expressions are exactly those of the ORDER BY and of the row comparison that continues a page
-- (services/chat/src/store/inbox-query.ts), so a page is an index range scan that stops after the
-- page, however deep into the list it starts. NULLs sort as +/-infinity so that rows compare.
CREATE INDEX conversations_inbox_priority ON conversations (status, (-priority), (COALESCE(waiting_since, 'infinity'::timestamptz)), id);
CREATE INDEX conversations_inbox_waiting ON conversations (status, (COALESCE(waiting_since, 'infinity'::timestamptz)), id);
CREATE INDEX conversations_inbox_recent ON conversations (status, (COALESCE(last_message_at, '-infinity'::timestamptz)), id);
-- The Mentions view: is this conversation among the agent's mentions?
CREATE INDEX mentions_agent_conversation ON mentions (agent_id, conversation_id);

-- Canned replies. Shared ones have no owner (macros.manage changes them); personal ones belong to
-- their agent. Names are unique among the shared ones and among each agent's own, whatever the case.
CREATE TABLE macros (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  shared boolean NOT NULL,
  owner_id uuid REFERENCES agents (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (shared = (owner_id IS NULL))
);
CREATE UNIQUE INDEX macros_shared_name ON macros (lower(name)) WHERE shared;
CREATE UNIQUE INDEX macros_personal_name ON macros (owner_id, lower(name)) WHERE NOT shared;
