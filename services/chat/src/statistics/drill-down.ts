// Drill-down lists (SLA breaches, CSAT comments) name conversations: each one is shown only when
// the viewer may open it in the inbox, by the same rule (canSeeConversation) on the desk's current
// facts about it. The statistics store's pages are read until enough visible rows are found.
import { canSeeConversation, type Viewer } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';

/** The ids among `conversationIds` that `viewer` may see now. */
export async function visibleConversations(pg: PgPool, viewer: Viewer, conversationIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(conversationIds)].filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id));
  if (ids.length === 0) return new Set();
  const { rows } = await pg.query<{ id: string; customer_id: string | null; internal: boolean; team_id: string | null; assignee_id: string | null; participant_ids: string[] | null }>(
    `SELECT c.id, c.customer_id, c.internal, c.team_id, c.assignee_id,
            (SELECT array_agg(p.agent_id) FROM conversation_participants p WHERE p.conversation_id = c.id) AS participant_ids
       FROM conversations c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Set(
    rows
      .filter((row) => canSeeConversation(viewer, { customerId: row.customer_id, internal: row.internal, teamId: row.team_id, assigneeId: row.assignee_id, participantIds: row.participant_ids ?? [] }))
      .map((row) => row.id),
  );
}

/**
 * Up to `limit` rows the viewer may see, reading pages of the store (`page(cursor)`) until enough
 * are found or the store has no more; every page's conversations are checked at once.
 */
export async function collectVisible<Row extends { conversationId: string }, Cursor>(
  limit: number,
  page: (size: number, cursor: Cursor | undefined) => Promise<{ rows: Row[]; next: Cursor | null }>,
  visible: (conversationIds: string[]) => Promise<Set<string>>,
): Promise<Row[]> {
  const shown: Row[] = [];
  let cursor: Cursor | undefined;
  // Pages larger than the list: most rows are usually visible, and each page costs two queries.
  const size = Math.min(1000, limit * 2);
  for (;;) {
    const { rows, next } = await page(size, cursor);
    const allowed = await visible(rows.map((row) => row.conversationId));
    for (const row of rows) {
      if (allowed.has(row.conversationId)) shown.push(row);
      if (shown.length === limit) return shown;
    }
    if (!next) return shown;
    cursor = next;
  }
}
