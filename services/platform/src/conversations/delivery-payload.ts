// The body of one delivery-queue message: one AcceptedMessage (system messages, older pods) or a
// JSON array of them (a chat pod's publish group, in order). Consumers accept both, so pods of
// either kind can run side by side during a rolling upgrade.
import type { AcceptedMessage } from '@smartchat/contracts';

/** Joins messages already serialised one by one (the publisher sizes its groups by them). */
export function encodeDeliveryPayload(messagesJson: string[]): Buffer {
  return Buffer.from(messagesJson.length === 1 ? messagesJson[0]! : `[${messagesJson.join(',')}]`);
}

/** The messages a delivery carries, in order; throws on anything that is not JSON of that shape. */
export function decodeDeliveryPayload(content: Buffer): AcceptedMessage[] {
  const parsed: unknown = JSON.parse(content.toString());
  const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (messages.length === 0) throw new Error('an empty delivery payload');
  for (const message of messages) {
    const candidate = message as Partial<AcceptedMessage> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.id !== 'string' || typeof candidate.conversationId !== 'string' || typeof candidate.kind !== 'string') {
      throw new Error('a delivery payload holds something that is not an accepted message');
    }
  }
  return messages as AcceptedMessage[];
}
