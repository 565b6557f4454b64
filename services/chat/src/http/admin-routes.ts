// The admin API of the access model: roles (super-admins: roles.manage), agents (agents.manage),
// teams (teams.manage), agent status, and the audit log (audit.view). Every change is audited and
// announced to every chat process, so open sockets follow it at once; refused attempts are audited
// too. Changes of agents and teams are domain events (agent.*, team.*); roles are in the audit log only. Nobody grants more than they hold (canGrantRole in @smartchat/core).
import {
  agentSchema,
  mentionSchema,
  passwordResetLinkResult,
  auditEntrySchema,
  auditQuery,
  createAgentInput,
  createRoleInput,
  createTeamInput,
  roleSchema,
  setAgentStatusInput,
  setTeamMembersInput,
  SmartchatError,
  teamSchema,
  updateAgentInput,
  updateTeamAssignmentInput,
  updateRoleInput,
  wholeNumber,
  type Agent,
  type AgentSettings,
  type DomainEvent,
  type EventActor,
  type Identity,
} from '@smartchat/contracts';
import { businessHoursProblems, canGrantRole, type AgentAccess, type Permission, type RoleDefinition } from '@smartchat/core';
import { actorOf, agentEvent, teamEvent, writeOutbox, type PgPool } from '@smartchat/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessChanges } from '../access/access-changes.js';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { Directory } from '../access/directory.js';
import type { Mentions } from '../access/mentions.js';
import type { ConversationLifecycle } from '../conversations/lifecycle.js';
import { assertPasswordPolicy, type AgentAccounts } from '../auth/accounts.js';
import { hashPassword } from '../auth/passwords.js';
import type { SessionEnding } from '../auth/session-ending.js';
import { requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface AdminRouteDeps {
  access: AccessStore;
  changes: AccessChanges;
  directory: Directory;
  audit: AuditLog;
  mentions: Mentions;
  lifecycle: ConversationLifecycle;
  accounts: AgentAccounts;
  sessionEnding: SessionEnding;
  /** Origin of reset links (SMARTCHAT_PUBLIC_URL); unset: the origin of the admin's request. */
  publicUrl: string | undefined;
  /** Where agent and team events go (the outbox). */
  pg: PgPool;
  /** Announces an agent's presence when a change of their chosen status changes it (platform agent-status.ts). */
  settlePresence: (agentId: string, actor: EventActor) => Promise<unknown>;
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema };
/** Also a body naming a role or team that does not exist, a password against the policy, business hours that make no week. */
const refusable = { ...errors, 422: errorResponseSchema };
const idParams = z.object({ id: z.uuid() });
const roleParams = z.object({ name: z.string().min(1).max(64) });

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Agent and team events, written once the change is made (they change rarely; a change whose
  // event failed to be written answers 5xx and is made again by the retry).
  const record = (event: DomainEvent) => writeOutbox(deps.pg, [event]);

  const agentAccess = async (request: FastifyRequest): Promise<{ identity: Extract<Identity, { type: 'agent' }>; access: AgentAccess }> => {
    const identity = requireAgent(request);
    const access = await deps.access.agentAccess(identity.agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    return { identity, access };
  };
  const audit = (request: FastifyRequest, action: string, target: string | null, details: Record<string, unknown> = {}) =>
    deps.audit.record({ actor: auditActor(request.identity), action, target, outcome: 'ok', ip: request.ip, details });
  /**
   * Refuses unless the caller holds one of `permissions`. Names the attempt first: whatever refuses
   * it from here on (this check, the no-climbing rule, a customer's token) is audited under
   * `action` on `target` by the error handler (access/refusals.ts).
   */
  const permitted = async (request: FastifyRequest, action: string, target: string | null, ...permissions: Permission[]) => {
    auditAs(request, action, target);
    const caller = await agentAccess(request);
    if (!permissions.some((permission) => caller.access.permissions.has(permission))) {
      throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs the ${permissions.join(' or ')} permission`, { missing: permissions });
    }
    return caller;
  };
  /** Refuses handing out a role wider than the caller's own. */
  const grantable = async (access: AgentAccess, roleName: string) => {
    const role = await deps.directory.role(roleName);
    if (!role) throw new SmartchatError('SC_ERR_UNPROCESSABLE', `Unknown role ${roleName}`, [{ path: 'role', message: 'no such role' }]);
    if (!canGrantRole(access, role)) throw new SmartchatError('SC_ERR_FORBIDDEN', 'You cannot grant a role with more rights than your own', { role: roleName, reason: 'role wider than the granter' });
    return role;
  };
  /** A role one may not define may not be changed or deleted either: that would take rights from people above. */
  const editable = (access: AgentAccess, role: RoleDefinition) => {
    if (!canGrantRole(access, role)) throw new SmartchatError('SC_ERR_FORBIDDEN', 'You cannot change a role with more rights than your own', { role: role.name, reason: 'role wider than the editor' });
  };

  // --- roles -------------------------------------------------------------------------------

  api.get('/v1/roles', { schema: { tags: ['access'], summary: 'Built-in and custom roles', response: { 200: z.object({ roles: z.array(roleSchema) }), ...errors } } }, async (request) => {
    await permitted(request, 'role.list', null, 'roles.manage', 'agents.manage');
    return { roles: await deps.directory.roles() };
  });

  api.post('/v1/roles', { schema: { tags: ['access'], summary: 'Create a custom role (roles.manage)', body: createRoleInput, response: { 201: roleSchema, ...errors } } }, async (request, reply) => {
    const { access } = await permitted(request, 'role.create', `role:${request.body.name}`, 'roles.manage');
    if (!canGrantRole(access, request.body)) throw new SmartchatError('SC_ERR_FORBIDDEN', 'You cannot define a role with more rights than your own', { reason: 'role wider than the granter' });
    await deps.directory.createRole(request.body);
    await audit(request, 'role.create', `role:${request.body.name}`, { scope: request.body.scope, permissions: request.body.permissions });
    return reply.code(201).send({ ...request.body, builtin: false });
  });

  api.patch('/v1/roles/:name', { schema: { tags: ['access'], summary: 'Change a custom role (roles.manage)', params: roleParams, body: updateRoleInput, response: { 200: roleSchema, ...errors } } }, async (request) => {
    const target = `role:${request.params.name}`;
    const { access } = await permitted(request, 'role.update', target, 'roles.manage');
    const current = await deps.directory.role(request.params.name);
    if (!current) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such role');
    if (current.builtin) throw new SmartchatError('SC_ERR_FORBIDDEN', 'Built-in roles cannot be changed');
    // Neither narrowing a role wider than one's own (its holders are above the editor) nor widening one beyond it.
    editable(access, current);
    const next = { scope: request.body.scope ?? current.scope, permissions: request.body.permissions ?? [...current.permissions] };
    if (!canGrantRole(access, next)) throw new SmartchatError('SC_ERR_FORBIDDEN', 'You cannot give a role more rights than your own', { reason: 'role wider than the granter' });
    await deps.directory.updateRole(request.params.name, request.body);
    await audit(request, 'role.update', target, { before: { scope: current.scope, permissions: current.permissions }, after: next });
    await deps.changes.announce({ reason: 'role', allAgents: true });
    return (await deps.directory.roles()).find((role) => role.name.toLowerCase() === request.params.name.toLowerCase())!;
  });

  api.delete('/v1/roles/:name', { schema: { tags: ['access'], summary: 'Delete a custom role nobody holds (roles.manage)', params: roleParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    const target = `role:${request.params.name}`;
    const { access } = await permitted(request, 'role.delete', target, 'roles.manage');
    const current = await deps.directory.role(request.params.name);
    if (!current) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such role');
    if (current.builtin) throw new SmartchatError('SC_ERR_FORBIDDEN', 'Built-in roles cannot be deleted');
    editable(access, current);
    await deps.directory.deleteRole(request.params.name);
    await audit(request, 'role.delete', target);
    return reply.code(204).send(null);
  });

  // --- agents ------------------------------------------------------------------------------

  api.get('/v1/agents', { schema: { tags: ['access'], summary: 'The desk: every agent (for mentions and assignment)', response: { 200: z.object({ agents: z.array(agentSchema) }), ...errors } } }, async (request) => {
    auditAs(request, 'agent.list', null);
    await agentAccess(request);
    return { agents: await deps.directory.agents() };
  });

  api.post('/v1/agents', { schema: { tags: ['access'], summary: 'Create an agent (agents.manage)', body: createAgentInput, response: { 201: agentSchema, ...refusable } } }, async (request, reply) => {
    const { access } = await permitted(request, 'agent.create', `agent:${request.body.email}`, 'agents.manage');
    await grantable(access, request.body.role);
    if (request.body.teamIds.length > 0 && !access.permissions.has('teams.manage')) {
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Placing agents in teams needs the teams.manage permission', { missing: ['teams.manage'] });
    }
    const { password, ...rest } = request.body;
    await assertPasswordPolicy(password, { email: request.body.email }, 'password');
    // The admin knows this password: the agent sets their own at first sign-in.
    const agent = await deps.directory.createAgent({ ...rest, passwordHash: await hashPassword(password), mustChangePassword: true });
    await audit(request, 'agent.create', `agent:${agent.id}`, { email: agent.email, role: agent.role, teamIds: agent.teamIds });
    await record(agentEvent('agent.created', agent.id, actorOf(request.identity!), agentSettings(agent)));
    return reply.code(201).send(agent);
  });

  api.patch('/v1/agents/:id', { schema: { tags: ['access'], summary: 'Change an agent: name, role, capacity, teams, disabled (agents.manage)', params: idParams, body: updateAgentInput, response: { 200: agentSchema, ...refusable } } }, async (request) => {
    const target = `agent:${request.params.id}`;
    const { access } = await permitted(request, 'agent.update', target, 'agents.manage');
    const current = await deps.directory.agent(request.params.id);
    if (!current) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such agent');
    // Someone whose role you could not grant is above you: you cannot change them at all.
    const currentRole = await grantable(access, current.role);
    const nextRole = request.body.role !== undefined ? await grantable(access, request.body.role) : currentRole;
    if (request.body.teamIds !== undefined && !access.permissions.has('teams.manage')) {
      throw new SmartchatError('SC_ERR_FORBIDDEN', 'Changing teams needs the teams.manage permission', { missing: ['teams.manage'] });
    }
    const updated = await deps.directory.updateAgent(request.params.id, request.body);
    // A disabled account, or one whose role lost a right or scope it had, is signed out everywhere
    // at once (REST, sockets, handshakes): its sessions were opened with rights it no longer has.
    // A wider role applies to open sessions as they are.
    const demoted = !canGrantRole({ scope: nextRole.scope, permissions: new Set(nextRole.permissions) }, currentRole);
    const endSessions = request.body.disabled === true || (request.body.role !== undefined && demoted);
    if (endSessions) await deps.sessionEnding.endAllOf(request.params.id);
    await audit(request, 'agent.update', target, { before: pick(current, request.body), after: pick(updated, request.body), ...(endSessions ? { sessionsEnded: true } : {}) });
    const changed = changedFields(agentSettings(current), agentSettings(updated));
    if (changed) await record(agentEvent('agent.updated', request.params.id, actorOf(request.identity!), changed));
    await deps.changes.announce({ reason: request.body.role !== undefined ? 'role' : request.body.teamIds !== undefined ? 'teams' : 'agent', agents: [request.params.id] });
    // More capacity, assignment resumed or new teams: their queues may have work for this agent.
    if (request.body.capacity !== undefined || request.body.assignmentPaused === false || request.body.teamIds !== undefined) await deps.lifecycle.capacityAppeared(request.params.id, 'capacity');
    return updated;
  });

  api.put('/v1/agents/:id/status', { schema: { tags: ['access'], summary: 'Set online / away / offline (oneself, or agents.manage)', params: idParams, body: setAgentStatusInput, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    auditAs(request, 'agent.status', `agent:${request.params.id}`);
    const { identity, access } = await agentAccess(request);
    const someoneElse = identity.agentId !== request.params.id;
    if (someoneElse && !access.permissions.has('agents.manage')) throw new SmartchatError('SC_ERR_FORBIDDEN', "Only agents.manage sets someone else's status", { missing: ['agents.manage'] });
    const before = await deps.directory.agent(request.params.id);
    if (!before) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such agent');
    await deps.directory.setStatus(request.params.id, request.body.status);
    if (someoneElse) await audit(request, 'agent.status', `agent:${request.params.id}`, { before: before.status, after: request.body.status });
    // agent.status_changed announces presence (connected, then away or not): a chosen status
    // changes it only for an agent who is connected.
    await deps.settlePresence(request.params.id, actorOf(identity));
    // Back from "away": assignments resume.
    if (request.body.status !== 'away') await deps.lifecycle.capacityAppeared(request.params.id, 'resumed');
    return reply.code(204).send(null);
  });

  api.post(
    '/v1/agents/:id/password-reset',
    {
      schema: {
        tags: ['access'],
        summary: 'A one-time password reset link for an agent, valid 24 h, replacing earlier ones (agents.manage, for agents whose role you could grant)',
        params: idParams,
        response: { 201: passwordResetLinkResult, ...errors },
      },
    },
    async (request, reply) => {
      const target = `agent:${request.params.id}`;
      const { identity, access } = await permitted(request, 'agent.password_reset_link', target, 'agents.manage');
      const agent = await deps.directory.agent(request.params.id);
      if (!agent) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such agent');
      await grantable(access, agent.role);
      if (agent.disabled) throw new SmartchatError('SC_ERR_CONFLICT', 'This account is disabled; enable it first');
      const link = await deps.accounts.createResetLink(agent.id, `agent:${identity.agentId}`);
      // Never the token itself in the log.
      await audit(request, 'agent.password_reset_link', target, { expiresAt: link.expiresAt.toISOString() });
      // The token in the fragment: it never reaches a server log or a Referer header.
      const origin = deps.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send({ resetUrl: `${origin}/console/reset-password#token=${link.token}`, expiresAt: link.expiresAt.toISOString() });
    },
  );

  // --- teams -------------------------------------------------------------------------------

  api.get('/v1/teams', { schema: { tags: ['access'], summary: 'Teams and their members', response: { 200: z.object({ teams: z.array(teamSchema) }), ...errors } } }, async (request) => {
    auditAs(request, 'team.list', null);
    await agentAccess(request);
    return { teams: await deps.directory.teams() };
  });

  api.post('/v1/teams', { schema: { tags: ['access'], summary: 'Create a team (teams.manage)', body: createTeamInput, response: { 201: teamSchema, ...errors } } }, async (request, reply) => {
    await permitted(request, 'team.create', `team:${request.body.name}`, 'teams.manage');
    const team = await deps.directory.createTeam(request.body.name);
    await audit(request, 'team.create', `team:${team.id}`, { name: team.name });
    await record(teamEvent('team.created', team.id, actorOf(request.identity!), { name: team.name }));
    return reply.code(201).send(team);
  });

  api.patch('/v1/teams/:id', { schema: { tags: ['access'], summary: 'Rename a team (teams.manage)', params: idParams, body: createTeamInput, response: { 200: teamSchema, ...errors } } }, async (request) => {
    await permitted(request, 'team.update', `team:${request.params.id}`, 'teams.manage');
    const before = await deps.directory.team(request.params.id);
    if (!before) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such team');
    await deps.directory.renameTeam(request.params.id, request.body.name);
    await audit(request, 'team.update', `team:${request.params.id}`, { name: request.body.name });
    if (before.name !== request.body.name) await record(teamEvent('team.updated', request.params.id, actorOf(request.identity!), { name: request.body.name, previousName: before.name }));
    return (await deps.directory.team(request.params.id))!;
  });

  api.delete('/v1/teams/:id', { schema: { tags: ['access'], summary: 'Delete a team without conversations or support mailboxes (teams.manage)', params: idParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await permitted(request, 'team.delete', `team:${request.params.id}`, 'teams.manage');
    const team = await deps.directory.team(request.params.id);
    if (!team) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such team');
    await deps.directory.deleteTeam(request.params.id);
    await audit(request, 'team.delete', `team:${request.params.id}`, { name: team.name });
    await record(teamEvent('team.deleted', request.params.id, actorOf(request.identity!), { name: team.name }));
    await deps.changes.announce({ reason: 'teams', agents: team.memberIds });
    return reply.code(204).send(null);
  });

  api.put('/v1/teams/:id/members', { schema: { tags: ['access'], summary: "Replace a team's members (teams.manage)", params: idParams, body: setTeamMembersInput, response: { 200: teamSchema, ...refusable } } }, async (request) => {
    await permitted(request, 'team.members', `team:${request.params.id}`, 'teams.manage');
    const before = await deps.directory.team(request.params.id);
    if (!before) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such team');
    const changed = await deps.directory.setMembers(request.params.id, request.body.agentIds);
    await audit(request, 'team.members', `team:${request.params.id}`, { agentIds: request.body.agentIds, changed });
    if (changed.length > 0) {
      const members = new Set(request.body.agentIds);
      await record(
        teamEvent('team.members_changed', request.params.id, actorOf(request.identity!), {
          memberIds: [...members],
          added: changed.filter((agentId) => members.has(agentId)),
          removed: changed.filter((agentId) => !members.has(agentId)),
        }),
      );
    }
    await deps.changes.announce({ reason: 'teams', agents: changed });
    for (const agentId of changed) await deps.lifecycle.capacityAppeared(agentId, 'capacity');
    return (await deps.directory.team(request.params.id))!;
  });

  api.patch(
    '/v1/teams/:id/assignment',
    {
      schema: {
        tags: ['access'],
        summary: "How a team's queue is fed and served: topics, default team, pause, overflow, SLA, business hours, auto-close (teams.manage)",
        params: idParams,
        body: updateTeamAssignmentInput,
        response: { 200: teamSchema, ...refusable },
      },
    },
    async (request) => {
      const target = `team:${request.params.id}`;
      await permitted(request, 'team.assignment', target, 'teams.manage');
      const before = await deps.directory.team(request.params.id);
      if (!before) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such team');
      if (request.body.overflowTeamId && !(await deps.directory.team(request.body.overflowTeamId))) {
        throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such team', [{ path: 'overflowTeamId', message: 'unknown team' }]);
      }
      // The shape was checked with the body; whether the week makes sense (intervals that open
      // before they close, do not overlap, some open time at all) is a rule the document names.
      const hours = request.body.businessHours;
      const problems = hours ? businessHoursProblems(hours) : [];
      if (problems.length > 0) {
        throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'These business hours make no week', problems.map((problem) => ({ path: `body.businessHours.${problem.path}`, message: problem.message })));
      }
      await deps.directory.updateTeamAssignment(request.params.id, request.body);
      const after = (await deps.directory.team(request.params.id))!;
      await audit(request, 'team.assignment', target, { before: pick(before.assignment, request.body), after: pick(after.assignment, request.body) });
      const changed = changedFields(before.assignment, after.assignment);
      if (changed) await record(teamEvent('team.assignment_changed', request.params.id, actorOf(request.identity!), changed));
      // Resumed, widened or re-timed: serve the queue under the new rules.
      await deps.lifecycle.serveTeam(request.params.id);
      return after;
    },
  );

  // --- mentions ----------------------------------------------------------------------------

  api.get(
    '/v1/mentions',
    { schema: { tags: ['access'], summary: 'Where the caller was @mentioned, newest first', querystring: z.object({ limit: wholeNumber(1, 200).default(50) }), response: { 200: z.object({ mentions: z.array(mentionSchema) }), ...errors } } },
    async (request) => {
      auditAs(request, 'mention.list', null);
      const { identity } = await agentAccess(request);
      return { mentions: await deps.mentions.list(identity.agentId, request.query.limit) };
    },
  );

  // --- audit -------------------------------------------------------------------------------

  api.get('/v1/audit', { schema: { tags: ['access'], summary: 'The audit log, newest first, filterable (audit.view)', querystring: auditQuery, response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...errors } } }, async (request) => {
    await permitted(request, 'audit.list', null, 'audit.view');
    return { entries: await deps.audit.list(request.query) };
  });
}

/** What an agent event says about the agent. */
function agentSettings(agent: Agent): AgentSettings {
  return { name: agent.name, role: agent.role, capacity: agent.capacity, timeZone: agent.timeZone, teamIds: agent.teamIds, disabled: agent.disabled, assignmentPaused: agent.assignmentPaused };
}

/** The fields whose values differ, before and after; null when none does. */
function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const keys = (Object.keys(after) as (keyof T)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>, after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T> };
}

function pick(agent: Record<string, unknown>, changed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changed).map((key) => [key, agent[key]]));
}
