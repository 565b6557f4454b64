// How many conversations one customer may open: each lands in a team's queue and asks for an
// agent, so a customer opening them in a loop floods the desk. Counted in Redis per customer over
// an hour from their first open in it (a counter whose expiry is set by the first INCR only).
import { SmartchatError } from '@smartchat/contracts';
import type { Logger, Redis } from '@smartchat/platform';

const WINDOW_MS = 60 * 60 * 1000;

export class CustomerOpenLimit {
  constructor(private readonly options: { redis: Redis; perHour: number; logger: Logger }) {}

  /**
   * Counts one open; refuses it past the limit with how long until the hour is over. With Redis
   * out of reach the open goes ahead: the limit guards against abuse, and a customer should still
   * reach the desk while Redis recovers.
   */
  async take(customerId: string): Promise<void> {
    const key = `ratelimit:open:customer:${customerId}`;
    let count: number;
    let leftMs: number;
    try {
      const results = await this.options.redis.multi().incr(key).pexpire(key, WINDOW_MS, 'NX').pttl(key).exec();
      count = Number(results?.[0]?.[1]);
      leftMs = Number(results?.[2]?.[1]);
    } catch (error) {
      this.options.logger.warn({ err: error, customerId }, 'counting a conversation open failed; letting it through');
      return;
    }
    if (count > this.options.perHour) {
      throw new SmartchatError('SC_ERR_RATE_LIMITED', `At most ${this.options.perHour} new conversations per hour; continue in an open one or wait details.retryAfterMs`, {
        retryAfterMs: Math.max(1, leftMs),
      });
    }
  }
}
