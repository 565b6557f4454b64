// Agent presence and "who else is viewing or typing in this conversation", shared by every chat
// process through Redis. Entries carry expiry times refreshed by a heartbeat, so the sockets of a
// process that died disappear by themselves instead of staying "online" forever. A closed
// connection keeps the agent online for a grace period (a page reload, a network blip), so that the
// balancer does not take their conversations' slots for an absence of seconds. The first socket
// connecting and the last one gone (after the grace period) settle the agent's announced presence
// (agent.status_changed, platform agent-status.ts).
import type { ViewersEvent } from '@smartchat/contracts';
import { presenceKey, type Logger, type Redis } from '@smartchat/platform';
import { rooms } from '../messaging/rooms.js';
import type { ChatSocketServer } from './socket-server.js';

const TTL_MS = 90_000;
const HEARTBEAT_MS = 30_000;
const viewersKey = (conversationId: string) => `viewers:${conversationId}`;
export const AGENTS_ROOM = 'agents';

export interface PresenceOptions {
  graceMs: number;
  cameOnline: (agentId: string) => Promise<void>;
  /** The agent's presence may have changed (first socket in, last one out): announce it if so. */
  settle: (agentId: string) => Promise<unknown>;
}

interface Viewing {
  agentId: string;
  name: string | null;
  typing: 'reply' | 'note' | null;
}

export class PresenceTracker {
  /** socket id -> agent, and the conversations that socket has open. */
  private readonly local = new Map<string, { agentId: string; name: string | null; viewing: Map<string, Viewing['typing']> }>();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly io: () => ChatSocketServer,
    private readonly logger: Logger,
    private readonly options: PresenceOptions = { graceMs: 0, cameOnline: async () => undefined, settle: async () => undefined },
  ) {
    this.timer = setInterval(() => void this.heartbeat().catch((error: unknown) => this.logger.warn({ err: error }, 'presence heartbeat failed')), HEARTBEAT_MS);
    this.timer.unref();
  }

  async connected(socketId: string, agentId: string, name: string | null): Promise<void> {
    if (this.stopped) return;
    this.local.set(socketId, { agentId, name, viewing: new Map() });
    const now = Date.now();
    const [, , [, count]] = (await this.redis
      .multi()
      .zremrangebyscore(presenceKey(agentId), '-inf', now)
      .zadd(presenceKey(agentId), now + TTL_MS, socketId)
      .zcard(presenceKey(agentId))
      .pexpire(presenceKey(agentId), TTL_MS)
      .exec())! as [unknown, unknown, [null, number]];
    if (count === 1) {
      this.io().to(AGENTS_ROOM).emit('presence', { agentId, status: 'online' });
      // Announced before the balancer hears of it, so that the log has the agent online before
      // their first assignment. A failure here is the sweep's to mend.
      await this.options.settle(agentId).catch((error: unknown) => this.logger.warn({ err: error, agentId }, 'announcing an agent online failed; the sweep will'));
      await this.options.cameOnline(agentId).catch((error: unknown) => this.logger.warn({ err: error, agentId }, 'telling the balancer an agent came online failed'));
    }
  }

  async disconnected(socketId: string): Promise<void> {
    const entry = this.local.get(socketId);
    // While the process shuts down its sockets close all at once and Redis goes away; their
    // entries expire by themselves (TTL), so nothing is written or broadcast then.
    if (!entry || this.stopped) return;
    this.local.delete(socketId);
    for (const conversationId of [...entry.viewing.keys()]) await this.stopViewing(socketId, conversationId, entry);
    const now = Date.now();
    const { graceMs } = this.options;
    const key = presenceKey(entry.agentId);
    const closing = this.redis.multi();
    if (graceMs > 0) closing.zadd(key, now + graceMs, socketId).pexpire(key, Math.max(TTL_MS, graceMs));
    else closing.zrem(key, socketId);
    await closing.zremrangebyscore(key, '-inf', now).exec();
    // Offline once the grace period passed without a new connection (checked here; if this process
    // stops meanwhile, the entry still expires and the balancer sees the agent offline).
    const announceIfOffline = async () => {
      if (this.stopped || (await this.isOnline(entry.agentId))) return;
      this.io().to(AGENTS_ROOM).emit('presence', { agentId: entry.agentId, status: 'offline' });
      await this.options.settle(entry.agentId).catch((error: unknown) => this.logger.warn({ err: error, agentId: entry.agentId }, 'announcing an agent offline failed; the sweep will'));
    };
    if (graceMs > 0) setTimeout(() => void announceIfOffline().catch(() => undefined), graceMs + 50).unref();
    else await announceIfOffline();
  }

  async isOnline(agentId: string): Promise<boolean> {
    return (await this.redis.zcount(presenceKey(agentId), Date.now(), '+inf')) > 0;
  }

  async startViewing(socketId: string, conversationId: string): Promise<void> {
    const entry = this.local.get(socketId);
    if (!entry) return;
    entry.viewing.set(conversationId, null);
    await this.setViewing(socketId, conversationId, { agentId: entry.agentId, name: entry.name, typing: null });
    await this.broadcastViewers(conversationId);
  }

  async stopViewing(socketId: string, conversationId: string, entry = this.local.get(socketId)): Promise<void> {
    if (!entry) return;
    entry.viewing.delete(conversationId);
    await this.redis.hdel(viewersKey(conversationId), socketId);
    await this.broadcastViewers(conversationId);
  }

  async typing(socketId: string, conversationId: string, typing: 'reply' | 'note' | null): Promise<void> {
    const entry = this.local.get(socketId);
    if (!entry?.viewing.has(conversationId) || entry.viewing.get(conversationId) === typing) return;
    entry.viewing.set(conversationId, typing);
    await this.setViewing(socketId, conversationId, { agentId: entry.agentId, name: entry.name, typing });
    await this.broadcastViewers(conversationId);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async setViewing(socketId: string, conversationId: string, viewing: Viewing): Promise<void> {
    await this.redis
      .multi()
      .hset(viewersKey(conversationId), socketId, JSON.stringify({ ...viewing, until: Date.now() + TTL_MS }))
      .pexpire(viewersKey(conversationId), TTL_MS)
      .exec();
  }

  private async broadcastViewers(conversationId: string): Promise<void> {
    const entries = await this.redis.hgetall(viewersKey(conversationId));
    const now = Date.now();
    const byAgent = new Map<string, ViewersEvent['viewers'][number]>();
    for (const raw of Object.values(entries)) {
      const viewing = JSON.parse(raw) as Viewing & { until: number };
      if (viewing.until < now) continue;
      const known = byAgent.get(viewing.agentId);
      byAgent.set(viewing.agentId, { agentId: viewing.agentId, name: viewing.name, typing: known?.typing ?? viewing.typing });
    }
    this.io().to(rooms.conversationAgents(conversationId)).emit('viewers', { conversationId, viewers: [...byAgent.values()] });
  }

  private async heartbeat(): Promise<void> {
    const until = Date.now() + TTL_MS;
    const pipeline = this.redis.pipeline();
    for (const [socketId, entry] of this.local) {
      pipeline.zadd(presenceKey(entry.agentId), until, socketId).pexpire(presenceKey(entry.agentId), TTL_MS);
      for (const [conversationId, typing] of entry.viewing) {
        pipeline.hset(viewersKey(conversationId), socketId, JSON.stringify({ agentId: entry.agentId, name: entry.name, typing, until })).pexpire(viewersKey(conversationId), TTL_MS);
      }
    }
    await pipeline.exec();
  }
}
