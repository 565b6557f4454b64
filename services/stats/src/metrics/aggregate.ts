// How facts become figures: the reference the SQL of the read side (services/stats/src/queries,
// the Grafana panels) is checked against. Pure; the caller chooses the facts (selectFacts).
import type { CountFigure, DistributionFigure, DurationFigure, Figure, RatioFigure, Spread, TotalFigure } from '@smartchat/contracts';
import type { Aggregation, MetricDefinition } from './definitions.js';
import type { Fact, FactKind } from './fact.js';

// The figures are the API's own shapes (@smartchat/contracts statistics.ts), so that the reference
// and the SQL give objects that compare equal.
export type { CountFigure, DistributionFigure, DurationFigure, Figure, RatioFigure, Spread, TotalFigure };

/** Which facts a figure is computed from: [from, to) by `at`, and the dimensions. */
export interface FactFilter {
  from: Date;
  to: Date;
  /** Internal conversations (agents among themselves) are reported apart: false (the default) = customer conversations only. */
  internal?: boolean;
  teamIds?: readonly string[];
  agentIds?: readonly string[];
  channels?: readonly string[];
  topics?: readonly string[];
  /**
   * Presence (agent.*) facts belong to no team: under a team filter they count for the agents who
   * are members of one of those teams, as this map (agent id → team ids) says.
   */
  agentTeams?: ReadonlyMap<string, readonly string[]>;
}

/** The facts a filter selects. */
export function selectFacts(facts: readonly Fact[], filter: FactFilter): Fact[] {
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  const internal = filter.internal ?? false;
  return facts.filter((fact) => {
    const at = fact.at.getTime();
    if (at < from || at >= to || fact.internal !== internal) return false;
    if (filter.agentIds && !(fact.agentId !== null && filter.agentIds.includes(fact.agentId))) return false;
    if (filter.channels && !(fact.channel !== null && filter.channels.includes(fact.channel))) return false;
    if (filter.topics && !(fact.topic !== null && filter.topics.includes(fact.topic))) return false;
    if (filter.teamIds) return teamMatches(fact, filter.teamIds, filter.agentTeams);
    return true;
  });
}

function teamMatches(fact: Fact, teamIds: readonly string[], agentTeams: ReadonlyMap<string, readonly string[]> | undefined): boolean {
  if (fact.kind === 'agent.online' || fact.kind === 'agent.away') {
    const teams = fact.agentId === null ? undefined : agentTeams?.get(fact.agentId);
    return teams?.some((teamId) => teamIds.includes(teamId)) ?? false;
  }
  return fact.teamId !== null && teamIds.includes(fact.teamId);
}

/**
 * Interpolated percentile of ascending `sortedValues`, computed exactly as PostgreSQL's
 * percentile_cont does in double precision: position p·(n−1), the values at its floor and ceiling,
 * lo + (position − floor)·(hi − lo). null for no values.
 */
export function percentileCont(sortedValues: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A percentile is between 0 and 1: ${p}`);
  if (sortedValues.length === 0) return null;
  const position = p * (sortedValues.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const low = sortedValues[first]!;
  if (first === second) return low;
  const high = sortedValues[second]!;
  return low + (position - first) * (high - low);
}

/**
 * Median, p90 and mean of values in any order (all null for none). The mean is the exact mean
 * rounded to a double (sum / n), as PostgreSQL's avg(bigint)::float8.
 */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: null, p90: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { median: percentileCont(sorted, 0.5), p90: percentileCont(sorted, 0.9), mean: sum / sorted.length };
}

/** The figure of `definition` over `facts` (already selected; facts of other kinds are ignored). */
export function computeFigure(definition: MetricDefinition, facts: readonly Fact[]): Figure {
  return aggregateFacts(definition.aggregation, facts);
}

/** The figure of one aggregation over `facts`. */
export function aggregateFacts(aggregation: Aggregation, facts: readonly Fact[]): Figure {
  switch (aggregation.type) {
    case 'count':
      return { kind: 'count', n: ofKind(facts, aggregation.kind).length } satisfies CountFigure;
    case 'duration': {
      const selected = ofKind(facts, aggregation.kind);
      return {
        kind: 'duration',
        n: selected.length,
        calendar: spreadOf(selected.map((fact) => fact.value)),
        // A fact without a business value (none of today's) counts its calendar time, as the SQL's coalesce.
        business: spreadOf(selected.map((fact) => fact.businessValue ?? fact.value)),
      } satisfies DurationFigure;
    }
    case 'distribution': {
      const selected = ofKind(facts, aggregation.kind);
      return { kind: 'distribution', n: selected.length, ...spreadOf(selected.map((fact) => fact.value)) } satisfies DistributionFigure;
    }
    case 'ratio': {
      const selected = ofKind(facts, aggregation.kind);
      return ratio(selected.reduce((sum, fact) => sum + fact.value, 0), selected.length);
    }
    case 'count_ratio':
      return ratio(ofKind(facts, aggregation.numerator).length, ofKind(facts, aggregation.denominator).length);
    case 'total': {
      const selected = ofKind(facts, aggregation.kind);
      const agents = new Set(selected.map((fact) => fact.agentId).filter((agentId) => agentId !== null));
      return { kind: 'total', n: agents.size, totalMs: selected.reduce((sum, fact) => sum + fact.value, 0) } satisfies TotalFigure;
    }
  }
}

function ratio(hits: number, n: number): RatioFigure {
  return { kind: 'ratio', n, hits, rate: n === 0 ? null : hits / n };
}

function ofKind(facts: readonly Fact[], kind: FactKind): Fact[] {
  return facts.filter((fact) => fact.kind === kind);
}
