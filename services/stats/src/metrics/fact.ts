// A fact: one measured thing that happened, derived from domain events by the pure functions in
// this folder, stored one row each in the statistics database (`facts`) and summed per UTC hour
// (`rollup_hourly`). Every figure the statistics show is an aggregate of facts of one kind:
// counts and sums come from the hourly rollups, medians and p90 from the facts themselves.
//
// A fact belongs to a subject: a conversation (its facts are derived again from all of its events
// whenever one arrives, so the order in which events arrive never changes the result) or an agent
// (presence, split at UTC hour boundaries). `key` is unique within the subject and stable: deriving
// the same events again gives the same keys and values.

/** What a fact measures; its `value` is in the unit given here. */
export const factKinds = {
  /** A customer (or internal) conversation was created. value 1. Team: the first team it had. */
  'conversation.new': 'count',
  /** A conversation was closed (each close counts). value 1. Team and agent at the close. */
  'conversation.closed': 'count',
  /** A closed conversation was reopened. value 1. */
  'conversation.reopened': 'count',
  /** Per close: 1 when that close was followed by a reopen, else 0 (reopen rate = mean). */
  'close.reopened': 'ratio',
  /** Per first close after at least one agent reply: 1 when exactly one reply preceded it and it was never reopened, else 0. */
  'conversation.fcr': 'ratio',
  /** Customer's first message → first agent reply, ms. At the reply; team and agent of the reply. */
  'response.first': 'duration',
  /** A customer message waiting after an agent reply → the next agent reply, ms. At the reply. */
  'response.next': 'duration',
  /** Entering the queue → assigned, ms, per assignment out of the queue. At the assignment. */
  'assign.time': 'duration',
  /** One stay in a team's queue (queued → assigned, transferred, snoozed, closed), ms. At its end; the queue's team. */
  'queue.time': 'duration',
  /** Created or reopened → closed, ms, per cycle. At the close. */
  'resolution.time': 'duration',
  /** Time a cycle was open, assigned and not snoozed, ms. At the close. */
  'handling.time': 'duration',
  /** Per SLA clock that ended (answered or breached): 1 met, 0 breached. At its end. */
  'sla.first_response': 'ratio',
  'sla.next_response': 'ratio',
  /** A CSAT survey was sent. value 1. At the request; agent: who closed; team: the team at that close. */
  'csat.requested': 'count',
  /** The survey's (latest) answer, 1..5. At the (first) answer; agent: who closed. */
  'csat.rating': 'rating',
  /** Per answer: 1 when the rating is 4 or 5, else 0. */
  'csat.satisfied': 'ratio',
  /** A message by its author kind. value 1. At the message; team then; agent: the author (reply, note) or the assignee (customer). */
  'message.customer': 'count',
  'message.reply': 'count',
  'message.note': 'count',
  /** Per closed cycle: customer messages + agent replies in the cycle. At the close. */
  'conversation.messages': 'number',
  /** An agent's time online / away within one UTC hour, ms. Subject: the agent. */
  'agent.online': 'duration',
  'agent.away': 'duration',
} as const;

export type FactKind = keyof typeof factKinds;
export type FactUnit = (typeof factKinds)[FactKind];

export interface Fact {
  /** Conversation id, or agent id for `agent.*` facts. */
  subjectId: string;
  /** Unique within the subject and stable across derivations (e.g. `response.first`, `close:2`, `online:2026-12-01T10`). */
  key: string;
  kind: FactKind;
  /** When it counts (UTC); the hour it is rolled up into. */
  at: Date;
  teamId: string | null;
  agentId: string | null;
  channel: string | null;
  topic: string | null;
  /** Internal conversations (agents among themselves) are reported apart, never mixed in. */
  internal: boolean;
  /** In the kind's unit: whole milliseconds for durations, 1/0 for ratios, 1..5 for ratings. */
  value: number;
  /** Durations only: the same span counted in the team's business hours (ms; = value when the team is always open). */
  businessValue: number | null;
}
