import { describe, expect, it } from 'vitest';
import {
  type ConversationAction,
  type ConversationStatus,
  type TransitionResult,
  actionsOutcomes,
  conversationActions,
  conversationStatuses,
  transition,
} from '../src/conversation-state.js';

const now = new Date('2026-11-15T12:00:00Z');
const inAnHour = new Date('2026-11-15T13:00:00Z');
const invalid = 'SC_ERR_CONVERSATION_INVALID_TRANSITION';

// Every status × action, written out so that adding either forces a decision here.
const table: Record<ConversationStatus, Record<ConversationAction, Omit<Extract<TransitionResult, { ok: true }>, 'ok'> | typeof invalid>> = {
  open: {
    snooze: { status: 'snoozed', event: 'conversation.snoozed' },
    wake: invalid,
    close: { status: 'closed', event: 'conversation.closed' },
    reopen: invalid,
    customer_message: { status: 'open', event: null },
    note: { status: 'open', event: null },
  },
  snoozed: {
    snooze: invalid,
    wake: { status: 'open', event: 'conversation.woken' },
    close: { status: 'closed', event: 'conversation.closed' },
    reopen: invalid,
    customer_message: { status: 'open', event: 'conversation.woken' },
    note: { status: 'open', event: 'conversation.woken' },
  },
  closed: {
    snooze: invalid,
    wake: invalid,
    close: invalid,
    reopen: { status: 'open', event: 'conversation.reopened' },
    customer_message: { status: 'open', event: 'conversation.reopened' },
    note: { status: 'closed', event: null },
  },
};

const cases = conversationStatuses.flatMap((status) => conversationActions.map((action) => [status, action, table[status][action]] as const));

describe('conversation state machine', () => {
  it('covers every status and action', () => {
    expect(cases).toHaveLength(conversationStatuses.length * conversationActions.length);
    expect(cases).toHaveLength(18);
  });

  it.each(cases)('%s + %s', (status, action, expected) => {
    const result = transition(status, action, { now, until: inAnHour });
    if (expected === invalid) {
      expect(result).toEqual({ ok: false, code: invalid, message: expect.stringContaining(`conversation that is ${status}`) });
    } else {
      expect(result).toEqual({ ok: true, ...expected });
    }
  });

  it('never refuses a customer message, and always leaves the conversation open', () => {
    for (const status of conversationStatuses) {
      expect(transition(status, 'customer_message', { now })).toMatchObject({ ok: true, status: 'open' });
    }
  });

  it('lets a note wake a snoozed conversation but never reopen a closed one', () => {
    expect(transition('snoozed', 'note', { now })).toEqual({ ok: true, status: 'open', event: 'conversation.woken' });
    expect(transition('closed', 'note', { now })).toEqual({ ok: true, status: 'closed', event: null });
  });

  it('explains a refusal in words', () => {
    expect(transition('closed', 'snooze', { now, until: inAnHour })).toEqual({
      ok: false,
      code: invalid,
      message: 'Cannot snooze a conversation that is closed',
    });
  });

  it('refuses an unknown action or status instead of crashing', () => {
    expect(transition('open', 'archive' as ConversationAction, { now })).toMatchObject({ ok: false, code: invalid });
    expect(transition('toString' as ConversationStatus, 'close', { now })).toMatchObject({ ok: false, code: invalid });
    expect(transition('open', 'constructor' as ConversationAction, { now })).toMatchObject({ ok: false, code: invalid });
  });
});

describe('a run of message actions (one delivery batch), from each status it may find', () => {
  const none = { status: 'open', change: null };
  it.each([
    ['nothing', [], { open: none, snoozed: { status: 'snoozed', change: null }, closed: { status: 'closed', change: null } }],
    [
      'a customer message',
      ['customer_message'],
      { open: none, snoozed: { status: 'open', change: { index: 0, event: 'conversation.woken' } }, closed: { status: 'open', change: { index: 0, event: 'conversation.reopened' } } },
    ],
    ['a note', ['note'], { open: none, snoozed: { status: 'open', change: { index: 0, event: 'conversation.woken' } }, closed: { status: 'closed', change: null } }],
    [
      'a note, then a customer message: the note wakes, the customer reopens',
      ['note', 'customer_message'],
      { open: none, snoozed: { status: 'open', change: { index: 0, event: 'conversation.woken' } }, closed: { status: 'open', change: { index: 1, event: 'conversation.reopened' } } },
    ],
    [
      'two customer messages: the first one changes it',
      ['customer_message', 'customer_message'],
      { open: none, snoozed: { status: 'open', change: { index: 0, event: 'conversation.woken' } }, closed: { status: 'open', change: { index: 0, event: 'conversation.reopened' } } },
    ],
  ] as const)('%s', (_, actions, expected) => {
    expect(actionsOutcomes(actions, now)).toEqual(expected);
  });

  it('agrees with one transition at a time', () => {
    for (const status of conversationStatuses) {
      for (const action of ['customer_message', 'note'] as const) {
        const step = transition(status, action, { now });
        const run = actionsOutcomes([action], now)[status];
        expect(step).toMatchObject({ ok: true, status: run.status });
        expect(run.change?.event ?? null).toBe(step.ok && step.status !== status ? step.event : null);
      }
    }
  });
});

describe('snooze time', () => {
  it.each([
    ['an hour from now', inAnHour, true],
    ['a millisecond from now', now.getTime() + 1, true],
    ['exactly now', now, false],
    ['a millisecond ago', now.getTime() - 1, false],
    ['last year', new Date('2025-11-15T12:00:00Z'), false],
  ])('%s', (_, until, accepted) => {
    const result = transition('open', 'snooze', { now, until });
    expect(result).toEqual(
      accepted
        ? { ok: true, status: 'snoozed', event: 'conversation.snoozed' }
        : { ok: false, code: 'SC_ERR_CONVERSATION_SNOOZE_IN_PAST', message: 'The snooze must end in the future' },
    );
  });

  it('accepts epoch milliseconds for now and until', () => {
    expect(transition('open', 'snooze', { now: now.getTime(), until: inAnHour.getTime() })).toMatchObject({ ok: true });
  });

  it('reports a forbidden snooze as a forbidden transition, even with a past time', () => {
    expect(transition('closed', 'snooze', { now, until: new Date(0) })).toMatchObject({ code: invalid });
  });

  it.each([
    ['no until', { now }],
    ['an invalid until', { now, until: new Date('nope') }],
    ['an invalid now', { now: Number.NaN, until: inAnHour }],
  ])('throws on %s: the caller validates times before asking', (_, context) => {
    expect(() => transition('open', 'snooze', context)).toThrow(TypeError);
  });

  it('ignores times for actions that need none', () => {
    expect(transition('snoozed', 'wake', { now, until: new Date(0) })).toMatchObject({ ok: true, status: 'open' });
  });
});
