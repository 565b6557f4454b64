// What the connection banner says for a connection state: nothing while live; "connecting" until
// the first time it is live (its first resync included), "reconnecting" after that.
import type { ConnectionState } from '@smartchat/frontend-kit';

export type ConnectionNotice = 'connecting' | 'reconnecting' | 'offline' | null;

export function connectionNotice(state: ConnectionState, wasLive: boolean): ConnectionNotice {
  switch (state) {
    case 'live':
      return null;
    case 'offline':
      return 'offline';
    case 'connecting':
      return 'connecting';
    case 'reconnecting':
    case 'resyncing':
      return wasLive ? 'reconnecting' : 'connecting';
  }
}
