-- Live inbox lists: every committed change of a conversation row is announced on the channel
-- smartchat_list_changes (LISTEN/NOTIFY), whoever wrote it (a chat process, the balancer's
-- assignment and timers, the message bookkeeping). Each chat process listens and pushes the
-- conversation's list row to its agent sockets that may see it (services/chat/src/gateway/
-- list-changes.ts). A notification is sent only when the transaction commits, so a list never
-- shows a change that was rolled back.
--
-- One notification per statement (statement-level triggers with transition tables), carrying up
-- to 60 entries, so a batch update of 500 conversations is nine notifications, not 500. An entry
-- is the conversation id; when an update moved the conversation (another team or assignee), it
-- is followed by the previous team and assignee ("id:team:assignee", empty for none): an agent
-- who could see it only through them has it taken out of their lists.

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
    SELECT n.id::text || CASE WHEN o.team_id IS DISTINCT FROM n.team_id OR o.assignee_id IS DISTINCT FROM n.assignee_id
                              THEN ':' || coalesce(o.team_id::text, '') || ':' || coalesce(o.assignee_id::text, '')
                              ELSE '' END
      FROM updated_new n JOIN updated_old o ON o.id = n.id
     ORDER BY n.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER conversations_announce_insert AFTER INSERT ON conversations REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION conversations_announce_inserted();
CREATE TRIGGER conversations_announce_update AFTER UPDATE ON conversations REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new FOR EACH STATEMENT EXECUTE FUNCTION conversations_announce_updated();
