// What the mail role made of each received message, read from its own records (mail_received):
// polled a few times a second for rows finished since the last poll (so that the intake driver
// learns which threads are open for answers), and looked up in full when a step is judged.
import type { PgPool } from '@smartchat/platform';

export interface Receipt {
  key: string;
  state: 'stored' | 'processed' | 'rejected';
  outcome: string | null;
  /** Epoch ms, Postgres' now(): recorded (before the SMTP 250) and finished. */
  receivedAt: number;
  processedAt: number | null;
  conversationId: string | null;
  chatMessageId: string | null;
}

interface ReceiptRow {
  message_id: string;
  state: Receipt['state'];
  outcome: string | null;
  received_at: Date;
  processed_at: Date | null;
  conversation_id: string | null;
  chat_message_id: string | null;
}

const COLUMNS = 'message_id, state, outcome, received_at, processed_at, conversation_id, chat_message_id';
/** Rows are finished one at a time by one process; the overlap only guards against a late commit. */
const OVERLAP_MS = 5000;

const toReceipt = (row: ReceiptRow): Receipt => ({
  key: row.message_id,
  state: row.state,
  outcome: row.outcome,
  receivedAt: row.received_at.getTime(),
  processedAt: row.processed_at?.getTime() ?? null,
  conversationId: row.conversation_id,
  chatMessageId: row.chat_message_id,
});

export class ReceiptLog {
  readonly byKey = new Map<string, Receipt>();
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly pg: PgPool,
    /** Called once per message, when it is first seen finished. */
    private readonly finished: (receipt: Receipt) => void,
  ) {}

  start(intervalMs = 100): void {
    const tick = () => {
      this.polling = this.poll().catch((error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
      });
      void this.polling.then(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** Throws the poll's failure, if one failed: the bench cannot judge without its records. */
  check(): void {
    if (this.failure) throw new Error(`reading mail_received failed: ${this.failure.message}`);
  }

  /** The current rows of these messages, stored ones included; a message without one is absent. */
  async lookup(keys: string[]): Promise<void> {
    const { rows } = await this.pg.query<ReceiptRow>(`SELECT ${COLUMNS} FROM mail_received WHERE message_id = ANY($1::text[])`, [keys]);
    for (const row of rows) this.record(toReceipt(row));
  }

  private async poll(): Promise<void> {
    const { rows } = await this.pg.query<ReceiptRow>(`SELECT ${COLUMNS} FROM mail_received WHERE processed_at > $1 ORDER BY processed_at`, [new Date(this.cursor - OVERLAP_MS)]);
    for (const row of rows) {
      const receipt = toReceipt(row);
      this.cursor = Math.max(this.cursor, receipt.processedAt ?? 0);
      this.record(receipt);
    }
  }

  private record(receipt: Receipt): void {
    const known = this.byKey.get(receipt.key);
    this.byKey.set(receipt.key, receipt);
    if (receipt.state !== 'stored' && (!known || known.state === 'stored')) this.finished(receipt);
  }
}
