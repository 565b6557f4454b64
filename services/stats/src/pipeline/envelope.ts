// What a record on the events topic must be before the pipeline stores it: JSON, a known `type` at
// the `version` this code reads (domainEventVersions), and the envelope every event has. Anything
// else is a dead letter with one of these reasons; `data` is read by the derivation, not here.
import { domainEventVersions, type DomainEvent, type DomainEventType } from '@smartchat/contracts';
import { z } from 'zod';

export const deadLetterReasons = ['not_json', 'not_an_event', 'unknown_type', 'unknown_version', 'unstorable', 'derivation_failed'] as const;
/**
 * not_json: the value is not JSON (or empty). not_an_event: JSON, but no type, or an envelope field
 * is missing or wrong. unknown_type / unknown_version: a type or version this code does not read.
 * unstorable: PostgreSQL refused its values (e.g. a NUL character). derivation_failed: the event is
 * kept in raw_events but its subject's facts could not be derived (a rebuild after the fix applies it).
 */
export type DeadLetterReason = (typeof deadLetterReasons)[number];

// Occurrence times outside this range are someone's mistake, and each distinct month would get a
// partition of its own.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST_AHEAD_MS = 24 * 3_600_000;

const envelopeSchema = z.object({
  eventId: z.string().min(1).max(200),
  type: z.string(),
  version: z.number().int(),
  occurredAt: z.string().refine((value) => {
    const time = Date.parse(value);
    return time >= EARLIEST && time <= Date.now() + LATEST_AHEAD_MS;
  }, 'must be an ISO 8601 time after 2000 and not in the future'),
  actor: z.object({ type: z.enum(['customer', 'agent', 'system', 'backoffice']), id: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
});

// The subject each event names (its Kafka key, as domainEventKey gives it): read by type, so that
// an agent event with a stray conversationId is still the agent's.
const subjectField = (type: DomainEventType): 'conversationId' | 'agentId' | 'teamId' =>
  type.startsWith('agent.') ? 'agentId' : type.startsWith('team.') ? 'teamId' : 'conversationId';

export type ParsedRecord = { ok: true; event: DomainEvent; subjectId: string; occurredAt: Date } | { ok: false; reason: DeadLetterReason; detail: string };

export function parseEventRecord(value: Buffer | string | null): ParsedRecord {
  const text = value === null ? '' : value.toString();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not_json', detail: (error as Error).message };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || typeof (json as { type?: unknown }).type !== 'string') {
    return { ok: false, reason: 'not_an_event', detail: 'not an object with a string "type"' };
  }
  const type = (json as { type: string }).type;
  if (!Object.hasOwn(domainEventVersions, type)) return { ok: false, reason: 'unknown_type', detail: `unknown type "${type.slice(0, 100)}"` };
  const known = type as DomainEventType;
  const version = (json as { version?: unknown }).version;
  if (version !== domainEventVersions[known]) {
    return { ok: false, reason: 'unknown_version', detail: `${known} version ${String(version).slice(0, 20)}; this code reads version ${domainEventVersions[known]}` };
  }
  const field = subjectField(known);
  const parsed = envelopeSchema.extend({ [field]: z.string().min(1).max(200) }).safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: 'not_an_event', detail: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ') };
  }
  // The record as it came (unknown fields included: a newer producer may add some), so that the
  // stored payload is the event itself.
  const event = json as DomainEvent;
  return { ok: true, event, subjectId: (parsed.data as Record<string, string>)[field]!, occurredAt: new Date(Date.parse(event.occurredAt)) };
}

/** Conversation-scoped events (conversation.*, message.*, sla.*, csat.*) feed the conversation's facts. */
export type SubjectKind = 'conversation' | 'presence' | 'agent' | 'team';

export function subjectKindOf(type: DomainEventType): SubjectKind {
  if (type === 'agent.status_changed') return 'presence';
  if (type.startsWith('agent.')) return 'agent';
  if (type.startsWith('team.')) return 'team';
  return 'conversation';
}
