import type { AcceptedMessage } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { decodeDeliveryPayload, encodeDeliveryPayload } from '../src/conversations/delivery-payload.js';

const message = (id: string): AcceptedMessage => ({ id, conversationId: 'c1', kind: 'reply', author: { type: 'agent', id: 'a1', name: 'Olga' }, body: `body ${id}`, attachments: [], clientMessageId: `k-${id}`, acceptedAt: 1, internal: false, customerId: 'cu1' });

describe('delivery queue payloads', () => {
  it('carries one message as a plain object (what system messages and older pods publish) and several as an array, in order', () => {
    const one = encodeDeliveryPayload([JSON.stringify(message('m1'))]);
    expect(JSON.parse(one.toString())).toEqual(message('m1'));
    expect(decodeDeliveryPayload(one)).toEqual([message('m1')]);
    const three = encodeDeliveryPayload(['m1', 'm2', 'm3'].map((id) => JSON.stringify(message(id))));
    expect(decodeDeliveryPayload(three)).toEqual([message('m1'), message('m2'), message('m3')]);
  });

  it('refuses anything that is not accepted messages', () => {
    for (const bad of ['not json', '[]', '{}', '[{"id":"x"}]', 'null', '42', `[${JSON.stringify(message('m1'))}, 7]`]) {
      expect(() => decodeDeliveryPayload(Buffer.from(bad)), bad).toThrow();
    }
  });
});
