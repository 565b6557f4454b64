// Macros (canned replies). Every agent reads the shared ones and their own; anyone writes their own
// personal macros; shared ones are created, changed and deleted with macros.manage. Another agent's
// personal macro answers "not found", like a missing one. Changes are audited, refusals too.
import { createMacroInput, macroSchema, SmartchatError, updateMacroInput, type Macro } from '@smartchat/contracts';
import type { AgentAccess } from '@smartchat/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { MacroStore } from '../store/macros.js';
import { requireAgent } from './auth-plugin.js';
import { auditAs, errorResponseSchema } from './errors.js';

export interface MacroRouteDeps {
  access: AccessStore;
  macros: MacroStore;
  audit: AuditLog;
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema };
const idParams = z.object({ id: z.uuid() });

export function registerMacroRoutes(app: FastifyInstance, deps: MacroRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const caller = async (request: FastifyRequest): Promise<AgentAccess> => {
    const access = await deps.access.agentAccess(requireAgent(request).agentId);
    if (!access) throw new SmartchatError('SC_ERR_AUTH_SESSION_REVOKED', 'This agent account is disabled');
    return access;
  };
  const audit = (request: FastifyRequest, action: string, target: string, details: Record<string, unknown>) =>
    deps.audit.record({ actor: auditActor(request.identity), action, target, outcome: 'ok', ip: request.ip, details });
  /** Shared macros are the desk's: touching one needs macros.manage (a refusal is audited by the error handler). */
  const mayManageShared = (request: FastifyRequest, access: AgentAccess, action: string, target: string) => {
    if (access.permissions.has('macros.manage')) return;
    auditAs(request, action, target);
    throw new SmartchatError('SC_ERR_FORBIDDEN', 'Shared macros need the macros.manage permission', { missing: ['macros.manage'] });
  };
  /** A macro the caller may see: shared, or their own. */
  const visible = async (access: AgentAccess, id: string): Promise<Macro> => {
    const macro = await deps.macros.get(id);
    if (!macro || (!macro.shared && macro.ownerId !== access.agentId)) throw new SmartchatError('SC_ERR_NOT_FOUND', 'No such macro');
    return macro;
  };

  api.get('/v1/macros', { schema: { tags: ['macros'], summary: 'The shared macros and your own', response: { 200: z.object({ macros: z.array(macroSchema) }), ...errors } } }, async (request) => {
    const access = await caller(request);
    return { macros: await deps.macros.list(access.agentId) };
  });

  api.post(
    '/v1/macros',
    { schema: { tags: ['macros'], summary: 'Create a personal macro, or a shared one (macros.manage)', body: createMacroInput, response: { 201: macroSchema, ...errors } } },
    async (request, reply) => {
      const access = await caller(request);
      if (request.body.shared) mayManageShared(request, access, 'macro.create', `macro:${request.body.name}`);
      const macro = await deps.macros.create({ ...request.body, ownerId: access.agentId });
      await audit(request, 'macro.create', `macro:${macro.id}`, { name: macro.name, shared: macro.shared });
      return reply.code(201).send(macro);
    },
  );

  api.patch(
    '/v1/macros/:id',
    {
      schema: {
        tags: ['macros'],
        summary: 'Change a macro: your own, or a shared one (macros.manage); shared: true shares yours, shared: false makes a shared one yours (both macros.manage)',
        params: idParams,
        body: updateMacroInput,
        response: { 200: macroSchema, ...errors },
      },
    },
    async (request) => {
      const access = await caller(request);
      const target = `macro:${request.params.id}`;
      const before = await visible(access, request.params.id);
      if (before.shared || request.body.shared === true) mayManageShared(request, access, 'macro.update', target);
      const after = await deps.macros.update(request.params.id, request.body, access.agentId);
      const changed = Object.keys(request.body) as (keyof typeof request.body)[];
      await audit(request, 'macro.update', target, {
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return after;
    },
  );

  api.delete(
    '/v1/macros/:id',
    { schema: { tags: ['macros'], summary: 'Delete your own macro, or a shared one (macros.manage)', params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const access = await caller(request);
      const target = `macro:${request.params.id}`;
      const macro = await visible(access, request.params.id);
      if (macro.shared) mayManageShared(request, access, 'macro.delete', target);
      await deps.macros.delete(macro.id);
      await audit(request, 'macro.delete', target, { name: macro.name, shared: macro.shared });
      return reply.code(204).send(null);
    },
  );
}
