// The life of a conversation: open, snoozed until a time, closed. One table says which action is
// allowed in which status, what status follows and which domain event announces it, so the API,
// the snooze wake-up job and the message path cannot disagree.

export const conversationStatuses = ['open', 'snoozed', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/**
 * `customer_message`: the customer wrote; it brings a snoozed or closed conversation back.
 * `note`: an agent wrote a note (or mentioned someone in one); it wakes a snoozed conversation and
 * leaves a closed one closed (agents discuss closed cases without reopening them).
 */
export const conversationActions = ['snooze', 'wake', 'close', 'reopen', 'customer_message', 'note'] as const;
export type ConversationAction = (typeof conversationActions)[number];

export type ConversationEvent = 'conversation.snoozed' | 'conversation.woken' | 'conversation.closed' | 'conversation.reopened';

export type TransitionErrorCode = 'SC_ERR_CONVERSATION_INVALID_TRANSITION' | 'SC_ERR_CONVERSATION_SNOOZE_IN_PAST';

/** Times are passed in rather than read from the clock, so the rules stay pure and testable. */
export interface TransitionContext {
  now: Date | number;
  /** Required for `snooze`: when the conversation wakes up. */
  until?: Date | number;
}

export type TransitionResult =
  | { ok: true; status: ConversationStatus; event: ConversationEvent | null }
  | { ok: false; code: TransitionErrorCode; message: string };

type Outcome = { status: ConversationStatus; event: ConversationEvent | null };

const outcomes: Record<ConversationAction, Partial<Record<ConversationStatus, Outcome>>> = {
  snooze: { open: { status: 'snoozed', event: 'conversation.snoozed' } },
  wake: { snoozed: { status: 'open', event: 'conversation.woken' } },
  close: {
    open: { status: 'closed', event: 'conversation.closed' },
    snoozed: { status: 'closed', event: 'conversation.closed' },
  },
  reopen: { closed: { status: 'open', event: 'conversation.reopened' } },
  // A customer writing is never refused: it reopens or wakes the conversation so that an agent
  // sees the message, and on an open conversation nothing changes, so no event is published.
  customer_message: {
    open: { status: 'open', event: null },
    snoozed: { status: 'open', event: 'conversation.woken' },
    closed: { status: 'open', event: 'conversation.reopened' },
  },
  note: {
    open: { status: 'open', event: null },
    snoozed: { status: 'open', event: 'conversation.woken' },
    closed: { status: 'closed', event: null },
  },
};

const actionWords: Record<ConversationAction, string> = {
  snooze: 'snooze',
  wake: 'wake',
  close: 'close',
  reopen: 'reopen',
  customer_message: 'take a customer message on',
  note: 'take a note on',
};

export function transition(status: ConversationStatus, action: ConversationAction, context: TransitionContext): TransitionResult {
  // Status and action may come from stored rows or requests; an unknown one is refused, not a crash.
  const allowed = Object.hasOwn(outcomes, action) ? outcomes[action] : {};
  const outcome = Object.hasOwn(allowed, status) ? allowed[status] : undefined;
  if (outcome === undefined) {
    const words = Object.hasOwn(actionWords, action) ? actionWords[action] : `apply "${String(action)}" to`;
    return { ok: false, code: 'SC_ERR_CONVERSATION_INVALID_TRANSITION', message: `Cannot ${words} a conversation that is ${status}` };
  }
  if (action === 'snooze' && !(millis(context.until, 'until') > millis(context.now, 'now'))) {
    return { ok: false, code: 'SC_ERR_CONVERSATION_SNOOZE_IN_PAST', message: 'The snooze must end in the future' };
  }
  return { ok: true, status: outcome.status, event: outcome.event };
}

// A missing or invalid time is a bug in the caller (requests are validated before they get here),
// so it throws instead of posing as a user error.
function millis(time: Date | number | undefined, name: string): number {
  const value = time instanceof Date ? time.getTime() : time;
  if (value === undefined || !Number.isFinite(value)) throw new TypeError(`transition needs a valid "${name}" time`);
  return value;
}

/** Where a run of actions leads from one status: the status after it and the first change on the way. */
export interface ActionsOutcome {
  status: ConversationStatus;
  /** The first action that changed the status (its index in the run) and the event it announced; null when none did. */
  change: { index: number; event: ConversationEvent } | null;
}

/**
 * What a run of actions (the messages of one delivery batch, in order) does to a conversation in
 * each status it may be in when the batch is stored: the batch is decided here before the stored
 * status is known, and the store picks the outcome for the status it finds. Refused actions change
 * nothing (message actions never are). A run changes the status at most once in today's table; a
 * later change would be folded in, but only the first is reported.
 */
export function actionsOutcomes(actions: readonly ConversationAction[], now: Date | number): Record<ConversationStatus, ActionsOutcome> {
  const outcome = (start: ConversationStatus): ActionsOutcome => {
    let status = start;
    let change: ActionsOutcome['change'] = null;
    for (const [index, action] of actions.entries()) {
      const step = transition(status, action, { now });
      if (!step.ok || step.status === status) continue;
      status = step.status;
      if (change === null && step.event !== null) change = { index, event: step.event };
    }
    return { status, change };
  };
  return { open: outcome('open'), snoozed: outcome('snoozed'), closed: outcome('closed') };
}
