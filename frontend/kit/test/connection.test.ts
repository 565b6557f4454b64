// The connection's catch-up, against a real socket.io server on loopback: it runs on connect and
// again whenever the server says `resync` (its process may have missed messages for this socket
// without the socket dropping), and the state is live only once it finished.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection } from '../src/connection.js';

const until = async (what: string, probe: () => boolean) => {
  for (const started = Date.now(); !probe(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('the socket connection', () => {
  const httpServer = createServer();
  const io = new Server(httpServer);
  const serverSockets: Socket[] = [];
  let url: string;
  let connection: Connection | undefined;

  const global = globalThis as { window?: EventTarget };
  const windowBefore = global.window;

  beforeAll(async () => {
    // The connection listens for the browser's online/offline events.
    global.window ??= new EventTarget();
    io.on('connection', (socket) => serverSockets.push(socket));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    connection?.close();
    await io.close();
    if (windowBefore === undefined) delete global.window;
  });

  it('catches up on connect and again when the server asks it to resync, live only after each', async () => {
    const catchUps: { finish: () => void }[] = [];
    connection = createConnection({
      url,
      token: 'token',
      resync: () => new Promise<void>((resolve) => catchUps.push({ finish: resolve })),
    });
    await until('the first catch-up', () => catchUps.length === 1);
    expect(connection.state()).toBe('resyncing');
    catchUps[0]!.finish();
    await until('live', () => connection!.state() === 'live');

    serverSockets[0]!.emit('resync');
    await until('the catch-up asked for', () => catchUps.length === 2);
    expect(connection.state()).toBe('resyncing');
    catchUps[1]!.finish();
    await until('live again', () => connection!.state() === 'live');
    expect(connection.socket.connected).toBe(true);
    expect(serverSockets).toHaveLength(1); // the same socket: no reconnect was needed
  });

  it('tries a failed catch-up again (the server was briefly unavailable) and turns live only after one succeeded', async () => {
    connection?.close();
    const attempts: { settle: (ok: boolean) => void }[] = [];
    let lived = 0;
    connection = createConnection({
      url,
      token: 'token',
      resync: () => new Promise<void>((resolve, reject) => attempts.push({ settle: (ok) => (ok ? resolve() : reject(new Error('SC_ERR_UNAVAILABLE'))) })),
      onLive: () => (lived += 1),
    });
    await until('the first catch-up', () => attempts.length === 1);
    attempts[0]!.settle(false);
    await until('the catch-up tried again', () => attempts.length === 2);
    expect(connection.state()).toBe('resyncing');
    expect(lived).toBe(0);
    attempts[1]!.settle(false);
    await until('a third try', () => attempts.length === 3);
    attempts[2]!.settle(true);
    await until('live', () => connection!.state() === 'live');
    expect(lived).toBe(1);
    expect(attempts).toHaveLength(3);
  });
});
