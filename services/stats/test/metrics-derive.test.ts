// The fact definitions, one small script each: what a manager would expect a conversation's story
// to count, and what it must not.
import type { DomainEvent } from '@smartchat/contracts';
import type { BusinessHours } from '@smartchat/core';
import { describe, expect, it } from 'vitest';
import { alwaysOpen, deriveConversationFacts, derivePresenceFacts, teamCalendarFromEvents, type Fact, type FactKind, type TeamCalendar } from '../src/metrics/index.js';
import { ConversationScript, statusChanged, teamSettingsChanged } from './fixtures/event-script.js';

const SALES = '5a1e5000-0000-4000-8000-000000000001';
const SUPPORT = '5a1e5000-0000-4000-8000-000000000002';
const ANNA = 'a9e00000-0000-4000-8000-00000000000a';
const BORIS = 'a9e00000-0000-4000-8000-00000000000b';
const MINUTE = 60_000;

let scripts = 0;
function conversation(): ConversationScript {
  scripts += 1;
  return new ConversationScript(`c0000000-0000-4000-8000-${String(scripts).padStart(12, '0')}`, scripts);
}

/** 2026-10-05 is a Monday; `t('09:05')` is that day at 09:05 UTC. */
const t = (time: string, day = '2026-10-05') => `${day}T${time}:00.000Z`;

function facts(script: ConversationScript | DomainEvent[], calendar: TeamCalendar = alwaysOpen): Fact[] {
  return deriveConversationFacts(Array.isArray(script) ? script : script.events, calendar);
}
function ofKind(all: Fact[], kind: FactKind): Fact[] {
  return all.filter((fact) => fact.kind === kind);
}
/** kind → values, for compact expectations. */
function values(all: Fact[], kind: FactKind): number[] {
  return ofKind(all, kind).map((fact) => fact.value);
}

describe('response times', () => {
  it("first response runs from the customer's first message to the first agent reply; notes and system messages are not replies", () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).note(t('09:02'), ANNA).system(t('09:03')).customer(t('09:04')).reply(t('09:05'), ANNA);
    const first = ofKind(facts(c), 'response.first');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ key: 'response.first', value: 5 * MINUTE, businessValue: 5 * MINUTE, at: new Date(t('09:05')), agentId: ANNA, teamId: SALES });
  });

  it('is credited to the agent who replied, not to the assignee', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:03'), BORIS);
    expect(ofKind(facts(c), 'response.first')[0]!.agentId).toBe(BORIS);
  });

  it('is not measured when an agent writes first; the customer answering that is a next response', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES, openedBy: { type: 'agent', id: ANNA } }).reply(t('09:00'), ANNA).customer(t('09:10')).reply(t('09:12'), ANNA);
    const all = facts(c);
    expect(ofKind(all, 'response.first')).toEqual([]);
    expect(values(all, 'response.next')).toEqual([2 * MINUTE]);
  });

  it('measures next response per wait: from the first customer message after a reply to the next reply', () => {
    const c = conversation()
      .created(t('09:00'), { teamId: SALES })
      .customer(t('09:00'))
      .reply(t('09:01'), ANNA)
      .customer(t('10:00'))
      .customer(t('10:02'))
      .note(t('10:05'), BORIS)
      .reply(t('10:10'), ANNA)
      .reply(t('10:11'), ANNA)
      .customer(t('10:20'))
      .reply(t('10:25'), BORIS);
    const next = ofKind(facts(c), 'response.next');
    expect(next.map((fact) => [fact.value, fact.agentId])).toEqual([
      [10 * MINUTE, ANNA],
      [5 * MINUTE, BORIS],
    ]);
  });

  it('a close ends a wait unanswered; after the reopen the wait starts with the next customer message', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).closed(t('09:30'), ANNA).reopened(t('12:00'), null).customer(t('12:00')).reply(t('12:10'), ANNA);
    const all = facts(c);
    expect(values(all, 'response.first')).toEqual([10 * MINUTE]);
    expect(values(all, 'response.next')).toEqual([]);
  });

  it('snoozed time counts: the customer was waiting', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).assigned(t('09:00'), ANNA).customer(t('09:00')).snoozed(t('09:10'), t('10:00'), ANNA).woken(t('10:00')).reply(t('10:05'), ANNA);
    expect(values(facts(c), 'response.first')).toEqual([65 * MINUTE]);
  });
});

