// Access that changes while agents are connected. Whoever changes a role, an agent's role or
// teams, a conversation's team, assignee or participants announces it here; every chat process
// (Redis pub/sub) drops its cached view of those agents and conversations and re-checks the open
// sockets concerned: a socket that may no longer see a conversation leaves its room at once and
// gets `access:revoked`; agents whose lists may differ get `access:changed` (and `access:granted`
// for a conversation that became theirs to see).
import { ACCESS_CHANNEL, accessAnnouncementSchema, type AccessAnnouncement, type AccessChangedEvent } from '@smartchat/contracts';
import { onResubscribed, type Logger, type Redis } from '@smartchat/platform';
import type { z } from 'zod';
import type { ConversationFacts } from '../store/conversation-facts.js';
import type { AccessStore } from './access-store.js';

/** What the socket gateway does with an announcement, for its own sockets. */
export interface AccessSockets {
  agentChanged(agentId: string, reason: AccessChangedEvent['reason']): Promise<void>;
  allAgentsChanged(reason: AccessChangedEvent['reason']): Promise<void>;
  conversationChanged(conversationId: string): Promise<void>;
  granted(agentId: string, conversationId: string, mention?: { messageId: string; by: { id: string; name: string } }): void;
}

export class AccessChanges {
  private sockets?: AccessSockets;

  constructor(
    private readonly options: { publisher: Redis; subscriber: Redis; access: AccessStore; facts: ConversationFacts; logger: Logger },
  ) {}

  async start(sockets: AccessSockets): Promise<void> {
    this.sockets = sockets;
    this.options.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== ACCESS_CHANNEL) return;
      const parsed = accessAnnouncementSchema.safeParse(safeJson(payload));
      if (!parsed.success) return this.options.logger.warn({ payload: payload.slice(0, 200) }, 'unreadable access announcement');
      this.apply(parsed.data).catch((error: unknown) => this.options.logger.warn({ err: error }, 'applying an access change failed'));
    });
    // Announcements published while the subscriber connection was down never arrive: once
    // subscribed again, forget every cached view and re-check every agent socket here, as for a
    // change of every agent's access (a socket must not stay in a room it lost meanwhile).
    onResubscribed(
      this.options.subscriber,
      ACCESS_CHANNEL,
      () => {
        this.options.logger.warn('access announcements subscribed again after a lost Redis connection; re-checking every agent socket');
        this.resync().catch((error: unknown) => this.options.logger.warn({ err: error }, 're-checking sockets after a lost subscription failed'));
      },
      this.options.logger,
    );
    await this.options.subscriber.subscribe(ACCESS_CHANNEL);
  }

  private async resync(): Promise<void> {
    this.options.access.forgetAll();
    this.options.facts.forgetAll();
    await this.sockets?.allAgentsChanged('resync');
  }

  /**
   * Forgets the cached views here at once (so the caller's next request sees the change) and tells
   * every process, this one included, to re-check its sockets.
   */
  async announce(announcement: AccessAnnouncement): Promise<void> {
    const parsed = accessAnnouncementSchema.parse(announcement);
    this.forget(parsed);
    await this.options.publisher.publish(ACCESS_CHANNEL, JSON.stringify(parsed));
  }

  private forget(announcement: z.infer<typeof accessAnnouncementSchema>): void {
    if (announcement.allAgents) this.options.access.forgetAll();
    for (const agentId of announcement.agents) this.options.access.forgetAgent(agentId);
    for (const conversationId of announcement.conversations) this.options.facts.forget(conversationId);
  }

  private async apply(announcement: z.infer<typeof accessAnnouncementSchema>): Promise<void> {
    this.forget(announcement);
    const sockets = this.sockets;
    if (!sockets) return;
    if (announcement.allAgents) await sockets.allAgentsChanged(announcement.reason);
    for (const agentId of announcement.agents) await sockets.agentChanged(agentId, announcement.reason);
    for (const conversationId of announcement.conversations) await sockets.conversationChanged(conversationId);
    for (const grant of announcement.grants) sockets.granted(grant.agentId, grant.conversationId, grant.mention);
  }
}

function safeJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}
