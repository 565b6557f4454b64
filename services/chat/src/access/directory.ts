// Agents, teams and roles in Postgres, for the admin API. The rules of who may change what live
// in @smartchat/core (canGrantRole) and in admin-routes.ts; this file only reads and writes.
import { SmartchatError, type Agent, type Role, type Team, type TeamAssignment } from '@smartchat/contracts';
import { BUILTIN_ROLE_DEFINITIONS, BUILTIN_ROLES, builtinRole, isPermission, type RoleDefinition } from '@smartchat/core';
import { inTransaction, type PgPool } from '@smartchat/platform';
import type { PoolClient } from 'pg';

interface TeamRow {
  id: string;
  name: string;
  member_ids: string[] | null;
  topics: string[];
  is_default: boolean;
  assignment_paused: boolean;
  overflow_team_id: string | null;
  overflow_after_minutes: number | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  business_hours: TeamAssignment['businessHours'];
  auto_close_after_minutes: number | null;
  csat_enabled: boolean;
}

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  memberIds: row.member_ids ?? [],
  assignment: {
    topics: row.topics,
    isDefault: row.is_default,
    assignmentPaused: row.assignment_paused,
    overflowTeamId: row.overflow_team_id,
    overflowAfterMinutes: row.overflow_after_minutes,
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    businessHours: row.business_hours,
    autoCloseAfterMinutes: row.auto_close_after_minutes,
    csatEnabled: row.csat_enabled,
  },
});

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: string;
  status: Agent['status'];
  capacity: number;
  time_zone: string;
  team_ids: string[] | null;
  disabled: boolean;
  assignment_paused: boolean;
}

const AGENT_SELECT = `SELECT a.id, a.email, a.name, a.role, a.status, a.capacity, a.time_zone, a.disabled_at IS NOT NULL AS disabled, a.assignment_paused,
  (SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_members m WHERE m.agent_id = a.id) AS team_ids FROM agents a`;

const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  status: row.status,
  capacity: row.capacity,
  timeZone: row.time_zone,
  teamIds: row.team_ids ?? [],
  disabled: row.disabled,
  assignmentPaused: row.assignment_paused,
});

/** Postgres unique and foreign-key violations → stable errors; `field` names the input that referred. */
async function unique<T>(what: string, run: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new SmartchatError('SC_ERR_CONFLICT', `${what} already exists`);
    if ((error as { code?: string }).code === '23503') throw new SmartchatError('SC_ERR_UNPROCESSABLE', `Unknown ${what.toLowerCase()}`, [{ path: field ?? '', message: `unknown ${what.toLowerCase()}` }]);
    throw error;
  }
}

export class Directory {
  constructor(private readonly pg: PgPool) {}

  // --- roles -------------------------------------------------------------------------------

  async roles(): Promise<Role[]> {
    const builtin = BUILTIN_ROLES.map((name) => ({ name, builtin: true, description: '', scope: BUILTIN_ROLE_DEFINITIONS[name].scope, permissions: [...BUILTIN_ROLE_DEFINITIONS[name].permissions] }));
    const { rows } = await this.pg.query<{ name: string; description: string; scope: Role['scope']; permissions: string[] }>('SELECT name, description, scope, permissions FROM roles ORDER BY name');
    return [...builtin, ...rows.map((row) => ({ ...row, builtin: false, permissions: row.permissions.filter(isPermission) }))];
  }

  /** A role's definition, built-in or custom; undefined when there is none by that name. */
  async role(name: string): Promise<(RoleDefinition & { builtin: boolean }) | undefined> {
    const builtin = builtinRole(name);
    if (builtin) return { ...builtin, builtin: true };
    const { rows } = await this.pg.query<{ name: string; scope: Role['scope']; permissions: string[] }>('SELECT name, scope, permissions FROM roles WHERE name = $1', [name]);
    const row = rows[0];
    return row && { name: row.name, scope: row.scope, permissions: row.permissions.filter(isPermission), builtin: false };
  }

  async createRole(input: { name: string; description: string; scope: Role['scope']; permissions: string[] }): Promise<void> {
    if ((BUILTIN_ROLES as readonly string[]).includes(input.name.toLowerCase())) throw new SmartchatError('SC_ERR_CONFLICT', 'Built-in roles cannot be redefined');
    await unique('A role with this name', () =>
      this.pg.query('INSERT INTO roles (name, description, scope, permissions) VALUES ($1, $2, $3, $4)', [input.name, input.description, input.scope, [...new Set(input.permissions)]]),
    );
  }

