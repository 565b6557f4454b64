// Which business hours a team had at an instant. Durations are counted in the team's hours in force
// at the end of their span; the pipeline answers this from its team_settings table, tests and the
// known-answer fixture from the teams' own events (teamCalendarFromEvents).
import type { DomainEvent } from '@smartchat/contracts';
import type { BusinessHours } from '@smartchat/core';
import { compareText } from './event-order.js';

/** A team's business hours in force at an instant (null: always open), from team_settings. */
export interface TeamCalendar {
  businessHoursAt(teamId: string, at: Date): BusinessHours | null;
}

/** Every team always open: what a desk without business hours has. */
export const alwaysOpen: TeamCalendar = { businessHoursAt: () => null };

/**
 * The calendar that `team.assignment_changed` events describe: each change whose `after` names
 * `businessHours` is in force from its `occurredAt` until the team's next such change; before a
 * team's first change it is always open. Other events are ignored; events may come in any order.
 */
export function teamCalendarFromEvents(events: readonly DomainEvent[]): TeamCalendar {
  const changes = new Map<string, Array<{ from: number; eventId: string; hours: BusinessHours | null }>>();
  for (const event of events) {
    if (event.type !== 'team.assignment_changed' || !('businessHours' in event.data.after)) continue;
    const list = changes.get(event.teamId) ?? [];
    list.push({ from: Date.parse(event.occurredAt), eventId: event.eventId, hours: event.data.after.businessHours ?? null });
    changes.set(event.teamId, list);
  }
  for (const list of changes.values()) list.sort((a, b) => a.from - b.from || compareText(a.eventId, b.eventId));
  return {
    businessHoursAt(teamId, at) {
      const time = at.getTime();
      let hours: BusinessHours | null = null;
      for (const change of changes.get(teamId) ?? []) {
        if (change.from > time) break;
        hours = change.hours;
      }
      return hours;
    },
  };
}
