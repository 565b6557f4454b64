// What the orchestrator (run.ts) and the load generator (loadgen.ts) say to each other over the
// child-process IPC channel, and the shape of the load generator's result.
import type { Profile } from './profiles.js';

export interface LoadgenConfig {
  profile: Profile;
  /** Short random id: every clientMessageId and customer external id carries it. */
  runId: string;
  /** Base URLs of the chat processes (http://127.0.0.1:port). */
  nodes: string[];
  agents: { email: string; password: string }[];
  customerTokenSecret: string;
  cassandra: { contactPoints: string[]; localDataCenter: string; keyspace: string };
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface TimelinePoint {
  /** Seconds since the load started. */
  t: number;
  sent: number;
  /** Messages that reached the other party's socket in this second. */
  delivered: number;
  /** p99 accept-to-deliver of the messages delivered in this second (ms), null when none. */
  p99: number | null;
  errors: number;
}

/** One sustained window of the max profile at a fixed rate, and its verdict. */
export interface SustainAttempt {
  ratePerSec: number;
  good: boolean;
  reason: string | null;
  p99Ms: number;
}

export interface RampStep {
  targetPerSec: number;
  startS: number;
  durationS: number;
  sentPerSec: number;
  achievedPerSec: number;
  latencyMs: LatencySummary;
  errors: number;
  good: boolean;
  reason: string | null;
}

export type ProblemKind = 'lost-on-socket' | 'lost-in-store' | 'duplicated-on-socket' | 'duplicated-in-store' | 'unexpected-socket' | 'unknown-row' | 'id-mismatch';

export interface Problem {
  kind: ProblemKind;
  clientMessageId: string;
  conversationId: string;
  detail: string;
}

export interface Verification {
  /** Accepted messages delivered to both sockets and stored exactly once. */
  complete: number;
  lostOnSockets: number;
  lostInStore: number;
  duplicatedOnSockets: number;
  duplicatedInStore: number;
  /** Receipts on a socket that never joined the message's conversation. */
  unexpectedReceipts: number;
  /** Rows in the keyspace that no message of this run explains. */
  unknownRows: number;
  /** Stored rows whose id differs from the id the sender was acknowledged with. */
  idMismatches: number;
  /** Messages never acknowledged as accepted (errors after the retry), and of those how many were stored anyway. */
  neverAccepted: number;
  neverAcceptedButStored: number;
  storedRows: number;
  settledInMs: number;
  problems: Problem[];
}

export interface LoadResult {
  /** The window the headline figures describe (seconds since the load started). */
  window: { startS: number; endS: number; durationS: number; ratePerSec: number };
  throughputPerSec: number;
  sentPerSec: number;
  latencyMs: LatencySummary;
  ackLatencyMs: LatencySummary;
  /** Over the whole run, warm-up and ramp included. */
  sent: number;
  accepted: number;
  delivered: number;
  lost: number;
  duplicated: number;
  errors: { total: number; byCode: Record<string, number> };
  verification: Verification;
  conversations: number;
  agents: number;
  timeline: TimelinePoint[];
  steps?: RampStep[];
  /** The sustained window's rate and verdict; `earlier`: higher rates tried first that did not hold. */
  sustain?: SustainAttempt & { earlier: SustainAttempt[] };
  loadgen: { eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number; maxInFlight: number; heldBack: number; socketDisconnects: number };
  idle?: { sockets: number; connected: number; failed: number };
}

export type PhaseName = 'load-start' | 'window-start' | 'window-end' | 'load-end';

export type LoadgenMessage =
  | { type: 'log'; text: string }
  | { type: 'phase'; phase: PhaseName }
  /** Load over and verified: the orchestrator takes its memory baseline, then answers idle-connect. */
  | { type: 'idle-ready' }
  | { type: 'idle-connected'; connected: number; failed: number }
  | { type: 'result'; result: LoadResult }
  | { type: 'fatal'; error: string };

export type OrchestratorMessage = { type: 'start'; config: LoadgenConfig } | { type: 'idle-connect' } | { type: 'idle-release' };
