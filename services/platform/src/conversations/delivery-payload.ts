// The body of one delivery-queue message: one AcceptedMessage (system messages, older pods) or a
// JSON array of them (a chat pod's publish group, in order). Consumers accept both, so pods of
// either kind can run side by side during a rolling upgrade.
import { MESSAGE_ID_PATTERN, messageKinds, type AcceptedMessage } from '@smartchat/contracts';

/** Joins messages already serialised one by one (the publisher sizes its groups by them). */
export function encodeDeliveryPayload(messagesJson: string[]): Buffer {
  return Buffer.from(messagesJson.length === 1 ? messagesJson[0]! : `[${messagesJson.join(',')}]`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS = new Set<string>(messageKinds);

/**
 * Whether a decoded value can be stored and delivered as it is. Checked here, at the door of the
 * consumer, because a message the store refuses (an id that is not a uuid, a NUL in the body) would
 * fail its step on every retry and hold up every later delivery of the lane.
 */
function isDeliverable(value: unknown): value is AcceptedMessage {
  const candidate = value as Partial<AcceptedMessage> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.id === 'string' &&
    MESSAGE_ID_PATTERN.test(candidate.id) &&
    typeof candidate.conversationId === 'string' &&
    UUID.test(candidate.conversationId) &&
    typeof candidate.kind === 'string' &&
    KINDS.has(candidate.kind) &&
    typeof candidate.body === 'string' &&
    !candidate.body.includes('\u0000') &&
    Array.isArray(candidate.attachments) &&
    typeof candidate.acceptedAt === 'number' &&
    typeof candidate.author === 'object' &&
    candidate.author !== null
  );
}

/** The messages a delivery carries, in order; throws on anything that is not JSON of that shape. */
export function decodeDeliveryPayload(content: Buffer): AcceptedMessage[] {
  const parsed: unknown = JSON.parse(content.toString());
  const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (messages.length === 0) throw new Error('an empty delivery payload');
  for (const message of messages) {
    if (!isDeliverable(message)) throw new Error('a delivery payload holds something that is not an accepted message');
  }
  return messages as AcceptedMessage[];
}
