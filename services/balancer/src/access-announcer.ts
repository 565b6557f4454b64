// Tells the chat pods that conversations changed hands, on the channel they all listen to, so that
// open consoles follow at once (the new assignee gains the conversation, lists reload).
import { ACCESS_CHANNEL, accessAnnouncementSchema, type AccessAnnouncement } from '@smartchat/contracts';
import type { Logger, Redis } from '@smartchat/platform';

export class AccessAnnouncer {
  constructor(private readonly redis: Redis, private readonly logger: Logger) {}

  async announce(announcement: AccessAnnouncement): Promise<void> {
    try {
      await this.redis.publish(ACCESS_CHANNEL, JSON.stringify(accessAnnouncementSchema.parse(announcement)));
    } catch (error) {
      // The change is committed; sockets catch up on their next list reload.
      this.logger.warn({ err: error, conversations: announcement.conversations }, 'announcing an access change failed');
    }
  }
}
