/**
 * CPU time of this process and of every process it started (Chromium's browser, renderer and helper
 * processes, sshd and its shell), read from /proc, so a bench can say which process a pipeline's
 * time went to even on a busy machine where wall time is noisy. Linux only; elsewhere only `main`.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds per kind of process. */
export type CpuByProcess = Record<string, number>;

interface ProcEntry {
  readonly ppid: number;
  readonly cpuMs: number;
  readonly cmd: string;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux
const PAGE_BYTES = 4096;

/** Parent, CPU milliseconds (user + system) and RSS bytes from the text of /proc/<pid>/stat. */
function parseStat(stat: string): { ppid: number; cpuMs: number; rssBytes: number } {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, rssBytes: Number(fields[21]) * PAGE_BYTES };
}

/**
 * CPU milliseconds and resident memory of one process by pid, so a bench can measure a child
 * without asking it over a channel that may be busy or dead; undefined once it is gone.
 */
export function procStat(pid: number): { cpuMs: number; rssBytes: number } | undefined {
  try {
    const { cpuMs, rssBytes } = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return { cpuMs, rssBytes };
  } catch {
    return undefined;
  }
}

function readProcs(): Map<number, ProcEntry> {
  const procs = new Map<number, ProcEntry>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return procs;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const { ppid, cpuMs } = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      procs.set(Number(name), { ppid, cpuMs, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  return procs;
}

function kindOf(cmd: string): string {
  if (cmd.includes('session-host')) return 'session process';
  if (cmd.includes('--type=renderer')) return 'chromium renderers';
  if (/chrom/.test(cmd)) return 'chromium browser+helpers';
  if (/sshd|\byes\b|\bhead\b|bash|sh -c/.test(cmd)) return 'sshd+shell';
  return 'other';
}

/** CPU time so far: `main` (this process) and each kind of descendant process. */
export function cpuSnapshot(): CpuByProcess {
  const usage = process.cpuUsage();
  const out: CpuByProcess = { main: (usage.user + usage.system) / 1000 };
  const procs = readProcs();
  const descends = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid, hops = 0; p !== undefined && p > 1 && hops < 32; p = procs.get(p)?.ppid, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  for (const [pid, entry] of procs) {
    if (pid === process.pid || !descends(pid)) continue;
    const kind = kindOf(entry.cmd);
    out[kind] = (out[kind] ?? 0) + entry.cpuMs;
  }
  return out;
}

/** CPU milliseconds per MB that processes of `kind` spent between two snapshots. */
export function cpuMsPerMb(before: CpuByProcess, after: CpuByProcess, mb: number, kind: string): number {
  return ((after[kind] ?? 0) - (before[kind] ?? 0)) / mb;
}

/** CPU milliseconds spent per MB between two snapshots, one `kind value` pair per process kind. */
export function cpuPerMb(before: CpuByProcess, after: CpuByProcess, mb: number): string {
  return Object.keys(after)
    .map((kind) => ({ kind, ms: cpuMsPerMb(before, after, mb, kind) }))
    .filter(({ ms }) => ms >= 1)
    .map(({ kind, ms }) => `${kind} ${ms.toFixed(0)}`)
    .join(', ');
}
