// Sign-in throttling: guessing passwords is slowed per e-mail and address together, per e-mail
// (from anywhere) and per address (any e-mail), in Redis so that every chat process counts the
// same attempts. The rule is in login-attempt.lua; the numbers are here and in config.ts.
//
// Why three scopes: the pair stops one guesser at one account early and hard (up to 15 minutes);
// the e-mail stops guessing spread over many addresses, but only ever for a minute at a time, so
// nobody can keep a colleague locked out for long by typing wrong passwords under their name; the
// address stops one source trying many accounts (an office behind one NAT has a generous budget).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { SmartchatError } from '@smartchat/contracts';
import { Counter, type Redis, type Registry } from '@smartchat/platform';

export type ThrottleScope = 'account_address' | 'account' | 'address';
const SCOPES: readonly ThrottleScope[] = ['account_address', 'account', 'address'];

export interface ThrottleRule {
  /** Attempts within the window that never wait. */
  free: number;
  /** The first wait past them; each further attempt doubles it... */
  baseMs: number;
  /** ...up to this. */
  capMs: number;
}

export interface LoginThrottleOptions {
  redis: Redis;
  registry: Registry;
  /** Key prefix, so that installations (and test clusters) sharing a Redis count apart. */
  namespace: string;
  windowMs?: number;
  rules: Record<ThrottleScope, ThrottleRule>;
}

export const DEFAULT_WINDOW_MS = 15 * 60_000;

/** The defaults, with the free attempts from the configuration. */
export function throttleRules(free: Record<ThrottleScope, number>): Record<ThrottleScope, ThrottleRule> {
  return {
    account_address: { free: free.account_address, baseMs: 1000, capMs: 15 * 60_000 },
    account: { free: free.account, baseMs: 15_000, capMs: 60_000 },
    address: { free: free.address, baseMs: 1000, capMs: 15 * 60_000 },
  };
}

const script = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

type ThrottlingRedis = Redis & {
  smartchatLoginAttempt(...args: (string | number)[]): Promise<[number, number, number, number, number]>;
  smartchatLoginSuccess(...keys: string[]): Promise<number>;
};

/** What an attempt that was let through started, for the audit log. */
export interface LockStarted {
  scope: ThrottleScope;
  seconds: number;
}

export class LoginThrottle {
  private readonly redis: ThrottlingRedis;
  private readonly refused: Counter<'scope'>;
  private readonly locks: Counter<'scope'>;
  private readonly failures: Counter;

  constructor(private readonly options: LoginThrottleOptions) {
    const redis = options.redis as ThrottlingRedis;
    if (typeof redis.smartchatLoginAttempt !== 'function') {
      redis.defineCommand('smartchatLoginAttempt', { numberOfKeys: 6, lua: script('login-attempt.lua') });
      redis.defineCommand('smartchatLoginSuccess', { numberOfKeys: 4, lua: script('login-success.lua') });
    }
    this.redis = redis;
    this.refused = new Counter({ name: 'smartchat_auth_login_throttled_total', help: 'Sign-in attempts refused unchecked because a throttle was locked, by scope', labelNames: ['scope'], registers: [options.registry] });
    this.locks = new Counter({ name: 'smartchat_auth_login_locks_total', help: 'Throttle locks started by failed sign-in attempts, by scope', labelNames: ['scope'], registers: [options.registry] });
    this.failures = new Counter({ name: 'smartchat_auth_login_failures_total', help: 'Sign-in attempts with a wrong e-mail or password (and password changes with a wrong current password)', registers: [options.registry] });
  }

  /**
   * Counts an attempt before its password is checked. Throws SC_ERR_AUTH_THROTTLED (with
   * retryAfterSeconds) while a scope is locked; returns the lock this attempt started, if any.
   */
  async attempt(email: string, ip: string): Promise<LockStarted | undefined> {
    const keys = this.keys(email, ip);
    const { rules } = this.options;
    let result: [number, number, number, number, number];
    try {
      result = await this.redis.smartchatLoginAttempt(
        keys.pairCount, keys.pairLock, keys.accountCount, keys.accountLock, keys.addressCount, keys.addressLock,
        this.options.windowMs ?? DEFAULT_WINDOW_MS,
        ...SCOPES.flatMap((scope) => [rules[scope].free, rules[scope].baseMs, rules[scope].capMs]),
      );
    } catch {
      // Without Redis nobody can be throttled, and nobody checked: refuse rather than allow
      // unlimited guessing while it is away.
      throw new SmartchatError('SC_ERR_UNAVAILABLE', 'Signing in is unavailable for a moment; try again');
    }
    const [allowed, waitMs, waitScope, lockedScope, lockMs] = result.map(Number) as [number, number, number, number, number];
    if (allowed !== 1) {
      const scope = SCOPES[waitScope - 1]!;
      this.refused.inc({ scope });
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new SmartchatError('SC_ERR_AUTH_THROTTLED', `Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds, scope });
    }
    if (lockedScope === 0) return undefined;
    const scope = SCOPES[lockedScope - 1]!;
    this.locks.inc({ scope });
    return { scope, seconds: Math.ceil(lockMs / 1000) };
  }

  /** The attempt was checked and wrong (it already counted in every scope). */
  failed(): void {
    this.failures.inc();
  }

  /** The attempt was right: it does not count against anyone. */
  async succeeded(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.redis.smartchatLoginSuccess(keys.pairCount, keys.pairLock, keys.accountCount, keys.addressCount).catch(() => undefined);
  }

  private keys(email: string, ip: string) {
    // Hashed: the keys do not spell out e-mail addresses.
    const id = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);
    const account = id(`e:${email.trim().toLowerCase()}`);
    const address = id(`a:${ip}`);
    const prefix = `${this.options.namespace}login:`;
    return {
      pairCount: `${prefix}pair:${account}:${address}:n`,
      pairLock: `${prefix}pair:${account}:${address}:lock`,
      accountCount: `${prefix}account:${account}:n`,
      accountLock: `${prefix}account:${account}:lock`,
      addressCount: `${prefix}address:${address}:n`,
      addressLock: `${prefix}address:${address}:lock`,
    };
  }
}
