// Ending sessions, everywhere at once: the sessions are revoked (Postgres, and tombstones in Redis
// that every process's next request reads), and their open sockets on every chat process are told
// (`session:revoked`) and disconnected through the socket.io Redis adapter.
import type { ChatSocketServer } from '../gateway/socket-server.js';
import { rooms } from '../messaging/rooms.js';
import type { SessionStore } from './sessions.js';

export class SessionEnding {
  constructor(
    private readonly sessions: SessionStore,
    /** The socket server is created after the routes (it needs the HTTP server), hence a getter. */
    private readonly io: () => ChatSocketServer,
  ) {}

  /** One session (logout). */
  async end(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
    this.disconnect(rooms.session(sessionId));
  }

  /** Every session of the agent, or every one but `keep` (the session that changed the password). */
  async endAllOf(agentId: string, options: { keep?: string } = {}): Promise<void> {
    const ended = await this.sessions.revokeAllOf(agentId, options);
    if (options.keep === undefined) this.disconnect(rooms.agent(agentId));
    else for (const sessionId of ended) this.disconnect(rooms.session(sessionId));
  }

  private disconnect(room: string): void {
    const io = this.io();
    io.in(room).emit('session:revoked');
    io.in(room).disconnectSockets(true);
  }
}
