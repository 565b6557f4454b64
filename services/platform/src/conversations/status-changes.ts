// How a conversation changes status: open, snoozed, closed. The one place that does it. Every
// change asks the core state machine (`transition`, `actionsOutcomes`), writes the status with the
// columns that go with it (`statusColumns`, the same SQL for one conversation and for a delivery
// batch), and writes the event the machine names, with its actor and time, in the same
// transaction; a close also asks the customer for a rating (csat-requests.ts). Callers: an
// agent's snooze, close and reopen (chat's lifecycle.ts), the balancer's snooze timer and
// auto-close, and delivered messages (message-bookkeeping.ts, batched).
import { SmartchatError, type ConversationEvent, type EventActor } from '@smartchat/contracts';
import { transition, type ConversationAction, type ConversationEvent as StatusEventName, type ConversationStatus } from '@smartchat/core';
import { requestCsatSurvey } from './csat-requests.js';
import { conversationEvent, writeOutbox, type Queryable } from './outbox.js';

/**
 * What entering the status `next` from the stored `c.status` at `at` does to the row (SQL
 * expressions; `until` is the snooze's end, NULL otherwise): the time it closed, the latest reopen,
 * the snooze's end, the cycle (a reopen starts the next: its close asks for a new rating), and
 * the queue place, which only an open conversation keeps (the balancer
 * decides whether a woken or reopened one queues). Used by `changeStatus` below and by the delivery
 * batch's statement (message-bookkeeping.ts), so that a status is never written beside this rule.
 */
export function statusColumns(sql: { next: string; at: string; until: string }): string {
  const { next, at, until } = sql;
  return `status = ${next},
         snoozed_until = CASE WHEN ${next} = 'snoozed' THEN COALESCE(${until}, c.snoozed_until) END,
         closed_at = CASE WHEN ${next} <> 'closed' THEN NULL WHEN c.status = 'closed' THEN c.closed_at ELSE ${at} END,
         reopened_at = CASE WHEN c.status = 'closed' AND ${next} <> 'closed' THEN ${at} ELSE c.reopened_at END,
         cycle = CASE WHEN c.status = 'closed' AND ${next} <> 'closed' THEN c.cycle + 1 ELSE c.cycle END,
         queued_at = CASE WHEN ${next} = 'open' THEN c.queued_at END`;
}

const UPDATE_STATUS = `UPDATE conversations c SET ${statusColumns({ next: '$2::text', at: '$3::timestamptz', until: '$4::timestamptz' })}, updated_at = now() WHERE c.id = $1`;

export interface StatusChangeContext {
  actor: EventActor;
  now: Date;
  /** `snooze`: when it wakes. */
  until?: Date;
  /** `close`: an agent's, or the auto-close timer's. */
  closedBy?: 'agent' | 'auto_close';
  /** A message that made the change (customer_message, note); the event's id derives from it. */
  messageId?: string | null;
}

export interface StatusChange {
  status: ConversationStatus;
  event: ConversationEvent | null;
  /** The survey a close put to the customer, if it did (csat-requests.ts). */
  csatSurveyId: string | null;
}

/**
 * Applies `action` to a conversation whose row the caller locked (`SELECT ... FOR UPDATE`) in the
 * transaction `db`. A refused transition throws the machine's error (SC_ERR_CONVERSATION_*) and
 * changes nothing.
 */
export async function changeStatus(
  db: Queryable,
  row: { id: string; status: ConversationStatus; assigneeId: string | null },
  action: ConversationAction,
  context: StatusChangeContext,
): Promise<StatusChange> {
  const step = transition(row.status, action, { now: context.now, ...(context.until ? { until: context.until } : {}) });
  if (!step.ok) throw new SmartchatError(step.code, step.message);
  if (step.status !== row.status) await db.query(UPDATE_STATUS, [row.id, step.status, context.now, context.until ?? null]);
  const event = step.event && statusEvent(step.event, action, row.id, row.assigneeId, context);
  if (event) await writeOutbox(db, [event]);
  // A close asks the customer for a rating (when its team does), in this same transaction.
  const csatSurveyId =
    event?.type === 'conversation.closed' ? await requestCsatSurvey(db, { conversationId: row.id, actor: context.actor, assigneeId: row.assigneeId, closedHow: context.closedBy ?? 'agent', at: context.now }) : null;
  return { status: step.status, event, csatSurveyId };
}

/**
 * The event of a status change, from the machine's event name and the action that caused it.
 * `assigneeId` is the assignee at that moment (a delivery batch fills it in SQL from the locked row).
 */
export function statusEvent(type: StatusEventName, action: ConversationAction, conversationId: string, assigneeId: string | null, context: StatusChangeContext): ConversationEvent {
  const { actor, now } = context;
  const messageId = context.messageId ?? null;
  const eventId = messageId === null ? undefined : `${type}:${messageId}`;
  switch (type) {
    case 'conversation.snoozed':
      return conversationEvent(type, conversationId, actor, { until: context.until!.toISOString(), assigneeId }, now, eventId);
    case 'conversation.woken':
      return conversationEvent(type, conversationId, actor, { by: action === 'wake' ? 'timer' : action === 'note' ? 'note' : 'customer_message', messageId, assigneeId }, now, eventId);
    case 'conversation.closed':
      return conversationEvent(type, conversationId, actor, { by: context.closedBy ?? 'agent', assigneeId }, now, eventId);
    case 'conversation.reopened':
      return conversationEvent(type, conversationId, actor, { by: action === 'reopen' ? 'agent' : 'customer_message', messageId, assigneeId }, now, eventId);
  }
}