  async updateRole(name: string, input: { description?: string; scope?: Role['scope']; permissions?: string[] }): Promise<void> {
    await this.pg.query(
      `UPDATE roles SET description = COALESCE($2, description), scope = COALESCE($3, scope), permissions = COALESCE($4, permissions), updated_at = now() WHERE name = $1`,
      [name, input.description ?? null, input.scope ?? null, input.permissions ? [...new Set(input.permissions)] : null],
    );
  }

  async deleteRole(name: string): Promise<void> {
    const { rows } = await this.pg.query<{ holders: string }>('SELECT count(*)::text AS holders FROM agents WHERE role = $1 AND disabled_at IS NULL', [name]);
    if (Number(rows[0]!.holders) > 0) throw new SmartchatError('SC_ERR_CONFLICT', 'Agents still hold this role; give them another one first', { holders: Number(rows[0]!.holders) });
    await this.pg.query('DELETE FROM roles WHERE name = $1', [name]);
  }

  // --- agents ------------------------------------------------------------------------------

  async agents(): Promise<Agent[]> {
    const { rows } = await this.pg.query<AgentRow>(`${AGENT_SELECT} ORDER BY a.name`);
    return rows.map(toAgent);
  }

  async agent(id: string): Promise<Agent | undefined> {
    const { rows } = await this.pg.query<AgentRow>(`${AGENT_SELECT} WHERE a.id = $1`, [id]);
    return rows[0] && toAgent(rows[0]);
  }

  async createAgent(input: { email: string; name: string; passwordHash: string; mustChangePassword: boolean; role: string; capacity: number; timeZone: string; teamIds: string[] }): Promise<Agent> {
    const id = await this.transaction(async (client) => {
      const { rows } = await unique('An agent with this e-mail', () =>
        client.query<{ id: string }>('INSERT INTO agents (email, name, password_hash, role, capacity, time_zone, must_change_password) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id', [
          input.email,
          input.name,
          input.passwordHash,
          input.role,
          input.capacity,
          input.timeZone,
          input.mustChangePassword,
        ]),
      );
      const agentId = rows[0]!.id;
      await unique('Team', () => client.query('INSERT INTO team_members (team_id, agent_id) SELECT unnest($1::uuid[]), $2', [input.teamIds, agentId]), 'teamIds');
      return agentId;
    });
    return (await this.agent(id))!;
  }

  async updateAgent(id: string, input: { name?: string; role?: string; capacity?: number; timeZone?: string; teamIds?: string[]; disabled?: boolean; assignmentPaused?: boolean }): Promise<Agent> {
    await this.transaction(async (client) => {
      await client.query(
        `UPDATE agents SET name = COALESCE($2, name), role = COALESCE($3, role), capacity = COALESCE($4, capacity), time_zone = COALESCE($5, time_zone),
           disabled_at = CASE WHEN $6::boolean IS NULL THEN disabled_at WHEN $6 THEN COALESCE(disabled_at, now()) ELSE NULL END,
           assignment_paused = COALESCE($7, assignment_paused), updated_at = now()
         WHERE id = $1`,
        [id, input.name ?? null, input.role ?? null, input.capacity ?? null, input.timeZone ?? null, input.disabled ?? null, input.assignmentPaused ?? null],
      );
      if (input.teamIds) {
        await client.query('DELETE FROM team_members WHERE agent_id = $1', [id]);
        await unique('Team', () => client.query('INSERT INTO team_members (team_id, agent_id) SELECT unnest($1::uuid[]), $2', [input.teamIds, id]), 'teamIds');
      }
    });
    return (await this.agent(id))!;
  }

