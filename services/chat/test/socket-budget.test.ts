// A socket's budgets on their own, with a clock the test moves: a burst of the budget's size, then
// a tenth of it per second; budgets apart from each other; a cap on handlers at once.
import { describe, expect, it } from 'vitest';
import { SocketBudget, type SocketLimits } from '../src/gateway/socket-budget.js';

const limits: SocketLimits = { per10s: { send: 100, change: 30, join: 20, resume: 10, typing: 50, read: 50 }, maxInFlight: 100 };

describe("a socket's budget", () => {
  it('allows a burst of the budget, then a tenth of it per second, and says how long to wait', () => {
    let now = 1_000_000;
    const budget = new SocketBudget(limits, () => now);
    const burst = Array.from({ length: 25 }, () => budget.start('join'));
    burst.forEach((verdict) => verdict.ok && budget.finish());
    expect(burst.filter((verdict) => verdict.ok)).toHaveLength(20);
    // 2 per second: the next one in half a second.
    expect(burst.at(-1)).toEqual({ ok: false, reason: 'rate', retryAfterMs: 500 });
    now += 499;
    expect(budget.start('join').ok).toBe(false);
    now += 1;
    expect(budget.start('join').ok).toBe(true);
    budget.finish();
    // Other budgets are untouched by it.
    expect(budget.start('resume').ok).toBe(true);
    budget.finish();
    // It never holds more than its size, however long the socket was quiet.
    now += 3_600_000;
    const later = Array.from({ length: 25 }, () => budget.start('join'));
    later.forEach((verdict) => verdict.ok && budget.finish());
    expect(later.filter((verdict) => verdict.ok)).toHaveLength(20);
  });

  it('refuses a handler beyond the ones running until one finishes', () => {
    const budget = new SocketBudget({ ...limits, maxInFlight: 2 });
    expect(budget.start('read').ok).toBe(true);
    expect(budget.start('send').ok).toBe(true);
    expect(budget.start('typing')).toEqual({ ok: false, reason: 'in_flight', retryAfterMs: 250 });
    budget.finish();
    expect(budget.start('typing').ok).toBe(true);
  });
});
