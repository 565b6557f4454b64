// CPU and memory of the processes that matter, sampled once a second from /proc.
//
// Each tracked process counts with its descendants (PostgreSQL serves each connection from a
// child process; tsx may run a helper): CPU = utime + stime + cutime + cstime of every member
// (cutime/cstime keep the time of children that exited and were reaped, so the sum stays
// continuous); memory = VmRSS of the process itself + RssAnon (private memory) of its
// descendants, so shared memory (PostgreSQL's shared buffers) is not counted once per backend.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface ProcessFigures {
  name: string;
  pid: number;
  cpuPercentAvg: number;
  cpuPercentMax: number;
  peakRssMb: number;
}

interface Sample {
  at: number;
  ticks: number;
  rssKb: number;
}

interface Tracked {
  name: string;
  pid: number;
  samples: Sample[];
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const round1 = (value: number) => Math.round(value * 10) / 10;

function readStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid = field 4, utime..cstime = fields 14..17.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

function readStatusKb(pid: number, key: 'VmRSS' | 'RssAnon'): number {
  try {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function readMachineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export class Sampler {
  private readonly tracked: Tracked[] = [];
  private readonly machine: { at: number; busy: number; total: number }[] = [];
  private timer?: NodeJS.Timeout;

  track(name: string, pid: number): void {
    this.tracked.push({ name, pid, samples: [] });
  }

  start(intervalMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  /** Current memory of one tracked process (and its descendants), in kB. */
  currentRssKb(name: string): number {
    const tracked = this.tracked.find((entry) => entry.name === name);
    if (!tracked) return 0;
    return this.measure(tracked.pid, this.children()).rssKb;
  }

  sample(): void {
    const at = Date.now();
    const children = this.children();
    for (const tracked of this.tracked) {
      const { ticks, rssKb, alive } = this.measure(tracked.pid, children);
      if (alive) tracked.samples.push({ at, ticks, rssKb });
    }
    this.machine.push({ at, ...readMachineTicks() });
  }

  /** CPU (100% = one core) over [from, to] and peak memory over the whole run, per process. */
  figures(from: number, to: number): ProcessFigures[] {
    return this.tracked.map(({ name, pid, samples }) => {
      const inWindow = samples.filter((sample) => sample.at >= from && sample.at <= to);
      let avg = 0;
      let max = 0;
      if (inWindow.length >= 2) {
        const first = inWindow[0]!;
        const last = inWindow[inWindow.length - 1]!;
        avg = ((last.ticks - first.ticks) / CLOCK_TICKS / ((last.at - first.at) / 1000)) * 100;
        for (let index = 1; index < inWindow.length; index += 1) {
          const a = inWindow[index - 1]!;
          const b = inWindow[index]!;
          const percent = ((b.ticks - a.ticks) / CLOCK_TICKS / ((b.at - a.at) / 1000)) * 100;
          if (percent > max) max = percent;
        }
      }
      const peakKb = samples.reduce((peak, sample) => Math.max(peak, sample.rssKb), 0);
      return { name, pid, cpuPercentAvg: round1(Math.max(0, avg)), cpuPercentMax: round1(max), peakRssMb: round1(peakKb / 1024) };
    });
  }

  /** Busy share of all cores over [from, to], 0..100. */
  machineBusyPercent(from: number, to: number): { busyPercent: number; cores: number } {
    const inWindow = this.machine.filter((sample) => sample.at >= from && sample.at <= to);
    const cores = cpus().length;
    if (inWindow.length < 2) return { busyPercent: 0, cores };
    const first = inWindow[0]!;
    const last = inWindow[inWindow.length - 1]!;
    return { busyPercent: round1(((last.busy - first.busy) / Math.max(1, last.total - first.total)) * 100), cores };
  }

  private children(): Map<number, number[]> {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (!stat) continue;
      const list = children.get(stat.ppid) ?? [];
      list.push(Number(entry));
      children.set(stat.ppid, list);
    }
    return children;
  }

  private measure(root: number, children: Map<number, number[]>): { ticks: number; rssKb: number; alive: boolean } {
    const rootStat = readStat(root);
    if (!rootStat) return { ticks: 0, rssKb: 0, alive: false };
    let ticks = rootStat.ticks;
    let rssKb = readStatusKb(root, 'VmRSS');
    const queue = [...(children.get(root) ?? [])];
    for (let guard = 0; queue.length > 0 && guard < 10_000; guard += 1) {
      const pid = queue.shift()!;
      const stat = readStat(pid);
      if (stat) ticks += stat.ticks;
      rssKb += readStatusKb(pid, 'RssAnon');
      queue.push(...(children.get(pid) ?? []));
    }
    return { ticks, rssKb, alive: true };
  }
}
