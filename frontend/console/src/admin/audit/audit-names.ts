// Reading the audit log's actor and target strings ('agent:<id>', 'team:<id>', 'role:<name>',
// 'message:<conversation id>/<message id>', 'anonymous', 'backoffice:<service>') for people.
import type { Agent, Team } from '@smartchat/contracts';

export interface MessageTarget {
  conversationId: string;
  messageId: string;
}

/** The conversation and message a message.delete / message.restore entry is about. */
export function messageTarget(target: string | null): MessageTarget | null {
  const match = /^message:([^/]+)\/(.+)$/.exec(target ?? '');
  return match ? { conversationId: match[1]!, messageId: match[2]! } : null;
}

/** "Anna Petrova" for 'agent:<Anna's id>', the team's name for 'team:<id>'; anything else as written. */
export function readableParty(value: string | null, agents: readonly Agent[], teams: readonly Team[]): string {
  if (!value) return '—';
  const [kind, id] = splitOnce(value);
  if (kind === 'agent' && id) return agents.find((agent) => agent.id === id)?.name ?? value;
  if (kind === 'team' && id) return teams.find((team) => team.id === id)?.name ?? value;
  return value;
}

function splitOnce(value: string): [string, string | undefined] {
  const colon = value.indexOf(':');
  return colon === -1 ? [value, undefined] : [value.slice(0, colon), value.slice(colon + 1)];
}
