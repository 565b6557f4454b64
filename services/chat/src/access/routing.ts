// Manual assignment and transfer of a conversation (the balancer of issue 5 assigns automatically
// through the same method). Who may: the caller must see the conversation, hold
// conversations.assign to change the assignee and conversations.transfer to change the team. Each
// change is audited and announced, so that open sockets follow it on every process: whoever loses
// sight of the conversation leaves its room; the new assignee gets `access:granted`; members of the
// old and new teams reload their lists.
import { SmartchatError, type Conversation, type Identity, type RouteConversationInput } from '@smartchat/contracts';
import { canSeeConversation, hasPermission } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import type { ConversationStore } from '../store/conversations.js';
import { accessFactsOf } from '../store/conversations.js';
import type { AccessChanges } from './access-changes.js';
import type { AccessStore } from './access-store.js';
import { auditActor, type AuditLog } from './audit-log.js';

export class ConversationRouting {
  constructor(private readonly options: { pg: PgPool; conversations: ConversationStore; access: AccessStore; changes: AccessChanges; audit: AuditLog }) {}

  async route(identity: Identity, conversationId: string, input: RouteConversationInput, ip?: string): Promise<Conversation> {
    const { pg, conversations, access, changes, audit } = this.options;
    const viewer = await access.viewerOf(identity);
    const before = await conversations.get(conversationId);
    if (!before || !canSeeConversation(viewer, accessFactsOf(before))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const target = `conversation:${conversationId}`;
    const needed = [...(input.assigneeId !== undefined ? (['conversations.assign'] as const) : []), ...(input.teamId !== undefined ? (['conversations.transfer'] as const) : [])];
    const missing = viewer.type === 'agent' ? needed.filter((permission) => !hasPermission(viewer, permission)) : needed;
    if (missing.length > 0) {
      await audit.record({ actor: auditActor(identity), action: 'conversation.route', target, outcome: 'denied', ip: ip ?? null, details: { missing } });
      throw new SmartchatError('SC_ERR_FORBIDDEN', `This needs ${missing.join(' and ')}`);
    }
    if (input.assigneeId) {
      const { rows } = await pg.query('SELECT 1 FROM agents WHERE id = $1 AND disabled_at IS NULL', [input.assigneeId]);
      if (rows.length === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'No such agent', [{ path: 'assigneeId', message: 'unknown or disabled agent' }]);
    }
    if (input.teamId) {
      const { rows } = await pg.query('SELECT 1 FROM teams WHERE id = $1', [input.teamId]);
      if (rows.length === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'No such team', [{ path: 'teamId', message: 'unknown team' }]);
    }
    await pg.query(
      `UPDATE conversations SET assignee_id = CASE WHEN $2 THEN $3::uuid ELSE assignee_id END, team_id = CASE WHEN $4 THEN $5::uuid ELSE team_id END, updated_at = now() WHERE id = $1`,
      [conversationId, input.assigneeId !== undefined, input.assigneeId ?? null, input.teamId !== undefined, input.teamId ?? null],
    );
    const after = (await conversations.get(conversationId))!;
    await audit.record({
      actor: auditActor(identity),
      action: input.teamId !== undefined && input.teamId !== before.teamId ? 'conversation.transfer' : 'conversation.assign',
      target,
      ip: ip ?? null,
      details: { before: { assigneeId: before.assigneeId, teamId: before.teamId }, after: { assigneeId: after.assigneeId, teamId: after.teamId } },
    });
    const teams = [before.teamId, after.teamId].filter((id): id is string => id !== null);
    const { rows: members } = await pg.query<{ agent_id: string }>('SELECT DISTINCT agent_id FROM team_members WHERE team_id = ANY($1::uuid[])', [teams]);
    const concerned = new Set([...members.map((row) => row.agent_id), ...[before.assigneeId, after.assigneeId].filter((id): id is string => id !== null)]);
    await changes.announce({
      reason: 'conversation',
      conversations: [conversationId],
      agents: [...concerned],
      grants: after.assigneeId && after.assigneeId !== before.assigneeId ? [{ agentId: after.assigneeId, conversationId }] : [],
    });
    return after;
  }
}