describe('queue and assignment', () => {
  it('time to assign and time in queue run from entering the queue to the assignment, for the assignee', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).assigned(t('09:04'), ANNA);
    const all = facts(c);
    expect(ofKind(all, 'assign.time').map((fact) => [fact.value, fact.teamId, fact.agentId])).toEqual([[4 * MINUTE, SALES, ANNA]]);
    expect(ofKind(all, 'queue.time').map((fact) => [fact.value, fact.teamId, fact.agentId])).toEqual([[4 * MINUTE, SALES, ANNA]]);
  });

  it('each stay counts for its own team: a transfer ends the first stay, the assignment the second', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).transferred(t('09:10'), SUPPORT, ANNA).assigned(t('09:15'), BORIS);
    const all = facts(c);
    expect(ofKind(all, 'queue.time').map((fact) => [fact.teamId, fact.value, fact.agentId])).toEqual([
      [SALES, 10 * MINUTE, null],
      [SUPPORT, 5 * MINUTE, BORIS],
    ]);
    expect(ofKind(all, 'assign.time').map((fact) => [fact.teamId, fact.value])).toEqual([[SUPPORT, 5 * MINUTE]]);
  });

  it('a manual assignment of a conversation that was not queued has no time to assign', () => {
    const c = conversation().created(t('09:00'), { teamId: null }).assigned(t('09:30'), ANNA, BORIS);
    expect(ofKind(facts(c), 'assign.time')).toEqual([]);
  });

  it('closing or snoozing a queued conversation ends its stay without an assignment; a stay not ended is not counted', () => {
    const closedInQueue = conversation().created(t('09:00'), { teamId: SALES }).closed(t('09:20'), null);
    expect(ofKind(facts(closedInQueue), 'queue.time').map((fact) => [fact.value, fact.agentId])).toEqual([[20 * MINUTE, null]]);
    const snoozedInQueue = conversation().created(t('09:00'), { teamId: SALES }).snoozed(t('09:07'), t('12:00'), ANNA);
    expect(values(facts(snoozedInQueue), 'queue.time')).toEqual([7 * MINUTE]);
    const waiting = conversation().created(t('09:00'), { teamId: SALES });
    expect(values(facts(waiting), 'queue.time')).toEqual([]);
  });

  it('returned to the queue: a second stay and a second time to assign', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).assigned(t('09:02'), ANNA).unassigned(t('10:00'), 'returned_to_queue').queued(t('10:00'), SALES, 'returned').assigned(t('10:03'), BORIS);
    expect(values(facts(c), 'assign.time')).toEqual([2 * MINUTE, 3 * MINUTE]);
  });
});

