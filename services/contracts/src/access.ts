// The access model's API shapes: roles, agents, teams, the audit log, and the socket events that
// tell a client its access changed. Permission and scope names come from @smartchat/core's catalogue.
import { PERMISSIONS, SCOPES } from '@smartchat/core';
import { z } from 'zod';
import { newPasswordSchema } from './auth.js';
import { documented, instant, nonBlankText, timeZoneSchema, uuidSet, wholeNumber } from './input-values.js';

export const permissionNames = PERMISSIONS;
export const permissionSchema = z.enum(permissionNames);
export const scopeSchema = z.enum(SCOPES);

/** Letters, digits, space, dot, underscore and dash, starting with a letter or digit and not ending in a space. */
const roleName = z
  .string()
  .max(64)
  .regex(/^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}._-])?$/u, 'letters, digits, space, dot, underscore and dash, from a letter or digit, not ending in a space');

export const roleSchema = z.object({
  name: z.string(),
  builtin: z.boolean(),
  description: z.string(),
  scope: scopeSchema,
  permissions: z.array(permissionSchema),
});
export type Role = z.infer<typeof roleSchema>;

export const createRoleInput = z.strictObject({
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

/** A role by name (a built-in or a custom one; an unknown name is SC_ERR_UNPROCESSABLE). */
const roleRef = z.string().min(1).max(64);

export const createAgentInput = z.strictObject({
  email: z.email().max(254),
  name: nonBlankText(200),
  /** The policy's rules apply (see newPasswordSchema). */
  password: newPasswordSchema,
  role: roleRef.default('agent'),
  capacity: z.number().int().min(0).max(100).default(5),
  timeZone: timeZoneSchema.default('Europe/Moscow'),
  teamIds: uuidSet(100).default([]),
});
export const updateAgentInput = z
  .strictObject({
    name: nonBlankText(200),
    role: roleRef,
    capacity: z.number().int().min(0).max(100),
    timeZone: timeZoneSchema,
    teamIds: uuidSet(100),
    disabled: z.boolean(),
    assignmentPaused: z.boolean(),
  })
  .partial();
export const setAgentStatusInput = z.strictObject({ status: agentStatusSchema });

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TIME_OF_DAY = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
/**
 * An open interval, [opens, closes] as HH:MM (closing at 24:00 is midnight). The document shows it
 * as a list of exactly two times rather than a tuple, which not every reader of OpenAPI 3.1 takes.
 */
const openInterval = documented(z.tuple([z.string().regex(TIME_OF_DAY, 'must be HH:MM, 00:00 to 24:00'), z.string().regex(TIME_OF_DAY, 'must be HH:MM, 00:00 to 24:00')]), {
  replace: { type: 'array', items: { type: 'string', pattern: TIME_OF_DAY.source }, minItems: 2, maxItems: 2 },
});
const storedInterval = documented(z.tuple([z.string(), z.string()]), { replace: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 } });
/**
 * Open hours per weekday in a time zone, e.g. {"timeZone": "Europe/Moscow", "days": {"mon": [["09:00", "18:00"]]}}.
 * Beyond this shape the week must make sense (each interval opens before it closes, so not at
 * 24:00, intervals of a day do not overlap, some day is open): the server checks that with businessHoursProblems of
 * @smartchat/core and refuses a week that does not with SC_ERR_UNPROCESSABLE.
 */
export const businessHoursInput = z.strictObject({
  timeZone: timeZoneSchema,
  days: z.partialRecord(z.enum(weekdays), z.array(openInterval).max(8)),
});
/** Business hours as stored (written through businessHoursInput). */
export const businessHoursSchema = z.object({
  timeZone: z.string(),
  days: z.partialRecord(z.enum(weekdays), z.array(storedInterval)),
});
const minutes = () => z.number().int().min(1).max(30 * 24 * 60).nullable();
/** How a team's queue is fed and served. */
export const teamAssignmentSchema = z.object({
  /** New customer conversations with one of these topics go to this team. */
  topics: z.array(z.string()),
  /** New conversations no team's topics matched go to the default team (at most one). */
  isDefault: z.boolean(),
  assignmentPaused: z.boolean(),
  overflowTeamId: z.uuid().nullable(),
  overflowAfterMinutes: z.number().int().nullable(),
  firstResponseMinutes: z.number().int().nullable(),
  nextResponseMinutes: z.number().int().nullable(),
  businessHours: businessHoursSchema.nullable(),
  autoCloseAfterMinutes: z.number().int().nullable(),
  /** Closing a customer conversation of this team asks its customer for a rating (CSAT). */
  csatEnabled: z.boolean(),
});
export type TeamAssignment = z.infer<typeof teamAssignmentSchema>;
/**
 * A change of a team's assignment settings: any of them. overflowTeamId and overflowAfterMinutes go
 * together, except that overflowTeamId null (no overflow) needs no minutes.
 */
export const updateTeamAssignmentInput = documented(
  z
    .strictObject({
      topics: z.array(nonBlankText(200)).max(100),
      isDefault: z.boolean(),
      assignmentPaused: z.boolean(),
      overflowTeamId: z.uuid().nullable(),
      overflowAfterMinutes: minutes(),
      firstResponseMinutes: minutes(),
      nextResponseMinutes: minutes(),
      businessHours: businessHoursInput.nullable(),
      autoCloseAfterMinutes: minutes(),
      csatEnabled: z.boolean(),
    })
    .partial()
    .refine((input) => (input.overflowTeamId === undefined) === (input.overflowAfterMinutes === undefined) || input.overflowTeamId === null, {
      message: 'overflowTeamId and overflowAfterMinutes go together',
    }),
  {
    add: {
      allOf: [
        {
          anyOf: [
            { not: { anyOf: [{ required: ['overflowTeamId'] }, { required: ['overflowAfterMinutes'] }] } },
            { required: ['overflowTeamId', 'overflowAfterMinutes'] },
            { required: ['overflowTeamId'], properties: { overflowTeamId: { type: 'null' } } },
          ],
        },
      ],
    },
  },
);

export const teamSchema = z.object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()), assignment: teamAssignmentSchema });
export type Team = z.infer<typeof teamSchema>;
export const createTeamInput = z.strictObject({ name: nonBlankText(100) });
export const setTeamMembersInput = z.strictObject({ agentIds: uuidSet(1000) });

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
  // A year before 1970 cannot match an entry anyway.
  from: instant().optional(),
  to: instant().optional(),
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
