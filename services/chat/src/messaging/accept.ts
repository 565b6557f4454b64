// The one code path for sending a message, over socket.io and REST alike: validate, authorise,
// rate-limit, deduplicate on clientMessageId, assign a time-ordered id, publish to RabbitMQ and
// wait for the publisher confirm. Only then is the message "accepted".
import { sendMessageInput, SmartchatError, type Identity, type SendMessageResult } from '@smartchat/contracts';
import { createHash } from 'node:crypto';
import { resolveSendKind } from '@smartchat/core';
import type { Logger, Redis } from '@smartchat/platform';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { newMessageId, type AcceptedMessage } from '../store/messages.js';
import type { AccessStore } from '../access/access-store.js';
import type { Mentions } from '../access/mentions.js';
import { parseInput } from '../validation.js';
import type { DeliveryPublisher } from './delivery-publisher.js';
import type { MessagingMetrics } from './metrics.js';

/** A claim is found for at least this long: a day's hash is read on that day and the next. */
const DEDUP_DAY_SECONDS = 24 * 3600;
/** The per-identity send limit counts in windows of this length, aligned to the clock. */
const SEND_WINDOW_MS = 10_000;
const RATE_WINDOW_TTL_SECONDS = 20;

/**
 * One atomic step per send: count it against the identity's 10-second window and, when within the
 * limit, claim the clientMessageId (or read who claimed it). A script rather than MULTI so that the
 * sends of one event-loop turn share one write to Redis (auto-pipelining skips MULTI).
 *
 * Every attempt counts, retries included: a client retrying an accepted id in a loop is work like
 * any other send. An attempt over the limit claims nothing, so there is no claim to release.
 *
 * The claims of a conversation are fields of one hash per UTC day (`dedup:<conversation>:<day>`,
 * field `<sender>:<clientMessageId>`), not a key each: a key with its own expiry costs Redis about
 * half as much memory again, and every key is written out one by one in each AOF rewrite (a fork
 * that serialises the whole dataset). At 3,000 msg/s those rewrites came every 25-35 s and took a
 * core for up to a second each, growing with the day's keys. A send looks in yesterday's hash
 * first, so a claim is found for 24 to 48 hours. A day's hash expires two days after its first
 * claim (by then every claim of that day is over a day old), so a conversation that is busy every
 * day does not grow one hash for ever. The expiry is set only on a hash that has none: an EXPIRE
 * on every send was a write of its own in Redis' append-only file, whose growth is what triggers
 * the AOF rewrites (a fork, and a file written while deliveries wait).
 *
 * A claim's value is `<message id>|<pending|accepted>|<content hash>`: the hash binds the id to the
 * content it was claimed for (see contentHash), compared by the caller, so it costs nothing here.
 * KEYS: window, today's hash, yesterday's hash. ARGV: window TTL, claim value, hash TTL, field, limit.
 * Returns [sends, outcome, value, where] (outcome: 1 claimed, 0 claimed before (value is that
 * claim), -1 over the limit; where: 1 today's hash, 2 yesterday's).
 */
const CLAIM_SEND_SCRIPT = `
local sends = redis.call('INCR', KEYS[1])
if sends == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if sends > tonumber(ARGV[5]) then return {sends, -1, '', 0} end
local earlier = redis.call('HGET', KEYS[3], ARGV[4])
if earlier then return {sends, 0, earlier, 2} end
if redis.call('HSETNX', KEYS[2], ARGV[4], ARGV[2]) == 1 then
  if redis.call('TTL', KEYS[2]) == -1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
  return {sends, 1, ARGV[2], 1}
end
return {sends, 0, redis.call('HGET', KEYS[2], ARGV[4]), 1}
`;

/**
 * What a clientMessageId is bound to: the resolved kind, the body and the attachment ids. A retry
 * with the same id must carry the same content; otherwise two attempts with one id could publish
 * different messages under one message id, and the store would keep whichever came last (a reply
 * shown live, stored as a note). 128 bits of SHA-256 are plenty to tell a client's retries apart.
 */
export function contentHash(kind: string, body: string, attachments: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([kind, body, attachments])).digest('base64url').slice(0, 22);
}

/** Where a send's clientMessageId is claimed: a day's hash of the conversation and the sender's field in it. */
interface DedupClaim {
  key: string;
  field: string;
  /** The content the id is bound to, kept in the claim's value when it is marked accepted. */
  hash: string;
}

/** The hashes a send's claim is looked for in: today's (where a new claim goes) and yesterday's. */
export function dedupKeys(conversationId: string, now = Date.now()): { today: string; yesterday: string } {
  const day = Math.floor(now / (DEDUP_DAY_SECONDS * 1000));
  return { today: `dedup:${conversationId}:${day}`, yesterday: `dedup:${conversationId}:${day - 1}` };
}

type ClaimingRedis = Redis & {
  smartchatClaimSend(window: string, today: string, yesterday: string, windowTtl: number, value: string, hashTtl: number, field: string, limit: number): Promise<[number, number, string, number]>;
};

export interface AcceptorOptions {
  redis: Redis;
  access: AccessStore;
  mentions: Mentions;
  attachments: AttachmentService;
  delivery: DeliveryPublisher;
  metrics: MessagingMetrics;
  logger: Logger;
  sendLimitPer10s: number;
}

