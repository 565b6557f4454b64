// The message load of the seed, max and stats profiles: prepares the isolated environment, starts
// two chat processes and the load generator (each its own OS process), samples CPU and memory,
// collects the result and writes the message report. PROFILE=stats adds its own processes and
// measurements through the hooks, around the same run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, repoRoot } from '@smartchat/platform';
import { buildReport } from './assemble.js';
import { measureMachine } from './calibration.js';
import { startBenchRedis } from './bench-redis.js';
import { startChatNode, stopChild, type ChatNode } from './chat-nodes.js';
import { DEPENDENCIES, dependencyPid } from './dependencies.js';
import { drive, type Collected } from './drive.js';
import { prepareEnvironment, type BenchEnvironment } from './environment.js';
import { deadline, log, sleep, type CleanupStack } from './orchestration.js';
import { describeProfile, type Profile } from './profiles.js';
import type { LoadgenConfig } from './protocol.js';
import { writeReport, type BenchReport } from './report.js';
import { Sampler } from './sampler.js';

const CHAT_PROCESSES = 2;

export interface LoadContext {
  env: BenchEnvironment;
  sampler: Sampler;
  cleanups: CleanupStack;
  logDir: string;
  resultsDir: string;
}

export interface MessageLoadHooks {
  /** Once the chat processes are ready, before sampling and the load start: more processes to start (and sample). */
  beforeLoad?(context: LoadContext): Promise<void>;
  /** After the load and the message report, before anything is stopped. */
  afterLoad?(outcome: { collected: Collected; report: BenchReport }, context: LoadContext): Promise<void>;
}

export interface MessageLoadOptions {
  /** Where reports and logs go (bench-results/ by default). */
  resultsDir: string;
  /** The message report's file names: `<reportName>-latest.json` etc. (the profile's name by default). */
  reportName?: string;
  /** The caller's undo steps: what this run starts is undone with them (one stack, one signal handler). */
  cleanups: CleanupStack;
  hooks?: MessageLoadHooks;
}

async function startChatNodes(env: BenchEnvironment, profile: Profile, logDir: string, nodeArgs: string[]): Promise<ChatNode[]> {
  const started = await Promise.allSettled(Array.from({ length: CHAT_PROCESSES }, (_, index) => startChatNode(`chat-${index + 1}`, env.chatEnv, logDir, 90_000, nodeArgs)));
  const nodes = started.filter((entry): entry is PromiseFulfilledResult<ChatNode> => entry.status === 'fulfilled').map((entry) => entry.value);
  const failed = started.find((entry): entry is PromiseRejectedResult => entry.status === 'rejected');
  if (failed) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw failed.reason;
  }
  log(`${profile.name}: chat processes ready: ${nodes.map((node) => `${node.name} pid ${node.pid} ${node.url}`).join(', ')}`);
  return nodes;
}

/** Runs the profile's message load; throws when the bench itself fails. The cleanups are the caller's to run. */
export async function runMessageLoad(profile: Profile, options: MessageLoadOptions): Promise<{ report: BenchReport; collected: Collected }> {
  const { resultsDir, cleanups, hooks } = options;
  const keep = process.env.BENCH_KEEP === '1';
  const sharedRedis = process.env.BENCH_SHARED_REDIS === '1';
  const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? join(repoRoot, 'bench-results', 'profiles', profile.name) : null;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const nodeArgs = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [])];
  const sharedRedisDb = Number(process.env.BENCH_REDIS_DB ?? '13');
  const logDir = join(resultsDir, 'logs', profile.name);
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const logger = createLogger({ service: 'bench', level: 'warn' });

  log(`profile ${profile.name}: ${describeProfile(profile)}`);
  const redis = await deadline(startBenchRedis({ shared: sharedRedis, sharedDb: sharedRedisDb, sharedPid: dependencyPid('redis'), logDir, logger }), 60_000, 'starting redis');
  cleanups.push('stopping the bench redis', () => redis.stop());
  log(redis.private ? `redis: private server pid ${redis.pid} at ${redis.url}` : `redis: shared server, ${redis.url} (flushed)`);
  const env = await deadline(prepareEnvironment({ agents: profile.agents, redisUrl: redis.url, logger, log }), 240_000, 'preparing the environment');
  cleanups.push('tearing down the environment', () => env.teardown(keep));
  // Before anything of the bench runs: how fast the machine is right now.
  const calibration = await measureMachine(log);
  const nodes = await deadline(startChatNodes(env, profile, logDir, nodeArgs), 120_000, 'starting the chat processes');
  cleanups.push('stopping the chat processes', async () => void (await Promise.all(nodes.map((node) => node.stop()))));
  await sleep(2000); // the delivery consumers attach right after readiness

  const sampler = new Sampler();
  nodes.forEach((node) => sampler.track(node.name, node.pid));
  const dependencies = new Map<string, number>();
  if (redis.private && redis.pid) sampler.track('redis (bench)', redis.pid);
  for (const name of DEPENDENCIES.filter((name) => !(redis.private && name === 'redis'))) {
    const pid = dependencyPid(name);
    if (pid) dependencies.set(name, pid);
    if (pid) sampler.track(name, pid);
    else log(`${name}: no running pid found in var/${name}/${name}.pid; not sampled`);
  }
  const context: LoadContext = { env, sampler, cleanups, logDir, resultsDir };
  await hooks?.beforeLoad?.(context);
  const loadgen = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/bench/src/loadgen.ts')], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanups.push('stopping the load generator', () => stopChild(loadgen, 5000));
  sampler.track('loadgen', loadgen.pid!);
  sampler.start();

  const config: LoadgenConfig = {
    profile,
    runId: randomBytes(4).toString('hex'),
    nodes: nodes.map((node) => node.url),
    agents: env.agents,
    customerTokenSecret: env.customerTokenSecret,
    cassandra: env.cassandra,
  };
  const collected = await deadline(drive(loadgen, config, nodes), (profile.capS + 60) * 1000, 'the load generator');
  sampler.stop();
  // Stopped before the report: a CPU profile is written when its process exits.
  await Promise.all(nodes.map((node) => node.stop()));

  const report = buildReport(profile, startedAt, collected, sampler, nodes, dependencies, { profileDir, calibration });
  const written = writeReport(resultsDir, report, profile, options.reportName);
  process.stdout.write(`\n${written.text}\n`);
  log(`reports: ${written.json}, ${written.latest}, ${written.markdown}, ${written.svg}; chat logs in ${logDir}`);
  await hooks?.afterLoad?.({ collected, report }, context);
  return { report, collected };
}
