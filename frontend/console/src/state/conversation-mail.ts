// The e-mail side of open e-mail conversations (GET /v1/conversations/{id}/mail): the mailbox, what
// was received, and each answer's delivery. One copy per conversation, shared by the context pane's
// mail panel (which keeps it current while it is shown) and the thread's messages (a reply's
// delivery state, a received message's original). When it is read again: mail-follow.ts.
import type { ConversationMail, MailDelivery, ReceivedMail } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { createEffect, createSignal, on, onCleanup, type Accessor, type Setter } from 'solid-js';
import { downloadFile } from './download.js';
import { MAIL_POLL_MS, repliesAfter, stillAwaited, wantsFollowUp } from './mail-follow.js';
import { api, onSent } from './session.js';
import { thread } from './threads.js';

export interface MailView {
  mail: ConversationMail;
  /** Deliveries by the chat message they send (the agents' replies). */
  deliveryByMessage: ReadonlyMap<string, MailDelivery>;
  /** Received messages by the chat message they became. */
  receivedByMessage: ReadonlyMap<string, ReceivedMail>;
}

interface Entry {
  view: Accessor<MailView | null>;
  setView: Setter<MailView | null>;
  error: Accessor<unknown>;
  setError: (error: unknown) => void;
}

const entries = new Map<string, Entry>();

function entry(conversationId: string): Entry {
  let existing = entries.get(conversationId);
  if (!existing) {
    const [view, setView] = createSignal<MailView | null>(null);
    const [error, setErrorSignal] = createSignal<unknown>(null);
    existing = { view, setView, error, setError: (value) => setErrorSignal(() => value) };
    entries.set(conversationId, existing);
  }
  return existing;
}

function viewOf(mail: ConversationMail): MailView {
  return {
    mail,
    deliveryByMessage: new Map(mail.deliveries.flatMap((delivery) => (delivery.messageId ? [[delivery.messageId, delivery] as const] : []))),
    receivedByMessage: new Map(mail.received.flatMap((received) => (received.messageId ? [[received.messageId, received] as const] : []))),
  };
}

/** The e-mail side as last read; null before the first answer. */
export function conversationMail(conversationId: string): MailView | null {
  return entry(conversationId).view();
}

/** Why the last read failed (kept until one succeeds). */
export function conversationMailError(conversationId: string): unknown {
  return entry(conversationId).error();
}

/** The delivery of an agent's reply, when it goes by e-mail. */
export function deliveryOfMessage(conversationId: string, messageId: string): MailDelivery | undefined {
  return entry(conversationId).view()?.deliveryByMessage.get(messageId);
}

/** The received e-mail a customer's message came from. */
export function receivedOfMessage(conversationId: string, messageId: string): ReceivedMail | undefined {
  return entry(conversationId).view()?.receivedByMessage.get(messageId);
}

/** Queues a failed answer again; the shown copy takes its new state at once. */
export async function retryDelivery(conversationId: string, deliveryId: string): Promise<void> {
  const retried = await api.post('/v1/conversations/{id}/mail/deliveries/{deliveryId}/retry', { params: { path: { id: conversationId, deliveryId } } });
  const current = entry(conversationId);
  const view = current.view();
  if (view) current.setView(viewOf({ ...view.mail, deliveries: view.mail.deliveries.map((delivery) => (delivery.id === retried.id ? retried : delivery)) }));
}

/** Downloads a received message as it arrived (an .eml file). */
export function downloadOriginal(conversationId: string, receivedId: string): Promise<string> {
  return downloadFile(`/v1/conversations/${encodeURIComponent(conversationId)}/mail/received/${encodeURIComponent(receivedId)}/original`, `${receivedId}.eml`);
}

/**
 * Reads the e-mail side now and keeps it current while the calling component lives: again every
 * few seconds while an answer is on its way, and when a reply is written (by this agent or a
 * colleague). Stops when the component goes (another conversation opened).
 */
export function followConversationMail(conversationId: string): { refresh: () => Promise<void> } {
  const current = entry(conversationId);
  const shown = thread(conversationId);
  /** New replies (message id → when first seen here) whose delivery is not listed yet. */
  let awaiting = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  // Only the newest request's answer is shown: a slow older one must not undo a newer state.
  let requested = 0;

  const schedule = () => {
    clearTimeout(timer);
    const view = current.view();
    if (disposed || !view) return;
    awaiting = stillAwaited(awaiting, view.mail.deliveries, Date.now());
    if (wantsFollowUp(view.mail.deliveries, awaiting)) timer = setTimeout(() => void refresh(), MAIL_POLL_MS);
  };

  const refresh = async () => {
    clearTimeout(timer);
    const request = ++requested;
    try {
      const mail = await api.get('/v1/conversations/{id}/mail', { params: { path: { id: conversationId } } });
      if (disposed || request !== requested) return;
      current.setView(viewOf(mail));
      current.setError(null);
    } catch (error) {
      if (disposed || request !== requested) return;
      current.setError(error);
      // Not an e-mail conversation, or no longer visible: nothing more to follow.
      if (error instanceof ApiError && error.status === 404) return;
    }
    schedule();
  };

  /** Replies just written get their deliveries soon: wait for them. */
  const awaitReplies = (messageIds: readonly string[]) => {
    const delivered = current.view()?.deliveryByMessage;
    const waiting = messageIds.filter((messageId) => !delivered?.has(messageId));
    if (!waiting.length) return;
    for (const messageId of waiting) awaiting.set(messageId, awaiting.get(messageId) ?? Date.now());
    void refresh();
  };

  // The newest message seen once the thread's first page is there; replies after it are new
  // (an older page loaded later is not).
  let newestSeen: string | null | undefined;
  createEffect(
    on([shown.messages, shown.nextBefore], ([messages, nextBefore]) => {
      if (nextBefore === undefined) return;
      const replies = newestSeen === undefined ? undefined : repliesAfter(messages, newestSeen);
      newestSeen = messages[messages.length - 1]?.id ?? null;
      if (replies) awaitReplies(replies.map((reply) => reply.id));
    }),
  );
  const stopSent = onSent((item, messageId) => {
    if (item.conversationId === conversationId && (item.kind ?? 'reply') === 'reply') awaitReplies([messageId]);
  });
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
    stopSent();
  });

  void refresh();
  return { refresh };
}
