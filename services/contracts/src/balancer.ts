// The jobs on the balancer's queue (BALANCER_QUEUE). Chat pods and balancers add them; balancers
// run them. Every handler re-reads the conversation, so a job that became stale does nothing.

/** Why a conversation entered its team's queue. */
export const queueReasons = ['new', 'reopened', 'woken', 'transferred', 'unassigned', 'returned'] as const;
export type QueueReason = (typeof queueReasons)[number];

/** Why a team's queue is served again: capacity may have appeared, or a conversation arrived. */
export type MatchReason = 'queued' | 'agent_online' | 'closed' | 'snoozed' | 'transferred' | 'unassigned' | 'capacity' | 'resumed' | 'overflow' | 'sweep';

export interface BalancerJobs {
  /** Serve a team's queue: assign waiting conversations, most urgent first, while agents are free. */
  match: { teamId: string; reason: MatchReason };
  /** A snoozed conversation's timer: wake it if it still sleeps until `until` (epoch ms). */
  wake: { conversationId: string; until: number };
  /** A conversation came back (woken by a message, reopened): back to its assignee or to the queue. */
  returned: { conversationId: string; how: 'woken' | 'reopened' };
  /** The conversation's waiting state changed: (re)start its SLA or auto-close timer. */
  timers: { conversationId: string };
  /** SLA timer: breached unless answered since `waitingSince` (epoch ms). */
  sla: { conversationId: string; kind: 'first_response' | 'next_response'; waitingSince: number; dueAt: number };
  /** Auto-close timer: close unless the customer wrote after the agent's reply at `repliedAt` (epoch ms). */
  autoclose: { conversationId: string; repliedAt: number };
  /** A queued conversation's overflow time came: serve the overflow team's queue. */
  overflow: { conversationId: string; teamId: string; overflowTeamId: string; queuedAt: number };
}
export type BalancerJobName = keyof BalancerJobs;
