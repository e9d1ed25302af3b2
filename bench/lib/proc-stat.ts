/**
 * CPU time and resident memory of one process by pid, read from /proc (Linux), so a bench can
 * measure a child without asking it over a channel that may be busy or dead.
 */
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux
const PAGE_BYTES = 4096;

/** CPU milliseconds (user + system) and RSS bytes of `pid`; undefined once it is gone. */
export function procStat(pid: number): { cpuMs: number; rssBytes: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return undefined;
  }
}
