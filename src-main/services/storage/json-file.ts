import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { replaceFile } from './atomic-replace';
import { decodeText } from './text-decoding';

/** A small JSON document on disk: read with a schema, written atomically (temp file + rename). */
export class JsonFile<T> {
  /** Creates a store for `filePath`, validated by `schema`; `fallback` is used when absent or invalid. */
  constructor(
    private readonly filePath: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: () => T,
  ) {}

  /** Reads the document; a missing or invalid file yields the fallback and the reason. */
  async read(): Promise<{ value: T; problem?: string }> {
    let text: string;
    try {
      text = decodeText(await readFile(this.filePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: this.fallback() };
      return { value: this.fallback(), problem: `cannot read ${path.basename(this.filePath)}: ${(error as Error).message}` };
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return { value: parsed.data };
      return { value: this.fallback(), problem: `${path.basename(this.filePath)} is not valid; defaults are in use` };
    } catch {
      return { value: this.fallback(), problem: `${path.basename(this.filePath)} is not JSON; defaults are in use` };
    }
  }

  /** Writes the document so that a crash leaves either the old or the new file, never half of one. */
  async write(value: T): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const temp = `${this.filePath}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await replaceFile(temp, this.filePath);
  }
}
