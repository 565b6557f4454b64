// A close asks the customer for a rating: one survey per close of a customer conversation whose
// team asks (teams.csat_enabled), written with its csat.requested event in the close's own
// transaction, so that a close and its survey never exist one without the other. Called by
// changeStatus for every close (an agent's, the auto-close timer's).
import { CSAT_ANSWER_WINDOW_HOURS, type EventActor } from '@smartchat/contracts';
import { randomUUID } from 'node:crypto';
import { conversationEvent, writeOutbox, type Queryable } from './outbox.js';

interface RequestedRow {
  id: string;
  cycle: number;
  team_id: string | null;
  closed_by: string | null;
  last_responder_id: string | null;
}

// The conversation's cycle is already the closing one (a reopen moves it), so a retried close in
// the same cycle finds the survey there and asks nothing twice. Internal conversations, ones
// without a customer or a team, and teams that do not ask get none.
const REQUEST_SURVEY = `
  INSERT INTO csat_surveys (id, conversation_id, cycle, team_id, customer_id, closed_by, closed_how, last_responder_id, requested_at, editable_until)
  SELECT $2::uuid, c.id, c.cycle, c.team_id, c.customer_id, $3::uuid, $4::text, c.last_responder_id, $5::timestamptz, $5::timestamptz + make_interval(hours => $6::int)
    FROM conversations c JOIN teams t ON t.id = c.team_id
   WHERE c.id = $1 AND NOT c.internal AND c.customer_id IS NOT NULL AND t.csat_enabled
  ON CONFLICT (conversation_id, cycle) DO NOTHING
  RETURNING id, cycle, team_id, closed_by, last_responder_id`;

/**
 * Puts a survey to the customer of a conversation just closed (in the transaction `db`), crediting
 * the closing agent, or the assignee when the auto-close timer closed it. Returns its id, or null
 * when this close asks nothing.
 */
export async function requestCsatSurvey(
  db: Queryable,
  close: { conversationId: string; actor: EventActor; assigneeId: string | null; closedHow: 'agent' | 'auto_close'; at: Date },
): Promise<string | null> {
  const closedBy = close.closedHow === 'agent' && close.actor.type === 'agent' ? close.actor.id : close.assigneeId;
  const { rows } = (await db.query(REQUEST_SURVEY, [close.conversationId, randomUUID(), closedBy, close.closedHow, close.at, CSAT_ANSWER_WINDOW_HOURS])) as { rows: RequestedRow[] };
  const survey = rows[0];
  if (!survey) return null;
  await writeOutbox(db, [
    conversationEvent(
      'csat.requested',
      close.conversationId,
      close.actor,
      { surveyId: survey.id, teamId: survey.team_id, closedBy: survey.closed_by, lastResponderId: survey.last_responder_id, cycle: survey.cycle, by: close.closedHow },
      close.at,
    ),
  ]);
  return survey.id;
}
