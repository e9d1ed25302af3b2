import { constants } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The append-only JSON Lines file behind the audit log. */
export class AuditLogFile {
  /** Creates the file handle wrapper for `filePath` (created on first append, mode 0600). */
  constructor(readonly filePath: string) {}

  /** Every line of the log (a torn last line included, so verify can report it). */
  async readLines(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }

  /**
   * Appends whole lines and flushes them to disk before resolving (O_APPEND: never overwrites).
   * A torn previous tail gets a newline first, so new records start on a line of their own.
   */
  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    await mkdir(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const handle = await open(this.filePath, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        const reader = await open(this.filePath, 'r');
        try {
          await reader.read(last, 0, 1, size - 1);
        } finally {
          await reader.close();
        }
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(`${prefix}${lines.join('\n')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
