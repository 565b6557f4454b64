// Whose statistics an agent may read: the one place that decides. It follows the role's scope like
// the inbox does (visibility.ts), but for figures rather than conversations: scope `all` reads every
// team, `teams` only the teams the agent belongs to, `assigned` only the agent's own figures. A
// filter naming a team or an agent outside that is refused rather than quietly narrowed, so that an
// answer never suggests anything about what lies outside.
import type { AgentAccess } from './access.js';

export type StatisticsScope =
  | { kind: 'all' }
  | { kind: 'teams'; teamIds: ReadonlySet<string> }
  | { kind: 'assigned'; agentId: string; teamIds: ReadonlySet<string> };

/** The scope of an agent who may read statistics; null without `statistics.view`. */
export function statisticsScopeOf(access: AgentAccess): StatisticsScope | null {
  if (!access.permissions.has('statistics.view')) return null;
  switch (access.scope) {
    case 'all':
      return { kind: 'all' };
    case 'teams':
      return { kind: 'teams', teamIds: access.teamIds };
    case 'assigned':
      return { kind: 'assigned', agentId: access.agentId, teamIds: access.teamIds };
  }
}

/** What a request asked to narrow by (empty or absent: no narrowing). */
export interface StatisticsSubjects {
  teamIds?: readonly string[] | undefined;
  agentIds?: readonly string[] | undefined;
}

/** The teams and agents of a request that its caller may not read; empty lists when all are fine. */
export interface StatisticsScopeRefusal {
  teamIds: string[];
  agentIds: string[];
}

/**
 * The requested teams and agents that lie outside `scope`. `teamsOfAgent` gives an agent's current
 * teams: in scope `teams` an agent may be named when they belong to one of the caller's teams.
 * In scope `assigned` only the caller and their own teams may be named.
 */
export function outsideStatisticsScope(scope: StatisticsScope, requested: StatisticsSubjects, teamsOfAgent: (agentId: string) => readonly string[]): StatisticsScopeRefusal {
  const teamIds = requested.teamIds ?? [];
  const agentIds = requested.agentIds ?? [];
  switch (scope.kind) {
    case 'all':
      return { teamIds: [], agentIds: [] };
    case 'teams':
      return {
        teamIds: teamIds.filter((teamId) => !scope.teamIds.has(teamId)),
        agentIds: agentIds.filter((agentId) => !teamsOfAgent(agentId).some((teamId) => scope.teamIds.has(teamId))),
      };
    case 'assigned':
      return { teamIds: teamIds.filter((teamId) => !scope.teamIds.has(teamId)), agentIds: agentIds.filter((agentId) => agentId !== scope.agentId) };
  }
}

/** Who the figures of a request are made of: null means "any" (no narrowing on that dimension). */
export interface StatisticsSubjectFilter {
  teamIds: readonly string[] | null;
  agentIds: readonly string[] | null;
}

/**
 * The narrowing a request gets once it passed outsideStatisticsScope: what it asked, within the
 * scope. Scope `teams` without a team filter reads all of the caller's teams (and never
 * conversations outside any team); scope `assigned` always reads the caller's own figures only.
 */
export function scopedStatisticsFilter(scope: StatisticsScope, requested: StatisticsSubjects): StatisticsSubjectFilter {
  const asked = (ids: readonly string[] | undefined) => (ids && ids.length > 0 ? [...ids] : null);
  switch (scope.kind) {
    case 'all':
      return { teamIds: asked(requested.teamIds), agentIds: asked(requested.agentIds) };
    case 'teams':
      return { teamIds: asked(requested.teamIds) ?? [...scope.teamIds].sort(), agentIds: asked(requested.agentIds) };
    case 'assigned':
      return { teamIds: asked(requested.teamIds), agentIds: [scope.agentId] };
  }
}

/** Whether a team as a whole (its live queue and agents) may be shown to `scope`; scope assigned sees no team as a whole, only its own figures. */
export function canSeeTeamStatistics(scope: StatisticsScope, teamId: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'teams' && scope.teamIds.has(teamId));
}
