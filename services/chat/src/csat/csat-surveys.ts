// Satisfaction surveys from the customer's side and the agents': reading a conversation's
// surveys, and the customer's answer. Surveys are put by a close (platform csat-requests.ts); here
// the customer answers one within its window (CSAT_ANSWER_WINDOW_HOURS after the close) and may
// change the answer for CSAT_CHANGE_WINDOW_HOURS after the first one. Each answer that changes
// something is a csat.submitted event, written in the answer's transaction.
import { CSAT_CHANGE_WINDOW_HOURS, SmartchatError, type CsatSurvey, type SubmitCsatInput } from '@smartchat/contracts';
import { conversationEvent, inTransaction, writeOutbox, type PgPool } from '@smartchat/platform';

interface SurveyRow {
  id: string;
  conversation_id: string;
  cycle: number;
  team_id: string | null;
  customer_id: string;
  closed_by: string | null;
  closed_how: 'agent' | 'auto_close';
  last_responder_id: string | null;
  requested_at: Date;
  rating: number | null;
  comment: string | null;
  answered_at: Date | null;
  editable_until: Date;
}

const toSurvey = (row: SurveyRow): CsatSurvey => ({
  id: row.id,
  conversationId: row.conversation_id,
  cycle: row.cycle,
  teamId: row.team_id,
  closedBy: row.closed_by,
  closedHow: row.closed_how,
  lastResponderId: row.last_responder_id,
  requestedAt: row.requested_at.toISOString(),
  rating: row.rating,
  comment: row.comment,
  answeredAt: row.answered_at?.toISOString() ?? null,
  editableUntil: row.editable_until.toISOString(),
});

export interface CsatAnswer {
  survey: CsatSurvey;
  /** False when the answer repeated the one stored (a retried request): nothing was written. */
  changed: boolean;
}

export class CsatSurveys {
  constructor(private readonly pg: PgPool) {}

  /** A conversation's surveys, one per close, oldest first. */
  async ofConversation(conversationId: string): Promise<CsatSurvey[]> {
    const { rows } = await this.pg.query<SurveyRow>('SELECT * FROM csat_surveys WHERE conversation_id = $1 ORDER BY cycle', [conversationId]);
    return rows.map(toSurvey);
  }

  /**
   * The customer answers (or changes their answer to) a survey of their conversation; the caller
   * has settled that they may see the conversation. A survey of another conversation or customer
   * does not exist for them.
   */
  async answer(customerId: string, conversationId: string, surveyId: string, input: SubmitCsatInput, now = new Date()): Promise<CsatAnswer> {
    const rating = input.rating;
    const comment = input.comment?.trim() || null;
    return inTransaction(this.pg, async (client) => {
      const { rows } = await client.query<SurveyRow>('SELECT * FROM csat_surveys WHERE id = $1 AND conversation_id = $2 AND customer_id = $3 FOR UPDATE', [surveyId, conversationId, customerId]);
      const row = rows[0];
      if (!row) throw new SmartchatError('SC_ERR_CSAT_SURVEY_NOT_FOUND');
      // The same answer again (a retry whose response was lost) changes nothing, even after the window.
      if (row.rating === rating && row.comment === comment) return { survey: toSurvey(row), changed: false };
      if (now.getTime() >= row.editable_until.getTime()) {
        const message = row.answered_at
          ? `The answer could be changed until ${row.editable_until.toISOString()} (${CSAT_CHANGE_WINDOW_HOURS} hours after the first answer)`
          : `The survey could be answered until ${row.editable_until.toISOString()}`;
        throw new SmartchatError('SC_ERR_CSAT_CLOSED', message, { editableUntil: row.editable_until.toISOString() });
      }
      // The first answer opens the window for changes; a change keeps it.
      const editableUntil = row.answered_at ? row.editable_until : new Date(now.getTime() + CSAT_CHANGE_WINDOW_HOURS * 3_600_000);
      const { rows: updated } = await client.query<SurveyRow>('UPDATE csat_surveys SET rating = $2, comment = $3, answered_at = $4, editable_until = $5 WHERE id = $1 RETURNING *', [
        surveyId,
        rating,
        comment,
        now,
        editableUntil,
      ]);
      await writeOutbox(client, [
        conversationEvent(
          'csat.submitted',
          conversationId,
          { type: 'customer', id: customerId },
          {
            surveyId,
            rating,
            comment,
            previousRating: row.rating,
            teamId: row.team_id,
            closedBy: row.closed_by,
            lastResponderId: row.last_responder_id,
            cycle: row.cycle,
            requestedAt: row.requested_at.toISOString(),
          },
          now,
        ),
      ]);
      return { survey: toSurvey(updated[0]!), changed: true };
    });
  }
}
