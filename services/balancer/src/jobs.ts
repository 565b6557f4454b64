// What each job on the balancer queue does. Handlers are idempotent: they re-read the state and
// act only if it still calls for it, so a retried or duplicated job changes nothing twice.
import type { BalancerJobName, BalancerJobs } from '@smartchat/contracts';
import type { BalancerQueue, PgPool } from '@smartchat/platform';
import type { Returns } from './assignment/returns.js';
import type { TeamMatcher } from './assignment/team-matcher.js';
import type { ConversationTimers } from './timers/conversation-timers.js';

export interface JobHandlers {
  pg: PgPool;
  queue: BalancerQueue;
  matcher: TeamMatcher;
  returns: Returns;
  timers: ConversationTimers;
}

export async function runJob<N extends BalancerJobName>(handlers: JobHandlers, name: N, data: BalancerJobs[N]): Promise<string> {
  const { matcher, returns, timers } = handlers;
  switch (name) {
    case 'match': {
      const { teamId } = data as BalancerJobs['match'];
      return `assigned ${await matcher.serve(teamId)}`;
    }
    case 'overflow': {
      const { overflowTeamId } = data as BalancerJobs['overflow'];
      return `assigned ${await matcher.serve(overflowTeamId)}`;
    }
    case 'wake': {
      const { conversationId, until } = data as BalancerJobs['wake'];
      const outcome = await returns.returnConversation(conversationId, { how: 'woken', by: 'timer', until });
      if (!outcome) return 'stale';
      if (outcome.queuedInTeam) await matcher.serve(outcome.queuedInTeam);
      await timers.schedule(conversationId);
      return outcome.queuedInTeam ? 'queued' : 'kept';
    }
    case 'returned': {
      const { conversationId, how } = data as BalancerJobs['returned'];
      const outcome = await returns.returnConversation(conversationId, { how, by: 'message' });
      if (!outcome) return 'stale';
      if (outcome.queuedInTeam) await matcher.serve(outcome.queuedInTeam);
      await timers.schedule(conversationId);
      return outcome.queuedInTeam ? 'queued' : 'kept';
    }
    case 'timers': {
      await timers.schedule((data as BalancerJobs['timers']).conversationId);
      return 'scheduled';
    }
    case 'sla':
      return (await timers.checkSla(data as BalancerJobs['sla'])) ? 'breached' : 'met';
    case 'autoclose': {
      const result = await timers.autoClose(data as BalancerJobs['autoclose']);
      // Its assignee has room again.
      if (result.assigneeId) await serveTeamsOf(handlers, result.assigneeId);
      return result.closed ? 'closed' : 'stale';
    }
    default:
      throw new Error(`unknown balancer job "${String(name)}"`);
  }
}

async function serveTeamsOf(handlers: JobHandlers, agentId: string): Promise<void> {
  const { rows } = await handlers.pg.query<{ team_id: string }>('SELECT team_id FROM team_members WHERE agent_id = $1', [agentId]);
  for (const { team_id: teamId } of rows) await handlers.queue.add('match', { teamId, reason: 'closed' });
}
