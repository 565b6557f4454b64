// The message traffic: sends at a target rate in 10 ms ticks (no per-message timers), round-robin
// over the open conversations, each conversation alternating a customer message and an agent
// reply; records acks and every `message:new` a socket receives. A failed attempt (error ack or no
// ack within ACK_TIMEOUT_MS) is counted and retried once, later, with the same clientMessageId.
import type { Ack, Message, SendMessageResult } from '@smartchat/contracts';
import type { BenchSocket } from './clients.js';
import { Ledger, SENDER_AGENT, SENDER_CUSTOMER, STATE_ACCEPTED, STATE_FAILED, STATE_RETRY_DUE, STATE_SENT } from './ledger.js';
import { Timeline } from './timeline.js';

const ACK_TIMEOUT_MS = 30_000;
const RETRY_AFTER_MS = 1000;
/** After a stall, do not try to catch up more than this much of the schedule at once. */
const MAX_CATCH_UP_MS = 500;

export interface Conversation {
  index: number;
  id: string;
  customer: BenchSocket;
  customerSocketId: number;
  agent: number;
  agentSocketId: number;
  nextSender: number;
}

export interface Agent {
  socket: BenchSocket;
  socketId: number;
}

const CUSTOMER_TEXT = 'Hello, my train was cancelled, can you rebook me for tomorrow morning?';
const REPLY_TEXT = 'Sure, I am looking at your booking now and will confirm in a minute.';

export class Traffic {
  readonly ledger = new Ledger();
  readonly timeline = new Timeline();
  readonly errorsByCode = new Map<string, number>();
  readonly conversations: Conversation[] = [];
  errorsTotal = 0;
  deliveredTotal = 0;
  unexpectedReceipts = 0;
  unknownReceipts = 0;
  socketDisconnects = 0;
  heldBack = 0;
  maxInFlightSeen = 0;
  readonly idMismatches: { seq: number; acked: string; other: string }[] = [];
  readonly unexpected: { seq: number; socketId: number }[] = [];

  private readonly ready: Conversation[] = [];
  private readonly inFlight = new Set<number>();
  private readonly retries: { seq: number; at: number }[] = [];
  private retryHead = 0;
  private rate = 0;
  private due = 0;
  private roundRobin = 0;
  private lastTick = 0;
  private lastSweep = 0;
  private stopped = false;

  constructor(
    private readonly clock: () => number,
    /** Every clientMessageId is prefix + sequence number. */
    readonly prefix: string,
    private readonly agents: Agent[],
    private readonly maxInFlight: number,
    private readonly onLog: (text: string) => void,
  ) {}

