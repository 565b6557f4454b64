// Per-message bookkeeping in growable typed arrays, indexed by a sequence number assigned at send
// time (so a time window of sends is a contiguous range). Times are performance.now() milliseconds
// since the load started; 0 means "not yet".

export const SENDER_CUSTOMER = 0;
export const SENDER_AGENT = 1;

export const STATE_SENT = 0;
export const STATE_ACCEPTED = 1;
/** An attempt failed; a retry with the same clientMessageId is queued. */
export const STATE_RETRY_DUE = 2;
/** Failed after the retry: never accepted. */
export const STATE_FAILED = 3;

const saturatingIncrement = (array: Uint8Array, index: number) => {
  if (array[index]! < 255) array[index]! += 1;
};

export class Ledger {
  size = 0;
  private capacity = 0;
  conversation = new Int32Array(0);
  sender = new Uint8Array(0);
  state = new Uint8Array(0);
  attempts = new Uint8Array(0);
  /** When the current attempt was emitted. */
  sentAt = new Float64Array(0);
  ackAt = new Float64Array(0);
  /** First receipt on the other party's socket (agent for customer messages, customer for replies). */
  deliveredAt = new Float64Array(0);
  customerReceipts = new Uint8Array(0);
  agentReceipts = new Uint8Array(0);
  storedRows = new Uint8Array(0);
  /** The id the sender was acknowledged with. */
  readonly ids: (string | undefined)[] = [];

  constructor(initialCapacity = 65_536) {
    this.grow(initialCapacity);
  }

  add(conversation: number, sender: number, now: number): number {
    if (this.size === this.capacity) this.grow(this.capacity * 2);
    const seq = this.size;
    this.size += 1;
    this.conversation[seq] = conversation;
    this.sender[seq] = sender;
    this.state[seq] = STATE_SENT;
    this.attempts[seq] = 1;
    this.sentAt[seq] = now;
    return seq;
  }

  countCustomerReceipt(seq: number): number {
    saturatingIncrement(this.customerReceipts, seq);
    return this.customerReceipts[seq]!;
  }

  countAgentReceipt(seq: number): number {
    saturatingIncrement(this.agentReceipts, seq);
    return this.agentReceipts[seq]!;
  }

  countStoredRow(seq: number): void {
    saturatingIncrement(this.storedRows, seq);
  }

  /** Accept-to-deliver latencies (ms) of the accepted messages sent in [from, to). */
  latencies(from: number, to: number): Float64Array {
    const values: number[] = [];
    for (let seq = from; seq < to; seq += 1) {
      if (this.state[seq] === STATE_ACCEPTED && this.deliveredAt[seq]! > 0) values.push(this.deliveredAt[seq]! - this.sentAt[seq]!);
    }
    return Float64Array.from(values);
  }

  /** Ack latencies (ms) of the accepted messages sent in [from, to). */
  ackLatencies(from: number, to: number): Float64Array {
    const values: number[] = [];
    for (let seq = from; seq < to; seq += 1) {
      if (this.state[seq] === STATE_ACCEPTED && this.ackAt[seq]! > 0) values.push(this.ackAt[seq]! - this.sentAt[seq]!);
    }
    return Float64Array.from(values);
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array | Float64Array>(from: T, make: (length: number) => T): T => {
      const next = make(capacity);
      next.set(from);
      return next;
    };
    this.conversation = copy(this.conversation, (length) => new Int32Array(length));
    this.sender = copy(this.sender, (length) => new Uint8Array(length));
    this.state = copy(this.state, (length) => new Uint8Array(length));
    this.attempts = copy(this.attempts, (length) => new Uint8Array(length));
    this.sentAt = copy(this.sentAt, (length) => new Float64Array(length));
    this.ackAt = copy(this.ackAt, (length) => new Float64Array(length));
    this.deliveredAt = copy(this.deliveredAt, (length) => new Float64Array(length));
    this.customerReceipts = copy(this.customerReceipts, (length) => new Uint8Array(length));
    this.agentReceipts = copy(this.agentReceipts, (length) => new Uint8Array(length));
    this.storedRows = copy(this.storedRows, (length) => new Uint8Array(length));
    this.capacity = capacity;
  }
}
