// What the back-office knows about a customer (bookings, loyalty tier, links to its own pages),
// fetched for the console's customer panel. The back-office is someone else's system: it may be
// slow, down or answer something unexpected, and none of that may break the panel. So every
// failure becomes a short reason beside `backoffice: null`, logged, never an error of ours.
// Answers are cached per customer (30 s; failures 5 s, so a broken back-office is not hammered
// by agents switching conversations), and concurrent lookups of one customer share a request.
import { backofficeCustomerSchema, type CustomerContext } from '@smartchat/contracts';
import type { Logger } from '@smartchat/platform';
import { signChatServiceToken } from '../auth/tokens.js';

export type BackofficeLookup = Pick<CustomerContext, 'backoffice' | 'backofficeError'>;

export interface BackofficeClientOptions {
  /** Base URL of the back-office API; undefined = not configured (no data, no error). */
  url: string | undefined;
  /** The secret shared with the back-office (the customer-token secret). */
  secret: string;
  timeoutMs: number;
  logger: Logger;
  cacheMs?: number;
  failureCacheMs?: number;
  cacheSize?: number;
}

/** Larger answers are not a customer card: refused as malformed rather than read into memory. */
const MAX_ANSWER_BYTES = 256 * 1024;

class Failure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export class BackofficeClient {
  private readonly cache = new Map<string, { lookup: Promise<BackofficeLookup>; until: number }>();

  constructor(private readonly options: BackofficeClientOptions) {}

  customer(externalId: string): Promise<BackofficeLookup> {
    // Without a back-office, or for a customer Smartchat made from an e-mail address
    // (`email:<address>`, mail/intake.ts), whom the back-office cannot know: nothing to ask.
    if (!this.options.url || externalId.startsWith('email:')) return Promise.resolve({ backoffice: null, backofficeError: null });
    const now = Date.now();
    const cached = this.cache.get(externalId);
    if (cached && cached.until > now) return cached.lookup;
    // Until it settles, the entry is shared by everyone asking for the same customer.
    const entry = { lookup: this.fetchCustomer(externalId), until: Number.POSITIVE_INFINITY };
    void entry.lookup.then((lookup) => {
      entry.until = Date.now() + (lookup.backofficeError ? (this.options.failureCacheMs ?? 5000) : (this.options.cacheMs ?? 30_000));
    });
    this.cache.delete(externalId);
    if (this.cache.size >= (this.options.cacheSize ?? 10_000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(externalId, entry);
    return entry.lookup;
  }

  private async fetchCustomer(externalId: string): Promise<BackofficeLookup> {
    const started = Date.now();
    try {
      const answer = await this.request(externalId);
      const parsed = backofficeCustomerSchema.safeParse(answer);
      if (!parsed.success) throw new Failure('malformed');
      return { backoffice: parsed.data, backofficeError: null };
    } catch (error) {
      const reason = error instanceof Failure ? error.reason : 'unreachable';
      this.options.logger.warn({ err: error instanceof Failure ? undefined : error, customerExternalId: externalId, reason, ms: Date.now() - started }, 'back-office customer lookup failed');
      return { backoffice: null, backofficeError: reason };
    }
  }

  private async request(externalId: string): Promise<unknown> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const url = `${this.options.url!.replace(/\/+$/, '')}/customers/${encodeURIComponent(externalId)}`;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${await signChatServiceToken(this.options.secret)}`, accept: 'application/json' },
        signal,
        // The token is for the back-office only: never carried to wherever a redirect points.
        redirect: 'error',
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Failure(`status_${response.status}`);
      }
      return JSON.parse(await readLimited(response));
    } catch (error) {
      if (error instanceof Failure) throw error;
      if (signal.aborted) throw new Failure('timeout');
      if (error instanceof SyntaxError) throw new Failure('malformed');
      throw error;
    }
  }
}

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Failure('malformed');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
