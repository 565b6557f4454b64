// How a conversation moves, from the agents' side: opened (routed to a team by topic and queued
// for assignment), assigned or transferred by hand, prioritised, snoozed, closed and reopened.
// Each change is one transaction that also writes its domain events (the outbox), then tells the
// balancer (a job) and open consoles (an access announcement). Status changes go through
// platform's `changeStatus` (the core state machine), as the balancer's and the delivery
// consumer's do. The balancer does the automatic side (services/balancer); both count an agent's
// load under the same row lock.
import { SmartchatError, type Conversation, type ConversationEvent, type Identity, type ReplyExpectationBody, type RouteConversationInput, type SnoozeConversationInput } from '@smartchat/contracts';
import { effectivePriority, hasPermission, replyExpectation, snoozePresetUntil, type BusinessHours, type Permission } from '@smartchat/core';
import { actorOf, balancerJobId, changeStatus, conversationEvent, inTransaction, jobPriority, lockAgentLoad, writeOutbox, type BalancerQueue, type Logger, type PgPool } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { AccessChanges } from '../access/access-changes.js';
import type { AccessStore } from '../access/access-store.js';
import { auditActor, type AuditLog } from '../access/audit-log.js';
import type { ConversationStore } from '../store/conversations.js';
import type { CustomerOpenLimit } from './open-limit.js';

interface LockedRow {
  status: Conversation['status'];
  assignee_id: string | null;
  team_id: string | null;
  queued_at: Date | null;
  priority: number;
  trip_departs_at: Date | null;
}

type Actor = ConversationEvent['actor'];

export class ConversationLifecycle {
  constructor(
    private readonly options: { pg: PgPool; conversations: ConversationStore; access: AccessStore; changes: AccessChanges; audit: AuditLog; queue: BalancerQueue; logger: Logger; openLimit?: CustomerOpenLimit },
  ) {}

