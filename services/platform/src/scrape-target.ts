// Local service discovery for Prometheus: a process announces its /metrics address by writing a
// file_sd JSON file into a directory that the local Prometheus watches (scripts/infra/prometheus.sh).
// In Kubernetes this is not used; ServiceMonitors do the job there.
import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE_PATTERN = /^(?<service>[a-z0-9-]+)-(?<pid>\d+)-(?<port>\d+)\.json$/;

export interface ScrapeTarget {
  file: string;
  unregister(): void;
}

export function registerScrapeTarget(options: { dir: string; service: string; host: string; port: number; labels?: Record<string, string> }): ScrapeTarget {
  pruneDeadTargets(options.dir);
  const file = join(options.dir, `${options.service}-${process.pid}-${options.port}.json`);
  const content = [{ targets: [`${options.host}:${options.port}`], labels: { service: options.service, pid: String(process.pid), ...options.labels } }];
  const temporary = `${file}.tmp`;
  // Written under another name and renamed, so Prometheus never reads half a file.
  writeFileSync(temporary, JSON.stringify(content));
  renameSync(temporary, file);
  let registered = true;
  const unregister = () => {
    if (!registered) return;
    registered = false;
    process.off('exit', unregister);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.on('exit', unregister);
  return { file, unregister };
}

/** Removes files left by processes that died without unregistering (kill -9, crash). */
export function pruneDeadTargets(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(FILE_PATTERN.exec(name)?.groups?.pid);
    if (!pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // raced with another process pruning
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
