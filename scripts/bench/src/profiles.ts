// The two bench profiles, with overrides from the environment (BENCH_*).
//
// seed: the case Smartchat replaces, 1,000 conversations/hour x 100 messages = 27.8 messages/s,
//       with time compressed (conversations open faster than 1,000/h so that a one-minute run
//       has enough of them to spread the messages over).
// max:  ramp the message rate until accept-to-deliver p99 passes the limit, errors appear or the
//       achieved rate falls behind the target; then hold the highest good rate.
// stats: the max load while a stats process consumes the domain events (src/statistics/; the
//       message figures are reported beside the statistics ones), without the idle-socket phase.

export type ProfileName = 'seed' | 'max' | 'stats';

export interface RampPlan {
  startPerSec: number;
  stepPerSec: number;
  stepS: number;
  maxSteps: number;
  /** A step is bad when its accept-to-deliver p99 is above this. */
  p99LimitMs: number;
  /** ... or when fewer than this share of the target rate was delivered. */
  minAchievedRatio: number;
  /** After the first bad step, try once halfway between the last good rate (or 0) and the bad one. */
  refine: boolean;
  /**
   * The warm-up's rate. Freshly started JVMs (Cassandra, Kafka) need tens of thousands of writes
   * before their code is compiled: on this machine Cassandra's CPU per message fell from 720 to 190
   * µs over its first 100,000 (20 s runs at 1,000 msg/s after a restart), and a ramp started on a
   * cold Cassandra stopped at a third of the rate the same commit held once warm.
   */
  warmupPerSec: number;
}

export interface Profile {
  name: ProfileName;
  agents: number;
  conversations: number;
  /** Conversations opened per second. */
  openPerSec: number;
  /** Open every conversation before the load starts (max) or while it runs (seed). */
  openBeforeLoad: boolean;
  /** seed: the constant message rate (customer messages and agent replies together). */
  ratePerSec: number;
  /** Load before anything is measured or judged (JIT, pools, prepared statements): seed at its rate,
   * max at ramp.warmupPerSec. Those messages are verified like the others. */
  warmupS: number;
  /** seed: length of the measured window. */
  durationS: number;
  ramp?: RampPlan;
  /** max: how long the highest good rate is held (the measured window). */
  sustainS: number;
  /** Longest wait for outstanding deliveries after the load. */
  settleS: number;
  /** Idle customer sockets connected after the load to measure memory per socket. */
  idleSockets: number;
  /** Upper bound for the whole load generator run. */
  capS: number;
  /** Messages in flight (sent, not acknowledged) above which the generator holds back. */
  maxInFlight: number;
  targets: { p99Ms?: number; minThroughputPerSec?: number; sustainS?: number };
}

const SEED_RATE = (1000 * 100) / 3600;

const MAX: Profile = {
  name: 'max',
  agents: 40,
  conversations: 400,
  openPerSec: 50,
  openBeforeLoad: true,
  ratePerSec: 0,
  warmupS: 60,
  durationS: 0,
  ramp: { startPerSec: 500, stepPerSec: 500, stepS: 10, maxSteps: 14, p99LimitMs: 250, minAchievedRatio: 0.9, refine: true, warmupPerSec: 1000 },
  sustainS: 60,
  settleS: 30,
  idleSockets: 1000,
  // warm-up, ramp (about 2 minutes), up to two sustained windows with their drains, verification
  capS: 500,
  maxInFlight: 20_000,
  targets: { minThroughputPerSec: 3000, sustainS: 60 },
};

const defaults: Record<ProfileName, Profile> = {
  seed: {
    name: 'seed',
    agents: 10,
    conversations: 100,
    openPerSec: 100 / 30,
    openBeforeLoad: false,
    ratePerSec: SEED_RATE,
    warmupS: 5,
    durationS: 60,
    sustainS: 0,
    settleS: 30,
    idleSockets: 1000,
    capS: 240,
    maxInFlight: 2000,
    targets: { p99Ms: 50 },
  },
  max: MAX,
  // The max load, so that ingest is measured at the rate the message path sustains.
  stats: { ...MAX, name: 'stats', idleSockets: 0 },
};

