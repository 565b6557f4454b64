// The Standard Webhooks signature scheme (https://www.standardwebhooks.com), both ways: events the
// back-office sends us and webhooks we send. A request carries `webhook-id` (unique per message,
// the same on every retry), `webhook-timestamp` (whole seconds since 1970) and `webhook-signature`
// (space-separated `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<raw body>` with the secret's
// bytes). Secrets travel as `whsec_<base64>`. Several signatures in one header, and several
// secrets on our side, let either side rotate without a gap.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNING_SECRET_PREFIX = 'whsec_';

/** A new secret: 32 random bytes, as `whsec_<base64>`. */
export function newSigningSecret(): string {
  return SIGNING_SECRET_PREFIX + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SIGNING_SECRET_PREFIX) ? secret.slice(SIGNING_SECRET_PREFIX.length) : secret, 'base64');
}

/** The `v1,<base64>` signature of a message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string | Buffer): string {
  const hmac = createHmac('sha256', keyOf(secret));
  hmac.update(`${id}.${timestampSeconds}.`);
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** The three headers of a signed message, signed with every secret given (a sender rotating sends both). */
export function webhookHeaders(secrets: readonly string[], id: string, body: string | Buffer, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signWebhook(secret, id, timestamp, body)).join(' '),
  };
}

export type WebhookVerdict =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

/**
 * Checks a received message against our secrets: the timestamp within `toleranceSeconds` of now
 * (either way: a replay of an old capture is refused), and any `v1` signature matching any secret,
 * compared in constant time.
 */
export function verifyWebhook(
  secrets: readonly string[],
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  toleranceSeconds: number,
  now = Date.now(),
): WebhookVerdict {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^[0-9]{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const seconds = Number(timestamp);
  if (Math.abs(now / 1000 - seconds) > toleranceSeconds) return { ok: false, reason: 'stale_timestamp' };
  const offered = signature
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of secrets) {
    const expected = Buffer.from(signWebhook(secret, id, seconds, body).slice(3), 'base64');
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) return { ok: true, id, timestamp: seconds };
  }
  return { ok: false, reason: 'bad_signature' };
}
