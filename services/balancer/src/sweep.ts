// The safety net under the jobs: a chat pod that died between committing a change and adding its
// job, or a Redis that lost its queue, must not leave a conversation waiting forever. Every sweep
// (one balancer at a time) re-adds the jobs the stored state calls for; deterministic job ids make
// re-adding a job that exists a no-op, and every handler re-checks the state before acting. It
// also settles agents' announced presence (agent.status_changed): the sockets of a chat process
// that died expire in Redis with nobody there to announce the agent offline.
import { balancerJobId, sweepAgentPresence, type BalancerQueue, type Logger, type PgPool, type Redis } from '@smartchat/platform';

export class Sweeper {
  private timer?: NodeJS.Timeout;
  /** Agents whose announced presence looked wrong at this balancer's last sweep. */
  private presenceSuspects: ReadonlySet<string> = new Set();

  /** One sweep per installation: the lock is named by the installation's queue prefix, so two desks on one Redis never skip each other's sweeps. */
  private readonly lockKey: string;
  constructor(private readonly options: { pg: PgPool; redis: Redis; queue: BalancerQueue; everyMs: number; logger: Logger; queuePrefix: string }) {
    this.lockKey = `${options.queuePrefix}:balancer:sweep-lock`;
  }

  start(): void {
    const tick = () => {
      this.sweep()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'sweep failed'))
        .finally(() => {
          this.timer = setTimeout(tick, this.options.everyMs);
          this.timer.unref();
        });
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  async sweep(): Promise<void> {
    const { pg, redis, queue } = this.options;
    if ((await redis.set(this.lockKey, '1', 'PX', Math.max(1000, this.options.everyMs - 500), 'NX')) !== 'OK') return;
    const { rows: teams } = await pg.query<{ team_id: string }>(
      `SELECT DISTINCT team_id FROM conversations WHERE queued_at IS NOT NULL AND status = 'open' AND assignee_id IS NULL AND team_id IS NOT NULL`,
    );
    for (const { team_id: teamId } of teams) await queue.add('match', { teamId, reason: 'sweep' });
    const { rows: sleeping } = await pg.query<{ id: string; snoozed_until: Date }>(
      `SELECT id, snoozed_until FROM conversations WHERE status = 'snoozed' AND snoozed_until < now() - interval '5 seconds' LIMIT 1000`,
    );
    for (const row of sleeping) {
      const until = row.snoozed_until.getTime();
      await queue.add('wake', { conversationId: row.id, until }, { jobId: balancerJobId('wake', row.id, until) });
    }
    const { rows: timed } = await pg.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN teams t ON t.id = c.team_id
        WHERE c.status = 'open'
          AND ((c.waiting_since IS NOT NULL AND (t.first_response_minutes IS NOT NULL OR t.next_response_minutes IS NOT NULL)
                AND (c.sla_breached_at IS NULL OR c.sla_breached_at < c.waiting_since))
               OR (c.waiting_since IS NULL AND c.last_replied_at IS NOT NULL AND t.auto_close_after_minutes IS NOT NULL))
        ORDER BY c.updated_at LIMIT 1000`,
    );
    for (const row of timed) await queue.add('timers', { conversationId: row.id }, { jobId: balancerJobId('timers', row.id, Math.floor(Date.now() / this.options.everyMs)) });
    const presence = await sweepAgentPresence(pg, redis, this.options.logger, this.presenceSuspects);
    this.presenceSuspects = presence.suspects;
    if (presence.settled > 0) this.options.logger.info({ agents: presence.settled }, 'agent presence settled by the sweep');
  }
}
