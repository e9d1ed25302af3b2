import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** A lock shared by every console process of this user; `acquire` resolves to its release. */
export interface CrossProcessLock {
  acquire(): Promise<() => Promise<void>>;
}

/**
 * A lock directory next to the app's data (proper-lockfile: `mkdir` is atomic, a stale lock of a
 * crashed process is taken over after `staleMs`). Holds no secret; only its existence matters.
 */
export class FileLock implements CrossProcessLock {
  /** Creates a lock for `lockPath`, waiting up to about `waitMs` for another holder. */
  constructor(
    private readonly lockPath: string,
    private readonly waitMs = 10_000,
    private readonly staleMs = 15_000,
  ) {}

  async acquire(): Promise<() => Promise<void>> {
    await mkdir(path.dirname(this.lockPath), { recursive: true, mode: 0o700 });
    const retries = Math.max(1, Math.ceil(this.waitMs / 50));
    const release = await lockfile.lock(this.lockPath, {
      realpath: false,
      stale: this.staleMs,
      retries: { retries, factor: 1, minTimeout: 25, maxTimeout: 50 },
    });
    return async () => {
      try {
        await release();
      } catch {
        // Already released or taken over as stale; nothing of ours is left to clean.
      }
    };
  }
}
