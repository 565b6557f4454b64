// The admin area's sections and who sees their tabs. Hiding a tab is a courtesy to the agent: the
// server checks every call again and refuses (and audits) what the role does not allow.
import type { Permission } from '@smartchat/core';

export const ADMIN_SECTIONS = ['agents', 'teams', 'roles', 'macros', 'mailboxes', 'integrations', 'deleted', 'audit'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type Can = (permission: Permission) => boolean;

const shownWhen: Record<AdminSection, (can: Can) => boolean> = {
  agents: (can) => can('agents.manage'),
  teams: (can) => can('teams.manage'),
  // GET /v1/roles answers both who defines roles and who hands them out to agents.
  roles: (can) => can('roles.manage') || can('agents.manage'),
  // Every agent keeps personal macros; only the shared ones need macros.manage.
  macros: () => true,
  // Support mailboxes and the blocked senders: the e-mail channel's settings.
  mailboxes: (can) => can('integrations.manage'),
  // The back-office's keys, signing secrets, event log and trip-event rules.
  integrations: (can) => can('integrations.manage'),
  // The list is read from the audit log; a message's text needs history, bringing it back restore.
  deleted: (can) => can('audit.view') && (can('messages.history') || can('messages.restore')),
  audit: (can) => can('audit.view'),
};

export function visibleSections(can: Can): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => shownWhen[section](can));
}

export function isAdminSection(value: string | undefined): value is AdminSection {
  return (ADMIN_SECTIONS as readonly (string | undefined)[]).includes(value);
}
