// Only what was changed goes into PATCH /v1/agents/:id: changing teams needs teams.manage besides
// agents.manage, so an unchanged team list must not be sent along with a new capacity.
import type { Agent } from '@smartchat/contracts';
import { sameSet } from '../same-set.js';

export type AgentEdit = Pick<Agent, 'name' | 'role' | 'capacity' | 'timeZone' | 'teamIds' | 'disabled' | 'assignmentPaused'>;

export function agentChanges(before: AgentEdit, after: AgentEdit): Partial<AgentEdit> {
  const changes: Partial<AgentEdit> = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if (after.role !== before.role) changes.role = after.role;
  // NaN (an emptied number field) is sent as null, and the server says what it expects.
  if (!Object.is(after.capacity, before.capacity)) changes.capacity = after.capacity;
  if (after.timeZone.trim() !== before.timeZone) changes.timeZone = after.timeZone.trim();
  if (!sameSet(after.teamIds, before.teamIds)) changes.teamIds = after.teamIds;
  if (after.disabled !== before.disabled) changes.disabled = after.disabled;
  if (after.assignmentPaused !== before.assignmentPaused) changes.assignmentPaused = after.assignmentPaused;
  return changes;
}
