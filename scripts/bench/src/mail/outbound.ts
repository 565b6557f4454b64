// The outbound load of PROFILE=mail: agent replies posted over REST into the e-mail conversations
// the intake opened (open loop, at a fixed rate), and the sending queue's rows they became
// (mail_outbound: queued from the message.created event, then sent to the local mail server).
import type { PgPool } from '@smartchat/platform';
import { sleep } from '../orchestration.js';

export interface ReplyPost {
  conversationId: string;
  clientMessageId: string;
  /** Epoch ms on the bench's clock: the POST started, and was answered 202. */
  postStartedAt: number;
  postedAt: number | null;
  /** The chat message id the 202 named. */
  messageId: string | null;
  error: string | null;
}

export interface Delivery {
  chatMessageId: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  mailMessageId: string;
  recipient: string;
  /** Epoch ms, Postgres' now(): queued by the mail role, and sent (the mail server's 250). */
  createdAt: number;
  sentAt: number | null;
}

const CALL_TIMEOUT_MS = 15_000;

async function postReply(node: string, token: string, post: ReplyPost, body: string): Promise<void> {
  try {
    const response = await fetch(`${node}/v1/conversations/${post.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientMessageId: post.clientMessageId, kind: 'reply', body }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status !== 202) {
      post.error = `HTTP ${response.status}`;
      return;
    }
    post.postedAt = Date.now();
    post.messageId = (JSON.parse(text) as { id: string }).id;
  } catch (error) {
    post.error = error instanceof Error ? error.name : 'error';
  }
}

/** `count` replies round-robin over the conversations, each started on schedule at `ratePerSec`. */
export async function postReplies(options: { node: string; token: string; conversations: string[]; count: number; ratePerSec: number; runId: string }): Promise<ReplyPost[]> {
  const { conversations, count, ratePerSec } = options;
  const posts: ReplyPost[] = [];
  const pending: Promise<void>[] = [];
  const startedAt = Date.now();
  for (let index = 0; index < count && conversations.length > 0; index += 1) {
    const wait = startedAt + (index * 1000) / ratePerSec - Date.now();
    if (wait > 0) await sleep(wait);
    const post: ReplyPost = {
      conversationId: conversations[index % conversations.length]!,
      clientMessageId: `bench-mail-${options.runId}-${index}`,
      postStartedAt: Date.now(),
      postedAt: null,
      messageId: null,
      error: null,
    };
    posts.push(post);
    pending.push(postReply(options.node, options.token, post, `Здравствуйте! Обменять билет можно, **сбор 1 500 ₽**. Ответ ${index + 1}.`));
  }
  await Promise.all(pending);
  return posts;
}

interface DeliveryRow {
  chat_message_id: string;
  state: Delivery['state'];
  attempts: number;
  last_error: string | null;
  mail_message_id: string;
  recipient: string;
  created_at: Date;
  sent_at: Date | null;
}

export async function deliveriesOf(pg: PgPool, messageIds: string[]): Promise<Map<string, Delivery>> {
  const { rows } = await pg.query<DeliveryRow>(
    `SELECT chat_message_id, state, attempts, last_error, mail_message_id, recipient::text AS recipient, created_at, sent_at
       FROM mail_outbound WHERE kind = 'reply' AND chat_message_id = ANY($1::text[])`,
    [messageIds],
  );
  return new Map(
    rows.map((row) => [
      row.chat_message_id,
      {
        chatMessageId: row.chat_message_id,
        state: row.state,
        attempts: row.attempts,
        lastError: row.last_error,
        mailMessageId: row.mail_message_id,
        recipient: row.recipient,
        createdAt: row.created_at.getTime(),
        sentAt: row.sent_at?.getTime() ?? null,
      },
    ]),
  );
}

/** Polls until every reply is sent or failed, or the deadline passed; the rows then. */
export async function settleDeliveries(pg: PgPool, messageIds: string[], deadlineAt: number): Promise<Map<string, Delivery>> {
  for (;;) {
    const deliveries = await deliveriesOf(pg, messageIds);
    const open = messageIds.filter((id) => {
      const state = deliveries.get(id)?.state;
      return state !== 'sent' && state !== 'failed';
    });
    if (open.length === 0 || Date.now() > deadlineAt) return deliveries;
    await sleep(250);
  }
}
