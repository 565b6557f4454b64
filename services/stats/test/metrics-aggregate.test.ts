// The reference aggregation: percentiles exactly as PostgreSQL's percentile_cont, and each kind of
// figure with its n.
import { describe, expect, it } from 'vitest';
import { computeFigure, metricDefinition, percentileCont, selectFacts, spreadOf, type Fact, type FactKind, type MetricDefinition } from '../src/metrics/index.js';

const SALES = '5a1e5000-0000-4000-8000-000000000001';
const SUPPORT = '5a1e5000-0000-4000-8000-000000000002';
const ANNA = 'a9e00000-0000-4000-8000-00000000000a';
const BORIS = 'a9e00000-0000-4000-8000-00000000000b';

let keys = 0;
function fact(kind: FactKind, value: number, extra: Partial<Fact> = {}): Fact {
  keys += 1;
  return { subjectId: 'c1', key: `k${keys}`, kind, at: new Date('2026-10-05T10:00:00Z'), teamId: SALES, agentId: ANNA, channel: 'widget', topic: null, internal: false, value, businessValue: null, ...extra };
}
const definition = (id: string): MetricDefinition => metricDefinition(id)!;

describe('percentileCont', () => {
  // Each expectation was read off PostgreSQL 15 (percentile_cont over bigint values, extra_float_digits 3).
  it.each<[number[], number, number]>([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.9, 3.7],
    [[1, 2, 3, 4, 5, 6, 7], 0.9, 6.4],
    [[60_000, 185_000, 1_234_567], 0.9, 1_024_653.600_000_000_1],
    [[1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9], 0.9, 6],
    [[1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9], 0.5, 4],
    [[1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9], 0.1, 1],
    [[1000, 1001], 0.9, 1000.9],
    [[17, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73], 0.9, 69.800_000_000_000_01],
    [[42], 0.5, 42],
    [[42], 0.9, 42],
    [[5, 10], 0, 5],
    [[5, 10], 1, 10],
  ])('%j at %d is %d', (values, p, expected) => {
    expect(percentileCont(values, p)).toBe(expected);
  });

  it('is null without values and refuses a percentile outside 0..1', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
    expect(() => percentileCont([1], Number.NaN)).toThrow(RangeError);
  });

  it('spreadOf sorts first and gives the mean beside', () => {
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, p90: 3.7, mean: 2.5 });
    expect(spreadOf([1, 1, 2])).toEqual({ median: 1, p90: 1.8, mean: 1.333_333_333_333_333_3 });
    expect(spreadOf([])).toEqual({ median: null, p90: null, mean: null });
  });
});

describe('computeFigure', () => {
  it('counts facts of its kind only', () => {
    const facts = [fact('conversation.new', 1), fact('conversation.new', 1), fact('conversation.closed', 1)];
    expect(computeFigure(definition('conversations_new'), facts)).toEqual({ kind: 'count', n: 2 });
  });

  it('durations: n, median, p90 and mean in calendar and business time', () => {
    const facts = [fact('response.first', 60_000, { businessValue: 0 }), fact('response.first', 120_000, { businessValue: 120_000 }), fact('response.first', 600_000, { businessValue: 300_000 })];
    expect(computeFigure(definition('first_response_time'), facts)).toEqual({
      kind: 'duration',
      n: 3,
      calendar: { median: 120_000, p90: 504_000, mean: 260_000 },
      business: { median: 120_000, p90: 264_000, mean: 140_000 },
    });
    expect(computeFigure(definition('first_response_time'), [])).toEqual({ kind: 'duration', n: 0, calendar: { median: null, p90: null, mean: null }, business: { median: null, p90: null, mean: null } });
  });

  it('ratios: hits of n, and a count ratio of two kinds', () => {
    expect(computeFigure(definition('reopen_rate'), [fact('close.reopened', 1), fact('close.reopened', 0), fact('close.reopened', 0), fact('close.reopened', 0)])).toEqual({ kind: 'ratio', n: 4, hits: 1, rate: 0.25 });
    expect(computeFigure(definition('csat_response_rate'), [fact('csat.requested', 1), fact('csat.requested', 1), fact('csat.rating', 4)])).toEqual({ kind: 'ratio', n: 2, hits: 1, rate: 0.5 });
    expect(computeFigure(definition('fcr_rate'), [])).toEqual({ kind: 'ratio', n: 0, hits: 0, rate: null });
  });

  it('distributions of plain numbers', () => {
    expect(computeFigure(definition('messages_per_conversation'), [fact('conversation.messages', 2), fact('conversation.messages', 7)])).toEqual({ kind: 'distribution', n: 2, median: 4.5, p90: 6.5, mean: 4.5 });
  });

  it('totals: the sum over how many agents', () => {
    const facts = [fact('agent.online', 1_200_000, { agentId: ANNA }), fact('agent.online', 3_600_000, { agentId: ANNA }), fact('agent.online', 600_000, { agentId: BORIS })];
    expect(computeFigure(definition('agent_online_time'), facts)).toEqual({ kind: 'total', n: 2, totalMs: 5_400_000 });
  });
});

describe('selectFacts', () => {
  const from = new Date('2026-10-05T00:00:00Z');
  const to = new Date('2026-10-06T00:00:00Z');

  it('takes [from, to) and customer conversations unless internal ones are asked for', () => {
    const inside = fact('conversation.new', 1, { at: from });
    const atEnd = fact('conversation.new', 1, { at: to });
    const internal = fact('conversation.new', 1, { internal: true });
    expect(selectFacts([inside, atEnd, internal], { from, to })).toEqual([inside]);
    expect(selectFacts([inside, atEnd, internal], { from, to, internal: true })).toEqual([internal]);
  });

  it('narrows by team, agent, channel and topic; presence counts for the members of the teams', () => {
    const sales = fact('conversation.closed', 1, { teamId: SALES, agentId: ANNA });
    const support = fact('conversation.closed', 1, { teamId: SUPPORT, agentId: BORIS, channel: 'email', topic: 'billing' });
    const annaOnline = fact('agent.online', 60_000, { teamId: null, agentId: ANNA, channel: null });
    const borisOnline = fact('agent.online', 60_000, { teamId: null, agentId: BORIS, channel: null });
    const all = [sales, support, annaOnline, borisOnline];
    const agentTeams = new Map([
      [ANNA, [SALES]],
      [BORIS, [SUPPORT]],
    ]);
    expect(selectFacts(all, { from, to, teamIds: [SALES], agentTeams })).toEqual([sales, annaOnline]);
    expect(selectFacts(all, { from, to, agentIds: [BORIS] })).toEqual([support, borisOnline]);
    expect(selectFacts(all, { from, to, channels: ['email'] })).toEqual([support]);
    expect(selectFacts(all, { from, to, topics: ['billing'] })).toEqual([support]);
  });
});
