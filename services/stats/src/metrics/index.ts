// @smartchat/stats/metrics: the pure half of the statistics — facts from domain events, the metric
// catalogue, and the reference aggregation. No I/O.
export * from './fact.js';
export * from './calendar.js';
export { deriveConversationFacts, derivePresenceFacts } from './derive.js';
export { replayOrder } from './event-order.js';
export { deriveHistoryFacts, statusChangesInOrder } from './history.js';
export * from './definitions.js';
export * from './aggregate.js';
