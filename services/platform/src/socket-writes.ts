// Fewer system calls on a busy process: a socket's writes within one turn of the event loop leave
// in one writev. On the chat pods most CPU went to writes that each carried one small frame: one
// socket.io frame per message per agent socket (an agent sees many conversations), one Redis
// command per accepted send, one AMQP frame per publish.
import type { Socket } from 'node:net';

const coalesced = new WeakSet<Socket>();

/**
 * The first write in a turn corks the socket; the turn's check phase (setImmediate) uncorks it, so
 * whatever was written meanwhile, from any callback of that turn, goes out together. Writes keep
 * their order and their callbacks; `end()` flushes a corked socket by itself. Nested cork/uncork
 * pairs of the socket's own writer (ws corks a frame's header and payload) still work: a socket
 * is written only once every cork is undone.
 */
export function coalesceWrites(socket: Socket): void {
  if (coalesced.has(socket)) return;
  coalesced.add(socket);
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  const write = socket.write;
  socket.write = function coalescedWrite(this: Socket, ...args: unknown[]): boolean {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    return (write as (...writeArgs: unknown[]) => boolean).apply(this, args);
  } as Socket['write'];
}
