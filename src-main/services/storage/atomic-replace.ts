import { rename } from 'node:fs/promises';

/** Error codes Windows gives while another process (an antivirus scan, the indexer, an editor) holds the target. */
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** How a replace runs (ports, so the Windows retry is tested on any OS). */
export interface ReplaceOptions {
  readonly platform?: NodeJS.Platform;
  readonly renameFile?: (from: string, to: string) => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Give up after this long (graceful-fs waits up to 60 s; a console user should not wait that long). */
  readonly maxWaitMs?: number;
}

/**
 * Moves a finished temp file over its target. On Windows a rename fails with EPERM/EBUSY/EACCES
 * while a scanner or editor has the target open; like graceful-fs, retry with growing pauses for a
 * bounded time before giving up. Elsewhere those errors are real and are thrown at once.
 */
export async function replaceFile(from: string, to: string, options: ReplaceOptions = {}): Promise<void> {
  const renameFile = options.renameFile ?? rename;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windows = (options.platform ?? process.platform) === 'win32';
  const maxWaitMs = options.maxWaitMs ?? 3000;
  let waited = 0;
  for (let pause = 10; ; pause = Math.min(pause * 2, 500)) {
    try {
      await renameFile(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!windows || !TRANSIENT.has(code) || waited >= maxWaitMs) throw error;
      await sleep(pause);
      waited += pause;
    }
  }
}
