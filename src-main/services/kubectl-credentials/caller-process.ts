import { readlink, stat } from 'node:fs/promises';
import type { CallerInfo } from './token-broker';
import { ChannelError } from './channel-guard';

/** Port: what the OS can tell about the process that says it is calling. */
export type CallerLookup = (claimed: { pid: number; ppid: number }) => Promise<CallerInfo>;

/**
 * Linux: Node cannot read SO_PEERCRED, so the helper reports its pid and its parent's (kubectl). The
 * socket's 0600 mode in a 0700 folder is what the kernel enforces (only our uid can connect); this
 * check adds that the claimed process exists and runs as our uid, and names the caller's executable
 * (`/proc/<ppid>/exe`) for the audit record. A forged pid of another of our own processes is not
 * detected: it would need our uid, which the socket mode already requires.
 */
export function procCallerLookup(uid: number, procRoot = '/proc'): CallerLookup {
  return async ({ pid, ppid }) => {
    let owner: number;
    try {
      owner = (await stat(`${procRoot}/${pid}`)).uid;
    } catch {
      throw new ChannelError('channel.unknown_caller', `the calling process ${pid} does not exist`);
    }
    if (owner !== uid) throw new ChannelError('channel.foreign_caller', `the calling process ${pid} belongs to another user`);
    const exe = await readlink(`${procRoot}/${ppid}/exe`).catch(() => null);
    return { pid: ppid || pid, exe };
  };
}

/** Other platforms: the claimed parent pid, unverified (the pipe name and launch secret carry the check). */
export const claimedCaller: CallerLookup = async ({ pid, ppid }) => ({ pid: ppid || pid, exe: null });
