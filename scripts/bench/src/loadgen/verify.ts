// After the load: wait (bounded) until deliveries settle, read back every conversation from
// Cassandra, and check that each accepted message reached both sockets of its conversation once
// (the sender's own socket is in the room too) and was stored once, under the acknowledged id.
import { bucketOf, bucketsDescending } from '@smartchat/core';
import type { CqlClient } from '@smartchat/platform';
import type { Problem, ProblemKind, Verification } from '../protocol.js';
import { mapLimit } from './clients.js';
import { STATE_ACCEPTED, STATE_FAILED } from './ledger.js';
import type { Traffic } from './traffic.js';

const MAX_PROBLEMS = 12;
/** After everything arrived once, wait this long for late duplicates. */
const DUPLICATE_GRACE_MS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until nothing is in flight and every accepted message reached both sockets, or the deadline. */
export async function settle(traffic: Traffic, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const { ledger } = traffic;
  let firstOpen = 0;
  const done = () => {
    if (traffic.inFlightCount > 0 || traffic.pendingRetries > 0) return false;
    while (firstOpen < ledger.size) {
      const state = ledger.state[firstOpen];
      const complete = state === STATE_FAILED || (state === STATE_ACCEPTED && ledger.customerReceipts[firstOpen]! > 0 && ledger.agentReceipts[firstOpen]! > 0);
      if (!complete) return false;
      firstOpen += 1;
    }
    return true;
  };
  while (!done() && performance.now() - started < timeoutMs) await sleep(100);
  const settledIn = performance.now() - started;
  await sleep(DUPLICATE_GRACE_MS);
  return Math.round(settledIn);
}

/** Counts every stored row of the run's conversations against the ledger. */
export async function readBackStore(cql: CqlClient, keyspace: string, traffic: Traffic, startedAtMs: number, problems: ProblemCollector): Promise<{ rows: number; unknownRows: number; idMismatches: number }> {
  const buckets = bucketsDescending(bucketOf(Date.now()), bucketOf(startedAtMs));
  const { ledger } = traffic;
  let rows = 0;
  let unknownRows = 0;
  let idMismatches = 0;
  const conversations = traffic.conversations.filter((conversation) => conversation !== undefined);
  await mapLimit(conversations, 8, async (conversation) => {
    for (const bucket of buckets) {
      let pageState: string | undefined;
      do {
        const result = await cql.execute(`SELECT id, client_message_id FROM ${keyspace}.messages WHERE conversation_id = ? AND bucket = ?`, [conversation.id, bucket], {
          prepare: true,
          fetchSize: 5000,
          readTimeout: 30_000,
          ...(pageState ? { pageState } : {}),
        });
        for (const row of result.rows) {
          rows += 1;
          const clientMessageId = String(row.get('client_message_id') ?? '');
          const id = String(row.get('id'));
          const seq = clientMessageId.startsWith(traffic.prefix) ? Number(clientMessageId.slice(traffic.prefix.length)) : -1;
          if (!Number.isInteger(seq) || seq < 0 || seq >= ledger.size || ledger.conversation[seq] !== conversation.index) {
            unknownRows += 1;
            problems.add('unknown-row', clientMessageId, conversation.id, `row ${id}`);
            continue;
          }
          ledger.countStoredRow(seq);
          const acked = ledger.ids[seq];
          if (acked !== undefined && acked !== id) {
            idMismatches += 1;
            problems.add('id-mismatch', clientMessageId, conversation.id, `acknowledged ${acked}, stored ${id}`);
          }
        }
        pageState = result.pageState ?? undefined;
      } while (pageState);
    }
  });
  return { rows, unknownRows, idMismatches };
}

export class ProblemCollector {
  readonly list: Problem[] = [];
  add(kind: ProblemKind, clientMessageId: string, conversationId: string, detail: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ kind, clientMessageId, conversationId, detail });
  }
}

/** Lost and duplicated, message by message, once the store has been read back. */
export function checkLedger(traffic: Traffic, store: { rows: number; unknownRows: number; idMismatches: number }, settledInMs: number, problems: ProblemCollector): Verification {
  const { ledger } = traffic;
  const result: Verification = {
    complete: 0,
    lostOnSockets: 0,
    lostInStore: 0,
    duplicatedOnSockets: 0,
    duplicatedInStore: 0,
    unexpectedReceipts: traffic.unexpectedReceipts + traffic.unknownReceipts,
    unknownRows: store.unknownRows,
    idMismatches: store.idMismatches + traffic.idMismatches.length,
    neverAccepted: 0,
    neverAcceptedButStored: 0,
    storedRows: store.rows,
    settledInMs,
    problems: problems.list,
  };
  for (let seq = 0; seq < ledger.size; seq += 1) {
    const clientMessageId = traffic.clientMessageId(seq);
    const conversationId = traffic.conversations[ledger.conversation[seq]!]?.id ?? '';
    const customer = ledger.customerReceipts[seq]!;
    const agent = ledger.agentReceipts[seq]!;
    const stored = ledger.storedRows[seq]!;
    if (ledger.state[seq] !== STATE_ACCEPTED) {
      result.neverAccepted += 1;
      if (stored > 0) result.neverAcceptedButStored += 1;
      continue;
    }
    const receipts = `customer socket ${customer}x, agent socket ${agent}x, stored ${stored}x`;
    if (customer === 0 || agent === 0) {
      result.lostOnSockets += 1;
      problems.add('lost-on-socket', clientMessageId, conversationId, receipts);
    }
    if (stored === 0) {
      result.lostInStore += 1;
      problems.add('lost-in-store', clientMessageId, conversationId, receipts);
    }
    if (customer > 1 || agent > 1) {
      result.duplicatedOnSockets += 1;
      problems.add('duplicated-on-socket', clientMessageId, conversationId, receipts);
    }
    if (stored > 1) {
      result.duplicatedInStore += 1;
      problems.add('duplicated-in-store', clientMessageId, conversationId, receipts);
    }
    if (customer === 1 && agent === 1 && stored === 1) result.complete += 1;
  }
  for (const { seq, socketId } of traffic.unexpected) {
    problems.add('unexpected-socket', traffic.clientMessageId(seq), traffic.conversations[ledger.conversation[seq]!]?.id ?? '', `received on socket ${socketId}, which did not join the conversation`);
  }
  for (const { seq, acked, other } of traffic.idMismatches) {
    problems.add('id-mismatch', traffic.clientMessageId(seq), traffic.conversations[ledger.conversation[seq]!]?.id ?? '', `acknowledged ${acked}, then ${other} for the retry`);
  }
  return result;
}

/** A message is lost when it is missing anywhere it should be, duplicated when it is anywhere twice. */
export function lostAndDuplicated(traffic: Traffic): { lost: number; duplicated: number; delivered: number } {
  const { ledger } = traffic;
  let lost = 0;
  let duplicated = 0;
  let delivered = 0;
  for (let seq = 0; seq < ledger.size; seq += 1) {
    if (ledger.state[seq] !== STATE_ACCEPTED) continue;
    const customer = ledger.customerReceipts[seq]!;
    const agent = ledger.agentReceipts[seq]!;
    const stored = ledger.storedRows[seq]!;
    if (customer === 0 || agent === 0 || stored === 0) lost += 1;
    if (customer > 1 || agent > 1 || stored > 1) duplicated += 1;
    if (customer > 0 && agent > 0) delivered += 1;
  }
  return { lost, duplicated, delivered };
}
