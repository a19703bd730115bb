/**
 * How busy the machine was with work that is not the benchmark's, for timings that are
 * wall-clock. The load average says little here: on a shared virtual machine it counts
 * other tenants' tasks (and tasks waiting on I/O) as well as the benchmark's own browsers.
 * This compares the whole machine's busy CPU time (/proc/stat) with the CPU time of this
 * process and of every process descended from the browsers it launched, read from
 * /proc/<pid>/stat whenever `sample()` is called (a renderer's time is counted up to the
 * last sample before its tab closes: sample after each load). Linux only; null elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuShare {
  /** Cores kept busy on average by everything, by the benchmark, and by the rest. */
  allCores: number;
  ownCores: number;
  otherCores: number;
}

function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq, steal] = cpu.map(Number);
  return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / TICKS_PER_SECOND;
}

interface ProcessStat {
  ppid: number;
  /** utime + stime, ticks. */
  cpu: number;
  /** Start time: with the pid, tells a process from a later one that reused its pid. */
  start: string;
}

function processStat(pid: string): ProcessStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): field 3
    // (state) is at index 0, ppid (4) at 1, utime (14) at 11, stime (15) at 12, starttime
    // (22) at 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      cpu: Number(fields[11]) + Number(fields[12]),
      start: fields[19]!,
    };
  } catch {
    return null; // gone meanwhile
  }
}

export class CpuTracker {
  private readonly startBusy: number;
  private readonly startWall = performance.now();
  private readonly startNode = process.cpuUsage();
  /** Latest CPU ticks seen per process of the browsers' trees ("pid:start"). */
  private readonly seen = new Map<string, number>();

  private constructor(private readonly roots: () => (number | undefined)[]) {
    this.startBusy = machineBusySeconds();
  }

  /** A tracker from now on, or null where /proc is not there to read. */
  static start(roots: () => (number | undefined)[]): CpuTracker | null {
    try {
      return new CpuTracker(roots);
    } catch {
      return null;
    }
  }

  /** Notes the CPU time of every live process descended from the roots. */
  sample(): void {
    const stats = new Map<number, ProcessStat>();
    const children = new Map<number, number[]>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = processStat(name);
      if (!stat) continue;
      stats.set(Number(name), stat);
      children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
    }
    const queue = this.roots().filter((pid): pid is number => pid !== undefined);
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      const stat = stats.get(pid);
      if (stat) this.seen.set(`${pid}:${stat.start}`, stat.cpu);
      queue.push(...(children.get(pid) ?? []));
    }
  }

  share(): CpuShare {
    const wall = (performance.now() - this.startWall) / 1000;
    const all = (machineBusySeconds() - this.startBusy) / wall;
    const node = process.cpuUsage(this.startNode);
    const browsers = [...this.seen.values()].reduce((sum, ticks) => sum + ticks, 0);
    const own = (browsers / TICKS_PER_SECOND + (node.user + node.system) / 1e6) / wall;
    return { allCores: all, ownCores: own, otherCores: Math.max(0, all - own) };
  }
}
