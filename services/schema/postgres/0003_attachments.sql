-- Files and images uploaded into a conversation. The bytes live in the blob store (a volume by
-- default); this row says whose they are and where they may be shown.
CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- 'agent:<id>' or 'customer:<id>'
  uploaded_by text NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL,
  -- set when a message takes the attachment; its kind decides who may download it
  message_id text,
  message_kind text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_conversation ON attachments (conversation_id);
