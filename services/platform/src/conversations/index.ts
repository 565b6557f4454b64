// Conversation-level adapters shared by chat pods and balancers.
export * from './agent-load.js';
export * from './balancer-queue.js';
export * from './outbox.js';
export * from './presence.js';
export * from './system-messages.js';
export * from './delivery-topology.js';
export * from './delivery-payload.js';
export * from './status-changes.js';
export * from './message-bookkeeping.js';
export * from './csat-requests.js';
export * from './sla-clocks.js';
export * from './agent-status.js';
