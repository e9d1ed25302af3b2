import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Unit test files that write temporary files (a settings file, the broker's context registry, a CA
// bundle) without removing them themselves.
const WRITERS = [
  'test/unit/main/services/storage/json-file.test.ts',
  'test/unit/main/services/kubectl-credentials/token-broker.test.ts',
  'test/unit/main/services/net/trust-store.test.ts',
];

describe('unit tests leave nothing in the temporary folder', () => {
  let tmp: string | undefined;
  afterEach(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it('after the unit projects run files that write temporary files, TMPDIR is as it was', () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'aksc-unit-run-'));
    execFileSync(path.join(ROOT, 'node_modules/.bin/vitest'), ['run', '--project', 'main', ...WRITERS], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'pipe' });
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);
});
