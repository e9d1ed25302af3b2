/**
 * Holds a slot's spoke API server for one user of it: a test (or demo) that writes the server's access
 * file takes this exclusive lock for as long as it relies on that configuration, so two files on the
 * same slot never swap each other's Entra keys mid-run. The lock is `flock(1)` on a file beside the
 * slot's own lock, held by a child process, so it is released even if this process dies.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Waits for the slot's API server lock; the returned function releases it. */
export async function holdApiServerLock(slot: number, root = process.env.AKSC_TOPOLOGY_ROOT ?? '/tmp/aksc-topology'): Promise<() => Promise<void>> {
  mkdirSync(root, { recursive: true });
  const file = path.join(root, `.lock-s${slot}-apiserver`);
  const child = spawn('flock', ['-x', file, '-c', 'echo held; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`flock on ${file} ended (${code}) before the lock was held`)));
    child.once('error', reject);
  });
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    await exited;
  };
}