export class MessageAcceptor {
  private readonly redis: ClaimingRedis;

  constructor(private readonly options: AcceptorOptions) {
    const redis = options.redis as ClaimingRedis;
    if (typeof redis.smartchatClaimSend !== 'function') redis.defineCommand('smartchatClaimSend', { numberOfKeys: 3, lua: CLAIM_SEND_SCRIPT });
    this.redis = redis;
  }

  async send(identity: Identity, raw: unknown): Promise<SendMessageResult> {
    try {
      return await this.accept(identity, raw);
    } catch (error) {
      this.options.metrics.rejected.inc({ code: error instanceof SmartchatError ? error.code : 'SC_ERR_INTERNAL' });
      throw error;
    }
  }

  private async accept(identity: Identity, raw: unknown): Promise<SendMessageResult> {
    const { redis } = this;
    const input = parseInput(sendMessageInput, raw);
    const visible = await this.options.access.visibleConversation(identity, input.conversationId);
    // A conversation the sender may not see answers like a missing one: existence does not leak.
    if (!visible) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const { viewer, facts: conversation } = visible;
    const kind = resolveSendKind(viewer, conversation, input.kind);
    if (!kind) throw new SmartchatError('SC_ERR_MESSAGE_KIND_NOT_ALLOWED', `${identity.type === 'agent' ? 'An agent' : 'A customer'} cannot send a ${input.kind ?? 'message'} here`);

    const who = identity.type === 'agent' ? `agent:${identity.agentId}` : `customer:${identity.customerId}`;
    const hashes = dedupKeys(input.conversationId);
    const field = `${who}:${input.clientMessageId}`;
    const hash = contentHash(kind, input.body, input.attachments);
    const candidateId = newMessageId();
    const now = Date.now();
    const windowKey = `ratelimit:send:${who}:${Math.floor(now / SEND_WINDOW_MS)}`;
    let outcome: number;
    let existing: string;
    let claim: DedupClaim;
    try {
      const [, result, value, where] = await redis.smartchatClaimSend(
        windowKey,
        hashes.today,
        hashes.yesterday,
        RATE_WINDOW_TTL_SECONDS,
        `${candidateId}|pending|${hash}`,
        2 * DEDUP_DAY_SECONDS,
        field,
        this.options.sendLimitPer10s,
      );
      outcome = Number(result);
      existing = String(value);
      claim = { key: Number(where) === 2 ? hashes.yesterday : hashes.today, field, hash };
    } catch {
      throw new SmartchatError('SC_ERR_UNAVAILABLE');
    }
    if (outcome < 0) {
      // Nothing was claimed: the clientMessageId stays free (or stays with its earlier claim).
      throw new SmartchatError('SC_ERR_RATE_LIMITED', 'Too many messages; wait a few seconds and retry with the same clientMessageId', { retryAfterMs: SEND_WINDOW_MS - (now % SEND_WINDOW_MS) });
    }
    if (outcome === 0) {
      // Seen before. Only the same content is the same message: anything else would be published
      // under the first attempt's id and overwrite it in the store. Claims written before the
      // hash was kept (`id|state`) carry none and are taken as the same content.
      const [id, state, claimedHash] = existing.split('|') as [string, string, string | undefined];
      if (claimedHash !== undefined && claimedHash !== hash) {
        throw new SmartchatError('SC_ERR_MESSAGE_ID_REUSED', 'This clientMessageId was already used for a different message; send a new message with a new clientMessageId');
      }
      // Accepted: answer the same id again. Still pending (a previous attempt failed or is in
      // flight): publish again under the same id with the same content; persisting is idempotent.
      if (state === 'accepted') return { id, status: 'accepted' };
      const attachments = await this.options.attachments.claim(identity, input.conversationId, input.attachments, { id, kind });
      return this.publish(claim, { ...this.envelope(identity, input, kind, conversation), attachments, id });
    }
    try {
      const attachments = await this.options.attachments.claim(identity, input.conversationId, input.attachments, { id: candidateId, kind });
      return await this.publish(claim, { ...this.envelope(identity, input, kind, conversation), attachments, id: candidateId });
    } catch (error) {
      // Refused before it was published: release the clientMessageId so that a corrected retry works.
      if (error instanceof SmartchatError && error.code !== 'SC_ERR_UNAVAILABLE') await redis.hdel(claim.key, claim.field);
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

  private async publish(claim: DedupClaim, message: AcceptedMessage): Promise<SendMessageResult> {
    const { delivery, metrics, logger } = this.options;
    const { redis } = this;
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
      await delivery.publish(message);
    } catch (error) {
      metrics.publishErrors.inc();
      logger.warn({ err: error, conversationId: message.conversationId, messageId: message.id }, 'publish to rabbitmq failed; the client retries');
      throw new SmartchatError('SC_ERR_UNAVAILABLE');
    }
    metrics.accepted.inc({ kind: message.kind });
    // Best effort: if this fails, a retry finds "pending" and publishes the same id again.
    await redis.hset(claim.key, claim.field, `${message.id}|accepted|${claim.hash}`).catch(() => undefined);
    return { id: message.id, status: 'accepted' };
  }
}
