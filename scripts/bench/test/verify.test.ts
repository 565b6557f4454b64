// The bench's verdict on lost and duplicated messages is only worth something if it notices them.
// Here a stand-in socket.io server on loopback misbehaves on purpose: it acknowledges every send,
// but never delivers one message, delivers another twice, and the read-back of the store (counted
// into the ledger as readBackStore does) misses a third and holds a fourth twice.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, type BenchSocket } from '../src/loadgen/clients.js';
import { STATE_ACCEPTED } from '../src/loadgen/ledger.js';
import { Traffic } from '../src/loadgen/traffic.js';
import { checkLedger, lostAndDuplicated, ProblemCollector, settle } from '../src/loadgen/verify.js';

const PREFIX = 'verify-';
const NOT_DELIVERED = 3;
const DELIVERED_TWICE = 5;
const NOT_STORED = 7;
const STORED_TWICE = 8;
const MESSAGES = 10;

let http: HttpServer;
let io: Server;
let url: string;
const sockets: BenchSocket[] = [];

beforeAll(async () => {
  http = createServer();
  io = new Server(http);
  io.on('connection', (socket) => {
    void socket.join('conversation');
    socket.on('message:send', (input: { conversationId: string; clientMessageId: string; body: string; kind?: string }, ack: (answer: unknown) => void) => {
      const seq = Number(input.clientMessageId.slice(PREFIX.length));
      const id = `id-${seq}`;
      ack({ ok: true, data: { id, status: 'accepted' } });
      if (seq === NOT_DELIVERED) return;
      const message = { id, conversationId: input.conversationId, clientMessageId: input.clientMessageId, kind: input.kind ?? 'customer', body: input.body };
      io.to('conversation').emit('message:new', message);
      if (seq === DELIVERED_TWICE) io.to('conversation').emit('message:new', message);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await io.close();
});

describe('the bench verification', () => {
  it('counts a message missing on a socket or in the store as lost, and one seen twice as duplicated', async () => {
    const customer = await connectSocket(url, 'customer-token');
    const agent = await connectSocket(url, 'agent-token');
    sockets.push(customer, agent);
    let now = 0;
    const traffic = new Traffic(() => now, PREFIX, [{ socket: agent, socketId: 1 }], 100, () => undefined);
    traffic.attachSocket(customer, 0, 'customer');
    traffic.attachSocket(agent, 1, 'agent');
    traffic.addConversation({ index: 0, id: 'conversation-0', customer, customerSocketId: 0, agent: 0, agentSocketId: 1, nextSender: 0 });
    traffic.setRate(100);
    now = 100; // 100 ms at 100 msg/s: ten sends in one tick, customer and agent by turns
    traffic.tick();
    traffic.stop();
    expect(traffic.ledger.size).toBe(MESSAGES);

    // Waits for the acks and deliveries (bounded: the undelivered message never completes).
    await settle(traffic, 3000);
    for (let seq = 0; seq < MESSAGES; seq += 1) expect(traffic.ledger.state[seq]).toBe(STATE_ACCEPTED);
    for (let seq = 0; seq < MESSAGES; seq += 1) {
      if (seq !== NOT_STORED) traffic.ledger.countStoredRow(seq);
      if (seq === STORED_TWICE) traffic.ledger.countStoredRow(seq);
    }

    const problems = new ProblemCollector();
    const verification = checkLedger(traffic, { rows: MESSAGES, unknownRows: 0, idMismatches: 0 }, 0, problems);
    expect(verification).toMatchObject({ complete: MESSAGES - 4, lostOnSockets: 1, lostInStore: 1, duplicatedOnSockets: 1, duplicatedInStore: 1, neverAccepted: 0, unexpectedReceipts: 0 });
    expect(problems.list.map((problem) => [problem.kind, problem.clientMessageId])).toEqual([
      ['lost-on-socket', `${PREFIX}${NOT_DELIVERED}`],
      ['duplicated-on-socket', `${PREFIX}${DELIVERED_TWICE}`],
      ['lost-in-store', `${PREFIX}${NOT_STORED}`],
      ['duplicated-in-store', `${PREFIX}${STORED_TWICE}`],
    ]);
    expect(lostAndDuplicated(traffic)).toEqual({ lost: 2, duplicated: 2, delivered: MESSAGES - 1 });
  });
});
