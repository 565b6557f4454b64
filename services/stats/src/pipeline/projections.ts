// Names and settings of teams and agents, folded from their events (in occurredAt, then eventId
// order, whatever order they arrived in) and written to teams, team_settings and agents. Each fold
// reads all of its subject's events, so a late event lands in its place like any other.
import type { AgentCreatedEvent, AgentUpdatedEvent, DomainEvent, TeamAssignment, TeamAssignmentChangedEvent, TeamMembersChangedEvent } from '@smartchat/contracts';
import { businessHoursProblems, type BusinessHours } from '@smartchat/core';
import type { TeamCalendar } from '../metrics/derive.js';
import { compareText } from '../metrics/event-order.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A team's settings before any change was seen: what a new team has. */
const NEW_TEAM_SETTINGS: TeamAssignment = {
  topics: [],
  isDefault: false,
  assignmentPaused: false,
  overflowTeamId: null,
  overflowAfterMinutes: null,
  firstResponseMinutes: null,
  nextResponseMinutes: null,
  businessHours: null,
  autoCloseAfterMinutes: null,
  // As the teams table's column default (schema/postgres 0011).
  csatEnabled: true,
};

export function inEventOrder<T extends { occurredAt: string; eventId: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || compareText(a.eventId, b.eventId));
}

export interface TeamRow {
  name: string;
  deletedAt: Date | null;
}

/** The team's name and deletion from team.created|updated|deleted; null when no event named it. */
export function foldTeam(events: readonly DomainEvent[]): TeamRow | null {
  let name: string | null = null;
  let deletedAt: Date | null = null;
  for (const event of inEventOrder(events)) {
    if (event.type === 'team.created' || event.type === 'team.updated') name = event.data.name;
    else if (event.type === 'team.deleted') {
      name = event.data.name;
      deletedAt = new Date(Date.parse(event.occurredAt));
    }
  }
  return name === null ? null : { name, deletedAt };
}

export interface TeamSettingsRow {
  validFrom: Date;
  settings: TeamAssignment;
}

/**
 * Full settings from each team.assignment_changed on (its `after` over what was in force before).
 * Business hours that do not make a week (the API refuses those) are not applied: every duration
 * of the team would fail to derive.
 */
export function foldTeamSettings(events: readonly DomainEvent[]): TeamSettingsRow[] {
  const rows: TeamSettingsRow[] = [];
  let current = NEW_TEAM_SETTINGS;
  for (const event of inEventOrder(events.filter((candidate): candidate is TeamAssignmentChangedEvent => candidate.type === 'team.assignment_changed'))) {
    const { businessHours, ...rest } = event.data.after;
    current = { ...current, ...rest, ...(businessHours !== undefined && readableHours(businessHours) ? { businessHours } : {}) };
    const validFrom = new Date(Date.parse(event.occurredAt));
    // Two changes in one millisecond: one row, the later one's result.
    if (rows.at(-1)?.validFrom.getTime() === validFrom.getTime()) rows.pop();
    rows.push({ validFrom, settings: current });
  }
  return rows;
}

function readableHours(hours: unknown): boolean {
  if (hours === null) return true;
  try {
    return typeof hours === 'object' && businessHoursProblems(hours as BusinessHours).length === 0;
  } catch {
    return false;
  }
}

export interface AgentRow {
  name: string | null;
  teamIds: string[];
}

/**
 * An agent's name and teams: teamIds from its own agent.created|updated, and the teams'
 * membership changes that added or removed it. null when no such event is known.
 */
export function foldAgent(agentId: string, events: readonly DomainEvent[]): AgentRow | null {
  let row: AgentRow | null = null;
  const teams = new Set<string>();
  for (const event of inEventOrder(events)) {
    if (event.type === 'agent.created' || event.type === 'agent.updated') {
      const fields = event.type === 'agent.created' ? (event as AgentCreatedEvent).data : (event as AgentUpdatedEvent).data.after;
      row ??= { name: null, teamIds: [] };
      if (fields.name !== undefined) row.name = fields.name;
      if (fields.teamIds !== undefined) {
        teams.clear();
        for (const teamId of fields.teamIds) teams.add(teamId);
      }
    } else if (event.type === 'team.members_changed') {
      const data = (event as TeamMembersChangedEvent).data;
      row ??= { name: null, teamIds: [] };
      if (data.added.includes(agentId)) teams.add(event.teamId);
      if (data.removed.includes(agentId)) teams.delete(event.teamId);
    }
  }
  if (row) row.teamIds = [...teams].sort();
  return row;
}

/** A team_settings row as the derivation reads it (json_agg gives valid_from as text). */
export interface CalendarRow {
  team_id: string;
  valid_from: string | Date;
  hours: BusinessHours | null;
}

/** The business hours in force per team, from its team_settings rows (sorted by valid_from). */
export function calendarFromRows(rows: readonly CalendarRow[]): TeamCalendar {
  const changes = new Map<string, Array<{ from: number; hours: BusinessHours | null }>>();
  for (const row of rows) {
    const list = changes.get(row.team_id) ?? [];
    list.push({ from: new Date(row.valid_from).getTime(), hours: row.hours });
    changes.set(row.team_id, list);
  }
  for (const list of changes.values()) list.sort((a, b) => a.from - b.from);
  return {
    businessHoursAt(teamId, at) {
      let hours: BusinessHours | null = null;
      for (const change of changes.get(teamId.toLowerCase()) ?? []) {
        if (change.from > at.getTime()) break;
        hours = change.hours;
      }
      return hours;
    },
  };
}
