// The link a customer who wrote by e-mail rates their conversation with (issue 25, "CSAT by e-mail
// link"): /csat/<token>, where the token names the survey and proves it was mailed by Smartchat
// (an HMAC of the survey id under a key derived from SMARTCHAT_SESSION_SECRET, which chat and the
// mail role share). Nothing is stored: the survey's own windows decide how long it can be used.
import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, surveyId: string): Buffer {
  return createHmac('sha256', secret).update(`smartchat csat mail link v1:${surveyId}`).digest().subarray(0, 16);
}

/** The token of a survey's link: `<survey id without dashes>.<signature>`. */
export function csatLinkToken(secret: string, surveyId: string): string {
  if (!UUID.test(surveyId)) throw new RangeError('not a survey id');
  return `${surveyId.replaceAll('-', '')}.${signature(secret, surveyId).toString('base64url')}`;
}

/** The survey a link's token names, or null for a token Smartchat did not make. */
export function surveyOfLinkToken(secret: string, token: string): string | null {
  const match = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const surveyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = signature(secret, surveyId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? surveyId : null;
}