  /** Messages per second from now on (0 stops sending; retries still go out). */
  setRate(perSec: number): void {
    this.rate = perSec;
    this.due = 0;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get pendingRetries(): number {
    return this.retries.length - this.retryHead;
  }

  /** Records every message this socket receives; a socket that drops is counted. */
  attachSocket(socket: BenchSocket, socketId: number, role: string): void {
    socket.on('message:new', (message) => this.receive(socketId, message));
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      this.socketDisconnects += 1;
      this.countError('SOCKET_DISCONNECTED', this.clock());
      if (this.socketDisconnects <= 5) this.onLog(`${role} socket ${socketId} disconnected: ${reason}${this.socketDisconnects === 5 ? ' (further disconnects are only counted)' : ''}`);
    });
  }

  addConversation(conversation: Conversation): void {
    this.conversations[conversation.index] = conversation;
    this.ready.push(conversation);
  }

  stop(): void {
    this.stopped = true;
    this.rate = 0;
  }

  tick(): void {
    const now = this.clock();
    const elapsed = Math.min(MAX_CATCH_UP_MS, now - this.lastTick);
    this.lastTick = now;
    this.sendRetries(now);
    if (now - this.lastSweep >= 1000) this.sweepTimeouts(now);
    if (this.rate <= 0 || this.ready.length === 0) {
      this.due = 0;
      return;
    }
    this.due += (this.rate * elapsed) / 1000;
    let count = Math.floor(this.due);
    this.due -= count;
    for (; count > 0; count -= 1) {
      if (this.inFlight.size >= this.maxInFlight) {
        this.heldBack += count;
        break;
      }
      const conversation = this.ready[this.roundRobin % this.ready.length]!;
      this.roundRobin += 1;
      const sender = conversation.nextSender;
      conversation.nextSender = sender === SENDER_CUSTOMER ? SENDER_AGENT : SENDER_CUSTOMER;
      const seq = this.ledger.add(conversation.index, sender, now);
      this.timeline.recordSent(now);
      this.emit(seq);
    }
    if (this.inFlight.size > this.maxInFlightSeen) this.maxInFlightSeen = this.inFlight.size;
  }

  clientMessageId(seq: number): string {
    return `${this.prefix}${seq}`;
  }

  private emit(seq: number): void {
    const conversation = this.conversations[this.ledger.conversation[seq]!]!;
    const fromAgent = this.ledger.sender[seq] === SENDER_AGENT;
    const socket = fromAgent ? this.agents[conversation.agent]!.socket : conversation.customer;
    const input = {
      conversationId: conversation.id,
      clientMessageId: this.clientMessageId(seq),
      ...(fromAgent ? { kind: 'reply' as const } : {}),
      body: `#${seq} ${fromAgent ? REPLY_TEXT : CUSTOMER_TEXT}`,
    };
    this.inFlight.add(seq);
    socket.emit('message:send', input, (ack: Ack<SendMessageResult>) => this.acknowledged(seq, ack));
  }

  private acknowledged(seq: number, ack: Ack<SendMessageResult>): void {
    const now = this.clock();
    const { ledger } = this;
    if (ack.ok) {
      if (ledger.state[seq] === STATE_ACCEPTED) {
        // A retry answered after a late first ack: it must carry the same id.
        if (ledger.ids[seq] !== ack.data.id) this.idMismatches.push({ seq, acked: ledger.ids[seq] ?? '', other: ack.data.id });
        return;
      }
      ledger.state[seq] = STATE_ACCEPTED;
      ledger.ackAt[seq] = now;
      ledger.ids[seq] = ack.data.id;
      this.inFlight.delete(seq);
      return;
    }
    this.countError(ack.error.code, now);
    if (ledger.state[seq] === STATE_ACCEPTED || ledger.state[seq] === STATE_FAILED) return;
    this.inFlight.delete(seq);
    this.retryOrGiveUp(seq, now);
  }

  private countError(code: string, now: number): void {
    this.errorsTotal += 1;
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + 1);
    this.timeline.recordError(now);
  }

  private retryOrGiveUp(seq: number, now: number): void {
    if (this.ledger.attempts[seq]! < 2) {
      this.ledger.state[seq] = STATE_RETRY_DUE;
      this.retries.push({ seq, at: now + RETRY_AFTER_MS });
    } else {
      this.ledger.state[seq] = STATE_FAILED;
    }
  }

  private sendRetries(now: number): void {
    while (this.retryHead < this.retries.length && this.retries[this.retryHead]!.at <= now) {
      const { seq } = this.retries[this.retryHead]!;
      this.retryHead += 1;
      if (this.ledger.state[seq] !== STATE_RETRY_DUE) continue;
      this.ledger.state[seq] = STATE_SENT;
      this.ledger.attempts[seq]! += 1;
      // Time the successful attempt, unless the first one was delivered after all.
      if (this.ledger.deliveredAt[seq] === 0) this.ledger.sentAt[seq] = now;
      this.emit(seq);
    }
    if (this.retryHead > 1000 && this.retryHead === this.retries.length) {
      this.retries.length = 0;
      this.retryHead = 0;
    }
  }

  private sweepTimeouts(now: number): void {
    this.lastSweep = now;
    for (const seq of this.inFlight) {
      if (now - this.ledger.sentAt[seq]! < ACK_TIMEOUT_MS) continue;
      this.inFlight.delete(seq);
      this.countError('ACK_TIMEOUT', now);
      this.retryOrGiveUp(seq, now);
    }
  }

  private receive(socketId: number, message: Message): void {
    const now = this.clock();
    const clientMessageId = message.clientMessageId ?? '';
    const seq = clientMessageId.startsWith(this.prefix) ? Number(clientMessageId.slice(this.prefix.length)) : -1;
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.ledger.size) {
      this.unknownReceipts += 1;
      return;
    }
    const { ledger } = this;
    const conversation = this.conversations[ledger.conversation[seq]!]!;
    let otherParty: boolean;
    if (socketId === conversation.customerSocketId) {
      ledger.countCustomerReceipt(seq);
      otherParty = ledger.sender[seq] === SENDER_AGENT;
    } else if (socketId === conversation.agentSocketId) {
      ledger.countAgentReceipt(seq);
      otherParty = ledger.sender[seq] === SENDER_CUSTOMER;
    } else {
      this.unexpectedReceipts += 1;
      if (this.unexpected.length < 10) this.unexpected.push({ seq, socketId });
      return;
    }
    if (otherParty && ledger.deliveredAt[seq] === 0) {
      ledger.deliveredAt[seq] = now;
      this.deliveredTotal += 1;
      this.timeline.recordDelivered(now, now - ledger.sentAt[seq]!);
    }
  }

  /** Accept-to-deliver so far of the messages sent in [from, to): undelivered ones count with their age. */
  latenciesSoFar(from: number, to: number): Float64Array {
    const now = this.clock();
    const { ledger } = this;
    const values: number[] = [];
    for (let seq = from; seq < to; seq += 1) {
      if (ledger.state[seq] === STATE_FAILED) continue;
      values.push(ledger.deliveredAt[seq]! > 0 ? ledger.deliveredAt[seq]! - ledger.sentAt[seq]! : now - ledger.sentAt[seq]!);
    }
    return Float64Array.from(values);
  }
}
