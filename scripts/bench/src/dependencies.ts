// The local dependency servers started by scripts/infra (their pid files are in var/<name>/).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@smartchat/platform';

export const DEPENDENCIES = ['postgres', 'redis', 'rabbitmq', 'kafka', 'cassandra', 'prometheus'];

/** The running server's pid, or undefined when its pid file is missing or the process is gone. */
export function dependencyPid(name: string): number | undefined {
  const file = join(repoRoot, 'var', name, `${name}.pid`);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : undefined;
}
