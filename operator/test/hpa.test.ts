import { describe, expect, it } from 'vitest';
import { decideReplicas, desiredForMetric, limitRate, proposeFromMetrics, stabilize, type Behavior, type MetricSample, type ScaleInput } from '../src/autoscale/hpa.js';

const behavior: Behavior = {
  scaleUp: { stabilizationWindowSeconds: 0, maxStepPods: 4, maxStepPercent: 100, periodSeconds: 15 },
  scaleDown: { stabilizationWindowSeconds: 300, maxStepPods: 1, maxStepPercent: 10, periodSeconds: 60 },
};
const connections = (value: number | undefined, target = 1000): MetricSample => ({ name: 'connectionsPerPod', kind: 'perPod', target, value });
const oldest = (value: number | undefined, target = 60): MetricSample => ({ name: 'oldestWaitingSeconds', kind: 'value', target, value });

describe('desired pods for one metric (the HPA ratio with a 10% tolerance)', () => {
  it.each([
    // current, total or value, target, kind, expected
    [2, 2000, 1000, 'perPod', 2, 'exactly on target'],
    [2, 2150, 1000, 'perPod', 2, 'within +10% holds'],
    [2, 1850, 1000, 'perPod', 2, 'within -10% holds'],
    [2, 2300, 1000, 'perPod', 3, '15% over adds a pod (rounded up)'],
    [2, 9000, 1000, 'perPod', 9, 'far over: total / target'],
    [4, 1000, 1000, 'perPod', 1, 'far under: total / target'],
    [4, 0, 1000, 'perPod', 0, 'nothing at all asks for zero (bounds raise it later)'],
    [3, 3000.0000001, 1000, 'perPod', 3, 'floating-point noise does not add a pod'],
    [2, 120, 60, 'value', 4, 'a value twice the target doubles the pods'],
    [4, 30, 60, 'value', 2, 'a value at half the target halves the pods'],
    [3, 63, 60, 'value', 3, 'a value within tolerance holds'],
  ] as const)('%i pods, %d against %d (%s) → %i: %s', (current, value, target, kind, expected, _description) => {
    expect(desiredForMetric(current, { name: kind === 'perPod' ? 'connectionsPerPod' : 'oldestWaitingSeconds', kind, target, value }, 0.1)).toBe(expected);
  });

  it('the metric asking for the most pods wins', () => {
    const proposal = proposeFromMetrics(2, [connections(2000), { name: 'messagesPerSecondPerPod', kind: 'perPod', target: 100, value: 600 }], 0.1);
    expect(proposal.desired).toBe(6);
    expect(proposal.readings.map((reading) => [reading.name, reading.desiredReplicas])).toEqual([['connectionsPerPod', 2], ['messagesPerSecondPerPod', 6]]);
  });

  it('a missing metric is reported, not read as zero', () => {
    const proposal = proposeFromMetrics(3, [connections(undefined), oldest(Number.NaN)], 0.1);
    expect(proposal).toEqual({ desired: 3, readings: [], missing: ['connectionsPerPod', 'oldestWaitingSeconds'] });
  });
});

describe('stabilisation windows', () => {
  it('scale down waits for the highest recommendation of the window', () => {
    const now = 1_000_000;
    const history = [{ time: now - 200_000, replicas: 6 }, { time: now - 100_000, replicas: 4 }];
    expect(stabilize(now, 6, 2, history, behavior).replicas).toBe(6);
    // Once the high recommendations leave the 300 s window, the lower one applies.
    expect(stabilize(now + 150_000, 6, 2, history, behavior).replicas).toBe(4);
    expect(stabilize(now + 250_000, 6, 2, history, behavior).replicas).toBe(2);
  });

  it('scale up with a zero window follows at once; with a window, the lowest recommendation of it', () => {
    const now = 1_000_000;
    expect(stabilize(now, 2, 8, [{ time: now - 5_000, replicas: 2 }], behavior).replicas).toBe(8);
    const slowUp = { ...behavior, scaleUp: { ...behavior.scaleUp, stabilizationWindowSeconds: 60 } };
    expect(stabilize(now, 2, 8, [{ time: now - 5_000, replicas: 3 }], slowUp).replicas).toBe(3);
  });

  it('old recommendations are dropped from the history', () => {
    const now = 1_000_000;
    const { history } = stabilize(now, 2, 2, [{ time: now - 400_000, replicas: 9 }, { time: now - 10_000, replicas: 3 }], behavior);
    expect(history).toEqual([{ time: now - 10_000, replicas: 3 }, { time: now, replicas: 2 }]);
  });
});

