import type { CustomerCsatSurvey } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { latestSurvey, surveyOpen } from '../src/frame/survey-rules.js';

const survey = (cycle: number, editableUntil = '2026-12-07T10:00:00.000Z'): CustomerCsatSurvey => ({
  id: `00000000-0000-4000-8000-00000000000${cycle}`,
  conversationId: '00000000-0000-4000-8000-000000000000',
  cycle,
  requestedAt: '2026-12-01T10:00:00.000Z',
  rating: null,
  comment: null,
  answeredAt: null,
  editableUntil,
});

describe('the survey the widget shows', () => {
  it("is the latest close's, whatever order the server lists them in", () => {
    expect(latestSurvey([])).toBeNull();
    expect(latestSurvey([survey(2), survey(3), survey(1)])?.cycle).toBe(3);
  });

  it('takes an answer until its window closes, not at the closing instant', () => {
    const until = Date.parse('2026-12-07T10:00:00.000Z');
    expect(surveyOpen(survey(1), until - 1)).toBe(true);
    expect(surveyOpen(survey(1), until)).toBe(false);
  });
});
