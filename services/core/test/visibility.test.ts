import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFINITIONS, builtinRole, canGrantRole, PERMISSIONS, scopeCovers, type Permission, type Scope } from '../src/access.js';
import { canSeeConversation, canSeeMessageKind, resolveSendKind, type ConversationAccessFacts, type Viewer } from '../src/visibility.js';

const agent = (scope: Scope, teamIds: string[] = [], permissions: readonly Permission[] = BUILTIN_ROLE_DEFINITIONS.agent.permissions): Viewer => ({
  type: 'agent',
  agentId: 'anna',
  role: 'custom',
  scope,
  teamIds: new Set(teamIds),
  permissions: new Set(permissions),
});
const ivan: Viewer = { type: 'customer', customerId: 'ivan' };
const conversation = (facts: Partial<ConversationAccessFacts> = {}): ConversationAccessFacts => ({
  customerId: 'ivan',
  internal: false,
  teamId: 'avia',
  assigneeId: null,
  participantIds: [],
  ...facts,
});

describe('who sees a conversation', () => {
  it.each<[string, Viewer, ConversationAccessFacts, boolean]>([
    ['scope all: any conversation', agent('all'), conversation({ teamId: 'hotels' }), true],
    ['scope all: one without a team', agent('all'), conversation({ teamId: null }), true],
    ['scope all: an internal one', agent('all'), conversation({ internal: true }), true],
    ['scope teams: a conversation of her team', agent('teams', ['avia']), conversation(), true],
    ['scope teams: of another team', agent('teams', ['hotels']), conversation(), false],
    ['scope teams: a customer conversation of no team yet (the common queue)', agent('teams', ['avia']), conversation({ teamId: null }), true],
    ['scope teams: an internal one of no team', agent('teams', ['avia']), conversation({ teamId: null, internal: true }), false],
    ['scope teams: an internal one of her team', agent('teams', ['avia']), conversation({ internal: true }), true],
    ['scope assigned: a customer conversation of no team', agent('assigned'), conversation({ teamId: null }), false],
    ['scope teams: of another team, assigned to her', agent('teams', ['hotels']), conversation({ assigneeId: 'anna' }), true],
    ['scope assigned: assigned to her', agent('assigned'), conversation({ assigneeId: 'anna' }), true],
    ['scope assigned: assigned to someone else', agent('assigned', ['avia']), conversation({ assigneeId: 'boris' }), false],
    ['scope assigned: unassigned in her team', agent('assigned', ['avia']), conversation(), false],
    ['scope assigned: mentioned in it', agent('assigned'), conversation({ participantIds: ['anna'] }), true],
    ['scope teams: added as a participant to another team\'s', agent('teams', ['hotels']), conversation({ participantIds: ['boris', 'anna'] }), true],
    ['scope assigned: someone else was mentioned', agent('assigned'), conversation({ participantIds: ['boris'] }), false],
    ['a customer: her own', ivan, conversation(), true],
    ['a customer: another customer\'s', ivan, conversation({ customerId: 'olga' }), false],
    ['a customer: an internal one about her', ivan, conversation({ internal: true }), false],
    ['a customer: an internal one without a customer', ivan, conversation({ internal: true, customerId: null }), false],
    ['a customer: assignee and participant ids do not match customers', { type: 'customer', customerId: 'anna' }, conversation({ assigneeId: 'anna', participantIds: ['anna'] }), false],
  ])('%s', (_, viewer, facts, visible) => {
    expect(canSeeConversation(viewer, facts)).toBe(visible);
  });
});

describe('which messages and which kinds', () => {
  it.each([
    ['customer', true],
    ['reply', true],
    ['note', false],
    ['system', false],
  ] as const)('a customer sees %s: %s', (kind, visible) => {
    expect(canSeeMessageKind(ivan, kind)).toBe(visible);
    expect(canSeeMessageKind(agent('all'), kind)).toBe(true);
  });

  it.each<[string, Viewer, boolean, 'reply' | 'note' | undefined, string | null]>([
    ['a customer writes customer messages', ivan, false, undefined, 'customer'],
    ['a customer cannot write a note', ivan, false, 'note', null],
    ['an agent replies by default', agent('all'), false, undefined, 'reply'],
    ['an agent writes a note', agent('all'), false, 'note', 'note'],
    ['in an internal conversation only notes', agent('all'), true, undefined, 'note'],
    ['in an internal conversation no replies', agent('all'), true, 'reply', null],
    ['without conversations.reply no reply', agent('all', [], ['conversations.note']), false, undefined, null],
    ['without conversations.reply a note still', agent('all', [], ['conversations.note']), false, 'note', 'note'],
    ['without conversations.note no note', agent('all', [], ['conversations.reply']), false, 'note', null],
    ['without conversations.note nothing in an internal one', agent('all', [], ['conversations.reply']), true, undefined, null],
  ])('%s', (_, viewer, internal, requested, kind) => {
    expect(resolveSendKind(viewer, { internal }, requested)).toBe(kind);
  });
});

describe('granting roles', () => {
  const superAdmin = { scope: 'all' as const, permissions: new Set(PERMISSIONS) };
  const admin = { scope: 'all' as const, permissions: new Set(BUILTIN_ROLE_DEFINITIONS.admin.permissions) };
  const teamLead = { scope: 'teams' as const, permissions: new Set<Permission>(['agents.manage', 'conversations.reply']) };

  it.each([
    ['a super-admin grants anything', superAdmin, BUILTIN_ROLE_DEFINITIONS['super-admin'], true],
    ['an admin grants the agent role', admin, BUILTIN_ROLE_DEFINITIONS.agent, true],
    ['an admin cannot grant super-admin (roles.manage)', admin, BUILTIN_ROLE_DEFINITIONS['super-admin'], false],
    ['a lead grants what she holds', teamLead, { scope: 'teams' as const, permissions: ['conversations.reply' as const] }, true],
    ['a lead cannot widen the scope', teamLead, { scope: 'all' as const, permissions: ['conversations.reply' as const] }, false],
    ['a lead cannot grant a permission she lacks', teamLead, { scope: 'assigned' as const, permissions: ['audit.view' as const] }, false],
  ])('%s', (_, granter, role, allowed) => {
    expect(canGrantRole(granter, role)).toBe(allowed);
  });

  it('finds built-in roles by their own names only, never by a name Object.prototype happens to have', () => {
    expect(builtinRole('admin')).toBe(BUILTIN_ROLE_DEFINITIONS.admin);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'Admin']) expect(builtinRole(name), name).toBeUndefined();
  });

  it('orders scopes by breadth', () => {
    expect(scopeCovers('all', 'teams')).toBe(true);
    expect(scopeCovers('teams', 'assigned')).toBe(true);
    expect(scopeCovers('assigned', 'teams')).toBe(false);
  });

  it('built-in roles: agents work their teams, admins see all but do not define roles', () => {
    expect(BUILTIN_ROLE_DEFINITIONS.agent.scope).toBe('teams');
    expect(BUILTIN_ROLE_DEFINITIONS.agent.permissions).not.toContain('messages.history');
    expect(BUILTIN_ROLE_DEFINITIONS.admin.permissions).toContain('messages.restore');
    expect(BUILTIN_ROLE_DEFINITIONS.admin.permissions).not.toContain('roles.manage');
    expect([...BUILTIN_ROLE_DEFINITIONS['super-admin'].permissions].sort()).toEqual([...PERMISSIONS].sort());
  });
});
