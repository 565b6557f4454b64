// Customer satisfaction (CSAT): after a customer conversation is closed in a team that asks
// (`csatEnabled` in the team's assignment settings), its customer is asked for a rating of 1..5 and
// an optional comment, once per close (a reopen starts a new cycle, whose close asks again). The
// survey is credited to the agent who closed the conversation (the assignee, for an automatic
// close) and records the last agent who replied.
import { z } from 'zod';

export const CSAT_MIN_RATING = 1;
export const CSAT_MAX_RATING = 5;
export const CSAT_COMMENT_MAX = 1000;
/** How long after the close a survey may get its first answer. */
export const CSAT_ANSWER_WINDOW_HOURS = 7 * 24;
/** How long after the first answer the customer may change it (rating and comment). */
export const CSAT_CHANGE_WINDOW_HOURS = 24;

/**
 * The customer's answer. A comment of blanks only counts as none; `comment` left out or null: no
 * comment (a change without one removes the earlier comment).
 */
export const submitCsatInput = z.strictObject({
  rating: z.number().int().min(CSAT_MIN_RATING).max(CSAT_MAX_RATING),
  comment: z
    .string()
    .max(CSAT_COMMENT_MAX)
    .transform((text) => text.trim() || null)
    .nullable()
    .optional(),
});
export type SubmitCsatInput = z.input<typeof submitCsatInput>;

export const csatCloseKindSchema = z.enum(['agent', 'auto_close']);

/** A survey as agents see it (GET /v1/conversations/:id/csat, socket `csat:updated`). */
export const csatSurveySchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  /** 1 for the first close, +1 for each reopen before this close. */
  cycle: z.number().int(),
  /** The team that held the conversation when it was closed. */
  teamId: z.uuid().nullable(),
  /** The agent credited: who closed it, or its assignee when it was closed automatically. */
  closedBy: z.uuid().nullable(),
  closedHow: csatCloseKindSchema,
  /** The last agent who replied to the customer before the close. */
  lastResponderId: z.uuid().nullable(),
  requestedAt: z.string(),
  /** Null until answered. */
  rating: z.number().int().min(CSAT_MIN_RATING).max(CSAT_MAX_RATING).nullable(),
  comment: z.string().nullable(),
  /** The latest answer (a change moves it). */
  answeredAt: z.string().nullable(),
  /** Until when the customer may answer (unanswered) or change the answer (answered). */
  editableUntil: z.string(),
});
export type CsatSurvey = z.infer<typeof csatSurveySchema>;

/** A survey as its customer sees it: no agent ids. */
export const customerCsatSurveySchema = csatSurveySchema.pick({
  id: true,
  conversationId: true,
  cycle: true,
  requestedAt: true,
  rating: true,
  comment: true,
  answeredAt: true,
  editableUntil: true,
});
export type CustomerCsatSurvey = z.infer<typeof customerCsatSurveySchema>;

export function toCustomerCsatSurvey(survey: CsatSurvey): CustomerCsatSurvey {
  const { id, conversationId, cycle, requestedAt, rating, comment, answeredAt, editableUntil } = survey;
  return { id, conversationId, cycle, requestedAt, rating, comment, answeredAt, editableUntil };
}