describe('closes, reopens and first contact', () => {
  const story = () =>
    conversation()
      .created(t('09:00'), { teamId: SALES })
      .customer(t('09:00'))
      .assigned(t('09:05'), ANNA)
      .reply(t('09:10'), ANNA)
      .closed(t('09:30'), ANNA)
      .reopened(t('11:00'), null)
      .customer(t('11:00'))
      .reply(t('11:20'), ANNA)
      .reply(t('11:21'), ANNA)
      .closed(t('12:00'), ANNA);

  it('counts every close and reopen; resolution runs per cycle from creation or reopen to the close', () => {
    const all = facts(story());
    expect(values(all, 'conversation.closed')).toEqual([1, 1]);
    expect(values(all, 'conversation.reopened')).toEqual([1]);
    expect(values(all, 'resolution.time')).toEqual([30 * MINUTE, 60 * MINUTE]);
    expect(values(all, 'conversation.messages')).toEqual([2, 3]);
  });

  it('a close followed by a reopen counts 1 for the reopen rate, the last close 0', () => {
    expect(values(facts(story()), 'close.reopened')).toEqual([1, 0]);
  });

  it('first-contact resolution: the first close after exactly one reply, never reopened', () => {
    expect(values(facts(story()), 'conversation.fcr')).toEqual([0]);
    const once = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:02'), ANNA).closed(t('09:05'), ANNA);
    expect(ofKind(facts(once), 'conversation.fcr').map((fact) => [fact.value, fact.agentId, fact.at])).toEqual([[1, ANNA, new Date(t('09:05'))]]);
    const twice = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).reply(t('09:02'), ANNA).customer(t('09:03')).reply(t('09:04'), ANNA).closed(t('09:05'), ANNA);
    expect(values(facts(twice), 'conversation.fcr')).toEqual([0]);
    const unanswered = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).closed(t('09:05'), ANNA);
    expect(values(facts(unanswered), 'conversation.fcr')).toEqual([]);
  });

  it('a transferred conversation is new in its first team and closed in its last', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).transferred(t('09:10'), SUPPORT, ANNA).assigned(t('09:12'), BORIS).reply(t('09:15'), BORIS).closed(t('09:20'), BORIS);
    const all = facts(c);
    expect(ofKind(all, 'conversation.new')[0]!.teamId).toBe(SALES);
    expect(ofKind(all, 'message.customer')[0]!.teamId).toBe(SALES);
    expect(ofKind(all, 'response.first')[0]!.teamId).toBe(SUPPORT);
    expect(ofKind(all, 'conversation.closed').map((fact) => [fact.teamId, fact.agentId])).toEqual([[SUPPORT, BORIS]]);
  });
});

describe('handling time', () => {
  it('counts only open, assigned and not snoozed time within the cycle', () => {
    const c = conversation()
      .created(t('09:00'), { teamId: SALES })
      .assigned(t('09:10'), ANNA) // handling from 09:10
      .snoozed(t('09:30'), t('11:00'), ANNA) // 20 min
      .woken(t('11:00')) // from 11:00
      .unassigned(t('11:15'), 'manual', BORIS) // 15 min
      .assigned(t('11:45'), BORIS, BORIS) // from 11:45
      .closed(t('12:00'), BORIS) // 15 min
      .reopened(t('13:00'), BORIS) // assigned on reopen: from 13:00
      .closed(t('13:05'), BORIS);
    expect(ofKind(facts(c), 'handling.time').map((fact) => [fact.value, fact.agentId])).toEqual([
      [50 * MINUTE, BORIS],
      [5 * MINUTE, BORIS],
    ]);
  });
});

describe('SLA', () => {
  it('one fact per clock and kind: met 1, breached 0, and a breach answered later stays 0 once', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).assigned(t('09:00'), ANNA);
    const reply1 = (c.customer(t('09:00')), c.nextMessageId());
    c.slaStarted(t('09:00'), 'first_response', t('09:15'));
    c.reply(t('09:10'), ANNA).slaMet(t('09:10'), 'first_response', t('09:00'), t('09:15'), reply1);
    c.customer(t('10:00')).slaStarted(t('10:00'), 'next_response', t('10:30'));
    c.slaBreached(t('10:30'), 'next_response', t('10:00'), t('10:30'));
    const late = c.nextMessageId();
    c.reply(t('10:40'), ANNA).slaMet(t('10:40'), 'next_response', t('10:00'), t('10:30'), late);
    const all = facts(c);
    expect(ofKind(all, 'sla.first_response').map((fact) => [fact.value, fact.at, fact.teamId, fact.agentId])).toEqual([[1, new Date(t('09:10')), SALES, ANNA]]);
    expect(ofKind(all, 'sla.next_response').map((fact) => [fact.value, fact.at])).toEqual([[0, new Date(t('10:30'))]]);
  });

  it('a clock that is still running counts nothing', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).slaStarted(t('09:00'), 'first_response', t('09:15'));
    expect(ofKind(facts(c), 'sla.first_response')).toEqual([]);
  });
});

