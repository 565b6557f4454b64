// Discovery polled for an API that is installed only in some clusters (the Prometheus Operator's):
// the controller is told when it appears or goes, within one poll, and a failed poll changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@smartchat/platform/logger';
import { eventually } from '@smartchat/platform/testing';
import { ServedApiWatch } from '../src/runtime/served-api.js';

const logger = createLogger({ service: 'served-api-test', level: 'silent' });
const watches: ServedApiWatch[] = [];
afterEach(() => {
  for (const watch of watches.splice(0)) watch.stop();
});

/** A watch over a probe the test controls: answers `served`, or throws while `failing`. */
function watchOver(initial: boolean) {
  const state = { served: initial, failing: false, probes: 0 };
  const changes: boolean[] = [];
  const errors: unknown[] = [];
  const watch = new ServedApiWatch({
    name: 'monitoring.coreos.com/v1',
    intervalMs: 50,
    probe: async () => {
      state.probes += 1;
      if (state.failing) throw new Error('discovery unavailable');
      return state.served;
    },
    onChange: (served) => changes.push(served),
    onError: (error) => errors.push(error),
  }, logger);
  watches.push(watch);
  return { state, changes, errors, watch };
}

describe('an API polled through discovery', () => {
  it('not served at start: nothing to do; once it appears, onChange(true) within a poll; once it goes, onChange(false)', async () => {
    const { state, changes, watch } = watchOver(false);
    await watch.start();
    expect(watch.served).toBe(false);
    expect(changes).toEqual([]);
    state.served = true;
    await eventually('served', async () => changes.length === 1, 1000, 10);
    expect(changes).toEqual([true]);
    expect(watch.served).toBe(true);
    state.served = false;
    await eventually('gone', async () => changes.length === 2, 1000, 10);
    expect(changes).toEqual([true, false]);
  });

  it('served at start: onChange(true) once, so that its kinds are watched from the beginning', async () => {
    const { state, changes, watch } = watchOver(true);
    await watch.start();
    expect(changes).toEqual([true]);
    const probes = state.probes;
    await eventually('more polls', async () => state.probes >= probes + 3, 1000, 10);
    expect(changes).toEqual([true]);
  });

  it('a failed poll keeps the last answer and is reported; polling goes on', async () => {
    const { state, changes, errors, watch } = watchOver(true);
    await watch.start();
    state.failing = true;
    await eventually('a failed poll', async () => errors.length >= 2, 1000, 10);
    expect(watch.served).toBe(true);
    state.failing = false;
    state.served = false;
    await eventually('the change seen after the failures', async () => changes.length === 2, 1000, 10);
    expect(changes).toEqual([true, false]);
  });

  it('stops polling when stopped', async () => {
    const { state, watch } = watchOver(false);
    await watch.start();
    watch.stop();
    const probes = state.probes;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(state.probes).toBe(probes);
  });
});
