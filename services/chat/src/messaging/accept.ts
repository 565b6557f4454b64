// The one code path for sending a message, over socket.io and REST alike: validate, authorise,
// rate-limit, deduplicate on clientMessageId, assign a time-ordered id, publish to RabbitMQ and
// wait for the publisher confirm. Only then is the message "accepted".
import { DELIVERY_EXCHANGE, sendMessageInput, SmartchatError, type Identity, type SendMessageResult } from '@smartchat/contracts';
import { resolveSendKind } from '@smartchat/core';
import type { ChannelWrapper, Logger, Redis } from '@smartchat/platform';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { newMessageId, type AcceptedMessage } from '../store/messages.js';
import type { AccessStore } from '../access/access-store.js';
import type { Mentions } from '../access/mentions.js';
import { parseInput } from '../validation.js';
import type { MessagingMetrics } from './metrics.js';
import { shardOf } from '@smartchat/core';

const DEDUP_TTL_SECONDS = 24 * 3600;

export interface AcceptorOptions {
  redis: Redis;
  access: AccessStore;
  mentions: Mentions;
  attachments: AttachmentService;
  publisher: ChannelWrapper;
  metrics: MessagingMetrics;
  logger: Logger;
  shards: number;
  sendLimitPer10s: number;
}

export class MessageAcceptor {
  constructor(private readonly options: AcceptorOptions) {}

  async send(identity: Identity, raw: unknown): Promise<SendMessageResult> {
    try {
      return await this.accept(identity, raw);
    } catch (error) {
      this.options.metrics.rejected.inc({ code: error instanceof SmartchatError ? error.code : 'SC_ERR_INTERNAL' });
      throw error;
    }
  }

  private async accept(identity: Identity, raw: unknown): Promise<SendMessageResult> {
    const { redis } = this.options;
    const input = parseInput(sendMessageInput, raw);
    const visible = await this.options.access.visibleConversation(identity, input.conversationId);
    // A conversation the sender may not see answers like a missing one: existence does not leak.
    if (!visible) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const { viewer, facts: conversation } = visible;
    const kind = resolveSendKind(viewer, conversation, input.kind);
    if (!kind) throw new SmartchatError('SC_ERR_MESSAGE_KIND_NOT_ALLOWED', `A ${identity.type} cannot send a ${input.kind ?? 'message'} here`);

    const who = identity.type === 'agent' ? `agent:${identity.agentId}` : `customer:${identity.customerId}`;
    const dedupKey = `dedup:${input.conversationId}:${who}:${input.clientMessageId}`;
    const candidateId = newMessageId();
    // One round trip: count this send against the identity's window and claim the clientMessageId.
    const windowKey = `ratelimit:send:${who}:${Math.floor(Date.now() / 10_000)}`;
    const results = await redis
      .multi()
      .incr(windowKey)
      .expire(windowKey, 20)
      .set(dedupKey, `${candidateId}|pending`, 'EX', DEDUP_TTL_SECONDS, 'NX')
      .get(dedupKey)
      .exec();
    if (!results || results.some(([error]) => error)) throw new SmartchatError('SC_ERR_UNAVAILABLE');
    const sends = Number(results[0]![1]);
    const claimed = results[2]![1];
    const existing = String(results[3]![1]);
    if (claimed !== 'OK') {
      // Seen before. Accepted: answer the same id again. Still pending (a previous attempt failed
      // or is in flight): publish again under the same id; persisting is idempotent on it.
      const [id, state] = existing.split('|') as [string, string];
      if (state === 'accepted') return { id, status: 'accepted' };
      const attachments = await this.options.attachments.claim(identity, input.conversationId, input.attachments, { id, kind });
      return this.publish(dedupKey, { ...this.envelope(identity, input, kind, conversation), attachments, id });
    }
    try {
      if (sends > this.options.sendLimitPer10s) {
        throw new SmartchatError('SC_ERR_RATE_LIMITED', 'Too many messages; wait a few seconds and retry with the same clientMessageId');
      }
      const attachments = await this.options.attachments.claim(identity, input.conversationId, input.attachments, { id: candidateId, kind });
      return await this.publish(dedupKey, { ...this.envelope(identity, input, kind, conversation), attachments, id: candidateId });
    } catch (error) {
      // Refused before it was published: release the clientMessageId so that a corrected retry works.
      if (error instanceof SmartchatError && error.code !== 'SC_ERR_UNAVAILABLE') await redis.del(dedupKey);
      throw error;
    }
  }

  private envelope(identity: Identity, input: { conversationId: string; clientMessageId: string; body: string }, kind: AcceptedMessage['kind'], conversation: { internal: boolean; customerId: string | null }): Omit<AcceptedMessage, 'id' | 'attachments'> {
    return {
      conversationId: input.conversationId,
      kind,
      author: identity.type === 'agent' ? { type: 'agent', id: identity.agentId, name: identity.name } : { type: 'customer', id: identity.customerId, name: identity.name },
      body: input.body,
      clientMessageId: input.clientMessageId,
      acceptedAt: 0,
      internal: conversation.internal,
      customerId: conversation.customerId,
    };
  }

  private async publish(dedupKey: string, message: AcceptedMessage): Promise<SendMessageResult> {
    const { publisher, metrics, redis, logger } = this.options;
    const shard = shardOf(message.conversationId, this.options.shards);
    if (message.author.type === 'agent' && message.author.id) {
      // Before the publish: whoever is mentioned can see the message when it arrives. A retry
      // after a failure records nothing twice.
      try {
        await this.options.mentions.record({ id: message.id, conversationId: message.conversationId, body: message.body, authorId: message.author.id, authorName: message.author.name ?? '' });
      } catch (error) {
        logger.warn({ err: error, conversationId: message.conversationId, messageId: message.id }, 'recording mentions failed; the client retries');
        throw new SmartchatError('SC_ERR_UNAVAILABLE');
      }
    }
    message.acceptedAt = Date.now();
    try {
      await publisher.publish(DELIVERY_EXCHANGE, String(shard), Buffer.from(JSON.stringify(message)), {
        persistent: true,
        messageId: message.id,
        contentType: 'application/json',
        timeout: 5000,
      });
    } catch (error) {
      metrics.publishErrors.inc();
      logger.warn({ err: error, conversationId: message.conversationId, messageId: message.id }, 'publish to rabbitmq failed; the client retries');
      throw new SmartchatError('SC_ERR_UNAVAILABLE');
    }
    metrics.accepted.inc({ kind: message.kind });
    // Best effort: if this fails, a retry finds "pending" and publishes the same id again.
    await redis.set(dedupKey, `${message.id}|accepted`, 'EX', DEDUP_TTL_SECONDS).catch(() => undefined);
    return { id: message.id, status: 'accepted' };
  }
}
