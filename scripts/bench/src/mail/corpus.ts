// The mail customers send in PROFILE=mail: threads spread over a set of customer addresses, each a
// first message (a new request) and, later, the customer's answer to it (In-Reply-To and References
// naming the first, the first quoted below the new text, as a mail client writes it).
import type { SendMailOptions } from 'nodemailer';

export interface Thread {
  index: number;
  sender: string;
  senderName: string;
  subject: string;
  /** Message-IDs without angle brackets: the mail role records them so (mail_received.message_id). */
  firstKey: string;
  replyKey: string;
  /** The conversation the first message opened, once the mail role processed it. */
  conversationId: string | null;
}

const REQUESTS = [
  'Добрый день! Хочу обменять билет на рейс SU 1234 на 12 декабря на более ранний. Подскажите, какой будет сбор?',
  'Здравствуйте, оплатил бронь отеля в Казани, но подтверждение так и не пришло. Номер заказа в теме письма.',
  'Hello, my train from Moscow to St Petersburg was cancelled this morning. Can you rebook me for tomorrow?',
  'Добрый вечер. Нужно добавить в бронь второго пассажира — ребёнка 7 лет. Как это сделать?',
];
const ANSWERS = ['Спасибо, согласна на сбор, оформляйте.', 'Уточнение: нужен вариант с вылетом до обеда.', 'Thanks — tomorrow morning works for me.', 'Документы ребёнка приложу отдельным письмом.'];

export function customerAddress(runId: string, sender: number): string {
  return `customer-${sender}-${runId}@customers.bench.example`;
}

export function createThread(runId: string, index: number, senders: number): Thread {
  const sender = index % senders;
  return {
    index,
    sender: customerAddress(runId, sender),
    senderName: `Клиент ${sender}`,
    subject: `Заказ ${100_000 + index}: вопрос по бронированию`,
    firstKey: `t${index}-${runId}@customers.bench.example`,
    replyKey: `t${index}-answer-${runId}@customers.bench.example`,
    conversationId: null,
  };
}

export function firstMessage(thread: Thread, to: string): SendMailOptions {
  return {
    from: { name: thread.senderName, address: thread.sender },
    to,
    subject: thread.subject,
    messageId: `<${thread.firstKey}>`,
    text: `${REQUESTS[thread.index % REQUESTS.length]}\n\n-- \n${thread.senderName}\n+7 900 000-00-00`,
  };
}

export function replyMessage(thread: Thread, to: string): SendMailOptions {
  const quoted = REQUESTS[thread.index % REQUESTS.length]!;
  return {
    from: { name: thread.senderName, address: thread.sender },
    to,
    subject: `Re: ${thread.subject}`,
    messageId: `<${thread.replyKey}>`,
    inReplyTo: `<${thread.firstKey}>`,
    references: [`<${thread.firstKey}>`],
    text: `${ANSWERS[thread.index % ANSWERS.length]}\n\nПн, 7 дек. 2026 г. в 10:00, ${thread.senderName} <${thread.sender}>:\n> ${quoted}`,
  };
}
