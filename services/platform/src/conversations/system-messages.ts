// System messages ("closed automatically after 3 days without an answer") take the same delivery
// path as every other message: published to the conversation's delivery shard with a publisher
// confirm. Their id is derived from what caused them, so a retried job publishes the same message
// again and the idempotent delivery stores and shows it once.
import { DELIVERY_EXCHANGE, type AcceptedMessage } from '@smartchat/contracts';
import { shardOf } from '@smartchat/core';
import cassandra from 'cassandra-driver';
import { createHash } from 'node:crypto';
import type { ChannelWrapper } from '../rabbitmq.js';

const { TimeUuid } = cassandra.types;

/** A time-ordered id at `at`, the same for the same (`cause`, `at`). */
export function systemMessageId(cause: string, at: Date): string {
  const digest = createHash('sha256').update(cause).digest();
  return TimeUuid.fromDate(at, digest.readUInt16BE(0) % 10_000, digest.subarray(2, 8), digest.subarray(8, 10)).toString();
}

/**
 * Publishes a message written by Smartchat: kind `system` (agents only) unless `notice` is asked
 * for (everyone who sees the conversation, the customer too: a trip change, a document).
 */
export async function publishSystemMessage(
  publisher: ChannelWrapper,
  shards: number,
  message: { id: string; conversationId: string; body: string; internal: boolean; customerId: string | null; kind?: 'system' | 'notice'; attachments?: AcceptedMessage['attachments'] },
): Promise<void> {
  const { kind = 'system', attachments = [], ...rest } = message;
  const accepted: AcceptedMessage = { ...rest, kind, author: { type: 'system', id: null, name: null }, attachments, clientMessageId: null, acceptedAt: Date.now() };
  await publisher.publish(DELIVERY_EXCHANGE, String(shardOf(message.conversationId, shards)), Buffer.from(JSON.stringify(accepted)), {
    persistent: true,
    messageId: accepted.id,
    contentType: 'application/json',
    timeout: 5000,
  });
}
