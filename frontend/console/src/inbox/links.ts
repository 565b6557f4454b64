// Where a link to a conversation opens it: in a list the viewer has (everyone has "my teams"; only
// scope all has "all"; scope assigned sees what is theirs), so the navigation marks a list that is
// there. The server shows the conversation only if the inbox rule allows it.
import type { View } from '../state/inbox.js';
import { me } from '../state/session.js';

/** The list a link opens a conversation in, for this viewer. */
export function homeView(): View {
  return me()?.scope === 'all' ? 'all' : me()?.scope === 'assigned' ? 'mine' : 'teams';
}

/** Whether this viewer has the list `view` ("all" needs scope all). */
export function hasView(view: View): boolean {
  return view !== 'all' || me()?.scope === 'all';
}

export function conversationLink(conversationId: string): string {
  return `/inbox/${homeView()}/${conversationId}`;
}

/** The query key naming the message a conversation link opens at. */
export const MESSAGE_PARAM = 'message';

/** A link to one message: the conversation opens scrolled to it, highlighted (conversation/Thread.tsx). */
export function messageLink(conversationId: string, messageId: string): string {
  return `${conversationLink(conversationId)}?${MESSAGE_PARAM}=${encodeURIComponent(messageId)}`;
}
