// Automatic assignment as pure rules: how urgent a waiting conversation is, in which order a team's
// queue is served, and which agent gets the next conversation. The balancer feeds these with rows
// it read and makes the chosen assignment atomic; nothing here reads a clock or a store.

/** Explicit conversation priorities, from 0 (normal) to 3 (critical). */
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 3;
/** A trip departing within this many hours raises the priority by one level. */
export const TRIP_SOON_HOURS = 24;

export interface QueuedConversation {
  id: string;
  priority: number;
  /** Back-office signal; null when unknown. */
  tripDepartsAt: Date | null;
  /** Since when it waits in the queue. */
  queuedAt: Date;
}

/** The priority the queue is ordered by: the explicit one, one level higher when the trip departs within 24 hours. */
export function effectivePriority(conversation: Pick<QueuedConversation, 'priority' | 'tripDepartsAt'>, now: Date): number {
  const departs = conversation.tripDepartsAt?.getTime();
  const soon = departs !== undefined && departs >= now.getTime() && departs - now.getTime() <= TRIP_SOON_HOURS * 3_600_000;
  return conversation.priority + (soon ? 1 : 0);
}

/** The order a queue is served in: higher effective priority first, then longest waiting first. */
export function rankQueue<T extends QueuedConversation>(queue: readonly T[], now: Date): T[] {
  const keyed = queue.map((conversation) => ({ conversation, priority: effectivePriority(conversation, now) }));
  keyed.sort(
    (a, b) =>
      b.priority - a.priority ||
      a.conversation.queuedAt.getTime() - b.conversation.queuedAt.getTime() ||
      (a.conversation.id < b.conversation.id ? -1 : a.conversation.id > b.conversation.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.conversation);
}

export interface AgentCandidate {
  agentId: string;
  /** Has a live console connection (or lost it less than the grace period ago). */
  online: boolean;
  /** Auto-assignment paused for this agent, or disabled. */
  paused: boolean;
  /** Open conversations assigned to the agent now. */
  openConversations: number;
  /** The most open conversations the agent may hold. */
  capacity: number;
  lastAssignedAt: Date | null;
}

export function hasFreeCapacity(candidate: Pick<AgentCandidate, 'openConversations' | 'capacity'>): boolean {
  return candidate.openConversations < candidate.capacity;
}

export function isAvailable(candidate: AgentCandidate): boolean {
  return candidate.online && !candidate.paused && hasFreeCapacity(candidate);
}

export function loadRatio(candidate: Pick<AgentCandidate, 'openConversations' | 'capacity'>): number {
  return candidate.capacity > 0 ? candidate.openConversations / candidate.capacity : Number.POSITIVE_INFINITY;
}

/**
 * Who gets the next conversation: among available agents, the lowest load ratio; ties go to whoever
 * waited longest since their last assignment (never assigned counts as longest), then to the lower
 * id so that the choice is deterministic. Null when nobody is available.
 */
export function chooseAgent<T extends AgentCandidate>(candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (!isAvailable(candidate)) continue;
    if (best === null || prefer(candidate, best)) best = candidate;
  }
  return best;
}

function prefer(a: AgentCandidate, b: AgentCandidate): boolean {
  // Compared as cross-products, so that 1/3 and 2/6 tie exactly.
  const byLoad = a.openConversations * b.capacity - b.openConversations * a.capacity;
  if (byLoad !== 0) return byLoad < 0;
  const aLast = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bLast = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (aLast !== bLast) return aLast < bLast;
  return a.agentId < b.agentId;
}

/** Whether a conversation queued at `queuedAt` may also go to the team's overflow team by `now`. */
export function overflows(queuedAt: Date, overflowAfterMinutes: number | null, now: Date): boolean {
  return overflowAfterMinutes !== null && now.getTime() - queuedAt.getTime() >= overflowAfterMinutes * 60_000;
}