describe('rate limits per period (the larger of pods and percent applies)', () => {
  const now = 1_000_000;
  it.each([
    [2, 20, [], 6, 'up: +4 pods beats +100% of 2'],
    [10, 40, [], 20, 'up: +100% of 10 beats +4 pods'],
    [6, 20, [{ time: now - 5_000, change: 4 }], 6, 'up: the period already used its step (started at 2)'],
    [6, 20, [{ time: now - 20_000, change: 4 }], 12, 'up: an older step is outside the 15 s period'],
    [10, 1, [], 9, 'down: -1 pod (10% of 10 is also 1)'],
    [40, 1, [], 36, 'down: -10% of 40 beats -1 pod'],
    [9, 1, [{ time: now - 30_000, change: -1 }], 9, 'down: one pod already removed in this 60 s period'],
    [5, 5, [], 5, 'no change'],
  ] as const)('%i → wants %i → %i: %s', (current, desired, events, expected, _description) => {
    expect(limitRate(now, current, desired, events, behavior)).toBe(expected);
  });
});

describe('one decision', () => {
  const base: ScaleInput = { now: 10_000_000, current: 3, samples: [connections(3000)], tolerance: 0.1, bounds: { minReplicas: 2, maxReplicas: 10 }, behavior, history: [], events: [] };

  it('on target: holds, within tolerance', () => {
    expect(decideReplicas(base)).toMatchObject({ replicas: 3, reason: 'WithinTolerance' });
  });
  it('load up: scales up, limited by the step', () => {
    expect(decideReplicas({ ...base, samples: [connections(9000)] })).toMatchObject({ replicas: 7, reason: 'ScaleUpRateLimited' });
    expect(decideReplicas({ ...base, samples: [connections(5000)] })).toMatchObject({ replicas: 5, reason: 'ScaleUp' });
  });
  it('beyond maxReplicas: capped', () => {
    expect(decideReplicas({ ...base, current: 9, samples: [connections(50_000)] })).toMatchObject({ replicas: 10, reason: 'CappedAtMaxReplicas' });
  });
  it('load gone: down by one pod per period after the window, never below minReplicas', () => {
    const history = [{ time: base.now - 301_000, replicas: 3 }];
    expect(decideReplicas({ ...base, samples: [connections(0)], history })).toMatchObject({ replicas: 2, reason: 'RaisedToMinReplicas' });
    expect(decideReplicas({ ...base, current: 6, samples: [connections(1000)], history })).toMatchObject({ replicas: 5, reason: 'ScaleDownRateLimited' });
  });
  it('load gone within the window: stabilising, nothing removed', () => {
    expect(decideReplicas({ ...base, samples: [connections(0)], history: [{ time: base.now - 60_000, replicas: 3 }] })).toMatchObject({ replicas: 3, reason: 'Stabilizing' });
  });
  it('a missing metric never scales down, even with nothing in the window', () => {
    expect(decideReplicas({ ...base, current: 8, samples: [connections(undefined)] })).toMatchObject({ replicas: 8, reason: 'MetricsMissing', missing: ['connectionsPerPod'] });
  });
  it('a missing metric does not stop another metric from scaling up', () => {
    const outcome = decideReplicas({ ...base, samples: [connections(undefined), { name: 'messagesPerSecondPerPod', kind: 'perPod', target: 100, value: 500 }] });
    expect(outcome).toMatchObject({ replicas: 5, missing: ['connectionsPerPod'] });
  });
  it('below minReplicas (a fresh Deployment): raised to the minimum at once', () => {
    expect(decideReplicas({ ...base, current: 1, samples: [connections(0)] })).toMatchObject({ replicas: 2, reason: 'RaisedToMinReplicas' });
  });
});
