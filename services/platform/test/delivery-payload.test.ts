import type { AcceptedMessage } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { decodeDeliveryPayload, encodeDeliveryPayload } from '../src/conversations/delivery-payload.js';

const ids: Record<string, string> = { m1: '5f0c1a10-eef2-11f1-8000-000000000001', m2: '5f0c1a10-eef2-11f1-8000-000000000002', m3: '5f0c1a10-eef2-11f1-8000-000000000003' };
const message = (id: string): AcceptedMessage => ({ id: ids[id]!, conversationId: '3f0e4f1c-8d7a-4c2b-9f7e-0a1b2c3d4e5f', kind: 'reply', author: { type: 'agent', id: 'a1', name: 'Olga' }, body: `body ${id}`, attachments: [], clientMessageId: `k-${id}`, acceptedAt: 1, internal: false, customerId: 'cu1' });

describe('delivery queue payloads', () => {
  it('carries one message as a plain object (what system messages and older pods publish) and several as an array, in order', () => {
    const one = encodeDeliveryPayload([JSON.stringify(message('m1'))]);
    expect(JSON.parse(one.toString())).toEqual(message('m1'));
    expect(decodeDeliveryPayload(one)).toEqual([message('m1')]);
    const three = encodeDeliveryPayload(['m1', 'm2', 'm3'].map((id) => JSON.stringify(message(id))));
    expect(decodeDeliveryPayload(three)).toEqual([message('m1'), message('m2'), message('m3')]);
  });

  it('refuses anything that is not accepted messages', () => {
    const broken = (change: Record<string, unknown>) => JSON.stringify({ ...message('m1'), ...change });
    for (const bad of [
      'not json',
      '[]',
      '{}',
      '[{"id":"x"}]',
      'null',
      '42',
      `[${JSON.stringify(message('m1'))}, 7]`,
      // What the store would refuse on every retry, holding up the lane: not a uuid, not a time
      // uuid, an unknown kind, a NUL in the body, no attachments list.
      broken({ conversationId: 'not-a-uuid' }),
      broken({ id: '3f0e4f1c-8d7a-4c2b-9f7e-0a1b2c3d4e5f' }),
      broken({ kind: 'shout' }),
      broken({ body: 'a\u0000b' }),
      broken({ attachments: null }),
    ]) {
      expect(() => decodeDeliveryPayload(Buffer.from(bad)), bad).toThrow();
    }
  });
});
