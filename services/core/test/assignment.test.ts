import { describe, expect, it } from 'vitest';
import { chooseAgent, effectivePriority, overflows, rankQueue, type AgentCandidate } from '../src/assignment.js';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const hoursAhead = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

const agent = (agentId: string, fields: Partial<AgentCandidate> = {}): AgentCandidate => ({
  agentId,
  online: true,
  paused: false,
  openConversations: 0,
  capacity: 5,
  lastAssignedAt: null,
  ...fields,
});

describe('effective priority', () => {
  it.each([
    ['no signal', 1, null, 1],
    ['trip in 23 hours', 1, hoursAhead(23), 2],
    ['trip in exactly 24 hours', 0, hoursAhead(24), 1],
    ['trip in 25 hours', 0, hoursAhead(25), 0],
    ['trip already departed', 2, hoursAhead(-1), 2],
  ] as const)('%s', (_, priority, tripDepartsAt, expected) => {
    expect(effectivePriority({ priority, tripDepartsAt }, now)).toBe(expected);
  });
});

describe('queue order', () => {
  it('serves higher priority first, then whoever waited longest', () => {
    const queue = [
      { id: 'a', priority: 0, tripDepartsAt: null, queuedAt: minutesAgo(30) },
      { id: 'b', priority: 1, tripDepartsAt: null, queuedAt: minutesAgo(1) },
      { id: 'c', priority: 1, tripDepartsAt: null, queuedAt: minutesAgo(5) },
      { id: 'd', priority: 0, tripDepartsAt: hoursAhead(3), queuedAt: minutesAgo(2) },
      { id: 'e', priority: 2, tripDepartsAt: null, queuedAt: minutesAgo(0) },
    ];
    expect(rankQueue(queue, now).map((conversation) => conversation.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
  });

  it('does not reorder its input', () => {
    const queue = [
      { id: 'a', priority: 0, tripDepartsAt: null, queuedAt: minutesAgo(1) },
      { id: 'b', priority: 1, tripDepartsAt: null, queuedAt: minutesAgo(1) },
    ];
    rankQueue(queue, now);
    expect(queue.map((conversation) => conversation.id)).toEqual(['a', 'b']);
  });
});

describe('choosing an agent', () => {
  it('nobody available: offline, paused, full or without capacity', () => {
    expect(
      chooseAgent([
        agent('offline', { online: false }),
        agent('paused', { paused: true }),
        agent('full', { openConversations: 5 }),
        agent('zero', { capacity: 0 }),
      ]),
    ).toBeNull();
    expect(chooseAgent([])).toBeNull();
  });

  it('takes the lowest load ratio, not the fewest conversations', () => {
    const chosen = chooseAgent([agent('two-of-four', { openConversations: 2, capacity: 4 }), agent('three-of-ten', { openConversations: 3, capacity: 10 })]);
    expect(chosen?.agentId).toBe('three-of-ten');
  });

  it('breaks a tie in favour of whoever waited longest since their last assignment', () => {
    const chosen = chooseAgent([
      agent('recent', { openConversations: 1, capacity: 3, lastAssignedAt: minutesAgo(1) }),
      agent('long-ago', { openConversations: 2, capacity: 6, lastAssignedAt: minutesAgo(20) }),
      agent('busier', { openConversations: 2, capacity: 3, lastAssignedAt: minutesAgo(60) }),
    ]);
    expect(chosen?.agentId).toBe('long-ago');
  });

  it('an agent never assigned counts as having waited longest; equal agents go by id', () => {
    expect(chooseAgent([agent('b', { lastAssignedAt: minutesAgo(90) }), agent('c')])?.agentId).toBe('c');
    expect(chooseAgent([agent('c'), agent('b')])?.agentId).toBe('b');
  });

  it('spreads a run of assignments evenly over equal agents', () => {
    const agents = ['x', 'y', 'z'].map((id) => agent(id, { capacity: 4 }));
    const counts = new Map<string, number>();
    for (let step = 0; step < 10; step += 1) {
      const chosen = chooseAgent(agents)!;
      chosen.openConversations += 1;
      chosen.lastAssignedAt = new Date(now.getTime() + step);
      counts.set(chosen.agentId, (counts.get(chosen.agentId) ?? 0) + 1);
    }
    expect([...counts.values()].sort()).toEqual([3, 3, 4]);
    expect(chooseAgent(agents)?.openConversations).toBe(3);
    agents.forEach((candidate) => (candidate.openConversations = 4));
    expect(chooseAgent(agents)).toBeNull();
  });
});

describe('overflow', () => {
  it.each([
    [null, 600, false],
    [10, 9, false],
    [10, 10, true],
  ] as const)('after %s minutes, queued %s minutes ago: %s', (after, waited, expected) => {
    expect(overflows(minutesAgo(waited), after, now)).toBe(expected);
  });
});
