// Every fact of one conversation, by replaying its events in one order (event-order.ts) through a
// small model of the conversation: its status, team, assignee, queue stay, the customer's current
// wait, the current cycle (created or reopened → closed) and its SLA clocks and CSAT surveys. The
// definitions written here are the ones docs/metrics.md and definitions.ts state in words.
import type { ConversationScopedEvent } from './event-order.js';
import { replayOrder } from './event-order.js';
import type { DomainEvent, SlaKind } from '@smartchat/contracts';
import { businessMillisBetween } from '@smartchat/core';
import type { TeamCalendar } from './calendar.js';
import type { Fact, FactKind } from './fact.js';

type Status = 'open' | 'snoozed' | 'closed';

interface Cycle {
  /** When it began (created or reopened); null when the events kept do not reach back to it. */
  start: number | null;
  /** Customer messages and agent replies in the cycle. */
  messages: number;
  /** Spans in which the conversation was open and assigned, closed ones only. */
  handled: Array<[from: number, to: number]>;
}

interface Survey {
  requested: boolean;
  teamId: string | null;
  closedBy: string | null;
  firstAnswerAt: number | null;
  rating: number | null;
}

/** Facts of one conversation from all of its events; see derive.ts. */
export function conversationFacts(events: readonly DomainEvent[], calendar: TeamCalendar): Fact[] {
  const ordered = replayOrder(events);
  if (ordered.length === 0) return [];
  return new ConversationReplay(ordered, calendar).facts();
}

class ConversationReplay {
  private readonly out: Fact[] = [];
  private readonly subjectId: string;
  private readonly channel: string | null;
  private readonly topic: string | null;
  private readonly internal: boolean;

  private status: Status = 'open';
  private teamId: string | null = null;
  private assigneeId: string | null = null;
  /** The current stay in a team's queue. */
  private stay: { teamId: string; since: number } | null = null;
  private stays = 0;
  private assignments = 0;
  /** Since when the customer waits for an agent's reply (first unanswered customer message). */
  private waitingSince: number | null = null;
  private agentReplied = false;
  private repliesBeforeFirstClose = 0;
  private cycle: Cycle;
  /** Since when the conversation is open and assigned within the cycle. */
  private handlingSince: number | null = null;
  private created = false;
  private closes = 0;
  private reopens = 0;
  /** The facts the next reopen turns to 1 (and the first-contact fact to 0). */
  private lastClose: { reopened: Fact; fcr: Fact | null } | null = null;
  private readonly messageIds = new Set<string>();
  private readonly slaClocks = new Map<string, Fact>();
  private readonly surveys = new Map<string, Survey>();

  constructor(
    private readonly events: readonly ConversationScopedEvent[],
    private readonly calendar: TeamCalendar,
  ) {
    this.subjectId = events[0]!.conversationId;
    const created = events.find((event) => event.type === 'conversation.created');
    this.channel = created?.data.channel ?? null;
    this.topic = created?.data.topic ?? null;
    // Without its creation (events before a rebuild's start), its messages still say whether it is internal.
    this.internal = created ? created.data.internal : events.some((event) => event.type === 'message.created' && event.data.internal);
    this.cycle = { start: null, messages: 0, handled: [] };
  }

  facts(): Fact[] {
    for (const event of this.events) {
      const at = Date.parse(event.occurredAt);
      this.apply(event, at);
      this.trackHandling(at);
    }
    this.surveyFacts();
    return this.out;
  }

  private apply(event: ConversationScopedEvent, at: number): void {
    switch (event.type) {
      case 'conversation.created':
        // Created once; a second creation (which no producer sends) would count it twice.
        if (this.created) return;
        this.created = true;
        this.teamId = event.data.teamId;
        this.cycle = { start: at, messages: 0, handled: [] };
        this.add('conversation.new', 'new', at, 1, { agentId: null });
        return;
      case 'conversation.queued':
        this.enterQueue(event.data.teamId, Date.parse(event.data.queuedAt), at);
        this.teamId = event.data.teamId;
        return;
      case 'conversation.transferred':
        if (this.stay && this.stay.teamId !== event.data.toTeamId) this.leaveQueue(at, null);
        this.teamId = event.data.toTeamId;
        return;
      case 'conversation.assigned':
        this.assigned(event.data.assigneeId, event.data.teamId, event.data.queuedAt, at);
        return;
      case 'conversation.unassigned':
        this.assigneeId = null;
        this.teamId = event.data.teamId ?? this.teamId;
        return;
      case 'conversation.snoozed':
        if (this.status !== 'open') return;
        // A snoozed conversation gives up its queue place (status-changes.ts).
        this.leaveQueue(at, null);
        this.status = 'snoozed';
        return;
      case 'conversation.woken':
        if (this.status === 'snoozed') this.status = 'open';
        return;
      case 'conversation.closed':
        this.closed(at, event.data.assigneeId ?? this.assigneeId);
        return;
      case 'conversation.reopened':
        this.reopened(at, event.data.assigneeId ?? this.assigneeId);
        return;
      case 'message.created':
        this.message(event, at);
        return;
      case 'sla.met':
      case 'sla.breached':
        this.slaEnded(event.data.kind, event.data.waitingSince, event.type === 'sla.met', at, event.data.teamId);
        return;
      case 'csat.requested':
        this.surveyRequested(event.data.surveyId, event.data.teamId, event.data.closedBy, at);
        return;
      case 'csat.submitted':
        this.surveyAnswered(event.data.surveyId, event.data.rating, event.data.teamId, event.data.closedBy, at);
        return;
      default:
        // Priority, participants, edits, reads and started SLA clocks measure nothing themselves.
        return;
    }
  }

