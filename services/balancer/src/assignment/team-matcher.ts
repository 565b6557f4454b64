// Serving a team's queue. One pass takes the conversations waiting for the team's agents in
// queue order (core's rankQueue) and gives each to the agent core's chooseAgent picks, until
// nobody is free. Passes of one team never overlap: a Redis lock per team, plus a "dirty" counter
// that every request bumps, so a request arriving during a pass makes the holder run again instead
// of being lost. Passes of different teams run in parallel; the lock on the agent's row in
// QueueStore.assign keeps an agent shared by two teams within capacity.
import { chooseAgent, effectivePriority, rankQueue, type AgentCandidate } from '@smartchat/core';
import { balancerJobId, onlineAgents, type BalancerQueue, type Logger, type Redis } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { AccessAnnouncer } from '../access-announcer.js';
import type { BalancerMetrics } from '../metrics.js';
import type { QueueStore, TeamMember, TeamSettings, WaitingConversation } from './queue-store.js';

const LOCK_MS = 60_000;
/** Waiting conversations one pass looks at (oldest first, then ranked). */
const PASS_LIMIT = 1000;
const lockKey = (teamId: string) => `balancer:team-lock:${teamId}`;
const dirtyKey = (teamId: string) => `balancer:team-dirty:${teamId}`;

interface Candidate extends AgentCandidate {
  teams: Set<string>;
}

export class TeamMatcher {
  /** Overflow timers this process added already (adding one again would be a no-op round trip). */
  private readonly overflowScheduled = new Set<string>();

  constructor(
    private readonly options: { redis: Redis; store: QueueStore; queue: BalancerQueue; announcer: AccessAnnouncer; metrics: BalancerMetrics; logger: Logger },
  ) {}

  /** Serves the team's queue now, or makes sure the pass running elsewhere goes round once more. */
  async serve(teamId: string): Promise<number> {
    const { redis } = this.options;
    await redis.incr(dirtyKey(teamId));
    let assigned = 0;
    for (;;) {
      const token = randomUUID();
      if ((await redis.set(lockKey(teamId), token, 'PX', LOCK_MS, 'NX')) !== 'OK') return assigned;
      let seen: string | null;
      try {
        do {
          seen = await redis.get(dirtyKey(teamId));
          assigned += await this.pass(teamId);
        } while ((await redis.get(dirtyKey(teamId))) !== seen);
      } finally {
        await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`, 1, lockKey(teamId), token);
      }
      // A request that found the lock taken just before it was released is ours to serve.
      if ((await redis.get(dirtyKey(teamId))) === seen) return assigned;
    }
  }

  private async pass(teamId: string): Promise<number> {
    const { store, metrics, logger } = this.options;
    const team = await store.team(teamId);
    if (!team || team.assignmentPaused) return 0;
    const waiting = await store.waitingFor(teamId, PASS_LIMIT);
    if (waiting.length === 0) return 0;
    const now = new Date();
    const teamIds = new Set<string>([teamId]);
    for (const conversation of waiting) {
      teamIds.add(conversation.teamId);
      if (conversation.overflowTeamId) teamIds.add(conversation.overflowTeamId);
    }
    const candidates = await this.candidates(await store.members([...teamIds]));
    const granted: { agentId: string; conversationId: string }[] = [];
    for (const conversation of rankQueue(waiting, now)) {
      const eligible = [...candidates.values()].filter((candidate) => candidate.teams.has(conversation.teamId) || (conversation.overflowTeamId !== null && candidate.teams.has(conversation.overflowTeamId)));
      const priority = effectivePriority(conversation, now);
      for (;;) {
        const chosen = chooseAgent(eligible);
        if (!chosen) break;
        const viaOverflow = chosen.teams.has(conversation.teamId) ? null : conversation.overflowTeamId;
        const outcome = await store.assign(conversation, chosen.agentId, { effectivePriority: priority, viaOverflowTeamId: viaOverflow });
        if (outcome.result === 'gone') break;
        chosen.openConversations = outcome.openConversations;
        chosen.capacity = outcome.capacity;
        if (outcome.result === 'agent_unavailable') {
          // Another team's pass took the last slot, or the agent was paused meanwhile.
          chosen.paused ||= outcome.openConversations < outcome.capacity;
          continue;
        }
        chosen.lastAssignedAt = new Date();
        granted.push({ agentId: chosen.agentId, conversationId: conversation.id });
        const waited = (Date.now() - conversation.queuedAt.getTime()) / 1000;
        metrics.timeToAssign.observe({ team: conversation.teamId, priority: String(priority) }, waited);
        metrics.assignments.inc({ reason: viaOverflow ? 'overflow' : 'auto' });
        logger.debug({ conversationId: conversation.id, agentId: chosen.agentId, teamId, waitedSeconds: waited }, 'conversation assigned');
        break;
      }
    }
    // A full page that made progress: more may wait behind it, so the serve loop goes round again.
    if (waiting.length === PASS_LIMIT && granted.length > 0) await this.options.redis.incr(dirtyKey(teamId));
    const assigned = new Set(granted.map((grant) => grant.conversationId));
    await this.scheduleOverflow(team, waiting.filter((conversation) => !assigned.has(conversation.id)));
    if (granted.length > 0) {
      await this.options.announcer.announce({
        reason: 'conversation',
        conversations: granted.map((grant) => grant.conversationId),
        agents: [...new Set([...candidates.values()].map((candidate) => candidate.agentId))],
        grants: granted,
      });
    }
    return granted.length;
  }

  /** Still waiting in a team that overflows: when the time comes, the overflow team's queue is served. */
  private async scheduleOverflow(team: TeamSettings, waiting: WaitingConversation[]): Promise<void> {
    if (!team.overflowTeamId || team.overflowAfterMinutes === null) return;
    for (const conversation of waiting) {
      if (conversation.teamId !== team.id || conversation.overflowTeamId) continue;
      const queuedAt = conversation.queuedAt.getTime();
      const jobId = balancerJobId('overflow', conversation.id, queuedAt);
      if (this.overflowScheduled.has(jobId)) continue;
      if (this.overflowScheduled.size > 50_000) this.overflowScheduled.clear();
      this.overflowScheduled.add(jobId);
      await this.options.queue.add(
        'overflow',
        { conversationId: conversation.id, teamId: team.id, overflowTeamId: team.overflowTeamId, queuedAt },
        { runAt: queuedAt + team.overflowAfterMinutes * 60_000, jobId },
      );
    }
  }

  private async candidates(members: TeamMember[]): Promise<Map<string, Candidate>> {
    const online = await onlineAgents(this.options.redis, [...new Set(members.map((member) => member.agentId))]);
    const byAgent = new Map<string, Candidate>();
    for (const member of members) {
      const known = byAgent.get(member.agentId);
      if (known) {
        known.teams.add(member.teamId);
        continue;
      }
      byAgent.set(member.agentId, {
        agentId: member.agentId,
        online: online.has(member.agentId),
        paused: member.paused,
        openConversations: member.openConversations,
        capacity: member.capacity,
        lastAssignedAt: member.lastAssignedAt,
        teams: new Set([member.teamId]),
      });
    }
    return byAgent;
  }
}
