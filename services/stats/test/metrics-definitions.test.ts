// The metric catalogue: one definition per id, each reading facts that exist, in English and
// Russian, and docs/metrics.md saying the very same words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factKinds, factKindsOf, figureKindOf, isMetricId, metricDefinition, metricDefinitions, metricIds, type FactKind } from '../src/metrics/index.js';

const docs = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');

describe('metric definitions', () => {
  it('has one definition per stable id, the ones the statistics promise', () => {
    expect(new Set(metricIds).size).toBe(metricDefinitions.length);
    for (const id of ['conversations_new', 'conversations_closed', 'conversations_reopened', 'first_response_time', 'next_response_time', 'time_to_assign', 'time_in_queue', 'resolution_time', 'handling_time', 'reopen_rate', 'fcr_rate', 'sla_first_response_hit_rate', 'sla_next_response_hit_rate', 'csat_score', 'csat_response_rate', 'agent_online_time', 'agent_away_time', 'messages_per_conversation']) {
      expect(isMetricId(id), id).toBe(true);
    }
    expect(metricDefinition('no_such_metric')).toBeUndefined();
  });

  it('reads fact kinds that exist, with the figure their unit allows', () => {
    for (const definition of metricDefinitions) {
      for (const kind of factKindsOf(definition)) expect(Object.keys(factKinds), `${definition.id} reads ${kind}`).toContain(kind);
      const units = factKindsOf(definition).map((kind) => factKinds[kind]);
      const allowed: Record<string, string[]> = { count: ['count'], duration: ['duration'], distribution: ['number', 'rating'], ratio: ['ratio', 'count', 'rating'], total: ['duration'] };
      for (const unit of units) expect(allowed[figureKindOf(definition)], definition.id).toContain(unit);
    }
  });

  it('leaves no fact kind unread', () => {
    const read = new Set<FactKind>(metricDefinitions.flatMap(factKindsOf));
    expect(Object.keys(factKinds).filter((kind) => !read.has(kind as FactKind))).toEqual([]);
  });

  it('says what each metric is in English and in Russian', () => {
    for (const { id, name, definition } of metricDefinitions) {
      expect(name.en.length, id).toBeGreaterThan(2);
      expect(definition.en.length, id).toBeGreaterThan(60);
      expect(name.ru, id).toMatch(/[а-яё]|CSAT/i);
      expect(definition.ru, id).toMatch(/[а-яё]{3}/i);
    }
  });

  it('is documented in docs/metrics.md in the same words', () => {
    for (const { id, definition } of metricDefinitions) {
      expect(docs, id).toContain(`### \`${id}\``);
      expect(docs, `${id} (en)`).toContain(definition.en);
      expect(docs, `${id} (ru)`).toContain(definition.ru);
    }
  });
});
