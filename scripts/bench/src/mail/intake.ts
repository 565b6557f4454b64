// The intake load of PROFILE=mail: messages relayed over SMTP to the mail role's listener (pooled
// nodemailer connections, as a company's mail server relays), open-loop at a fixed rate or as fast
// as the connections go. Half of a step's messages open a thread, half answer one whose first
// message the mail role has already turned into a conversation (an answer sent before would open a
// conversation of its own, which measures the bench, not the mail role).
import nodemailer, { type Transporter } from 'nodemailer';
import { sleep } from '../orchestration.js';
import { createThread, firstMessage, replyMessage, type Thread } from './corpus.js';
import type { IntakeStepPlan } from './plan.js';

export interface SentMessage {
  key: string;
  kind: 'first' | 'answer';
  thread: number;
  step: number;
  /** Epoch ms on the bench's clock: sendMail called, and resolved (the listener's 250). */
  sendStartedAt: number;
  acceptedAt: number | null;
  /** The SMTP reply code or error code of a send that failed. */
  error: string | null;
}

export interface StepSending {
  startedAt: number;
  /** When the last send of the step resolved. */
  endedAt: number;
  /** How far behind its schedule a paced send started, at most. */
  maxLagMs: number;
  /** Answers never sent because no thread was open for them in time. */
  answersNotSent: number;
  messages: SentMessage[];
}

interface Quota {
  firsts: number;
  answers: number;
}

type Next = { kind: 'first' | 'answer'; thread: Thread } | 'wait' | null;

export class IntakeDriver {
  readonly threads: Thread[] = [];
  readonly sent = new Map<string, SentMessage>();
  /** Threads whose first message is a conversation now and that nobody answered yet. */
  private readonly answerable: Thread[] = [];
  private readonly byKey = new Map<string, { thread: Thread; kind: 'first' | 'answer' }>();
  private readonly transport: Transporter;

  constructor(
    private readonly options: {
      smtpPort: number;
      connections: number;
      /** The support address the mail is relayed to. */
      support: string;
      runId: string;
      senders: number;
      /** How long an answer waits for a thread to answer before it is given up. */
      answerWaitMs: number;
    },
  ) {
    this.transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: options.smtpPort,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: options.connections,
      maxMessages: Infinity,
    });
  }

  /** Which thread a received message's key belongs to, and whether it opened or answered it. */
  messageOf(key: string): { thread: Thread; kind: 'first' | 'answer' } | undefined {
    return this.byKey.get(key);
  }

  /** A thread's first message became a conversation: the thread may be answered. */
  opened(thread: Thread, conversationId: string): void {
    if (thread.conversationId !== null) return;
    thread.conversationId = conversationId;
    this.answerable.push(thread);
  }

  async runStep(step: number, plan: IntakeStepPlan): Promise<StepSending> {
    const quota: Quota = { firsts: Math.ceil(plan.messages / 2), answers: Math.floor(plan.messages / 2) };
    const messages: SentMessage[] = [];
    const startedAt = Date.now();
    let maxLagMs = 0;
    let answersNotSent = 0;
    const nextOrGiveUp = async (): Promise<Exclude<Next, 'wait'>> => {
      const waitUntil = Date.now() + this.options.answerWaitMs;
      for (;;) {
        const next = this.take(quota);
        if (next !== 'wait') return next;
        if (Date.now() > waitUntil) {
          answersNotSent += quota.answers;
          quota.answers = 0;
          return null;
        }
        await sleep(10);
      }
    };
    const send = async (next: { kind: 'first' | 'answer'; thread: Thread }) => messages.push(await this.send(step, next.kind, next.thread));

    if (plan.ratePerSec === null) {
      // As fast as it goes: one sender per connection, each waiting for its 250 before the next.
      const worker = async () => {
        for (let next = await nextOrGiveUp(); next !== null; next = await nextOrGiveUp()) await send(next);
      };
      await Promise.all(Array.from({ length: this.options.connections }, worker));
    } else {
      // Open loop: each send starts on schedule, whether or not the earlier ones were answered.
      const sends: Promise<unknown>[] = [];
      for (let slot = 0; ; slot += 1) {
        const due = startedAt + (slot * 1000) / plan.ratePerSec;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
        const next = await nextOrGiveUp();
        if (next === null) break;
        maxLagMs = Math.max(maxLagMs, Date.now() - due);
        sends.push(send(next));
      }
      await Promise.all(sends);
    }
    return { startedAt, endedAt: Date.now(), maxLagMs: Math.round(maxLagMs), answersNotSent, messages };
  }

  close(): void {
    this.transport.close();
  }

  /** Alternates openings and answers; an answer when one is due and a thread is open for it. */
  private take(quota: Quota): Next {
    const answerDue = quota.answers > 0 && quota.answers >= quota.firsts;
    if (answerDue && this.answerable.length > 0) {
      quota.answers -= 1;
      return { kind: 'answer', thread: this.answerable.shift()! };
    }
    if (quota.firsts > 0) {
      quota.firsts -= 1;
      const thread = createThread(this.options.runId, this.threads.length, this.options.senders);
      this.threads.push(thread);
      return { kind: 'first', thread };
    }
    return quota.answers > 0 ? 'wait' : null;
  }

  private async send(step: number, kind: 'first' | 'answer', thread: Thread): Promise<SentMessage> {
    const key = kind === 'first' ? thread.firstKey : thread.replyKey;
    this.byKey.set(key, { thread, kind });
    const record: SentMessage = { key, kind, thread: thread.index, step, sendStartedAt: Date.now(), acceptedAt: null, error: null };
    this.sent.set(key, record);
    try {
      await this.transport.sendMail(kind === 'first' ? firstMessage(thread, this.options.support) : replyMessage(thread, this.options.support));
      record.acceptedAt = Date.now();
    } catch (error) {
      const failure = error as { responseCode?: number; code?: string; message?: string };
      record.error = String(failure.responseCode ?? failure.code ?? failure.message ?? 'error');
    }
    return record;
  }
}