export function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max} (got ${raw})`);
  return value;
}

/** The profile named by PROFILE (default seed), with BENCH_* overrides applied. */
export function resolveProfile(env: NodeJS.ProcessEnv): Profile {
  const name = (env.PROFILE ?? 'seed').trim() || 'seed';
  if (name !== 'seed' && name !== 'max' && name !== 'stats') throw new Error(`PROFILE must be seed, max, assign, stats or mail (got ${name})`);
  const base = defaults[name];
  const profile: Profile = {
    ...base,
    agents: numberFrom(env, 'BENCH_AGENTS', base.agents, 1, 500),
    conversations: numberFrom(env, 'BENCH_CONVERSATIONS', base.conversations, 1, 5000),
    openPerSec: numberFrom(env, 'BENCH_OPEN_PER_SEC', base.openPerSec, 0.1, 500),
    ratePerSec: numberFrom(env, 'BENCH_RATE', base.ratePerSec, 0, 50_000),
    warmupS: numberFrom(env, 'BENCH_WARMUP_S', base.warmupS, 0, 600),
    durationS: numberFrom(env, 'BENCH_DURATION_S', base.durationS, 0, 3600),
    sustainS: numberFrom(env, 'BENCH_SUSTAIN_S', base.sustainS, 0, 3600),
    idleSockets: numberFrom(env, 'BENCH_IDLE_SOCKETS', base.idleSockets, 0, 20_000),
    capS: numberFrom(env, 'BENCH_CAP_S', base.capS, 30, 7200),
    targets: { ...base.targets },
  };
  if (base.ramp) {
    profile.ramp = {
      ...base.ramp,
      startPerSec: numberFrom(env, 'BENCH_RAMP_START', base.ramp.startPerSec, 1, 50_000),
      stepPerSec: numberFrom(env, 'BENCH_RAMP_STEP', base.ramp.stepPerSec, 1, 50_000),
      stepS: numberFrom(env, 'BENCH_STEP_S', base.ramp.stepS, 2, 600),
      maxSteps: numberFrom(env, 'BENCH_MAX_STEPS', base.ramp.maxSteps, 1, 100),
      refine: (env.BENCH_RAMP_REFINE ?? '1') !== '0',
      warmupPerSec: numberFrom(env, 'BENCH_WARMUP_RATE', base.ramp.warmupPerSec, 1, 50_000),
    };
  }
  if (name === 'seed' && profile.durationS <= 0) throw new Error('BENCH_DURATION_S must be above 0 for the seed profile');
  return profile;
}

/** One line saying what the profile does, for logs and reports. */
export function describeProfile(profile: Profile): string {
  const open = `${profile.conversations} conversations opened at ${profile.openPerSec.toFixed(2)}/s${profile.openBeforeLoad ? ' before the load' : ' during the load'}`;
  if (profile.ramp) {
    const { startPerSec, stepPerSec, stepS, p99LimitMs } = profile.ramp;
    const refine = profile.ramp.refine ? ', one step halfway back after the first bad one' : '';
    const warmup = profile.warmupS > 0 ? `${profile.warmupS} s warm-up at ${profile.ramp.warmupPerSec} msg/s (not judged), then ` : '';
    return `${open}, ${profile.agents} agents; ${warmup}ramp from ${startPerSec} msg/s by +${stepPerSec} every ${stepS} s until p99 > ${p99LimitMs} ms, errors, or under ${Math.round(profile.ramp.minAchievedRatio * 100)}% of the target${refine}; then ${profile.sustainS} s at the highest good rate`;
  }
  return `${open}, ${profile.agents} agents; ${profile.ratePerSec.toFixed(1)} msg/s for ${profile.warmupS} s warm-up + ${profile.durationS} s measured`;
}
