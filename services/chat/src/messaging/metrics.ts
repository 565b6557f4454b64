// Metrics of the message path.
import { messageKinds } from '@smartchat/contracts';
import { Counter, Gauge, Histogram, type Registry } from '@smartchat/platform';

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMessagingMetrics(registry: Registry) {
  const metrics = defineMessagingMetrics(registry);
  // Series exist from the start with 0, so that "no traffic" reads as 0 and not as a missing
  // metric (the operator's autoscaler never scales down on a missing one).
  for (const kind of messageKinds) metrics.accepted.labels({ kind }).inc(0);
  for (const type of ['agent', 'customer'] as const) metrics.sockets.labels({ type }).set(0);
  for (const kind of ['changed', 'removed'] as const) metrics.listPushes.labels({ kind }).inc(0);
  return metrics;
}

function defineMessagingMetrics(registry: Registry) {
  const registers = [registry];
  /** Read at scrape time; the delivery consumer of this process plugs itself in. */
  const deliveryBacklog = { oldestUnackedSeconds: (): number => 0 };
  return {
    deliveryBacklog,
    deliveryOldestUnacked: new Gauge({
      name: 'smartchat_delivery_oldest_unacked_seconds',
      help: 'Time since acceptance of the oldest message this process took off the delivery queues and has not acknowledged yet (0: none). Grows while a delivery step keeps failing',
      registers,
      collect() {
        this.set(deliveryBacklog.oldestUnackedSeconds());
      },
    }),
    accepted: new Counter({ name: 'smartchat_messages_accepted_total', help: 'Messages accepted (publisher confirm received), by kind', labelNames: ['kind'] as const, registers }),
    persisted: new Counter({ name: 'smartchat_messages_persisted_total', help: 'Messages written to the message store, by kind', labelNames: ['kind'] as const, registers }),
    delivered: new Counter({ name: 'smartchat_messages_delivered_total', help: 'Messages emitted to their rooms, by kind', labelNames: ['kind'] as const, registers }),
    rejected: new Counter({ name: 'smartchat_messages_rejected_total', help: 'Send attempts rejected, by error code', labelNames: ['code'] as const, registers }),
    acceptToPersist: new Histogram({ name: 'smartchat_message_accept_to_persist_seconds', help: 'From accept to stored', buckets: LATENCY_BUCKETS, registers }),
    acceptToDeliver: new Histogram({ name: 'smartchat_message_accept_to_deliver_seconds', help: 'From accept to emitted to the rooms', buckets: LATENCY_BUCKETS, registers }),
    deliveryStage: new Histogram({ name: 'smartchat_delivery_stage_seconds', help: 'Time of each delivery step per batch (persist, conversation, fanout, emitted, events)', labelNames: ['stage'] as const, buckets: LATENCY_BUCKETS, registers }),
    deliveryBatch: new Histogram({ name: 'smartchat_delivery_batch_size', help: 'Messages per delivery batch', buckets: [1, 2, 5, 10, 20, 50, 100, 200], registers }),
    publishGroup: new Histogram({ name: 'smartchat_publish_group_size', help: 'Messages per publish to a delivery queue (those waiting for the same shard when the publisher flushed)', buckets: [1, 2, 5, 10, 20, 50, 64], registers }),
    publishErrors: new Counter({ name: 'smartchat_publish_errors_total', help: 'Failed publishes to RabbitMQ', registers }),
    consumeErrors: new Counter({ name: 'smartchat_consume_errors_total', help: 'Failed attempts to process a delivery batch (retried)', labelNames: ['stage'] as const, registers }),
    produceErrors: new Counter({ name: 'smartchat_produce_errors_total', help: 'Failed attempts to produce domain events to Kafka (retried)', registers }),
    sockets: new Gauge({ name: 'smartchat_socket_connections', help: 'Open socket.io connections on this process, by identity type', labelNames: ['type'] as const, registers }),
    listPushes: new Counter({
      name: 'smartchat_inbox_list_pushes_total',
      help: 'Live list updates sent to agent sockets (inbox:changed, inbox:removed), by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    socketEventsRefused: new Counter({
      name: 'smartchat_socket_events_refused_total',
      help: "Client socket events turned away by the socket's budgets, by event and reason (rate: its budget was spent; in_flight: too many of its handlers were running)",
      labelNames: ['event', 'reason'] as const,
      registers,
    }),
  };
}
export type MessagingMetrics = ReturnType<typeof createMessagingMetrics>;
