import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

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