  /**
   * A customer opens a conversation: it goes to the team whose topics match (or the default team)
   * and into its queue. With a requestId (the first message's clientMessageId) opening is
   * idempotent: a retried request gets the conversation the first one opened. Only a conversation
   * actually opened counts against the customer's limit, so a retry is never refused for it.
   */
  async open(
    customerId: string,
    input: {
      topic: string;
      channel: 'widget' | 'email' | 'api';
      requestId?: string;
      /** Routed to this team rather than by topic (an e-mail conversation goes to its mailbox's team). */
      teamId?: string;
      /** The e-mail subject. */
      subject?: string;
      /** Runs in the opening's transaction, only when this call opens it (the e-mail channel's own record). */
      alsoWrite?: (client: PoolClient, conversationId: string) => Promise<void>;
      /**
       * Opened by an integration rather than by the customer (a trip event): its actor in the
       * events, not counted against the customer's own limit of openings, optionally internal
       * (agents only), with the trip's departure time instead of the customer's.
       */
      onBehalf?: { actor: Actor; internal: boolean; tripDepartsAt: Date | null };
    },
  ): Promise<Conversation> {
    const opened = await this.transaction(async (client) => {
      const id = randomUUID();
      if (input.requestId !== undefined) {
        // Claimed first: a concurrent retry waits here for this transaction, then finds its conversation.
        const { rowCount } = await client.query(
          `INSERT INTO conversation_open_requests (customer_id, client_message_id, conversation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [customerId, input.requestId, id],
        );
        if (rowCount === 0) {
          const { rows } = await client.query<{ conversation_id: string }>(
            `SELECT conversation_id FROM conversation_open_requests WHERE customer_id = $1 AND client_message_id = $2`,
            [customerId, input.requestId],
          );
          return { id: rows[0]!.conversation_id, created: undefined };
        }
      }
      // A refusal rolls the request's claim back with the transaction: a later retry may open it.
      if (!input.onBehalf) await this.options.openLimit?.take(customerId);
      const internal = input.onBehalf?.internal ?? false;
      const channel = internal ? 'internal' : input.channel;
      const { rows } = await client.query<{ id: string; team_id: string | null; queued_at: Date | null; priority: number; trip_departs_at: Date | null }>(
        `WITH routed AS (
           SELECT COALESCE((SELECT id FROM teams WHERE id = $5::uuid), (SELECT id FROM teams WHERE $3::citext = ANY(topics) ORDER BY name LIMIT 1), (SELECT id FROM teams WHERE is_default)) AS team_id)
         INSERT INTO conversations (id, customer_id, channel, internal, topic, team_id, queued_at, trip_departs_at, subject)
         SELECT $4, $1, $2, $7, $3, routed.team_id, CASE WHEN routed.team_id IS NOT NULL THEN now() END,
                CASE WHEN $8 THEN $9::timestamptz ELSE (SELECT trip_departs_at FROM customers WHERE id = $1) END, $6
           FROM routed
         RETURNING id, team_id, queued_at, priority, trip_departs_at`,
        [customerId, channel, input.topic, id, input.teamId ?? null, input.subject ?? null, internal, input.onBehalf !== undefined, input.onBehalf?.tripDepartsAt ?? null],
      );
      const row = rows[0]!;
      const actor: Actor = input.onBehalf?.actor ?? { type: 'customer', id: customerId };
      const events: ConversationEvent[] = [
        conversationEvent('conversation.created', row.id, actor, {
          channel,
          customerId,
          internal,
          topic: input.topic,
          teamId: row.team_id,
          priority: row.priority,
          tripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
        }),
      ];
      if (row.team_id && row.queued_at) events.push(this.queuedEvent(row.id, actor, row, row.team_id, row.queued_at, 'new'));
      await writeOutbox(client, events);
      await input.alsoWrite?.(client, row.id);
      return { id: row.id, created: row };
    });
    const teamId = opened.created?.team_id;
    if (opened.created && teamId) {
      const priority = effectivePriority({ priority: opened.created.priority, tripDepartsAt: opened.created.trip_departs_at }, new Date());
      await this.tellBalancer(() => this.options.queue.add('match', { teamId, reason: 'queued' }, { priority: jobPriority(priority) }));
    }
    const conversation = await this.options.conversations.get(opened.id);
    // A conversation opened by the same request and since removed: nothing to return to.
    if (!conversation) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return conversation;
  }

  /** What a customer may expect from team `teamId` now (its opening hours and first-response target); null without a team. */
  async replyExpectation(teamId: string | null): Promise<ReplyExpectationBody | null> {
    if (!teamId) return null;
    const { rows } = await this.options.pg.query<{ business_hours: BusinessHours | null; first_response_minutes: number | null }>(
      'SELECT business_hours, first_response_minutes FROM teams WHERE id = $1',
      [teamId],
    );
    if (!rows[0]) return null;
    try {
      const found = replyExpectation(new Date(), rows[0].business_hours, rows[0].first_response_minutes);
      return { open: found.open, replyBy: found.replyBy?.toISOString() ?? null, opensAt: found.opensAt?.toISOString() ?? null };
    } catch (error) {
      // A schedule the core cannot use (never saved through the API): say nothing rather than fail the opening.
      this.options.logger.warn({ err: error, teamId }, 'no reply expectation for this team');
      return null;
    }
  }

  /** Manual assignment, unassignment, transfer and priority (PATCH /v1/conversations/:id). */
  async route(identity: Identity, conversationId: string, input: RouteConversationInput, ip?: string): Promise<Conversation> {
    const { pg, conversations, audit } = this.options;
    const before = await this.visible(identity, conversationId);
    const needed: Permission[] = [
      ...(input.assigneeId !== undefined || input.priority !== undefined ? (['conversations.assign'] as const) : []),
      ...(input.teamId !== undefined ? (['conversations.transfer'] as const) : []),
      ...(input.override ? (['assignment.override'] as const) : []),
    ];
    await this.require(identity, needed);
    if (input.assigneeId) {
      const { rows } = await pg.query('SELECT 1 FROM agents WHERE id = $1 AND disabled_at IS NULL', [input.assigneeId]);
      if (rows.length === 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such agent', [{ path: 'assigneeId', message: 'unknown or disabled agent' }]);
    }
    if (input.teamId) {
      const { rows } = await pg.query('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
      if (rows.length === 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such team', [{ path: 'teamId', message: 'unknown team' }]);
    }
    const actor = actorOf(identity);
    const result = await this.transaction(async (client) => {
      const row = await this.lock(client, conversationId);
      const teamId = input.teamId !== undefined ? input.teamId : row.team_id;
      // A transfer without an assignee puts the conversation into the new team's queue.
      const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.teamId !== undefined && input.teamId !== row.team_id ? null : row.assignee_id;
      let load: { openConversations: number; capacity: number } | null = null;
      if (assigneeId && assigneeId !== row.assignee_id) {
        if (teamId && !input.override) {
          const { rows } = await client.query('SELECT 1 FROM team_members WHERE team_id = $1 AND agent_id = $2', [teamId, assigneeId]);
          if (rows.length === 0) throw new SmartchatError('SC_ERR_ASSIGNMENT_OUTSIDE_TEAM', undefined, [{ path: 'assigneeId', message: 'not a member of the team' }]);
        }
        load = await lockAgentLoad(client, assigneeId, conversationId);
        if (load && row.status === 'open' && load.openConversations >= load.capacity && !input.override) {
          throw new SmartchatError('SC_ERR_ASSIGNMENT_OVER_CAPACITY', `The agent already has ${load.openConversations} open conversations of ${load.capacity}`, { openConversations: load.openConversations, capacity: load.capacity });
        }
      }
      const queue = assigneeId === null && teamId !== null && row.status === 'open';
      const { rows: updated } = await client.query<{ queued_at: Date | null }>(
        `UPDATE conversations SET assignee_id = $2, team_id = $3, priority = COALESCE($4, priority),
            assigned_at = CASE WHEN $2::uuid IS NULL THEN NULL WHEN assignee_id IS DISTINCT FROM $2 THEN now() ELSE assigned_at END,
            queued_at = CASE WHEN NOT $5 THEN NULL WHEN team_id IS DISTINCT FROM $3 OR queued_at IS NULL THEN now() ELSE queued_at END, updated_at = now()
          WHERE id = $1 RETURNING queued_at`,
        [conversationId, assigneeId, teamId, input.priority ?? null, queue],
      );
      if (assigneeId && assigneeId !== row.assignee_id) await client.query('UPDATE agents SET last_assigned_at = now() WHERE id = $1', [assigneeId]);
      const events: ConversationEvent[] = [];
      if (teamId !== row.team_id) events.push(conversationEvent('conversation.transferred', conversationId, actor, { fromTeamId: row.team_id, toTeamId: teamId }));
      if (row.assignee_id && row.assignee_id !== assigneeId) {
        events.push(conversationEvent('conversation.unassigned', conversationId, actor, { previousAssigneeId: row.assignee_id, teamId, reason: teamId !== row.team_id ? 'transferred' : 'manual' }));
      }
      if (assigneeId && assigneeId !== row.assignee_id) {
        const open = (load?.openConversations ?? 0) + (row.status === 'open' ? 1 : 0);
        events.push(
          conversationEvent('conversation.assigned', conversationId, actor, {
            assigneeId,
            previousAssigneeId: row.assignee_id,
            teamId,
            reason: input.override && load && open > load.capacity ? 'override' : 'manual',
            effectivePriority: effectivePriority({ priority: input.priority ?? row.priority, tripDepartsAt: row.trip_departs_at }, new Date()),
            queuedAt: row.queued_at?.toISOString() ?? null,
            openConversations: open,
            capacity: load?.capacity ?? 0,
            viaOverflowTeamId: null,
          }),
        );
      }
      const queuedAt = updated[0]!.queued_at;
      if (input.priority !== undefined && input.priority !== row.priority) {
        const now = new Date();
        events.push(
          conversationEvent('conversation.prioritised', conversationId, actor, {
            reason: 'manual',
            priority: input.priority,
            previousPriority: row.priority,
            tripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
            previousTripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
            effectivePriority: effectivePriority({ priority: input.priority, tripDepartsAt: row.trip_departs_at }, now),
            previousEffectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: row.trip_departs_at }, now),
            teamId,
            queued: queuedAt !== null,
          }),
        );
      }
      const newlyQueued = queue && queuedAt !== null && (row.queued_at === null || teamId !== row.team_id);
      if (newlyQueued) events.push(this.queuedEvent(conversationId, actor, { ...row, priority: input.priority ?? row.priority }, teamId, queuedAt, teamId !== row.team_id ? 'transferred' : 'unassigned'));
      await writeOutbox(client, events);
      return { row, teamId, assigneeId, queued: queue };
    });
    const after = (await conversations.get(conversationId))!;
    await audit.record({
      actor: auditActor(identity),
      action: after.teamId !== before.teamId ? 'conversation.transfer' : input.assigneeId !== undefined ? 'conversation.assign' : 'conversation.prioritise',
      target: `conversation:${conversationId}`,
      ip: ip ?? null,
      details: { before: { assigneeId: before.assigneeId, teamId: before.teamId, priority: before.priority }, after: { assigneeId: after.assigneeId, teamId: after.teamId, priority: after.priority }, override: input.override ?? false },
    });
    const queuedIn = result.queued ? result.teamId : null;
    if (queuedIn) await this.tellBalancer(() => this.options.queue.add('match', { teamId: queuedIn, reason: queuedIn !== result.row.team_id ? 'transferred' : 'unassigned' }));
    if (result.row.assignee_id && result.row.assignee_id !== result.assigneeId && result.row.status === 'open') await this.capacityAppeared(result.row.assignee_id, 'unassigned');
    await this.announce(before, after);
    return after;
  }

  async snooze(identity: Identity, conversationId: string, input: SnoozeConversationInput, ip?: string): Promise<Conversation> {
    const before = await this.visible(identity, conversationId);
    await this.require(identity, ['conversations.snooze']);
    const now = new Date();
    const until = 'until' in input ? new Date(input.until) : snoozePresetUntil(input.preset, now, await this.timeZoneOf(identity));
    const actor = actorOf(identity);
    const row = await this.transaction(async (client) => {
      const row = await this.lock(client, conversationId);
      await changeStatus(client, { id: conversationId, status: row.status, assigneeId: row.assignee_id }, 'snooze', { actor, now, until });
      return row;
    });
    await this.tellBalancer(() => this.options.queue.add('wake', { conversationId, until: until.getTime() }, { runAt: until.getTime(), jobId: balancerJobId('wake', conversationId, until.getTime()) }));
    if (row.assignee_id) await this.capacityAppeared(row.assignee_id, 'snoozed');
    const after = (await this.options.conversations.get(conversationId))!;
    await this.audited(identity, 'conversation.snooze', conversationId, ip, { until: until.toISOString() });
    await this.announce(before, after);
    return after;
  }

  async close(identity: Identity, conversationId: string, ip?: string): Promise<Conversation> {
    const before = await this.visible(identity, conversationId);
    await this.require(identity, ['conversations.close']);
    const actor = actorOf(identity);
    const row = await this.transaction(async (client) => {
      const row = await this.lock(client, conversationId);
      await changeStatus(client, { id: conversationId, status: row.status, assigneeId: row.assignee_id }, 'close', { actor, now: new Date(), closedBy: 'agent' });
      return row;
    });
    if (row.assignee_id && row.status === 'open') await this.capacityAppeared(row.assignee_id, 'closed');
    const after = (await this.options.conversations.get(conversationId))!;
    await this.audited(identity, 'conversation.close', conversationId, ip, { before: before.status });
    await this.announce(before, after);
    return after;
  }

  /** Reopened by an agent: back to its assignee if they have room, otherwise into the queue (the balancer decides). */
  async reopen(identity: Identity, conversationId: string, ip?: string): Promise<Conversation> {
    const before = await this.visible(identity, conversationId);
    await this.require(identity, ['conversations.close']);
    const actor = actorOf(identity);
    await this.transaction(async (client) => {
      const row = await this.lock(client, conversationId);
      await changeStatus(client, { id: conversationId, status: row.status, assigneeId: row.assignee_id }, 'reopen', { actor, now: new Date() });
    });
    await this.tellBalancer(() => this.options.queue.add('returned', { conversationId, how: 'reopened' }));
    const after = (await this.options.conversations.get(conversationId))!;
    await this.audited(identity, 'conversation.reopen', conversationId, ip, { before: before.status });
    await this.announce(before, after);
    return after;
  }

  /**
   * A trip's departure time for one conversation (an integration's trip event): departing within
   * 24 hours raises its effective priority. Announced with conversation.prioritised (reason
   * trip_signal) when it changed; a queued conversation is served again in the new order.
   */
  async tripDeparture(conversationId: string, departs: Date | null, actor: Actor): Promise<void> {
    const changed = await this.transaction(async (client) => {
      const row = await this.lock(client, conversationId);
      if (row.trip_departs_at?.getTime() === departs?.getTime()) return null;
      await client.query('UPDATE conversations SET trip_departs_at = $2, updated_at = now() WHERE id = $1', [conversationId, departs]);
      const now = new Date();
      await writeOutbox(client, [
        conversationEvent('conversation.prioritised', conversationId, actor, {
          reason: 'trip_signal',
          priority: row.priority,
          previousPriority: row.priority,
          tripDepartsAt: departs?.toISOString() ?? null,
          previousTripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
          effectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: departs }, now),
          previousEffectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: row.trip_departs_at }, now),
          teamId: row.team_id,
          queued: row.queued_at !== null,
        }, now),
      ]);
      return row;
    });
    if (!changed) return;
    await this.options.changes.announce({ reason: 'conversation', conversations: [conversationId] });
    const teamId = changed.team_id;
    if (changed.queued_at && teamId) {
      const priority = jobPriority(effectivePriority({ priority: changed.priority, tripDepartsAt: departs }, new Date()));
      await this.tellBalancer(() => this.options.queue.add('match', { teamId, reason: 'queued' }, { priority }));
    }
  }

  /** An agent has room again (closed, snoozed or handed over a conversation, came online, got more capacity): serve their teams' queues. */
  async capacityAppeared(agentId: string, reason: 'closed' | 'snoozed' | 'unassigned' | 'agent_online' | 'capacity' | 'resumed'): Promise<void> {
    const { rows } = await this.options.pg.query<{ team_id: string }>('SELECT team_id FROM team_members WHERE agent_id = $1', [agentId]);
    await Promise.all(rows.map(({ team_id: teamId }) => this.tellBalancer(() => this.options.queue.add('match', { teamId, reason }))));
  }

  async serveTeam(teamId: string): Promise<void> {
    await this.tellBalancer(() => this.options.queue.add('match', { teamId, reason: 'capacity' }));
  }

  /**
   * A job for the balancer, after the change committed. If Redis is out of reach the change stands
   * and the caller is not failed for it: the balancers' sweep finds queued conversations and due
   * timers from the stored state.
   */
  private async tellBalancer(add: () => Promise<void>): Promise<void> {
    try {
      await add();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'adding a balancer job failed; the sweep will catch up');
    }
  }

  private queuedEvent(conversationId: string, actor: Actor, row: { priority: number; trip_departs_at: Date | null }, teamId: string, queuedAt: Date, reason: 'new' | 'transferred' | 'unassigned'): ConversationEvent {
    return conversationEvent('conversation.queued', conversationId, actor, {
      teamId,
      priority: row.priority,
      effectivePriority: effectivePriority({ priority: row.priority, tripDepartsAt: row.trip_departs_at }, new Date()),
      queuedAt: queuedAt.toISOString(),
      reason,
      tripDepartsAt: row.trip_departs_at?.toISOString() ?? null,
    });
  }

  private async visible(identity: Identity, conversationId: string): Promise<Conversation> {
    const viewer = await this.options.access.visibleConversation(identity, conversationId);
    const conversation = viewer && (await this.options.conversations.get(conversationId));
    if (!conversation) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return conversation;
  }

  /** Status changes by an agent, in the audit log like assignments and transfers. */
  private audited(identity: Identity, action: string, conversationId: string, ip: string | undefined, details: Record<string, unknown>): Promise<void> {
    return this.options.audit.record({ actor: auditActor(identity), action, target: `conversation:${conversationId}`, ip: ip ?? null, details });
  }

  private async require(identity: Identity, permissions: Permission[]): Promise<void> {
    const viewer = await this.options.access.viewerOf(identity);
    // A customer holds no permission at all.
    const missing = viewer.type === 'agent' ? permissions.filter((permission) => !hasPermission(viewer, permission)) : permissions;
    if (missing.length === 0) return;
    // Audited where every refusal is (access/refusals.ts), with these details.
    throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs ${missing.join(' and ')}`, { missing });
  }

  private async timeZoneOf(identity: Identity): Promise<string> {
    if (identity.type !== 'agent') return 'Europe/Moscow';
    const { rows } = await this.options.pg.query<{ time_zone: string }>('SELECT time_zone FROM agents WHERE id = $1', [identity.agentId]);
    return rows[0]?.time_zone ?? 'Europe/Moscow';
  }

  private async lock(client: PoolClient, conversationId: string): Promise<LockedRow> {
    const { rows } = await client.query<LockedRow>('SELECT status, assignee_id, team_id, queued_at, priority, trip_departs_at FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
    if (!rows[0]) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    return rows[0];
  }

  /** Open consoles follow: whoever lost sight leaves its room, the new assignee gains it, both teams' lists reload. */
  private async announce(before: Conversation, after: Conversation): Promise<void> {
    const teams = [before.teamId, after.teamId].filter((id): id is string => id !== null);
    const { rows: members } = await this.options.pg.query<{ agent_id: string }>('SELECT DISTINCT agent_id FROM team_members WHERE team_id = ANY($1::uuid[])', [teams]);
    const concerned = new Set([...members.map((row) => row.agent_id), ...[before.assigneeId, after.assigneeId].filter((id): id is string => id !== null)]);
    await this.options.changes.announce({
      reason: 'conversation',
      conversations: [after.id],
      agents: [...concerned],
      grants: after.assigneeId && after.assigneeId !== before.assigneeId ? [{ agentId: after.assigneeId, conversationId: after.id }] : [],
    });
  }

  private transaction<T>(run: (client: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.options.pg, run);
  }
}