describe('CSAT', () => {
  it("a survey counts its latest rating at its first answer, for the closer and the close's team", () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:02'), ANNA).closed(t('09:05'), ANNA).csatRequested(t('09:05'), 'survey-1', ANNA);
    c.csatSubmitted(t('09:07'), 'survey-1', 2, { closedBy: ANNA }).csatSubmitted(t('09:20'), 'survey-1', 5, { previousRating: 2, closedBy: ANNA });
    const all = facts(c);
    expect(ofKind(all, 'csat.requested').map((fact) => [fact.at, fact.agentId, fact.teamId])).toEqual([[new Date(t('09:05')), ANNA, SALES]]);
    expect(ofKind(all, 'csat.rating').map((fact) => [fact.value, fact.at, fact.agentId, fact.teamId])).toEqual([[5, new Date(t('09:07')), ANNA, SALES]]);
    expect(values(all, 'csat.satisfied')).toEqual([1]);
  });

  it('a rating of 3 or less is not satisfied; a rating outside 1 to 5 is ignored', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).closed(t('09:05'), ANNA).csatRequested(t('09:05'), 'survey-2', ANNA);
    c.csatSubmitted(t('09:06'), 'survey-2', 3, { closedBy: ANNA }).csatSubmitted(t('09:07'), 'survey-2', 7, { closedBy: ANNA });
    const all = facts(c);
    expect(values(all, 'csat.rating')).toEqual([3]);
    expect(values(all, 'csat.satisfied')).toEqual([0]);
  });

  it('an unanswered survey is only a request', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).closed(t('09:05'), ANNA).csatRequested(t('09:05'), 'survey-3', ANNA);
    const all = facts(c);
    expect(values(all, 'csat.requested')).toEqual([1]);
    expect(ofKind(all, 'csat.rating')).toEqual([]);
  });
});

describe('messages', () => {
  it('counts customer messages, replies and notes by author; system messages not at all', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:02'), BORIS).note(t('09:03'), ANNA).system(t('09:04')).customer(t('09:05'));
    const all = facts(c);
    expect(ofKind(all, 'message.customer').map((fact) => fact.agentId)).toEqual([null, ANNA]);
    expect(ofKind(all, 'message.reply').map((fact) => fact.agentId)).toEqual([BORIS]);
    expect(ofKind(all, 'message.note').map((fact) => fact.agentId)).toEqual([ANNA]);
    expect(all.map((fact) => fact.kind).filter((kind) => kind.startsWith('message.'))).toHaveLength(4);
  });
});

describe('internal conversations', () => {
  it('carry internal = true on every fact, with their channel', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES, internal: true, openedBy: { type: 'agent', id: ANNA } }).note(t('09:01'), ANNA).note(t('09:02'), BORIS).closed(t('09:10'), ANNA);
    const all = facts(c);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((fact) => fact.internal && fact.channel === 'internal')).toBe(true);
    expect(values(all, 'message.note')).toEqual([1, 1]);
    expect(ofKind(all, 'response.first')).toEqual([]);
  });
});

describe('order, duplicates and redeliveries', () => {
  const story = () =>
    conversation()
      .created(t('09:00'), { teamId: SALES })
      .customer(t('09:00'))
      .transferred(t('09:10'), SUPPORT, ANNA)
      .assigned(t('09:12'), BORIS)
      .reply(t('09:15'), BORIS)
      .snoozed(t('09:20'), t('10:00'), BORIS)
      .woken(t('10:00'))
      .customer(t('10:30'))
      .reply(t('10:31'), BORIS)
      .closed(t('10:40'), BORIS)
      .csatRequested(t('10:40'), 'survey-9', BORIS)
      .csatSubmitted(t('10:45'), 'survey-9', 4, { closedBy: BORIS })
      .reopened(t('11:00'), null)
      .customer(t('11:00'))
      .reply(t('11:30'), BORIS)
      .closed(t('11:40'), BORIS);

  // A fixed permutation: a small linear congruential generator, so a failure can be repeated.
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const copy = [...items];
    let state = seed;
    for (let index = copy.length - 1; index > 0; index -= 1) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      const other = state % (index + 1);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }

  it('gives the same facts whatever order the events come in', () => {
    const events = story().events;
    const expected = facts(events);
    for (const seed of [1, 2, 3, 42, 2026]) expect(facts(shuffled(events, seed))).toEqual(expected);
  });

  it('ignores an event delivered twice, and a message whose event came again', () => {
    const c = story();
    const expected = facts(c.events);
    const doubled = [...c.events, ...c.events.slice(0, 10).map((event) => structuredClone(event))];
    expect(facts(doubled)).toEqual(expected);
    c.redeliverLast();
    expect(facts(c.events)).toEqual(expected);
  });

  it('events of the same millisecond are replayed in the order one change emits them', () => {
    // Transferred, unassigned and queued share an instant and their ids sort the other way round.
    const c = conversation().created(t('09:00'), { teamId: SALES }).assigned(t('09:01'), ANNA).transferred(t('09:10'), SUPPORT, ANNA).assigned(t('09:11'), BORIS);
    const renamed = c.events.map((event, index) => ({ ...event, eventId: `z-${99 - index}` }) as DomainEvent);
    expect(ofKind(facts(renamed), 'queue.time').map((fact) => [fact.teamId, fact.value])).toEqual([
      [SALES, MINUTE],
      [SUPPORT, MINUTE],
    ]);
  });

  it('keys are unique, and later events keep the keys of the facts already derived', () => {
    const events = story().events;
    const all = facts(events);
    const keys = new Set(all.map((fact) => fact.key));
    expect(keys.size).toBe(all.length);
    for (let count = 1; count < events.length; count += 1) {
      for (const fact of facts(events.slice(0, count))) expect(keys).toContain(fact.key);
    }
  });
});