  private enterQueue(teamId: string, queuedAt: number, at: number): void {
    // Queued again in the team it already waits in (a repeated decision): the same stay.
    if (this.stay?.teamId === teamId) return;
    if (this.stay) this.leaveQueue(at, null);
    this.stay = { teamId, since: Number.isNaN(queuedAt) ? at : Math.min(queuedAt, at) };
  }

  /** Ends the current queue stay, if any, at `at`. */
  private leaveQueue(at: number, agentId: string | null): void {
    const stay = this.stay;
    if (!stay) return;
    this.stay = null;
    this.stays += 1;
    this.addDuration('queue.time', `queue:${this.stays}`, at, stay.since, { teamId: stay.teamId, agentId });
  }

  private assigned(assigneeId: string, teamId: string | null, queuedAt: string | null, at: number): void {
    const since = this.stay?.since ?? (queuedAt === null ? null : Date.parse(queuedAt));
    const queueTeam = this.stay?.teamId ?? null;
    this.leaveQueue(at, assigneeId);
    this.assigneeId = assigneeId;
    this.teamId = teamId ?? queueTeam ?? this.teamId;
    // Only an assignment out of the queue has a time to assign; a manual one of a conversation
    // that was not waiting in a queue has none.
    if (since !== null && !Number.isNaN(since)) {
      this.assignments += 1;
      this.addDuration('assign.time', `assign:${this.assignments}`, at, Math.min(since, at), { agentId: assigneeId });
    }
  }

  private message(event: Extract<ConversationScopedEvent, { type: 'message.created' }>, at: number): void {
    const { messageId, kind } = event.data;
    if (this.messageIds.has(messageId)) return;
    this.messageIds.add(messageId);
    // A history that starts after the routing (a rebuild from a date) learns the team from the message.
    this.teamId ??= event.data.teamId ?? null;
    const author = event.actor.type === 'agent' ? event.actor.id : null;
    switch (kind) {
      case 'customer':
        this.add('message.customer', `message:${messageId}`, at, 1, { agentId: this.assigneeId });
        this.cycle.messages += 1;
        this.waitingSince ??= at;
        return;
      case 'reply':
        this.add('message.reply', `message:${messageId}`, at, 1, { agentId: author ?? this.assigneeId });
        this.cycle.messages += 1;
        this.replied(messageId, author ?? this.assigneeId, at);
        return;
      case 'note':
        this.add('message.note', `message:${messageId}`, at, 1, { agentId: author });
        return;
      case 'system':
      case 'notice':
        return;
    }
  }

  /** An agent's reply answers the customer's wait, if they were waiting. */
  private replied(messageId: string, agentId: string | null, at: number): void {
    const waitingSince = this.waitingSince;
    const first = !this.agentReplied;
    this.agentReplied = true;
    this.repliesBeforeFirstClose += this.closes === 0 ? 1 : 0;
    if (waitingSince === null) return;
    this.waitingSince = null;
    if (first) this.addDuration('response.first', 'response.first', at, waitingSince, { agentId });
    else this.addDuration('response.next', `response.next:${messageId}`, at, waitingSince, { agentId });
  }

  private closed(at: number, agentId: string | null): void {
    if (this.status === 'closed') return;
    this.leaveQueue(at, null);
    this.status = 'closed';
    this.trackHandling(at);
    this.closes += 1;
    const close = `close:${this.closes}`;
    this.add('conversation.closed', close, at, 1, { agentId });
    const reopened = this.add('close.reopened', `reopened:${this.closes}`, at, 0, { agentId });
    // First contact: the first close, after exactly one agent reply, never reopened. A first close
    // with no reply at all (spam, a customer's "never mind") resolved nothing and is not counted.
    const fcr = this.closes === 1 && this.repliesBeforeFirstClose > 0 ? this.add('conversation.fcr', 'fcr', at, this.repliesBeforeFirstClose === 1 ? 1 : 0, { agentId }) : null;
    this.lastClose = { reopened, fcr };
    const { start, handled, messages } = this.cycle;
    if (start !== null) {
      this.addDuration('resolution.time', `resolution:${this.closes}`, at, start, { agentId });
      const hours = this.hoursAt(this.teamId, at);
      const value = handled.reduce((sum, [from, to]) => sum + (to - from), 0);
      const business = handled.reduce((sum, [from, to]) => sum + businessMillisBetween(new Date(from), new Date(to), hours), 0);
      this.add('handling.time', `handling:${this.closes}`, at, value, { agentId, businessValue: business });
      this.add('conversation.messages', `messages:${this.closes}`, at, messages, { agentId });
    }
    // A close ends the wait unanswered: nothing is measured for it.
    this.waitingSince = null;
  }

