import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from '../src/socket-writes.js';

describe('coalesced socket writes', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  /** A loopback server that collects what one client sends, and that client. */
  async function pair(): Promise<{ client: Socket; received: () => string; ended: Promise<void> }> {
    let data = '';
    let peerEnded!: () => void;
    const ended = new Promise<void>((resolve) => (peerEnded = resolve));
    const server = createServer((peer) => {
      peer.setEncoding('utf8');
      peer.on('data', (chunk: string) => (data += chunk));
      peer.on('end', () => peerEnded());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    cleanups.push(() => {
      client.destroy();
      server.close();
    });
    return { client, received: () => data, ended };
  }

  it('holds the writes of one turn of the event loop and sends them together, in order, with every callback', async () => {
    const { client, received } = await pair();
    coalesceWrites(client);
    const done: string[] = [];
    client.write('one,', () => done.push('one'));
    client.write('two,', () => done.push('two'));
    client.write('three', () => done.push('three'));
    // Still the same turn: nothing has left yet.
    expect(client.writableCorked).toBe(1);
    expect(client.writableLength).toBe('one,two,three'.length);

    await new Promise((resolve) => setImmediate(resolve));
    expect(client.writableCorked).toBe(0);
    await expect.poll(received).toBe('one,two,three');
    await expect.poll(() => done).toEqual(['one', 'two', 'three']);

    // The next turn's writes are held again, and nested cork/uncork pairs (as ws writes a frame)
    // neither flush early nor leave the socket corked.
    client.cork();
    client.write('|four');
    client.uncork();
    expect(client.writableCorked).toBe(1);
    await expect.poll(received).toBe('one,two,three|four');
    expect(client.writableCorked).toBe(0);
  });

  it('flushes what is held when the socket is ended in the same turn', async () => {
    const { client, received, ended } = await pair();
    coalesceWrites(client);
    client.write('last words');
    client.end();
    await ended;
    expect(received()).toBe('last words');
  });
});
