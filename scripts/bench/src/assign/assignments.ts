// The time-to-assign source: the balancers' `conversation.assigned` events on Kafka, written to the
// outbox in the assigning transaction, read by a consumer group of the bench's own.
import { EVENTS_TOPIC, type ConversationAssignedEvent } from '@smartchat/contracts';
import { createKafka, type Consumer, type Kafka, type Logger } from '@smartchat/platform';

export interface Assignment {
  /** Epoch ms: when the balancer assigned it (the event's occurredAt). */
  assignedAt: number;
  /** Epoch ms: when it entered the queue (data.queuedAt, Postgres' now() of the opening transaction). */
  queuedAt: number;
  assigneeId: string;
}

export class AssignmentLog {
  /** Auto-assignments of the bench's team, by conversation id. */
  readonly byConversation = new Map<string, Assignment>();
  /** Events of the team that were not auto-assignments from a queue (there should be none). */
  unexpected = 0;

  private constructor(
    private readonly kafka: Kafka,
    private readonly consumer: Consumer,
    private readonly groupId: string,
  ) {}

  /**
   * Resolves once the consumer is in its group and positioned at the offsets the topic had before
   * the run, so that neither the topic's history nor a late join loses or slows anything.
   */
  static async start(options: { brokers: string[]; teamId: string; groupId: string; logger: Logger }): Promise<AssignmentLog> {
    const kafka = createKafka({ brokers: options.brokers, clientId: 'smartchat-bench', logger: options.logger });
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(EVENTS_TOPIC).finally(() => admin.disconnect());
    // The shared topic holds every earlier run's events: a fresh group reading from the beginning
    // would spend minutes on them. Latest offsets are recorded before anything of ours is produced.
    const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    const log = new AssignmentLog(kafka, consumer, options.groupId);
    await consumer.connect();
    await consumer.subscribe({ topic: EVENTS_TOPIC, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        // Other installations share the topic: only our team's assignments are parsed further.
        if (message.headers?.type?.toString() !== 'conversation.assigned' || !message.value) return;
        const event = JSON.parse(message.value.toString()) as ConversationAssignedEvent;
        if (event.data.teamId !== options.teamId) return;
        if (event.data.reason !== 'auto' || event.data.queuedAt === null) {
          log.unexpected += 1;
          return;
        }
        log.byConversation.set(event.conversationId, { assignedAt: Date.parse(event.occurredAt), queuedAt: Date.parse(event.data.queuedAt), assigneeId: event.data.assigneeId });
      },
    });
    // run() returns once the group is joined; the seeks apply before the first fetch of each partition.
    for (const { partition, offset } of offsets) consumer.seek({ topic: EVENTS_TOPIC, partition, offset });
    return log;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    // The group committed nothing; removing it keeps the broker's group list clean.
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
