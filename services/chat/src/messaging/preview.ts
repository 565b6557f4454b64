// The inbox preview of a message the customer can see: its text as one short plain line, or the
// names of its files when it has no text. Notes and system messages never get one (see delivery.ts).
import type { Attachment, MessageKind } from '@smartchat/contracts';
import { previewText } from '@smartchat/core';

/** Kinds a customer sees: only these may ever appear in a preview, so lists are safe to show anyone. */
export const isPublicKind = (kind: MessageKind): kind is 'customer' | 'reply' | 'notice' => kind === 'customer' || kind === 'reply' || kind === 'notice';

export function messagePreview(message: { body: string; attachments: readonly Attachment[] }): string {
  const text = previewText(message.body);
  return text.length > 0 ? text : previewText(message.attachments.map((attachment) => attachment.name).join(', '));
}