describe('histories that are not whole', () => {
  it('a history that starts after the creation (a rebuild from a date) counts what it sees, nothing it cannot know', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES }).customer(t('09:00')).assigned(t('09:01'), ANNA).reply(t('09:02'), ANNA).closed(t('09:05'), ANNA);
    const later = c.events.filter((event) => event.type !== 'conversation.created' && event.type !== 'conversation.queued');
    const all = facts(later);
    expect(ofKind(all, 'message.customer')[0]!.teamId).toBe(SALES);
    expect(values(all, 'conversation.closed')).toEqual([1]);
    expect(ofKind(all, 'conversation.new')).toEqual([]);
    // Its cycle's start is unknown: no resolution, handling or messages per conversation for it.
    expect(ofKind(all, 'resolution.time')).toEqual([]);
    expect(ofKind(all, 'handling.time')).toEqual([]);
  });

  it('a creation sent twice under two ids counts once', () => {
    const c = conversation().created(t('09:00'), { teamId: SALES });
    const again = { ...c.events[0]!, eventId: 'another-id' } as DomainEvent;
    expect(values(facts([...c.events, again]), 'conversation.new')).toEqual([1]);
  });
});

describe('business hours', () => {
  const ADMIN = ANNA;
  const berlin: BusinessHours = { timeZone: 'Europe/Berlin', days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] } };
  const calendar = teamCalendarFromEvents([teamSettingsChanged('settings-1', SALES, '2026-10-01T00:00:00.000Z', ADMIN, { businessHours: null }, { businessHours: berlin })]);

  it('counts business time in the hours in force at the end of the span, across the DST change', () => {
    // Fri 2026-10-23 17:00 CEST (15:00Z) to Mon 10-26 09:30 CET (08:30Z): 1 h Friday, 30 min Monday.
    const c = conversation().created('2026-10-23T15:00:00.000Z', { teamId: SALES }).customer('2026-10-23T15:00:00.000Z').reply('2026-10-26T08:30:00.000Z', ANNA);
    const [first] = ofKind(facts(c, calendar), 'response.first');
    expect(first).toMatchObject({ value: (65 * 60 + 30) * MINUTE, businessValue: 90 * MINUTE });
  });

  it('a team without business hours is always open; before its hours were set it was too', () => {
    const other = conversation().created(t('20:00'), { teamId: SUPPORT }).customer(t('20:00')).reply(t('22:00'), ANNA);
    expect(ofKind(facts(other, calendar), 'response.first')[0]).toMatchObject({ value: 120 * MINUTE, businessValue: 120 * MINUTE });
    const before = conversation().created(t('20:00', '2026-09-30'), { teamId: SALES }).customer(t('20:00', '2026-09-30')).reply(t('22:00', '2026-09-30'), ANNA);
    expect(ofKind(facts(before, calendar), 'response.first')[0]!.businessValue).toBe(120 * MINUTE);
  });

  it('handling time in business hours adds up its spans, outside hours nothing', () => {
    // Mon 2026-10-05 (CEST): assigned 17:30-19:00 local (15:30Z-17:00Z), snoozed, assigned again 08:00-09:30 Tue local.
    const c = conversation()
      .created('2026-10-05T15:00:00.000Z', { teamId: SALES })
      .assigned('2026-10-05T15:30:00.000Z', ANNA)
      .snoozed('2026-10-05T17:00:00.000Z', '2026-10-06T06:00:00.000Z', ANNA)
      .woken('2026-10-06T06:00:00.000Z')
      .closed('2026-10-06T07:30:00.000Z', ANNA);
    expect(ofKind(facts(c, calendar), 'handling.time')[0]).toMatchObject({ value: 180 * MINUTE, businessValue: 60 * MINUTE });
  });
});