  async setStatus(id: string, status: Agent['status']): Promise<void> {
    await this.pg.query('UPDATE agents SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
  }

  // --- teams -------------------------------------------------------------------------------

  async teams(): Promise<Team[]> {
    return this.selectTeams(null);
  }

  async team(id: string): Promise<Team | undefined> {
    return (await this.selectTeams(id))[0];
  }

  private async selectTeams(id: string | null): Promise<Team[]> {
    const { rows } = await this.pg.query<TeamRow>(
      `SELECT t.*, t.topics::text[] AS topics, (SELECT array_agg(m.agent_id ORDER BY m.agent_id) FROM team_members m WHERE m.team_id = t.id) AS member_ids
         FROM teams t WHERE $1::uuid IS NULL OR t.id = $1 ORDER BY t.name`,
      [id],
    );
    return rows.map(toTeam);
  }

  /** Every topic some team is routed by, once each (whatever the case), sorted: what a customer chooses from. */
  async topics(): Promise<string[]> {
    const { rows } = await this.pg.query<{ topic: string }>('SELECT t.topic::text AS topic FROM (SELECT DISTINCT unnest(topics) AS topic FROM teams) t ORDER BY t.topic');
    return rows.map((row) => row.topic);
  }

  async createTeam(name: string): Promise<Team> {
    const { rows } = await unique('A team with this name', () => this.pg.query<TeamRow>('INSERT INTO teams (name) VALUES ($1) RETURNING *, topics::text[] AS topics, NULL::uuid[] AS member_ids', [name]));
    return toTeam(rows[0]!);
  }

  async renameTeam(id: string, name: string): Promise<void> {
    await unique('A team with this name', () => this.pg.query('UPDATE teams SET name = $2 WHERE id = $1', [id, name]));
  }

  async deleteTeam(id: string): Promise<void> {
    const { rows } = await this.pg.query<{ n: string }>('SELECT count(*)::text AS n FROM conversations WHERE team_id = $1', [id]);
    if (Number(rows[0]!.n) > 0) throw new SmartchatError('SC_ERR_CONFLICT', 'Conversations still belong to this team; transfer them first', { conversations: Number(rows[0]!.n) });
    const mailboxes = await this.pg.query<{ address: string }>('SELECT address::text AS address FROM mailboxes WHERE team_id = $1 ORDER BY address', [id]);
    if (mailboxes.rows.length > 0) {
      throw new SmartchatError('SC_ERR_CONFLICT', 'Support mailboxes route to this team; give them another team first', { mailboxes: mailboxes.rows.map((row) => row.address) });
    }
    try {
      await this.pg.query('DELETE FROM teams WHERE id = $1', [id]);
    } catch (error) {
      // Something came to refer to the team since the checks (a conversation, a mailbox).
      if ((error as { code?: string }).code === '23503') throw new SmartchatError('SC_ERR_CONFLICT', 'Something still refers to this team; try again');
      throw error;
    }
  }

  /** Changes how the team's queue is fed and served; the fields not given stay as they are. */
  async updateTeamAssignment(id: string, input: Partial<TeamAssignment>): Promise<void> {
    const set: string[] = [];
    const values: unknown[] = [id];
    const column = (name: string, value: unknown) => {
      values.push(value);
      set.push(`${name} = $${values.length}`);
    };
    if (input.topics !== undefined) column('topics', input.topics);
    if (input.isDefault !== undefined) column('is_default', input.isDefault);
    if (input.assignmentPaused !== undefined) column('assignment_paused', input.assignmentPaused);
    if (input.overflowTeamId !== undefined) column('overflow_team_id', input.overflowTeamId);
    if (input.overflowAfterMinutes !== undefined) column('overflow_after_minutes', input.overflowAfterMinutes);
    if (input.firstResponseMinutes !== undefined) column('first_response_minutes', input.firstResponseMinutes);
    if (input.nextResponseMinutes !== undefined) column('next_response_minutes', input.nextResponseMinutes);
    if (input.businessHours !== undefined) column('business_hours', input.businessHours === null ? null : JSON.stringify(input.businessHours));
    if (input.autoCloseAfterMinutes !== undefined) column('auto_close_after_minutes', input.autoCloseAfterMinutes);
    if (input.csatEnabled !== undefined) column('csat_enabled', input.csatEnabled);
    if (set.length === 0) return;
    try {
      await unique('A default team', () => this.pg.query(`UPDATE teams SET ${set.join(', ')} WHERE id = $1`, values), 'overflowTeamId');
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'A team cannot overflow to itself', [{ path: 'overflowTeamId', message: 'must be another team' }]);
      throw error;
    }
  }

  /** Replaces the members; returns the agents whose membership changed. */
  async setMembers(teamId: string, agentIds: string[]): Promise<string[]> {
    return this.transaction(async (client) => {
      const before = (await client.query<{ agent_id: string }>('SELECT agent_id FROM team_members WHERE team_id = $1', [teamId])).rows.map((row) => row.agent_id);
      await client.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
      await unique('Agent', () => client.query('INSERT INTO team_members (team_id, agent_id) SELECT $1, unnest($2::uuid[])', [teamId, [...new Set(agentIds)]]), 'agentIds');
      const after = new Set(agentIds);
      return [...new Set([...before.filter((id) => !after.has(id)), ...agentIds.filter((id) => !before.includes(id))])];
    });
  }

  private transaction<T>(run: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pg, run);
  }
}
