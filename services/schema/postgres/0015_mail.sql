-- The e-mail channel (issue 25). How mail comes in and goes out is in services/chat/src/mail and
-- docs/architecture.md ("The e-mail channel"); these are its records.

-- A support address: where its mail comes from (an IMAP mailbox Smartchat reads, or mail relayed
-- to Smartchat's own SMTP listener), how answers leave (an SMTP server), and the team its new
-- conversations go to. Passwords are sealed (platform/src/sealed-secrets.ts, bound to
-- "mailbox:<id>:imap-password" / ":smtp-password"): the database never holds them readable, and the
-- API never returns them.
CREATE TABLE mailboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  address citext NOT NULL UNIQUE,
  display_name text NOT NULL DEFAULT '',
  team_id uuid NOT NULL REFERENCES teams (id),
  -- the topic new conversations get (their statistics by topic)
  topic text NOT NULL,
  inbound text NOT NULL CHECK (inbound IN ('imap', 'smtp')),
  imap_host text,
  imap_port integer CHECK (imap_port BETWEEN 1 AND 65535),
  imap_tls boolean NOT NULL DEFAULT true,
  imap_user text,
  imap_password text,
  imap_folder text NOT NULL DEFAULT 'INBOX',
  smtp_host text NOT NULL,
  smtp_port integer NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
  smtp_security text NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('none', 'starttls', 'tls')),
  smtp_user text,
  smtp_password text,
  signature text NOT NULL DEFAULT '',
  auto_acknowledge boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (inbound <> 'imap' OR (imap_host IS NOT NULL AND imap_port IS NOT NULL AND imap_user IS NOT NULL))
);

-- Senders whose mail is recorded and kept but never reaches the inbox: an address, or a whole
-- domain written "@domain".
CREATE TABLE mail_blocked_senders (
  pattern citext PRIMARY KEY CHECK (pattern ~ '^[^@\s]*@[^@\s]+$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every message received, stored raw (blob `blob_key`) before the IMAP server is told it was seen
-- or the SMTP client is answered 250: a process that dies after that point leaves a row in
-- 'stored', which the next one processes (once its lease has passed). One row per mailbox and Message-ID (a message without one
-- is keyed by its content's hash), so a message fetched or relayed twice is processed once.
-- `outcome` says what became of it; rows in 'rejected' keep their raw message too.
CREATE TABLE mail_received (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mailbox_id uuid NOT NULL REFERENCES mailboxes (id),
  message_id text NOT NULL,
  via text NOT NULL CHECK (via IN ('imap', 'smtp')),
  blob_key uuid,
  size integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'stored' CHECK (state IN ('stored', 'processed', 'rejected')),
  outcome text,
  detail jsonb,
  sender citext,
  subject text,
  conversation_id uuid REFERENCES conversations (id),
  chat_message_id text,
  -- the attachments its files were uploaded as, kept so that a second attempt sends the same ones
  attachment_ids uuid[],
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- taken by one processor until then; a processor that died lets it go when this passes
  lease_until timestamptz,
  processed_at timestamptz,
  UNIQUE (mailbox_id, message_id),
  CHECK (state <> 'stored' OR blob_key IS NOT NULL)
);
CREATE INDEX mail_received_pending ON mail_received (next_attempt_at) WHERE state = 'stored';
CREATE INDEX mail_received_mailbox ON mail_received (mailbox_id, received_at DESC, id DESC);
CREATE INDEX mail_received_message ON mail_received (chat_message_id) WHERE chat_message_id IS NOT NULL;

-- What an e-mail conversation needs beyond the conversation: its mailbox, the customer's address
-- answers go to, and the reply token of its reply address (reply+<token>@<mailbox domain>).
CREATE TABLE mail_conversations (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id),
  mailbox_id uuid NOT NULL REFERENCES mailboxes (id),
  customer_address citext NOT NULL,
  reply_token text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every Message-ID Smartchat received into or sent from a conversation: how a reply finds its
-- thread (In-Reply-To, References), and what an answer answers (its subject and References).
CREATE TABLE mail_thread_ids (
  message_id text PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  subject text NOT NULL DEFAULT '',
  refs text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_thread_ids_conversation ON mail_thread_ids (conversation_id, created_at DESC) WHERE direction = 'in';

-- The sending queue: an agent's reply in an e-mail conversation, or Smartchat's own mail (an
-- acknowledgement), queued once (a reply by its chat message id), sent with retries and backoff.
-- Its Message-ID is chosen when queued, so a retry after an unclear failure sends the same one.
CREATE TABLE mail_outbound (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  mailbox_id uuid NOT NULL REFERENCES mailboxes (id),
  kind text NOT NULL CHECK (kind IN ('reply', 'acknowledgement')),
  chat_message_id text UNIQUE,
  recipient citext NOT NULL,
  mail_message_id text NOT NULL UNIQUE,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  failed_at timestamptz,
  CHECK (kind <> 'reply' OR chat_message_id IS NOT NULL)
);
CREATE INDEX mail_outbound_due ON mail_outbound (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX mail_outbound_conversation ON mail_outbound (conversation_id, created_at);
CREATE INDEX mail_outbound_acknowledgements ON mail_outbound (recipient, created_at) WHERE kind = 'acknowledgement';

-- The subject of an e-mail conversation (its first message's), shown with it and searched.
ALTER TABLE conversations ADD COLUMN subject text;
