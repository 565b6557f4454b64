// How a received message and its outcome read in the admin area: each outcome of the contract
// (services/contracts mail.ts, mailOutcomes) has its own text, and the badge says whether it
// reached a conversation. The texts are in ../i18n.ts; this file only picks them.
import type { MailOutcome, ReceivedMail } from '@smartchat/contracts';
import type { AdminKey } from '../i18n.js';

/** Every outcome, so that a new one in the contract does not compile until it has a text. */
export const OUTCOME_LABELS: Readonly<Record<MailOutcome, AdminKey>> = {
  new_conversation: 'mailOutcome.new_conversation',
  joined: 'mailOutcome.joined',
  automatic_attached: 'mailOutcome.automatic_attached',
  bounce: 'mailOutcome.bounce',
  automatic_unthreaded: 'mailOutcome.automatic_unthreaded',
  blocked: 'mailOutcome.blocked',
  own_address: 'mailOutcome.own_address',
  no_sender: 'mailOutcome.no_sender',
  malformed: 'mailOutcome.malformed',
  too_large: 'mailOutcome.too_large',
};

export const RECEIVED_STATE_LABELS: Readonly<Record<ReceivedMail['state'], AdminKey>> = {
  stored: 'mailState.stored',
  processed: 'mailState.processed',
  rejected: 'mailState.rejected',
};

/** The text of a message's outcome; one still waiting to be processed has none yet. */
export function outcomeLabel(outcome: MailOutcome | null): AdminKey {
  return outcome === null ? 'mailOutcome.pending' : OUTCOME_LABELS[outcome];
}

/** The badge's class: the state is always written out too, so colour is never the only sign. */
export function receivedBadgeClass(state: ReceivedMail['state']): string {
  return state === 'rejected' ? 'badge danger' : state === 'processed' ? 'badge accent' : 'badge';
}

/** The server's note on why (e.g. { reason: 'auto_submitted' }) as short text: "reason: auto_submitted". */
export function detailText(detail: ReceivedMail['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]))
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}
