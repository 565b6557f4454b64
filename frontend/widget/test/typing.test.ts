import { describe, expect, it } from 'vitest';
import { createTypingNotifier } from '../src/frame/typing.js';

function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
  };
}

describe('typing notifications', () => {
  it('a burst of keystrokes sends typing once, repeated only every few seconds', () => {
    const clock = fakeClock();
    const sent: boolean[] = [];
    const typing = createTypingNotifier({ send: (value) => sent.push(value), repeatMs: 3000, idleMs: 4000, ...clock });
    for (let i = 0; i < 10; i++) {
      typing.input();
      clock.advance(200);
    }
    expect(sent).toEqual([true]);
    clock.advance(1000);
    typing.input();
    expect(sent).toEqual([true, true]);
  });

  it('stops by itself after a pause, and on send or blur', () => {
    const clock = fakeClock();
    const sent: boolean[] = [];
    const typing = createTypingNotifier({ send: (value) => sent.push(value), idleMs: 4000, ...clock });
    typing.input();
    clock.advance(3999);
    expect(sent).toEqual([true]);
    clock.advance(1);
    expect(sent).toEqual([true, false]);
    typing.input();
    typing.stop();
    expect(sent).toEqual([true, false, true, false]);
  });

  it('stopping without typing sends nothing', () => {
    const sent: boolean[] = [];
    const typing = createTypingNotifier({ send: (value) => sent.push(value), ...fakeClock() });
    typing.stop();
    typing.stop();
    expect(sent).toEqual([]);
  });
});