  private reopened(at: number, agentId: string | null): void {
    if (this.status !== 'closed') return;
    this.status = 'open';
    this.reopens += 1;
    this.add('conversation.reopened', `reopen:${this.reopens}`, at, 1, { agentId });
    if (this.lastClose) {
      this.lastClose.reopened.value = 1;
      if (this.lastClose.fcr) this.lastClose.fcr.value = 0;
      this.lastClose = null;
    }
    this.cycle = { start: at, messages: 0, handled: [] };
  }

  /** Opens or closes the current handling span after each event: open, assigned, in a known cycle. */
  private trackHandling(at: number): void {
    const handling = this.status === 'open' && this.assigneeId !== null && this.cycle.start !== null;
    if (handling && this.handlingSince === null) this.handlingSince = at;
    if (!handling && this.handlingSince !== null) {
      if (at > this.handlingSince) this.cycle.handled.push([this.handlingSince, at]);
      this.handlingSince = null;
    }
  }

  /** One fact per SLA clock (kind and waiting start): 1 met, 0 breached; a breach is never undone. */
  private slaEnded(kind: SlaKind, waitingSince: string, met: boolean, at: number, eventTeamId: string | null): void {
    // One clock per kind and wait; the time normalised so that two spellings of it are one clock.
    const since = Date.parse(waitingSince);
    const clock = `sla:${kind}:${Number.isNaN(since) ? waitingSince : new Date(since).toISOString()}`;
    const existing = this.slaClocks.get(clock);
    if (existing) {
      if (!met) existing.value = 0;
      return;
    }
    const fact = this.add(kind === 'first_response' ? 'sla.first_response' : 'sla.next_response', clock, at, met ? 1 : 0, {
      teamId: this.teamId ?? eventTeamId,
      agentId: this.assigneeId,
    });
    this.slaClocks.set(clock, fact);
  }

  private surveyRequested(surveyId: string, teamId: string | null, closedBy: string | null, at: number): void {
    const survey = this.surveyOf(surveyId, teamId, closedBy);
    if (survey.requested) return;
    // The close that asked decides the team and agent, also for an answer replayed before it.
    Object.assign(survey, { requested: true, teamId: this.teamId ?? teamId, closedBy });
    this.add('csat.requested', `csat.requested:${surveyId}`, at, 1, { teamId: survey.teamId, agentId: closedBy });
  }

  private surveyAnswered(surveyId: string, rating: number, teamId: string | null, closedBy: string | null, at: number): void {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return;
    const survey = this.surveyOf(surveyId, teamId, closedBy);
    survey.firstAnswerAt ??= at;
    survey.rating = rating;
  }

  private surveyOf(surveyId: string, teamId: string | null, closedBy: string | null): Survey {
    let survey = this.surveys.get(surveyId);
    if (!survey) {
      survey = { requested: false, teamId: this.teamId ?? teamId, closedBy, firstAnswerAt: null, rating: null };
      this.surveys.set(surveyId, survey);
    }
    return survey;
  }

  /** A survey's latest rating counts, at its first answer, for the team and closer that asked. */
  private surveyFacts(): void {
    for (const [surveyId, survey] of this.surveys) {
      if (survey.firstAnswerAt === null || survey.rating === null) continue;
      const dimensions = { teamId: survey.teamId, agentId: survey.closedBy };
      this.add('csat.rating', `csat.rating:${surveyId}`, survey.firstAnswerAt, survey.rating, dimensions);
      this.add('csat.satisfied', `csat.satisfied:${surveyId}`, survey.firstAnswerAt, survey.rating >= 4 ? 1 : 0, dimensions);
    }
  }

  private hoursAt(teamId: string | null, at: number) {
    return teamId === null ? null : this.calendar.businessHoursAt(teamId, new Date(at));
  }

  /** A duration from `since` to `at`, in calendar time and in the team's hours in force at `at`. */
  private addDuration(kind: FactKind, key: string, at: number, since: number, dimensions: { teamId?: string | null; agentId: string | null }): Fact {
    const teamId = dimensions.teamId === undefined ? this.teamId : dimensions.teamId;
    const value = Math.max(0, at - since);
    const businessValue = businessMillisBetween(new Date(since), new Date(at), this.hoursAt(teamId, at));
    return this.add(kind, key, at, value, { teamId, agentId: dimensions.agentId, businessValue });
  }

  private add(kind: FactKind, key: string, at: number, value: number, dimensions: { teamId?: string | null; agentId: string | null; businessValue?: number }): Fact {
    const fact: Fact = {
      subjectId: this.subjectId,
      key,
      kind,
      at: new Date(at),
      teamId: dimensions.teamId === undefined ? this.teamId : dimensions.teamId,
      agentId: dimensions.agentId,
      channel: this.channel,
      topic: this.topic,
      internal: this.internal,
      value,
      businessValue: dimensions.businessValue ?? null,
    };
    this.out.push(fact);
    return fact;
  }
}
