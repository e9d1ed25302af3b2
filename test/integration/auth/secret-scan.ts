import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` (recursively) with its text. */
export async function readTree(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, text: await readFile(file, 'utf8').catch(() => '') });
  }
  return out;
}

/** The secrets (and the secret part of each) found in `haystack`. */
export function findSecrets(haystack: string, secrets: Iterable<string>): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    // Match the random tail too, so a token split or re-encoded by a prefix is still caught.
    const tail = secret.includes('.') ? secret.slice(secret.indexOf('.') + 1, secret.indexOf('.') + 25) : secret;
    if (haystack.includes(secret) || (tail.length >= 16 && haystack.includes(tail))) found.push(`${secret.slice(0, 6)}…`);
  }
  return found;
}
