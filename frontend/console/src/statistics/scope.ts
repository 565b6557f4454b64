// Which teams, agents and topics the filters offer: those the viewer's statistics scope covers (the
// same rule as services/core statistics-scope), so a manager of two teams is never offered a third.
// The server refuses anything outside the scope regardless; this only keeps the choices honest.
import type { Agent, Team } from '@smartchat/contracts';
import type { Me } from '../state/session.js';

export function teamsInScope(viewer: Me | null, teams: readonly Team[]): Team[] {
  if (!viewer) return [];
  const visible = viewer.scope === 'all' ? [...teams] : teams.filter((team) => viewer.teamIds.includes(team.id));
  return visible.sort((a, b) => a.name.localeCompare(b.name));
}

/** Agents of the chosen teams (or of every team in scope); oneself only for scope `assigned`. */
export function agentsInScope(viewer: Me | null, agents: readonly Agent[], teamIds: readonly string[]): Agent[] {
  if (!viewer) return [];
  let visible: Agent[];
  if (viewer.scope === 'assigned') visible = agents.filter((agent) => agent.id === viewer.id);
  else if (viewer.scope === 'teams') visible = agents.filter((agent) => agent.teamIds.some((id) => viewer.teamIds.includes(id)));
  else visible = [...agents];
  if (teamIds.length > 0) visible = visible.filter((agent) => agent.teamIds.some((id) => teamIds.includes(id)));
  return visible.sort((a, b) => a.name.localeCompare(b.name));
}

/** The topics of the chosen teams, or of every team in scope. */
export function topicsInScope(teams: readonly Team[], teamIds: readonly string[]): string[] {
  const chosen = teamIds.length > 0 ? teams.filter((team) => teamIds.includes(team.id)) : teams;
  return [...new Set(chosen.flatMap((team) => team.assignment.topics))].sort((a, b) => a.localeCompare(b));
}
