import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The versioned kubectl clients beside the image's dispatcher (gcloud's `kubectl` picks
 * `kubectl.1.NN` by server version), oldest first; empty when `kubectl` is a single client.
 */
export function versionedKubectlClients(): Array<{ version: string; file: string }> {
  let dispatcher: string;
  try {
    dispatcher = realpathSync(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
  } catch {
    return [];
  }
  const dir = path.dirname(dispatcher);
  return readdirSync(dir)
    .map((name) => /^kubectl\.(1\.\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && existsSync(path.join(dir, m[0])))
    .map((m) => ({ version: m[1]!, file: path.join(dir, m[0]) }))
    .sort((a, b) => Number(a.version.split('.')[1]) - Number(b.version.split('.')[1]));
}
