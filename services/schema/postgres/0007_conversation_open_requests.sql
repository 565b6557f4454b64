-- Opening a conversation with a clientMessageId (POST /v1/conversations, usually with the first
-- message) is idempotent: a retried request finds the conversation the first one opened instead of
-- opening a second one (and sending its first message into both). A table of its own rather than a
-- column of conversations, so that the hot per-message update of conversations has no extra index.
CREATE TABLE conversation_open_requests (
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  client_message_id text NOT NULL,
  -- Deferred: the request is claimed first, in the same transaction as the conversation it opens.
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, client_message_id)
);
