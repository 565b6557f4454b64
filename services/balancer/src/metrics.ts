// The balancer's metrics. Counters and histograms describe this process's work; the gauges about
// shared state (queues, agents, utilisation) are read from Postgres and Redis at scrape time and
// are the same in every balancer pod, so dashboards and the autoscaler aggregate them with max().
import { Counter, Gauge, Histogram, onlineAgents, type PgPool, type Redis, type Registry } from '@smartchat/platform';
import { effectivePriority } from '@smartchat/core';
import type { Queue } from 'bullmq';

export interface BalancerMetrics {
  timeToAssign: Histogram<'team' | 'priority'>;
  assignments: Counter<'reason'>;
  slaBreaches: Counter<'team' | 'kind'>;
  jobs: Counter<'job' | 'outcome'>;
  jobDuration: Histogram<'job'>;
}

export function createBalancerMetrics(registry: Registry, shared: { pg: PgPool; redis: Redis; queue: Queue }): BalancerMetrics {
  const metrics: BalancerMetrics = {
    timeToAssign: new Histogram({
      name: 'smartchat_balancer_time_to_assign_seconds',
      help: 'From entering the queue to being assigned',
      labelNames: ['team', 'priority'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    assignments: new Counter({ name: 'smartchat_balancer_assignments_total', help: 'Assignments made by the balancer, by reason (auto, overflow, returned)', labelNames: ['reason'], registers: [registry] }),
    slaBreaches: new Counter({ name: 'smartchat_balancer_sla_breaches_total', help: 'SLA breaches by team and kind', labelNames: ['team', 'kind'], registers: [registry] }),
    jobs: new Counter({ name: 'smartchat_balancer_jobs_total', help: 'Jobs run, by name and outcome', labelNames: ['job', 'outcome'], registers: [registry] }),
    jobDuration: new Histogram({ name: 'smartchat_balancer_job_duration_seconds', help: 'Job run time', labelNames: ['job'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] }),
  };

  new Gauge({
    name: 'smartchat_balancer_jobs',
    help: 'Jobs on the balancer queue by state (waiting includes prioritized)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = await shared.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
      this.set({ state: 'waiting' }, (counts.waiting ?? 0) + (counts.prioritized ?? 0));
      for (const state of ['active', 'delayed', 'failed'] as const) this.set({ state }, counts[state] ?? 0);
    },
  });

  new Gauge({
    name: 'smartchat_balancer_queued_conversations',
    help: 'Conversations waiting for an assignee, by team and effective priority',
    labelNames: ['team', 'priority'],
    registers: [registry],
    async collect() {
      const { rows } = await shared.pg.query<{ team_id: string; priority: number; trip_departs_at: Date | null }>(
        `SELECT team_id, priority, trip_departs_at FROM conversations WHERE queued_at IS NOT NULL AND status = 'open' AND assignee_id IS NULL AND team_id IS NOT NULL`,
      );
      this.reset();
      const now = new Date();
      for (const row of rows) this.inc({ team: row.team_id, priority: String(effectivePriority({ priority: row.priority, tripDepartsAt: row.trip_departs_at }, now)) });
    },
  });

  // One series each, 0 when nothing waits, so that an empty queue reads as 0 and not as a missing
  // metric (the operator's autoscaler scales balancers on these and never on a missing one).
  const oldestWaiting = new Gauge({ name: 'smartchat_balancer_oldest_waiting_seconds', help: 'Age of the oldest conversation waiting for an assignee, all teams', registers: [] });
  new Gauge({
    name: 'smartchat_balancer_waiting_conversations',
    help: 'Conversations waiting for an assignee, all teams',
    registers: [registry],
    async collect() {
      const { rows } = await shared.pg.query<{ waiting: number; age: number | null }>(
        `SELECT count(*)::int AS waiting, EXTRACT(EPOCH FROM now() - min(queued_at))::float8 AS age FROM conversations
          WHERE queued_at IS NOT NULL AND status = 'open' AND assignee_id IS NULL AND team_id IS NOT NULL`,
      );
      this.set(rows[0]?.waiting ?? 0);
      oldestWaiting.set(Math.max(0, rows[0]?.age ?? 0));
    },
  });
  // Registered after the gauge whose collect sets it, so a scrape reads this scrape's value.
  registry.registerMetric(oldestWaiting);

  const agents = new Gauge({ name: 'smartchat_balancer_agents', help: 'Team members by state: online, available (online, not paused, below capacity)', labelNames: ['team', 'state'], registers: [registry] });
  new Gauge({
    name: 'smartchat_balancer_capacity_utilisation',
    help: "Open conversations of a team's online agents over their capacity (0..1)",
    labelNames: ['team'],
    registers: [registry],
    async collect() {
      const { rows } = await shared.pg.query<{ team_id: string; agent_id: string; capacity: number; paused: boolean; open: number }>(
        `SELECT tm.team_id, a.id AS agent_id, a.capacity, a.assignment_paused OR a.status = 'away' AS paused,
                (SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open')::int AS open
           FROM team_members tm JOIN agents a ON a.id = tm.agent_id WHERE a.disabled_at IS NULL`,
      );
      const online = await onlineAgents(shared.redis, [...new Set(rows.map((row) => row.agent_id))]);
      const byTeam = new Map<string, { online: number; available: number; open: number; capacity: number }>();
      for (const row of rows) {
        const team = byTeam.get(row.team_id) ?? { online: 0, available: 0, open: 0, capacity: 0 };
        if (online.has(row.agent_id)) {
          team.online += 1;
          team.open += row.open;
          team.capacity += row.capacity;
          if (!row.paused && row.open < row.capacity) team.available += 1;
        }
        byTeam.set(row.team_id, team);
      }
      agents.reset();
      this.reset();
      for (const [team, counts] of byTeam) {
        agents.set({ team, state: 'online' }, counts.online);
        agents.set({ team, state: 'available' }, counts.available);
        this.set({ team }, counts.capacity > 0 ? counts.open / counts.capacity : 0);
      }
    },
  });
  return metrics;
}
