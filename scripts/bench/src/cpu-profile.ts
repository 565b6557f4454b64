// Where a chat process spends its CPU (BENCH_CPU_PROFILE=1 starts them with --cpu-prof): self time
// of a V8 .cpuprofile grouped by package (or Smartchat source file) and by function.

/** CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: the main thread is thread 0. */
export function mainThreadProfilePid(fileName: string): number | undefined {
  const match = /^CPU\.\d+\.\d+\.(\d+)\.0\.\d+\.cpuprofile$/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  timeDeltas: number[];
}

export interface CpuProfileSummary {
  file: string;
  process: string;
  /** Sampled time, idle excluded (ms). */
  busyMs: number;
  byPackage: { name: string; percent: number }[];
  byFunction: { name: string; where: string; percent: number }[];
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node (core)';
  const own = /\/(services|scripts)\/([^/]+)\/src\/(.*)$/.exec(url);
  if (own) return `smartchat ${own[2]}/${own[3]}`;
  return url;
}

/**
 * Self time of the samples taken between fromMs and toMs after the profile started (about when
 * the process started), so that start-up and shutdown do not dilute the picture.
 */
export function summarizeCpuProfile(file: string, process: string, window: { fromMs: number; toMs: number }, top = 12): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Native code and Node's own modules (socket writes, timers, streams) are charged to the nearest
  // caller outside them: the library or source file that asked for the work.
  const ownerOf = (id: number): string => {
    let fallback: string | undefined;
    for (let current: number | undefined = id, guard = 0; current !== undefined && guard < 500; current = parent.get(current), guard += 1) {
      const { url, functionName } = byId.get(current)!.callFrame;
      if (!url) continue;
      if (url.startsWith('node:')) {
        fallback ??= 'node (core)';
        continue;
      }
      return packageOf(url, functionName);
    }
    return fallback ?? packageOf('', byId.get(id)!.callFrame.functionName);
  };
  const selfUs = new Map<number, number>();
  let atUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    atUs += delta;
    if (atUs >= window.fromMs * 1000 && atUs <= window.toMs * 1000) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const packages = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    busyUs += us;
    const name = ownerOf(id);
    packages.set(name, (packages.get(name) ?? 0) + us);
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url}:${callFrame.lineNumber + 1}`;
    const entry = functions.get(key) ?? { name: callFrame.functionName || '(anonymous)', where: `${name}:${callFrame.lineNumber + 1}`, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const percent = (us: number) => Math.round((us / Math.max(1, busyUs)) * 1000) / 10;
  return {
    file,
    process,
    busyMs: Math.round(busyUs / 1000),
    byPackage: [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, percent: percent(us) })),
    byFunction: [...functions.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([, { name, where, us }]) => ({ name, where, percent: percent(us) })),
  };
}
