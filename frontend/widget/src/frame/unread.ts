// How many agent replies and notices (a trip change, a document) in a conversation the customer has
// not seen yet. "Seen" is the newest message that was on screen in this browser; writing a message
// counts as having seen everything before it, so a conversation continued on another device does
// not light up here.
import type { Message } from '@smartchat/contracts';

type Counted = Pick<Message, 'id' | 'kind' | 'deleted'>;

/** `messages` in conversation order; `seenId` the newest message seen (may be older than the loaded ones, or unknown). */
export function unreadCount(messages: readonly Counted[], seenId: string | undefined): number {
  let from = -1;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.id === seenId || message.kind === 'customer') {
      from = index;
      break;
    }
  }
  let count = 0;
  for (let index = from + 1; index < messages.length; index++) {
    const message = messages[index]!;
    if ((message.kind === 'reply' || message.kind === 'notice') && !message.deleted) count++;
  }
  return count;
}

/** The label on the launcher badge: 1..9, then "9+". */
export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}
