// The domain events a test's processes write, read back from a real Kafka topic of the test's own
// (chat and balancer processes write there through SMARTCHAT_EVENTS_TOPIC).
import type { DomainEvent, DomainEventType } from '@smartchat/contracts';
import { eventually, type TestResources } from '@smartchat/platform/testing';

export interface EventLog {
  topic: string;
  /** Every event read so far, in the order read. */
  seen: DomainEvent[];
  /** The events of one type about one conversation or agent, in the order read. */
  of<T extends DomainEventType>(type: T, subject: string): Extract<DomainEvent, { type: T }>[];
  /** Waits until `count` events of the type about the subject were read; gives them. */
  wait<T extends DomainEventType>(type: T, subject: string, count?: number, timeoutMs?: number): Promise<Extract<DomainEvent, { type: T }>[]>;
}

export async function collectEvents(resources: TestResources): Promise<EventLog> {
  const topic = await resources.kafkaTopic('events', 3);
  const seen: DomainEvent[] = [];
  const consumer = resources.kafka().consumer({ groupId: `${resources.id}-events` });
  await consumer.connect();
  resources.defer('disconnect the events consumer', () => consumer.disconnect());
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()) as DomainEvent) });
  const of = <T extends DomainEventType>(type: T, subject: string) =>
    seen.filter((event): event is Extract<DomainEvent, { type: T }> => event.type === type && (('conversationId' in event && event.conversationId === subject) || ('agentId' in event && event.agentId === subject)));
  return {
    topic,
    seen,
    of,
    async wait(type, subject, count = 1, timeoutMs = 30_000) {
      await eventually(`${count} × ${type} of ${subject}`, async () => of(type, subject).length >= count, timeoutMs, 100);
      return of(type, subject);
    },
  };
}
