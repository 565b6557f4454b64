// kafkajs 2.2.4 keeps every broker connection's request queue polling itself once a millisecond,
// forever, even when nothing waits: after each check it schedules the next one with
// `throttledUntil - Date.now()`, and while the connection is not throttled that is a negative
// delay, which Node runs as 1 ms (kafkajs issues #1556, #1604, #1704; unfixed upstream, the
// project is no longer released). One idle chat process made ~890 wake-ups a second doing
// nothing; at ~2 msg/s the fix took the two chat processes from 10.5% to 6.8% of a core in all
// (on this VM a wake-up of an idle process is expensive), and the loop also interrupted a busy
// process's event loop every millisecond.
//
// The check only ever has work while requests wait in `pending` (in-flight limit or broker
// throttling). A request that arrives later goes through `push`, which sends it at once or queues
// it and schedules a check itself; a completed request runs the check again. So with nothing
// pending and no throttle in force there is nothing to schedule, and that is the only case changed.
import { createRequire } from 'node:module';

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

interface RequestQueueClass {
  new (options: Record<string, unknown>): RequestQueueInternals & { destroy(): void };
  prototype: RequestQueueInternals;
}

const PATCHED = Symbol.for('smartchat.kafkajs.idleRequestQueue');

/**
 * Stops kafkajs' idle 1 ms polling (see above). Idempotent. Throws at start-up if kafkajs no longer
 * has the internals this relies on, so that an upgrade can neither drop the fix silently nor break
 * a running producer.
 */
export function stopIdleRequestQueuePolling(): void {
  const require = createRequire(import.meta.url);
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;
  const prototype = RequestQueue.prototype as RequestQueueInternals & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const schedule = prototype.scheduleCheckPendingRequests;
  const probe = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 1000, enforceRequestTimeout: false, clientId: 'probe', broker: 'probe', logger: {} });
  probe.destroy();
  if (typeof schedule !== 'function' || !Array.isArray(probe.pending) || typeof probe.throttledUntil !== 'number') {
    throw new Error('kafkajs RequestQueue internals changed: revisit services/platform/src/kafka-request-queue.ts');
  }
  prototype.scheduleCheckPendingRequests = function scheduleWhenSomethingWaits(this: RequestQueueInternals) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype[PATCHED] = true;
}
