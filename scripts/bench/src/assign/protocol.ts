// What the assign orchestrator and its arrivals generator (arrivals.ts) say to each other over the
// child-process IPC channel.

export interface ArrivalsConfig {
  /** Base URL of the chat process (http://127.0.0.1:port). */
  node: string;
  agents: { email: string; password: string }[];
  customerTokenSecret: string;
  /** Short random id: every customer's external id carries it. */
  runId: string;
}

export interface StepOrder {
  index: number;
  ratePerSec: number;
  durationS: number;
}

export interface StepArrivals {
  index: number;
  /** Epoch ms of the first scheduled arrival, and of the end of the schedule. */
  startedAt: number;
  endsAt: number;
  scheduled: number;
  /** Ids of the conversations opened (201), in arrival order. */
  opened: string[];
  /** Client-side duration of each successful POST /v1/conversations, ms. */
  openLatencyMs: number[];
  errors: { total: number; byCode: Record<string, number> };
  /** How far the generator fell behind its schedule at worst, ms (its own lag, not the server's). */
  maxLagMs: number;
}

export type ToArrivals = { type: 'start'; config: ArrivalsConfig } | { type: 'step'; step: StepOrder } | { type: 'stop' };

export type FromArrivals =
  | { type: 'log'; text: string }
  | { type: 'ready'; agents: number }
  | { type: 'step-done'; result: StepArrivals }
  | { type: 'stopped'; socketDisconnects: number }
  | { type: 'fatal'; error: string };
