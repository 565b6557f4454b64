// When the e-mail side of an open conversation is read again. No live event says how an answer's
// delivery goes, so the console asks every few seconds while one is on its way: queued or sending,
// or a reply just written whose delivery the server has not listed yet (waited for a short while,
// then given up on: a reply may never become mail). Pure, so that it is tested without a browser.
import type { MailDelivery, Message } from '@smartchat/contracts';

export const MAIL_POLL_MS = 3_000;
/** How long a new reply's delivery is waited for. */
export const AWAIT_DELIVERY_MS = 30_000;

/** A reply that goes to the customer by e-mail (a note, a deleted reply, the customer's own do not). */
export function isAgentReply(message: Message): boolean {
  return message.kind === 'reply' && !message.deleted;
}

/** Queued or sending: its state will change without anyone doing anything. */
export function inFlight(deliveries: readonly MailDelivery[]): boolean {
  return deliveries.some((delivery) => delivery.state === 'queued' || delivery.state === 'sending');
}

/**
 * The replies in `messages` (in conversation order) after the message `newestSeen`; null: the
 * thread was empty, so every reply is new. Undefined when `newestSeen` is not in the list (the
 * thread was replaced): the caller starts over from the newest message.
 */
export function repliesAfter(messages: readonly Message[], newestSeen: string | null): Message[] | undefined {
  const start = newestSeen === null ? 0 : messages.findIndex((message) => message.id === newestSeen) + 1;
  if (start === 0 && newestSeen !== null) return undefined;
  return messages.slice(start).filter(isAgentReply);
}

/** The awaited replies (message id → when first seen) that still have no delivery and are not given up on. */
export function stillAwaited(awaiting: ReadonlyMap<string, number>, deliveries: readonly MailDelivery[], now: number): Map<string, number> {
  const delivered = new Set(deliveries.map((delivery) => delivery.messageId));
  return new Map([...awaiting].filter(([messageId, since]) => !delivered.has(messageId) && now - since < AWAIT_DELIVERY_MS));
}

export function wantsFollowUp(deliveries: readonly MailDelivery[], awaiting: ReadonlyMap<string, number>): boolean {
  return inFlight(deliveries) || awaiting.size > 0;
}
