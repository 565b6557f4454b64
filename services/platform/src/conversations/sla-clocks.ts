// SLA clocks: when a customer starts waiting in a team with a response target, a clock runs from
// that message to the target, counted in the team's business hours. The clock is kept on the
// conversation row (sla_kind, sla_since, sla_due_at: running while sla_since = waiting_since) and
// announced once (sla.started). Started by the delivery's bookkeeping in the transaction that makes
// the customer wait; a balancer starts one the delivery could not (a target set while the customer
// already waited). An agent reply before the due time meets it (sla.met, by the bookkeeping); the
// balancer's timer breaches it otherwise (sla.breached).
import type { AcceptedMessage, DomainEvent, SlaKind, SlaStartedEvent } from '@smartchat/contracts';
import { addBusinessMinutes, type BusinessHours } from '@smartchat/core';
import { conversationEvent, SYSTEM_ACTOR, writeOutbox, type Queryable } from './outbox.js';

export interface SlaTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  businessHours: BusinessHours | null;
}

export interface SlaClock {
  kind: SlaKind;
  since: Date;
  dueAt: Date;
}

/**
 * The clock a wait of `kind` from `since` runs under the team's targets, or null when the team has
 * no target of that kind, or its business hours never open (a schedule addBusinessMinutes refuses
 * has no due time: such a wait is not measured rather than failing the message that started it).
 */
export function slaClockFor(kind: SlaKind, since: Date, targets: SlaTargets): SlaClock | null {
  const minutes = kind === 'first_response' ? targets.firstResponseMinutes : targets.nextResponseMinutes;
  if (minutes === null) return null;
  try {
    return { kind, since, dueAt: addBusinessMinutes(since, minutes, targets.businessHours) };
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** The kind of a wait: the first response until an agent has replied once, the next response after. */
export function slaKindOf(firstRepliedAt: Date | null): SlaKind {
  return firstRepliedAt ? 'next_response' : 'first_response';
}

/** sla.started of a clock; its id derives from the wait, so whichever starts it names it the same. */
export function slaStartedEvent(conversationId: string, clock: SlaClock, at: { teamId: string | null; assigneeId: string | null; messageId: string | null }): SlaStartedEvent {
  return conversationEvent(
    'sla.started',
    conversationId,
    SYSTEM_ACTOR,
    { kind: clock.kind, teamId: at.teamId, assigneeId: at.assigneeId, waitingSince: clock.since.toISOString(), dueAt: clock.dueAt.toISOString(), messageId: at.messageId },
    clock.since,
    `sla.started:${conversationId}:${clock.since.getTime()}`,
  );
}

/**
 * Starts the clock of a wait no clock was started for (in the transaction `db`): stored and
 * announced only if the conversation still waits since `clock.since` and has no clock for it, so
 * that it starts once. Returns whether it did.
 */
export async function startSlaClock(db: Queryable, conversationId: string, clock: SlaClock): Promise<boolean> {
  const { rows } = (await db.query(
    `UPDATE conversations SET sla_kind = $2, sla_since = $3, sla_due_at = $4
      WHERE id = $1 AND status = 'open' AND waiting_since = $3 AND sla_since IS DISTINCT FROM $3
      RETURNING team_id, assignee_id`,
    [conversationId, clock.kind, clock.since, clock.dueAt],
  )) as { rows: { team_id: string | null; assignee_id: string | null }[] };
  const row = rows[0];
  if (!row) return false;
  await writeOutbox(db, [slaStartedEvent(conversationId, clock, { teamId: row.team_id, assigneeId: row.assignee_id, messageId: null })]);
  return true;
}

/** A conversation before a delivery batch, as the SLA clocks need it. */
export interface WaitBefore {
  conversationId: string;
  /** After the batch (a clock starts only on an open conversation). */
  status: string;
  teamId: string | null;
  assigneeId: string | null;
  waitingSince: Date | null;
  firstRepliedAt: Date | null;
  breachedAt: Date | null;
  /** The stored clock (it runs for the wait in progress only if it started at waitingSince). */
  clock: SlaClock | null;
  targets: SlaTargets;
}

/**
 * The SLA clocks of one conversation's delivery batch: replays its customer messages and replies
 * (in order) over the row as it was before, by the same rule as the statement's waiting_since. A
 * customer who starts waiting starts a clock if the team has a target for that kind of wait; a
 * reply ends the wait and meets its clock if it came in time and the clock was not breached
 * already. Gives the events and the clock started last, to store.
 */
export function slaOutcome(before: WaitBefore, turns: readonly { message: AcceptedMessage; at: Date }[]): { events: DomainEvent[]; started: SlaClock | null } {
  const events: DomainEvent[] = [];
  let started: SlaClock | null = null;
  const { conversationId, teamId, assigneeId } = before;
  let waiting = before.waitingSince;
  let firstRepliedAt = before.firstRepliedAt;
  let clock = waiting && before.clock?.since.getTime() === waiting.getTime() ? before.clock : null;
  let breached = clock !== null && before.breachedAt !== null && before.breachedAt >= clock.since;
  for (const { message, at } of turns) {
    if (message.kind === 'customer') {
      if (waiting !== null) continue;
      waiting = at;
      breached = false;
      clock = teamId && before.status === 'open' ? slaClockFor(slaKindOf(firstRepliedAt), at, before.targets) : null;
      if (clock) {
        events.push(slaStartedEvent(conversationId, clock, { teamId, assigneeId, messageId: message.id }));
        started = clock;
      }
      continue;
    }
    if (clock && !breached && at.getTime() <= clock.dueAt.getTime()) {
      events.push(
        conversationEvent(
          'sla.met',
          conversationId,
          { type: 'agent', id: message.author.id },
          { kind: clock.kind, teamId, assigneeId, waitingSince: clock.since.toISOString(), dueAt: clock.dueAt.toISOString(), answeredAt: at.toISOString(), messageId: message.id },
          at,
          `sla.met:${message.id}`,
        ),
      );
    }
    waiting = null;
    clock = null;
    firstRepliedAt ??= at;
  }
  return { events, started };
}
