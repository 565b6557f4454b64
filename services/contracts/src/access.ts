// The access model's API shapes: roles, agents, teams, the audit log, and the socket events that
// tell a client its access changed. Permission and scope names come from @smartchat/core's catalogue.
import { businessHoursProblems, isValidTimeZone, PERMISSIONS, SCOPES } from '@smartchat/core';
import { z } from 'zod';
import { uuidSet, wholeNumber } from './input-values.js';

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
  /** Auto-assignment paused for this agent. */
  assignmentPaused: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

/** An IANA time zone this runtime knows (snoozes and business hours are computed in it). */
const timeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, 'must be an IANA time zone, e.g. Europe/Moscow');

export const createAgentInput = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(1024),
  role: z.string().min(1).max(64).default('agent'),
  capacity: z.number().int().min(0).max(100).default(5),
  timeZone: timeZoneSchema.default('Europe/Moscow'),
  teamIds: uuidSet(100).default([]),
});
export const updateAgentInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.string().min(1).max(64),
    capacity: z.number().int().min(0).max(100),
    timeZone: timeZoneSchema,
    teamIds: uuidSet(100),
    disabled: z.boolean(),
    assignmentPaused: z.boolean(),
  })
  .partial();
export const setAgentStatusInput = z.object({ status: agentStatusSchema });

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Open hours per weekday in a time zone, e.g. {"timeZone": "Europe/Moscow", "days": {"mon": [["09:00", "18:00"]]}}. */
export const businessHoursSchema = z
  .object({
    timeZone: z.string().min(1).max(64),
    days: z.partialRecord(z.enum(weekdays), z.array(z.tuple([z.string(), z.string()])).max(8)),
  })
  .superRefine((hours, context) => {
    for (const problem of businessHoursProblems(hours)) context.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
  });
const minutes = () => z.number().int().min(1).max(30 * 24 * 60).nullable();
/** How a team's queue is fed and served. */
export const teamAssignmentSchema = z.object({
  /** New customer conversations with one of these topics go to this team. */
  topics: z.array(z.string().trim().min(1).max(200)).max(100),
  /** New conversations no team's topics matched go to the default team (at most one). */
  isDefault: z.boolean(),
  assignmentPaused: z.boolean(),
  overflowTeamId: z.uuid().nullable(),
  overflowAfterMinutes: minutes(),
  firstResponseMinutes: minutes(),
  nextResponseMinutes: minutes(),
  businessHours: businessHoursSchema.nullable(),
  autoCloseAfterMinutes: minutes(),
});
export type TeamAssignment = z.infer<typeof teamAssignmentSchema>;
export const updateTeamAssignmentInput = teamAssignmentSchema
  .partial()
  .refine((input) => (input.overflowTeamId === undefined) === (input.overflowAfterMinutes === undefined) || input.overflowTeamId === null, {
    message: 'overflowTeamId and overflowAfterMinutes go together',
  });

export const teamSchema = z.object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()), assignment: teamAssignmentSchema });
export type Team = z.infer<typeof teamSchema>;
export const createTeamInput = z.object({ name: z.string().trim().min(1).max(100) });
export const setTeamMembersInput = z.object({ agentIds: uuidSet(1000) });

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
  // Postgres timestamps start at 4713 BC; a year before 1970 cannot match an entry anyway.
  from: z.iso.datetime().refine((value) => Date.parse(value) >= 0, 'must be 1970 or later').optional(),
  to: z.iso.datetime().refine((value) => Date.parse(value) >= 0, 'must be 1970 or later').optional(),
  /** Page backwards: entries with an id below this one. */
  before: wholeNumber(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumber(1, 500).default(100),
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

/**
 * Sent to an agent's sockets when what they may see changed: their lists should reload. `resync`:
 * the chat process may have missed announcements (its Redis subscription was lost for a while) and
 * re-checked every agent socket.
 */
export interface AccessChangedEvent {
  reason: 'role' | 'teams' | 'conversation' | 'mention' | 'agent' | 'resync';
}
/** A conversation became visible (mention, assignment, team) or stopped being visible. */
export interface ConversationAccessEvent {
  conversationId: string;
}

/** An access change announced on ACCESS_CHANNEL (chat pods and balancers announce; chat pods apply). */
export const accessAnnouncementSchema = z.object({
  reason: z.enum(['role', 'teams', 'conversation', 'mention', 'agent']),
  /** Every agent (a role's definition changed): forget all cached access. */
  allAgents: z.boolean().default(false),
  agents: z.array(z.string()).default([]),
  conversations: z.array(z.string()).default([]),
  grants: z
    .array(z.object({ agentId: z.string(), conversationId: z.string(), mention: z.object({ messageId: z.string(), by: z.object({ id: z.string(), name: z.string() }) }).optional() }))
    .default([]),
});
export type AccessAnnouncement = z.input<typeof accessAnnouncementSchema>;
