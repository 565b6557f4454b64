// The `message.created` events of the run's own events topic, read by a consumer group of the
// bench's own. The chat process's delivery consumer writes one once a message is stored (Cassandra)
// and handed to the sockets: its arrival is when a received e-mail became readable in the inbox.
// For agent replies, its data.acceptedAt is when the chat process accepted the reply.
import type { MessageCreatedEvent } from '@smartchat/contracts';
import { createKafka, type Consumer, type Kafka, type Logger } from '@smartchat/platform';

export interface CreatedMessage {
  /** Epoch ms on the bench's clock when the event was read. */
  seenAt: number;
  /** Epoch ms, the chat process's accept time (data.acceptedAt). */
  acceptedAt: number;
  kind: string;
  conversationId: string;
}

export class MessageEvents {
  readonly byMessageId = new Map<string, CreatedMessage>();

  private constructor(
    private readonly kafka: Kafka,
    private readonly consumer: Consumer,
    private readonly groupId: string,
  ) {}

  /** Resolves once the consumer is in its group; the topic is the run's own, read from its start. */
  static async start(options: { brokers: string[]; topic: string; groupId: string; logger: Logger }): Promise<MessageEvents> {
    const kafka = createKafka({ brokers: options.brokers, clientId: 'smartchat-bench', logger: options.logger });
    const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100 });
    const events = new MessageEvents(kafka, consumer, options.groupId);
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (message.headers?.type?.toString() !== 'message.created' || !message.value) return;
        const event = JSON.parse(message.value.toString()) as MessageCreatedEvent;
        if (events.byMessageId.has(event.data.messageId)) return;
        events.byMessageId.set(event.data.messageId, { seenAt: Date.now(), acceptedAt: Date.parse(event.data.acceptedAt), kind: event.data.kind, conversationId: event.conversationId });
      },
    });
    return events;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
