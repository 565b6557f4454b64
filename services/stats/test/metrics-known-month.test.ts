// The known-answer month: facts derived from the scripted October 2026 must give every figure
// written by hand in the fixture.
import { describe, expect, it } from 'vitest';
import { computeFigure, deriveHistoryFacts, metricDefinition, metricIds, selectFacts } from '../src/metrics/index.js';
import { expectedFigures, knownMonthAgentTeams, knownMonthCalendar, knownMonthEvents, rangeInstants, sameFigure } from './fixtures/known-month.js';

const facts = deriveHistoryFacts(knownMonthEvents, knownMonthCalendar());

describe('the known-answer month', () => {
  it.each(expectedFigures.map((known) => [known.name, known] as const))('%s', (name, known) => {
    if (name.endsWith('every metric')) expect(Object.keys(known.figures).sort()).toEqual([...metricIds].sort());
    const selected = selectFacts(facts, { ...rangeInstants(known.range), ...known.filters, agentTeams: knownMonthAgentTeams });
    const mismatches = Object.entries(known.figures).flatMap(([id, expected]) => {
      const actual = computeFigure(metricDefinition(id)!, selected);
      return sameFigure(actual, expected) ? [] : [{ id, expected, actual }];
    });
    expect(mismatches).toEqual([]);
  });

  it('gives the same facts without the duplicates, and in reverse order (a rebuild)', () => {
    const unique = [...new Map(knownMonthEvents.map((event) => [event.eventId, event])).values()];
    expect(deriveHistoryFacts(unique, knownMonthCalendar())).toEqual(facts);
    expect(deriveHistoryFacts([...knownMonthEvents].reverse(), knownMonthCalendar())).toEqual(facts);
  });

  it("gives every fact a key of its own within its subject (the store's primary key)", () => {
    const keys = facts.map((fact) => `${fact.subjectId} ${fact.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('holds duplicates and redeliveries, as the pipeline will meet them', () => {
    expect(knownMonthEvents.length - new Set(knownMonthEvents.map((event) => event.eventId)).size).toBeGreaterThanOrEqual(5);
  });
});
