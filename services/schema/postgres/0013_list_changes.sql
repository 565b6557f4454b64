-- Live inbox lists: every committed change of a conversation row is announced on the channel
-- smartchat_list_changes (LISTEN/NOTIFY), whoever wrote it (a chat process, the balancer's
-- assignment and timers, the message bookkeeping). Each chat process listens and pushes the
-- conversation's list row to its agent sockets that may see it (services/chat/src/gateway/
-- list-changes.ts). A notification is sent only when the transaction commits, so a list never
-- shows a change that was rolled back.
--
-- One notification per statement (statement-level triggers with transition tables), carrying up
-- to 60 entries, so a batch update of 500 conversations is nine notifications, not 500. An entry
-- is the conversation id for a new conversation or a change of what the list sorts and filters by
-- (team, assignee, status, priority, topic, snooze, SLA breach, close, reopen, queue, trip);
-- "~id" when only its activity changed (a message: preview, last message, waiting time, reply
-- times), which the listeners may gather for a moment on a busy conversation; nothing when no
-- column a list row shows changed (the SLA clocks, the cycle counter). When an update moved the
-- conversation (another team or assignee), the id is followed by the previous team and assignee
-- ("id:team:assignee", empty for none): an agent who could see it only through them has it taken
-- out of their lists.

CREATE FUNCTION conversations_announce(entries text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first integer := 1;
BEGIN
  WHILE first <= coalesce(array_length(entries, 1), 0) LOOP
    PERFORM pg_notify('smartchat_list_changes', array_to_string(entries[first:first + 59], ','));
    first := first + 60;
  END LOOP;
END
$$;

CREATE FUNCTION conversations_announce_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversations_announce(ARRAY(SELECT id::text FROM inserted ORDER BY id));
  RETURN NULL;
END
$$;

CREATE FUNCTION conversations_announce_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversations_announce(ARRAY(
    SELECT CASE
             WHEN (o.team_id, o.assignee_id) IS DISTINCT FROM (n.team_id, n.assignee_id)
               THEN n.id::text || ':' || coalesce(o.team_id::text, '') || ':' || coalesce(o.assignee_id::text, '')
             WHEN (o.status, o.priority, o.topic, o.snoozed_until, o.sla_breach, o.closed_at, o.reopened_at, o.queued_at, o.trip_departs_at, o.internal, o.customer_id)
                  IS DISTINCT FROM (n.status, n.priority, n.topic, n.snoozed_until, n.sla_breach, n.closed_at, n.reopened_at, n.queued_at, n.trip_departs_at, n.internal, n.customer_id)
               THEN n.id::text
             ELSE '~' || n.id::text
           END
      FROM updated_new n JOIN updated_old o ON o.id = n.id
     WHERE (o.team_id, o.assignee_id, o.status, o.priority, o.topic, o.snoozed_until, o.sla_breach, o.closed_at, o.reopened_at, o.queued_at, o.trip_departs_at, o.internal, o.customer_id,
            o.last_message_at, o.waiting_since, o.last_public_id, o.last_public_preview, o.last_public_at, o.first_replied_at, o.last_replied_at, o.last_customer_message_at, o.assigned_at)
           IS DISTINCT FROM
           (n.team_id, n.assignee_id, n.status, n.priority, n.topic, n.snoozed_until, n.sla_breach, n.closed_at, n.reopened_at, n.queued_at, n.trip_departs_at, n.internal, n.customer_id,
            n.last_message_at, n.waiting_since, n.last_public_id, n.last_public_preview, n.last_public_at, n.first_replied_at, n.last_replied_at, n.last_customer_message_at, n.assigned_at)
     ORDER BY n.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER conversations_announce_insert AFTER INSERT ON conversations REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION conversations_announce_inserted();
CREATE TRIGGER conversations_announce_update AFTER UPDATE ON conversations REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new FOR EACH STATEMENT EXECUTE FUNCTION conversations_announce_updated();
