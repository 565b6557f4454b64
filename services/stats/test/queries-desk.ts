// A small desk's October for the read-side tests: two teams (one with business hours), three
// agents, forty conversations over widget and e-mail with two topics, transfers, reopenings, SLA
// clocks met and breached, CSAT with comments, an internal conversation, and agents' presence,
// around the night Europe/Berlin's clocks go back (2026-10-25). Times are drawn from a fixed
// sequence, so every run has the same events.
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@smartchat/contracts';
import { agentEvent, teamEvent } from '@smartchat/platform';
import { ConversationScript, statusChanged, teamSettingsChanged } from './fixtures/event-script.js';

export interface QueriesDesk {
  teams: { a: string; b: string };
  agents: { a1: string; a2: string; a3: string };
  /** Team ids by agent, as team.members_changed said. */
  memberships: Map<string, string[]>;
  events: DomainEvent[];
  /** Conversations with a breached SLA clock, and with a CSAT comment. */
  breached: string[];
  commented: string[];
}

const MINUTE = 60_000;

/** A deterministic sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export function queriesDesk(): QueriesDesk {
  const teams = { a: randomUUID(), b: randomUUID() };
  const agents = { a1: randomUUID(), a2: randomUUID(), a3: randomUUID() };
  const admin = { type: 'system', id: null } as const;
  const setUp = new Date('2026-09-01T00:00:00Z');
  const memberships = new Map([
    [agents.a1, [teams.a]],
    [agents.a2, [teams.a, teams.b]],
    [agents.a3, [teams.b]],
  ]);
  const events: DomainEvent[] = [
    teamEvent('team.created', teams.a, admin, { name: 'Авиа' }, setUp),
    teamEvent('team.created', teams.b, admin, { name: 'Отели' }, setUp),
    ...Object.entries(agents).map(([name, id]) =>
      agentEvent('agent.created', id, admin, { name, role: 'agent', capacity: 5, timeZone: 'Europe/Berlin', teamIds: memberships.get(id)!, disabled: false, assignmentPaused: false }, setUp),
    ),
    teamEvent('team.members_changed', teams.a, admin, { memberIds: [agents.a1, agents.a2], added: [agents.a1, agents.a2], removed: [] }, setUp),
    teamEvent('team.members_changed', teams.b, admin, { memberIds: [agents.a2, agents.a3], added: [agents.a2, agents.a3], removed: [] }, setUp),
    teamSettingsChanged(randomUUID(), teams.a, setUp.toISOString(), agents.a1, {}, {
      firstResponseMinutes: 30,
      nextResponseMinutes: 60,
      businessHours: { timeZone: 'Europe/Berlin', days: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] } },
    }),
  ];
  const random = sequence(23);
  const at = (ms: number) => new Date(ms).toISOString();
  const breached: string[] = [];
  const commented: string[] = [];
  const start = Date.parse('2026-10-20T00:00:00Z');
  for (let number = 1; number <= 40; number += 1) {
    const id = randomUUID();
    const inA = number % 3 !== 0;
    const teamId = inA ? teams.a : teams.b;
    const agentId = inA ? (number % 2 === 0 ? agents.a1 : agents.a2) : agents.a3;
    const script = new ConversationScript(id, number);
    let t = start + Math.floor(random() * 10 * 24 * 60) * MINUTE;
    const step = (maxMinutes: number) => (t += (1 + Math.floor(random() * maxMinutes)) * MINUTE);
    script.created(at(t), { teamId, channel: number % 4 === 0 ? 'email' : 'widget', topic: number % 5 < 2 ? 'Билеты' : 'Возвраты', customerId: randomUUID() });
    script.customer(at(t));
    const waitingSince = at(t);
    const due = at(t + 30 * MINUTE);
    if (inA) script.slaStarted(at(t), 'first_response', due);
    step(20);
    script.assigned(at(t), agentId);
    if (number % 7 === 0 && inA) {
      // Transferred before anyone replied: the reply and the close count for team B.
      step(10);
      script.transferred(at(t), teams.b, agentId);
      step(15);
      script.assigned(at(t), agents.a3);
    }
    step(number % 6 === 0 ? 90 : 25);
    const reply = script.nextMessageId();
    const replier = script.assigneeId!;
    if (inA && script.teamId === teams.a) {
      if (t <= Date.parse(due)) script.slaMet(at(t), 'first_response', waitingSince, due, reply);
      else {
        script.slaBreached(due, 'first_response', waitingSince, due);
        breached.push(id);
      }
    }
    script.reply(at(t), replier);
    if (number % 3 === 1) {
      step(40);
      script.customer(at(t));
      step(30);
      script.reply(at(t), replier);
    }
    if (number % 8 === 5) {
      step(30);
      script.snoozed(at(t), at(t + 120 * MINUTE), replier);
      step(120);
      script.woken(at(t));
    }
    step(60);
    script.note(at(t), replier);
    step(60);
    script.closed(at(t), replier);
    if (number % 2 === 1) {
      const survey = randomUUID();
      script.csatRequested(at(t), survey, replier);
      if (number % 4 !== 3) {
        step(30);
        const rating = 1 + (number % 5);
        const comment = number % 3 === 0 ? null : `Отзыв ${number}`;
        script.csatSubmitted(at(t), survey, rating, { closedBy: replier, comment });
        if (comment) commented.push(id);
      }
    }
    if (number % 9 === 4) {
      step(600);
      script.reopened(at(t), null);
      script.customer(at(t));
      step(45);
      script.reply(at(t), replier);
      step(20);
      script.closed(at(t), replier);
    }
    events.push(...script.events);
  }
  // An internal conversation: reported apart.
  const internal = new ConversationScript(randomUUID(), 41);
  internal.created('2026-10-22T10:00:00Z', { teamId: teams.a, internal: true, openedBy: { type: 'agent', id: agents.a1 } });
  internal.note('2026-10-22T10:05:00Z', agents.a2).note('2026-10-22T10:30:00Z', agents.a1).closed('2026-10-22T11:00:00Z', agents.a1);
  events.push(...internal.events);
  // Presence, across the night the clocks go back.
  events.push(
    statusChanged(randomUUID(), agents.a1, '2026-10-24T22:30:00Z', 'online', 'offline'),
    statusChanged(randomUUID(), agents.a1, '2026-10-25T01:15:00Z', 'away', 'online'),
    statusChanged(randomUUID(), agents.a1, '2026-10-25T02:00:00Z', 'offline', 'away'),
    statusChanged(randomUUID(), agents.a3, '2026-10-26T07:00:00Z', 'online', 'offline'),
    statusChanged(randomUUID(), agents.a3, '2026-10-26T15:20:00Z', 'offline', 'online'),
  );
  return { teams, agents, memberships, events, breached, commented };
}
