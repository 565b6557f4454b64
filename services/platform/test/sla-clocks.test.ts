// The SLA clocks of a delivery batch, as a table: which waits start a clock, which replies meet
// one, and that a batch replayed over the row it already moved on announces nothing again.
import type { AcceptedMessage } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { slaOutcome, type WaitBefore } from '../src/conversations/sla-clocks.js';

const AGENT = '11111111-1111-4111-8111-111111111111';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute));
const turn = (kind: 'customer' | 'reply', minute: number) => ({
  at: at(minute),
  message: { id: `${kind}-${minute}`, kind, author: kind === 'reply' ? { type: 'agent', id: AGENT, name: 'Анна' } : { type: 'customer', id: 'c', name: null } } as AcceptedMessage,
});
const before = (change: Partial<WaitBefore> = {}): WaitBefore => ({
  conversationId: 'conv',
  status: 'open',
  teamId: 'team',
  assigneeId: AGENT,
  waitingSince: null,
  firstRepliedAt: null,
  breachedAt: null,
  clock: null,
  targets: { firstResponseMinutes: 10, nextResponseMinutes: 30, businessHours: null },
  ...change,
});
const summary = (outcome: ReturnType<typeof slaOutcome>) => outcome.events.map((event) => `${event.type}:${(event.data as { kind: string }).kind}`);

describe('SLA clocks of a delivery batch', () => {
  it.each([
    { name: 'the first customer message starts the first-response clock', row: before(), turns: [turn('customer', 0)], events: ['sla.started:first_response'] },
    { name: 'more customer messages while waiting start nothing', row: before({ waitingSince: at(0), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }), turns: [turn('customer', 2)], events: [] },
    { name: 'a reply in time meets the clock', row: before({ waitingSince: at(0), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }), turns: [turn('reply', 10)], events: ['sla.met:first_response'] },
    { name: 'a late reply meets nothing', row: before({ waitingSince: at(0), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }), turns: [turn('reply', 11)], events: [] },
    {
      name: 'a reply after a breach meets nothing',
      row: before({ waitingSince: at(0), breachedAt: at(10), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }),
      turns: [turn('reply', 9)],
      events: [],
    },
    {
      name: 'a stored clock of an earlier wait is not this wait’s',
      row: before({ waitingSince: at(5), firstRepliedAt: at(3), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }),
      turns: [turn('reply', 6)],
      events: [],
    },
    { name: 'wait and reply in one batch: started and met', row: before(), turns: [turn('customer', 0), turn('reply', 1)], events: ['sla.started:first_response', 'sla.met:first_response'] },
    { name: 'after a reply, the next wait is for the next response', row: before({ firstRepliedAt: at(0) }), turns: [turn('customer', 5)], events: ['sla.started:next_response'] },
    { name: 'no target of that kind: no clock', row: before({ firstRepliedAt: at(0), targets: { firstResponseMinutes: 10, nextResponseMinutes: null, businessHours: null } }), turns: [turn('customer', 5), turn('reply', 6)], events: [] },
    { name: 'no team: no clock', row: before({ teamId: null }), turns: [turn('customer', 0)], events: [] },
    { name: 'a redelivered customer message finds the wait started: nothing again', row: before({ waitingSince: at(0), clock: { kind: 'first_response', since: at(0), dueAt: at(10) } }), turns: [turn('customer', 0)], events: [] },
    { name: 'a redelivered reply finds no wait: nothing again', row: before({ firstRepliedAt: at(1) }), turns: [turn('reply', 1)], events: [] },
  ])('$name', ({ row, turns, events }) => {
    expect(summary(slaOutcome(row, turns))).toEqual(events);
  });

  it('dates the clock from the message, due after the target, and names the events after what caused them', () => {
    const outcome = slaOutcome(before(), [turn('customer', 0), turn('reply', 4)]);
    expect(outcome.started).toEqual({ kind: 'first_response', since: at(0), dueAt: at(10) });
    const [started, met] = outcome.events;
    expect(started).toMatchObject({ eventId: `sla.started:conv:${at(0).getTime()}`, occurredAt: at(0).toISOString(), actor: { type: 'system', id: null }, data: { messageId: 'customer-0', dueAt: at(10).toISOString() } });
    expect(met).toMatchObject({ eventId: 'sla.met:reply-4', occurredAt: at(4).toISOString(), actor: { type: 'agent', id: AGENT }, data: { answeredAt: at(4).toISOString(), waitingSince: at(0).toISOString() } });
  });
});
