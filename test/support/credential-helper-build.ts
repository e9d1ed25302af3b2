import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { NATIVE_HELPER_NAME } from '../../src-main/services/kubeconfig/helper-choice';

/**
 * Bundles the credential helper's Node entry (`src-main/kube-credential-helper.ts`) into one ESM file,
 * as electron-vite does for `out/main`, so tests and benches run the real helper under plain Node
 * without a prior `npm run build`. Returns the file to pass to `node`.
 */
export async function buildCredentialHelper(): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-helper-'));
  const file = path.join(dir, 'kube-credential-helper.mjs');
  await build({ entryPoints: [path.resolve('src-main/kube-credential-helper.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: file, logLevel: 'silent' });
  return { file, dir };
}


/**
 * Compiles the native credential helper with its own build script (the hardened flags `npm run build`
 * uses; `extraCflags` adds e.g. `-fsanitize=address`) into a folder named after a hash of its source,
 * build script and flags, and reuses that binary while none of them changed (rebuilt only when stale).
 * The folder is under the repository's ignored `out/` (not a test's own TMPDIR), so runs share it.
 */
export async function buildNativeHelper(extraCflags = ''): Promise<string> {
  const script = path.resolve('native/kube-credential/build.sh');
  const hash = createHash('sha256');
  for (const file of [path.resolve('native/kube-credential/kube-credential.c'), script]) hash.update(await readFile(file));
  hash.update(extraCflags);
  const dir = path.resolve('out/native-helper', hash.digest('hex').slice(0, 16));
  const file = path.join(dir, NATIVE_HELPER_NAME);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await promisify(execFile)('bash', [script, dir], { env: { ...process.env, EXTRA_CFLAGS: extraCflags } });
  return file;
}
