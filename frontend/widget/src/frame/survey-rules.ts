// Which survey the widget shows and whether it still takes an answer (the server decides in the
// end; this only keeps the form from being offered once the window is over).
import type { CustomerCsatSurvey } from '@smartchat/contracts';

/** The survey of the latest close (the highest cycle), if the server put one. */
export function latestSurvey(surveys: readonly CustomerCsatSurvey[]): CustomerCsatSurvey | null {
  return surveys.reduce<CustomerCsatSurvey | null>((latest, survey) => (latest === null || survey.cycle > latest.cycle ? survey : latest), null);
}

/** Whether the customer may still answer (or change the answer) at `now` (epoch ms). */
export function surveyOpen(survey: Pick<CustomerCsatSurvey, 'editableUntil'>, now: number): boolean {
  return Date.parse(survey.editableUntil) > now;
}