describe('presence', () => {
  const online = statusChanged('status-1', ANNA, '2026-10-05T09:40:00.000Z', 'online', 'offline');
  const away = statusChanged('status-2', ANNA, '2026-10-05T11:10:00.000Z', 'away', 'online');
  const offline = statusChanged('status-3', ANNA, '2026-10-05T11:25:00.000Z', 'offline', 'away');

  it('cuts a status at UTC hours, keyed by its start event and hour', () => {
    expect(derivePresenceFacts(online, away).map((fact) => [fact.kind, fact.key, fact.value, fact.at.toISOString()])).toEqual([
      ['agent.online', 'online:status-1:2026-10-05T09', 20 * MINUTE, '2026-10-05T09:40:00.000Z'],
      ['agent.online', 'online:status-1:2026-10-05T10', 60 * MINUTE, '2026-10-05T10:00:00.000Z'],
      ['agent.online', 'online:status-1:2026-10-05T11', 10 * MINUTE, '2026-10-05T11:00:00.000Z'],
    ]);
    expect(derivePresenceFacts(away, offline).map((fact) => [fact.kind, fact.value, fact.agentId, fact.teamId])).toEqual([['agent.away', 15 * MINUTE, ANNA, null]]);
  });

  it('counts nothing for offline, nor for a status that has not ended', () => {
    expect(derivePresenceFacts(offline, statusChanged('status-4', ANNA, '2026-10-05T12:00:00.000Z', 'online', 'offline'))).toEqual([]);
    expect(derivePresenceFacts(online, null)).toEqual([]);
  });
});

describe('teamCalendarFromEvents', () => {
  it('gives the hours in force at an instant, in any order of events; settings without hours change nothing', () => {
    const week: BusinessHours = { timeZone: 'Europe/Berlin', days: { mon: [['09:00', '18:00']] } };
    const later: BusinessHours = { timeZone: 'Europe/Berlin', days: { mon: [['10:00', '16:00']] } };
    const calendar = teamCalendarFromEvents([
      teamSettingsChanged('s-3', SALES, '2026-10-20T00:00:00.000Z', ANNA, { businessHours: week }, { businessHours: null }),
      teamSettingsChanged('s-2', SALES, '2026-10-10T00:00:00.000Z', ANNA, { businessHours: week }, { businessHours: later }),
      teamSettingsChanged('s-1', SALES, '2026-10-01T00:00:00.000Z', ANNA, { businessHours: null }, { businessHours: week }),
      teamSettingsChanged('s-4', SALES, '2026-10-15T00:00:00.000Z', ANNA, { firstResponseMinutes: null }, { firstResponseMinutes: 15 }),
    ]);
    const at = (iso: string) => calendar.businessHoursAt(SALES, new Date(iso));
    expect(at('2026-09-30T23:59:59.999Z')).toBeNull();
    expect(at('2026-10-01T00:00:00.000Z')).toEqual(week);
    expect(at('2026-10-15T12:00:00.000Z')).toEqual(later);
    expect(at('2026-10-21T00:00:00.000Z')).toBeNull();
    expect(calendar.businessHoursAt(SUPPORT, new Date('2026-10-15T00:00:00.000Z'))).toBeNull();
  });
});
