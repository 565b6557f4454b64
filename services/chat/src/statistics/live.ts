// The live panel: what each team's queue and agents look like right now, from the desk's own
// database and presence (not the statistics store, which lags by design). The same counts as the
// balancer's gauges: waiting = open, unassigned, in the team's queue; online = a console connected;
// available = online, not paused or away, below capacity.
import { onlineAgents, type PgPool, type Redis } from '@smartchat/platform';

export interface TeamLive {
  teamId: string;
  name: string;
  queueLength: number;
  oldestWaitingSince: Date | null;
  agentsOnline: number;
  agentsAvailable: number;
}

export async function liveTeams(pg: PgPool, redis: Redis, teamIds: readonly string[] | null): Promise<TeamLive[]> {
  const [{ rows: teams }, { rows: members }] = await Promise.all([
    pg.query<{ id: string; name: string; waiting: number; oldest: Date | null }>(
      `SELECT t.id, t.name, count(c.id)::int AS waiting, min(c.queued_at) AS oldest
         FROM teams t
         LEFT JOIN conversations c ON c.team_id = t.id AND c.queued_at IS NOT NULL AND c.status = 'open' AND c.assignee_id IS NULL AND NOT c.internal
        WHERE ($1::uuid[] IS NULL OR t.id = ANY($1::uuid[]))
        GROUP BY t.id, t.name
        ORDER BY t.name, t.id`,
      [teamIds],
    ),
    pg.query<{ team_id: string; agent_id: string; capacity: number; paused: boolean; open: number }>(
      `SELECT tm.team_id, a.id AS agent_id, a.capacity, a.assignment_paused OR a.status = 'away' AS paused,
              (SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open')::int AS open
         FROM team_members tm JOIN agents a ON a.id = tm.agent_id
        WHERE a.disabled_at IS NULL AND ($1::uuid[] IS NULL OR tm.team_id = ANY($1::uuid[]))`,
      [teamIds],
    ),
  ]);
  const online = await onlineAgents(redis, [...new Set(members.map((member) => member.agent_id))]);
  const agents = new Map<string, { online: number; available: number }>();
  for (const member of members) {
    const counts = agents.get(member.team_id) ?? { online: 0, available: 0 };
    if (online.has(member.agent_id)) {
      counts.online += 1;
      if (!member.paused && member.open < member.capacity) counts.available += 1;
    }
    agents.set(member.team_id, counts);
  }
  return teams.map((team) => ({
    teamId: team.id,
    name: team.name,
    queueLength: team.waiting,
    oldestWaitingSince: team.oldest,
    agentsOnline: agents.get(team.id)?.online ?? 0,
    agentsAvailable: agents.get(team.id)?.available ?? 0,
  }));
}
