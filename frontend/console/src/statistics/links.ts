// Drill-down links into the inbox: the conversation opens in a list the viewer has (everyone has
// "my teams"; only scope all has "all"), and the server shows it only if the inbox rule allows.
import { me } from '../state/session.js';

export function conversationLink(conversationId: string): string {
  const view = me()?.scope === 'all' ? 'all' : me()?.scope === 'assigned' ? 'mine' : 'teams';
  return `/inbox/${view}/${conversationId}`;
}
