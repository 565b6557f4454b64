-- When things happened to a conversation, readable back by clients (REST and conversation:updated)
-- beside the times already kept (created, queued, snoozed until, closed, first and last reply,
-- waiting since, SLA breach). Written by the same statements that make the change
-- (platform/src/conversations/); null on rows from before this migration until the change next
-- happens. The events on Kafka remain the full history; these are the latest of each.
ALTER TABLE conversations
  -- when its current assignee got it; null while unassigned
  ADD COLUMN assigned_at timestamptz,
  -- the latest reopen (by an agent or a customer's message); kept while it stays open or closes again
  ADD COLUMN reopened_at timestamptz,
  -- the customer's latest message (last_replied_at is the agent's latest reply)
  ADD COLUMN last_customer_message_at timestamptz;

-- Where the inbox preview already shows the customer's message, that is their latest one.
UPDATE conversations SET last_customer_message_at = last_public_at WHERE last_public_kind = 'customer';
