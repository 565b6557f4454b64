// `make bench PROFILE=seed|max`: prepares an isolated environment, starts two chat processes and
// the load generator (each its own OS process), samples CPU and memory, collects the result and
// writes the reports to bench-results/. Exit code: 0 when the run completed (targets met or not),
// 1 when a message was lost or duplicated, 2 when the bench itself failed. PROFILE=assign (the
// balancer's time-to-assign) has its own orchestrator, src/assign/orchestrate.ts.
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
import { drive } from './drive.js';
import { prepareEnvironment, type BenchEnvironment } from './environment.js';
import { CleanupStack, deadline, log, sleep } from './orchestration.js';
import { describeProfile, resolveProfile, type Profile } from './profiles.js';
import type { LoadgenConfig } from './protocol.js';
import { writeReport } from './report.js';
import { Sampler } from './sampler.js';
import { runAssignBench } from './assign/orchestrate.js';

const CHAT_PROCESSES = 2;

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

async function main(): Promise<number> {
  const profile = resolveProfile(process.env);
  const keep = process.env.BENCH_KEEP === '1';
  const sharedRedis = process.env.BENCH_SHARED_REDIS === '1';
  const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? join(repoRoot, 'bench-results', 'profiles', profile.name) : null;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const nodeArgs = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [])];
  const sharedRedisDb = Number(process.env.BENCH_REDIS_DB ?? '13');
  // Reports and chat logs; the bench's own test writes elsewhere so as not to replace a real run's.
  const resultsDir = process.env.BENCH_RESULTS_DIR || join(repoRoot, 'bench-results');
  const logDir = join(resultsDir, 'logs', profile.name);
  mkdirSync(logDir, { recursive: true });
  const startedAt = new Date();
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const cleanups = new CleanupStack();

  try {
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
    const written = writeReport(resultsDir, report, profile);
    process.stdout.write(`\n${written.text}\n`);
    log(`reports: ${written.json}, ${written.latest}, ${written.markdown}, ${written.svg}; chat logs in ${logDir}`);
    if (report.lost > 0 || report.duplicated > 0) {
      console.error(`[bench] correctness failure: ${report.lost} lost, ${report.duplicated} duplicated`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await cleanups.run();
  }
}

// PROFILE=assign measures the balancer, with an orchestrator of its own (src/assign/).
const entry = (process.env.PROFILE ?? '').trim() === 'assign' ? runAssignBench : main;

entry().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
