// The access model's API shapes: roles, agents, teams, the audit log, and the socket events that
// tell a client its access changed. Permission and scope names come from @smartchat/core's catalogue.
import { PERMISSIONS, SCOPES } from '@smartchat/core';
import { z } from 'zod';

export const permissionNames = PERMISSIONS;
export const permissionSchema = z.enum(permissionNames);
export const scopeSchema = z.enum(SCOPES);

const roleName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, space, dot, underscore and dash');

export const roleSchema = z.object({
  name: z.string(),
  builtin: z.boolean(),
  description: z.string(),
  scope: scopeSchema,
  permissions: z.array(permissionSchema),
});
export type Role = z.infer<typeof roleSchema>;

export const createRoleInput = z.object({
  name: roleName,
  description: z.string().max(500).default(''),
  scope: scopeSchema,
  permissions: z.array(permissionSchema).max(permissionNames.length),
});
export const updateRoleInput = createRoleInput.omit({ name: true }).partial();

export const agentStatusSchema = z.enum(['online', 'away', 'offline']);

export const agentSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  status: agentStatusSchema,
  capacity: z.number().int(),
  timeZone: z.string(),
  teamIds: z.array(z.uuid()),
  disabled: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

export const createAgentInput = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(1024),
  role: z.string().min(1).max(64).default('agent'),
  capacity: z.number().int().min(0).max(100).default(5),
  timeZone: z.string().min(1).max(64).default('Europe/Moscow'),
  teamIds: z.array(z.uuid()).max(100).default([]),
});
export const updateAgentInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.string().min(1).max(64),
    capacity: z.number().int().min(0).max(100),
    timeZone: z.string().min(1).max(64),
    teamIds: z.array(z.uuid()).max(100),
    disabled: z.boolean(),
  })
  .partial();
export const setAgentStatusInput = z.object({ status: agentStatusSchema });

export const teamSchema = z.object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()) });
export type Team = z.infer<typeof teamSchema>;
export const createTeamInput = z.object({ name: z.string().trim().min(1).max(100) });
export const setTeamMembersInput = z.object({ agentIds: z.array(z.uuid()).max(1000) });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  target: z.string().max(200).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Page backwards: entries with an id below this one. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const mentionSchema = z.object({
  conversationId: z.uuid(),
  messageId: z.string(),
  by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  at: z.string(),
  topic: z.string().nullable(),
});
export type Mention = z.infer<typeof mentionSchema>;

/** Sent to the mentioned agent's sockets. */
export interface MentionEvent {
  conversationId: string;
  messageId: string;
  by: { id: string; name: string };
}

/** Sent to an agent's sockets when what they may see changed: their lists should reload. */
export interface AccessChangedEvent {
  reason: 'role' | 'teams' | 'conversation' | 'mention' | 'agent';
}
/** A conversation became visible (mention, assignment, team) or stopped being visible. */
export interface ConversationAccessEvent {
  conversationId: string;
}
