// Catching up in pieces: the server replays a bounded piece per call and says where to go on
// (`more`); the kit keeps asking until nothing is left, waits when told it asks too fast, and hands
// back every message once, in order. The server here is a small stand-in with the same rules
// (a total per call, a number of conversations per call, conversations the client lost).
import type { JoinResult, Message, ResumeResult } from '@smartchat/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.js';
import type { Connection } from '../src/connection.js';
import { joinAll, resumeAll } from '../src/replay.js';

const message = (conversationId: string, n: number): Message => ({
  id: `${String(n).padStart(8, '0')}-0000-1000-8000-000000000000`,
  conversationId,
  kind: 'reply',
  author: { type: 'agent', id: null, name: 'Анна' },
  body: `message ${n}`,
  clientMessageId: null,
  createdAt: new Date(n).toISOString(),
  editedAt: null,
  deleted: false,
  attachments: [],
});

/** A server with `threads` (conversation id -> messages, oldest first) that replays at most `perCall` messages from `conversationsPerCall` conversations per call. */
function fakeServer(threads: Record<string, Message[]>, options: { perCall: number; conversationsPerCall: number; refuseEvery?: number }) {
  const calls: { event: string; input: unknown }[] = [];
  const after = (id: string, lastSeen: string) => threads[id]!.filter((item) => item.id > lastSeen);
  const connection: Pick<Connection, 'request'> = {
    request<T>(event: string, input: unknown): Promise<T> {
      calls.push({ event, input });
      if (options.refuseEvery && calls.length % options.refuseEvery === 0) {
        return Promise.reject(new ApiError(429, { code: 'SC_ERR_RATE_LIMITED', message: 'slow down', details: { retryAfterMs: 5 } }, 'slow down'));
      }
      let left = options.perCall;
      let conversations = options.conversationsPerCall;
      const replay = (id: string, lastSeen: string, more: Record<string, string>) => {
        conversations -= 1;
        const pending = after(id, lastSeen);
        const taken = pending.slice(0, left);
        left -= taken.length;
        if (taken.length < pending.length) more[id] = taken.at(-1)?.id ?? lastSeen;
        return taken;
      };
      if (event === 'conversation:join') {
        const { conversationId, lastSeenId } = input as { conversationId: string; lastSeenId?: string };
        const more: Record<string, string> = {};
        const missed = lastSeenId ? replay(conversationId, lastSeenId, more) : [];
        const result: JoinResult = { conversation: { id: conversationId, status: 'open', topic: null, subject: null, createdAt: '', lastMessageAt: null }, missed, ...(Object.keys(more).length ? { more } : {}) };
        return Promise.resolve(result as T);
      }
      const { lastSeen } = input as { lastSeen: Record<string, string> };
      const missed: Record<string, Message[]> = {};
      const more: Record<string, string> = {};
      for (const [id, lastSeenId] of Object.entries(lastSeen)) {
        if (conversations === 0 || left === 0) {
          more[id] = lastSeenId;
          continue;
        }
        if (!threads[id]) {
          conversations -= 1; // no longer visible: left out of both
          continue;
        }
        missed[id] = replay(id, lastSeenId, more);
      }
      const result: ResumeResult = Object.keys(more).length ? { missed, more } : { missed };
      return Promise.resolve(result as T);
    },
  };
  return { connection, calls };
}

describe('catching up in pieces', () => {
  const threads = {
    a: Array.from({ length: 23 }, (_, n) => message('a', n + 1)),
    b: Array.from({ length: 4 }, (_, n) => message('b', 100 + n)),
    c: [message('c', 200)],
  };
  const start = '00000000-0000-1000-8000-000000000000';

  it('resumes until the server has nothing more, with every message once and in order, and leaves out conversations the client lost', async () => {
    const server = fakeServer(threads, { perCall: 5, conversationsPerCall: 2, refuseEvery: 3 });
    const { missed } = await resumeAll(server.connection, { a: start, b: start, c: threads.c[0]!.id, gone: start });
    expect(missed.a!.map((item) => item.body)).toEqual(threads.a.map((item) => item.body));
    expect(missed.b!.map((item) => item.body)).toEqual(threads.b.map((item) => item.body));
    expect(missed.c).toEqual([]);
    expect(Object.keys(missed).sort()).toEqual(['a', 'b', 'c']);
    // 28 messages at 5 a call (at least 6 calls), and every third call refused and waited out.
    expect(server.calls.length).toBeGreaterThanOrEqual(9);
  });

  it('follows a join whose replay stopped short with resume, and returns all it missed', async () => {
    const server = fakeServer(threads, { perCall: 4, conversationsPerCall: 10 });
    const joined = await joinAll(server.connection, 'a', threads.a[2]!.id);
    expect(joined.missed.map((item) => item.body)).toEqual(threads.a.slice(3).map((item) => item.body));
    expect(server.calls.map((call) => call.event)).toEqual(['conversation:join', ...Array.from({ length: 4 }, () => 'resume')]);
    expect(await joinAll(server.connection, 'b', undefined)).toMatchObject({ conversation: { id: 'b' }, missed: [] });
  });

  it('passes on a refusal that keeps coming, and stops a replay that makes no progress', async () => {
    const refusing = fakeServer(threads, { perCall: 5, conversationsPerCall: 2, refuseEvery: 1 });
    await expect(resumeAll(refusing.connection, { a: start })).rejects.toMatchObject({ code: 'SC_ERR_RATE_LIMITED' });
    expect(refusing.calls).toHaveLength(5);

    // Answers every resume with the same continuation (any event: the fake stands for a misbehaving server).
    const stuck: Pick<Connection, 'request'> = { request: () => Promise.resolve({ missed: {}, more: { a: start } }) as never };
    await expect(resumeAll(stuck, { a: start })).rejects.toThrow('no progress');
  });
});
