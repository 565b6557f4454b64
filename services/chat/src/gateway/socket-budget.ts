// How much one socket may ask of this process: a budget per kind of client event (a token bucket
// each) and a cap on its handlers running at once. Kept in memory, since a socket lives on one
// process: a flood is turned away before it costs a store or Redis round trip. Budgets are per
// socket, not per identity, so an agent's other tabs keep working while one misbehaves; what must
// hold across sockets (messages sent) is limited per identity in Redis besides.
import type { ClientToServerEvents } from '@smartchat/contracts';

export type EventBudgetName = 'send' | 'change' | 'join' | 'resume' | 'typing' | 'read';

export interface SocketLimits {
  /**
   * Events per 10 seconds, by budget: a bucket holds this many (a burst) and refills evenly, a
   * tenth of it per second.
   */
  per10s: Record<EventBudgetName, number>;
  /** Handlers of one socket running at once (every event, typing included). */
  maxInFlight: number;
}

/** Which budget each client event draws on. join and leave share one: moving between conversations is a leave and a join. */
export const budgetOfEvent: Record<keyof ClientToServerEvents, EventBudgetName> = {
  'message:send': 'send',
  'message:edit': 'change',
  'message:delete': 'change',
  'message:restore': 'change',
  'conversation:join': 'join',
  'conversation:leave': 'join',
  resume: 'resume',
  typing: 'typing',
  read: 'read',
};

/** What to wait after refusing for too many handlers at once: their answers usually come within this. */
const IN_FLIGHT_RETRY_MS = 250;

export type BudgetVerdict = { ok: true } | { ok: false; reason: 'rate' | 'in_flight'; retryAfterMs: number };

export class SocketBudget {
  private readonly buckets = new Map<EventBudgetName, { tokens: number; at: number }>();
  private inFlight = 0;

  constructor(
    private readonly limits: SocketLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Starts a handler of `budget` if the socket may run one now; an allowed one counts as in flight until `finish`. */
  start(budget: EventBudgetName): BudgetVerdict {
    if (this.inFlight >= this.limits.maxInFlight) return { ok: false, reason: 'in_flight', retryAfterMs: IN_FLIGHT_RETRY_MS };
    const wait = this.take(budget);
    if (wait > 0) return { ok: false, reason: 'rate', retryAfterMs: wait };
    this.inFlight += 1;
    return { ok: true };
  }

  finish(): void {
    this.inFlight -= 1;
  }

  /** Takes a token: 0 when there was one, otherwise the milliseconds until there is. */
  private take(budget: EventBudgetName): number {
    const capacity = this.limits.per10s[budget];
    const perMs = capacity / 10_000;
    const now = this.clock();
    const bucket = this.buckets.get(budget) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(budget, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs));
  }
}
