// Names of exchanges, queues and topics. They are part of the data on disk of a running cluster:
// do not rename one without a migration that moves what it holds.

/** RabbitMQ exchange that accepted messages are published to, routed by conversation shard. */
export const DELIVERY_EXCHANGE = 'smartchat.delivery';
/** One durable queue per shard; a conversation always maps to the same shard, so it is persisted in order. */
export const deliveryQueue = (shard: number) => `smartchat.delivery.${shard}`;
/**
 * Delivery shards unless configured (chat pods and balancers must agree). Few, because a publish
 * groups messages of one shard only: with two, groups of several messages form under load. One
 * chat process delivers thousands of messages a second, and a shard whose consumer goes away moves
 * to another pod, so two shards cap neither throughput nor availability at this desk's scale.
 */
export const DEFAULT_DELIVERY_SHARDS = 2;
/** Kafka topic of domain events, keyed by conversation id. */
export const EVENTS_TOPIC = 'smartchat.events';
/** The balancer's BullMQ queue (assignment, snooze wake-ups, SLA and auto-close timers). */
export const BALANCER_QUEUE = 'smartchat-balancer';
/** The reports' BullMQ queue: custom builds from chat pods, the monthly scheduler's jobs; the stats process runs them. */
export const REPORTS_QUEUE = 'smartchat-reports';
/** Redis pub/sub channel carrying each delivered batch of messages to every chat process's sockets. */
export const MESSAGE_FANOUT_CHANNEL = 'smartchat:delivered-messages';
/** Redis pub/sub channel announcing access changes to every chat process. */
export const ACCESS_CHANNEL = 'smartchat:access-changes';
