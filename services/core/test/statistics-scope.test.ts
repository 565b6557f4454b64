import { describe, expect, it } from 'vitest';
import type { AgentAccess, Permission, Scope } from '../src/access.js';
import { canSeeTeamStatistics, outsideStatisticsScope, scopedStatisticsFilter, statisticsScopeOf } from '../src/statistics-scope.js';

const access = (scope: Scope, permissions: Permission[], teamIds: string[] = ['t1']): AgentAccess => ({ agentId: 'me', role: 'r', scope, permissions: new Set(permissions), teamIds: new Set(teamIds) });
const teamsOf = (agentId: string) => ({ me: ['t1'], mate: ['t1', 't2'], other: ['t2'] })[agentId] ?? [];

describe('whose statistics an agent may read', () => {
  it('needs statistics.view, then follows the role scope', () => {
    expect(statisticsScopeOf(access('all', ['reports.export']))).toBeNull();
    expect(statisticsScopeOf(access('all', ['statistics.view']))).toEqual({ kind: 'all' });
    expect(statisticsScopeOf(access('teams', ['statistics.view']))).toEqual({ kind: 'teams', teamIds: new Set(['t1']) });
    expect(statisticsScopeOf(access('assigned', ['statistics.view']))).toEqual({ kind: 'assigned', agentId: 'me', teamIds: new Set(['t1']) });
  });

  it.each([
    ['all', { teamIds: ['t9'], agentIds: ['other'] }, { teamIds: [], agentIds: [] }],
    ['teams', { teamIds: ['t1'], agentIds: ['mate', 'me'] }, { teamIds: [], agentIds: [] }],
    ['teams', { teamIds: ['t1', 't2'], agentIds: ['other', 'nobody'] }, { teamIds: ['t2'], agentIds: ['other', 'nobody'] }],
    ['assigned', { teamIds: ['t1'], agentIds: ['me'] }, { teamIds: [], agentIds: [] }],
    ['assigned', { teamIds: ['t2'], agentIds: ['mate'] }, { teamIds: ['t2'], agentIds: ['mate'] }],
  ] as const)('scope %s asking for %j is refused for %j', (scope, asked, outside) => {
    expect(outsideStatisticsScope(statisticsScopeOf(access(scope, ['statistics.view']))!, asked, teamsOf)).toEqual(outside);
  });

  it('narrows what is read: a team lead reads their teams, an agent with scope assigned only themselves', () => {
    const view = (scope: Scope) => statisticsScopeOf(access(scope, ['statistics.view'], ['t3', 't1']))!;
    expect(scopedStatisticsFilter(view('all'), {})).toEqual({ teamIds: null, agentIds: null });
    expect(scopedStatisticsFilter(view('all'), { teamIds: ['t2'], agentIds: [] })).toEqual({ teamIds: ['t2'], agentIds: null });
    expect(scopedStatisticsFilter(view('teams'), {})).toEqual({ teamIds: ['t1', 't3'], agentIds: null });
    expect(scopedStatisticsFilter(view('teams'), { teamIds: ['t3'], agentIds: ['mate'] })).toEqual({ teamIds: ['t3'], agentIds: ['mate'] });
    expect(scopedStatisticsFilter(view('assigned'), {})).toEqual({ teamIds: null, agentIds: ['me'] });
  });

  it('shows a whole team (its live queue) to scope all, and to scope teams for its own teams only', () => {
    expect(canSeeTeamStatistics(statisticsScopeOf(access('all', ['statistics.view']))!, 't2')).toBe(true);
    expect(canSeeTeamStatistics(statisticsScopeOf(access('teams', ['statistics.view']))!, 't1')).toBe(true);
    expect(canSeeTeamStatistics(statisticsScopeOf(access('teams', ['statistics.view']))!, 't2')).toBe(false);
    expect(canSeeTeamStatistics(statisticsScopeOf(access('assigned', ['statistics.view']))!, 't1')).toBe(false);
  });
});
