// Killing and restarting a shared dependency in the fault tests, as a person would: SIGKILL, wait
// until the process is really gone, then its infra script's `up`.
//
// The wait matters. A JVM (Kafka, Cassandra) killed a moment ago keeps its listening socket until
// the kernel has torn down every thread, and `up` run in that window finds the old pid alive and
// its port answering, says "already running" and starts nothing: the dependency then stays down.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../paths.js';
import { eventually } from './wait.js';

export type Dependency = 'kafka' | 'rabbitmq' | 'cassandra' | 'redis' | 'postgres' | 'prometheus';

/** The pid an infra script recorded for the dependency it started. */
export function dependencyPid(name: Dependency): number {
  return Number(readFileSync(join(repoRoot, `var/${name}/${name}.pid`), 'utf8').trim());
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state is the field after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL, then resolves once the process is gone (at most 30 s). */
export async function killDependency(name: Dependency): Promise<void> {
  const pid = dependencyPid(name);
  process.kill(pid, 'SIGKILL');
  await eventually(`${name} (pid ${pid}) gone after SIGKILL`, async () => !processAlive(pid), 30_000, 50);
}

/**
 * `scripts/infra/<name>.sh <command>`, asynchronously (a restart can take 40 s, and a test process
 * blocked on it could not answer its own sockets' heartbeats). Resolves to what the script printed;
 * a failure carries it too.
 */
export async function infraScript(name: Dependency, command: 'up' | 'down' | 'status'): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(repoRoot, `scripts/infra/${name}.sh`), [command], { timeout: 240_000 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`scripts/infra/${name}.sh ${command} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}
