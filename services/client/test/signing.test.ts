// The signature scheme both ways, checked against the worked example of docs/integration.md (which
// a back-office team reimplements from): the same secret, id, timestamp and body give exactly the
// signature the document shows, and a check refuses what the document says it refuses.
import { describe, expect, it } from 'vitest';
import { newSigningSecret, signWebhook, verifySmartchatRequest, verifyWebhook, webhookHeaders } from '../src/index.js';

// docs/integration.md, "A worked example".
const SECRET = 'whsec_fA7ltXBjfz9O6qe7OL+xUIYhfbUYDEQSzte/nIJEg9s=';
const ID = 'msg_2f1c9a7e';
const TIMESTAMP = 1796634000;
const BODY =
  '{"type":"trip.changed","timestamp":"2026-12-07T09:00:00Z","data":{"customerId":"demo-customer-1","tripId":"T-1001","version":2,"departureAt":"2026-12-08T07:00:00Z","changes":[{"field":"time","old":"2026-12-08T05:00:00Z","new":"2026-12-08T07:00:00Z"}]}}';
const SIGNATURE = 'v1,svO1vS8uuI4FzCM0ffpkq7p5JEGgy8rpge7S7nnr1ec=';

describe('Standard Webhooks signatures', () => {
  it('signs the documented example exactly as the document shows', () => {
    expect(signWebhook(SECRET, ID, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(verifyWebhook([SECRET], { id: ID, timestamp: String(TIMESTAMP), signature: SIGNATURE }, Buffer.from(BODY), 300, TIMESTAMP * 1000 + 60_000)).toEqual({ ok: true, id: ID, timestamp: TIMESTAMP });
  });

  it('refuses a changed body, another id, a stale or future timestamp, and a wrong secret', () => {
    const at = TIMESTAMP * 1000;
    const check = (headers: { id?: string; timestamp?: string; signature?: string }, body = BODY, now = at, secrets = [SECRET]) =>
      verifyWebhook(secrets, { id: ID, timestamp: String(TIMESTAMP), signature: SIGNATURE, ...headers }, Buffer.from(body), 300, now);
    expect(check({}, BODY.replace('"version":2', '"version":3'))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ id: 'msg_other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({}, BODY, at + 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({}, BODY, at - 301_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({ timestamp: '1796634000.5' })).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({}, BODY, at, [newSigningSecret()])).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts any of several signatures and any of several secrets (rotation from either side)', () => {
    const fresh = newSigningSecret();
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders([fresh, SECRET], ID, BODY, TIMESTAMP * 1000);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyWebhook([SECRET], { id: ID, timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] }, Buffer.from(BODY), 300, TIMESTAMP * 1000).ok).toBe(true);
    expect(verifyWebhook([newSigningSecret(), fresh], { id: ID, timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] }, Buffer.from(BODY), 300, TIMESTAMP * 1000).ok).toBe(true);
  });

  it('reads a received request with node:http or fetch headers', () => {
    const headers = webhookHeaders([SECRET], ID, BODY);
    expect(verifySmartchatRequest([SECRET], headers, BODY).webhookId).toBe(ID);
    expect(verifySmartchatRequest([SECRET], new Headers(headers), Buffer.from(BODY)).event).toMatchObject({ type: 'trip.changed' });
    expect(() => verifySmartchatRequest([newSigningSecret()], headers, BODY)).toThrow('bad_signature');
  });
});
