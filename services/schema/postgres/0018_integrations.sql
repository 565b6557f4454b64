-- The back-office integration (issue 27): integrations with API keys (hashed) and signing secrets
-- (sealed), the inbound events they send (a durable queue, idempotent on webhook-id and on the
-- business key), the trips those events are about (which conversation each trip has), and the
-- rules that say what a trip event opens. services/chat/src/integrations/ reads and writes these.

CREATE TABLE integrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name citext NOT NULL UNIQUE,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  disabled_at timestamptz
);

-- An API key travels as sck_<id>_<secret>; only the SHA-256 of the secret is kept (the secret is
-- 256 random bits, so a fast hash is enough: nothing to guess from it).
CREATE TABLE integration_keys (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9]{16}$'),
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  name text NOT NULL,
  secret_sha256 bytea NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES agents (id) ON DELETE SET NULL,
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  replaced_by text REFERENCES integration_keys (id)
);
CREATE INDEX integration_keys_integration ON integration_keys (integration_id, created_at);

-- The secrets inbound events are signed with (Standard Webhooks, whsec_…): HMAC needs the secret
-- itself, so it is sealed with the keyring (SMARTCHAT_SECRET_KEYS), never hashed. Several may be
-- valid at once while the back-office moves to a new one.
CREATE TABLE integration_signing_secrets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  secret_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE INDEX integration_signing_secrets_integration ON integration_signing_secrets (integration_id, created_at);

-- Every inbound event accepted, kept: the queue the workers lease from, and the log admins read.
CREATE TABLE integration_events (
  id uuid PRIMARY KEY,
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  webhook_id text NOT NULL,
  -- A replay of the webhook-id with another body is refused rather than taken for the first.
  body_sha256 bytea NOT NULL,
  type text NOT NULL CHECK (type IN ('trip.changed', 'trip.cancelled', 'booking.failed', 'document.ready', 'customer.updated')),
  -- trip:<tripId>:v<version>, document:<documentId> or customer:<id>:v<version>.
  business_key text,
  -- The event as received, but a document's file, which is in the blob store under this event's id.
  payload jsonb NOT NULL,
  customer_id uuid REFERENCES customers (id) ON DELETE CASCADE,
  received_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processing', 'done', 'superseded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  processed_at timestamptz,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  message_id text,
  opened boolean NOT NULL DEFAULT false,
  error text,
  UNIQUE (integration_id, webhook_id)
);
CREATE UNIQUE INDEX integration_events_business_key ON integration_events (integration_id, business_key) WHERE business_key IS NOT NULL;
CREATE INDEX integration_events_due ON integration_events (due_at) WHERE status IN ('queued', 'processing');
CREATE INDEX integration_events_log ON integration_events (integration_id, received_at DESC, id);

-- A trip the back-office told us about: the newest version applied, and its open conversations,
-- one with the customer and one internal at most (a later event adds to them, never opens a second).
CREATE TABLE integration_trips (
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  trip_id text NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  version integer NOT NULL DEFAULT 0,
  departure_at timestamptz,
  customer_conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  internal_conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (integration_id, trip_id)
);

-- What a trip event opens: the first rule (by position) whose event type, and change for
-- trip.changed, match. Edited as a whole through PUT /v1/integrations/rules.
CREATE TABLE integration_rules (
  position integer PRIMARY KEY,
  rule jsonb NOT NULL
);
INSERT INTO integration_rules (position, rule) VALUES
  (0, '{"eventType": "trip.changed", "change": "time", "notifyCustomer": true, "topic": "Изменение поездки"}'),
  (1, '{"eventType": "trip.changed", "notifyCustomer": true, "topic": "Изменение поездки"}'),
  (2, '{"eventType": "trip.cancelled", "notifyCustomer": true, "topic": "Отмена поездки"}'),
  (3, '{"eventType": "booking.failed", "notifyCustomer": false, "topic": "Ошибка бронирования"}');

-- The customer's own time zone and language, from the back-office (customer.updated): trip
-- changes are written in them. profile_version orders updates sent out of order.
ALTER TABLE customers
  ADD COLUMN time_zone text,
  ADD COLUMN locale text CHECK (locale IN ('ru', 'en')),
  ADD COLUMN profile_version integer;

-- A new message kind: notice, Smartchat writing for everyone who sees the conversation (a trip
-- change, a document), the customer included; it may be the last thing the customer sees.
ALTER TABLE conversations DROP CONSTRAINT conversations_last_public_kind_check;
ALTER TABLE conversations ADD CONSTRAINT conversations_last_public_kind_check CHECK (last_public_kind IN ('customer', 'reply', 'notice'));
ALTER TABLE search_messages DROP CONSTRAINT search_messages_kind_check;
ALTER TABLE search_messages ADD CONSTRAINT search_messages_kind_check CHECK (kind IN ('customer', 'reply', 'note', 'system', 'notice'));

-- Outbound webhooks: endpoints an integration subscribes to domain events, each with its own
-- signing secret (sealed); a delivery per (endpoint, event), sent in order per conversation by the
-- chat processes' sender, retried with a doubling wait, dead (`failed`) after N attempts; every
-- attempt kept with its request and response for the delivery log.
CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  url text NOT NULL,
  description text,
  event_types text[] NOT NULL,
  -- Notes, system messages and internal conversations go only to endpoints that say so.
  include_internal boolean NOT NULL DEFAULT false,
  secret_sealed text NOT NULL,
  -- After a rotation, the old secret signs too (a second signature) until it expires.
  previous_secret_sealed text,
  previous_expires_at timestamptz,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_integration ON webhook_endpoints (integration_id, created_at);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order of queuing: within one endpoint and conversation, sent in this order.
  seq bigserial NOT NULL UNIQUE,
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  -- The domain event's id (the webhook-id derives from it); a test send has none.
  event_id text,
  event_type text NOT NULL,
  conversation_id uuid,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  leased_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_status integer,
  last_error text,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, conversation_id, seq) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, seq DESC);

CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  -- The request as sent (headers without the signature's secret, which never leaves us anyway).
  request_headers jsonb NOT NULL,
  request_body text NOT NULL,
  response_status integer,
  -- The first 4 KiB of the answer.
  response_body text,
  latency_ms integer NOT NULL,
  error text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);

-- Agent actions: what an integration offers in the conversation's context pane (links into the
-- back-office, requests it acts on), each declared as a whole (contracts' agentActionSchema).
CREATE TABLE integration_actions (
  integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  position integer NOT NULL,
  action jsonb NOT NULL,
  PRIMARY KEY (integration_id, position)
);

-- A notice (a trip change, a document) is also mailed to a customer whose trip conversation is
-- linked to a mailbox (event-processor.ts): a kind of its own in the sending queue.
ALTER TABLE mail_outbound DROP CONSTRAINT mail_outbound_kind_check;
ALTER TABLE mail_outbound ADD CONSTRAINT mail_outbound_kind_check CHECK (kind IN ('reply', 'acknowledgement', 'csat', 'notice'));
