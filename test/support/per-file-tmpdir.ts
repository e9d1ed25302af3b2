/**
 * Vitest setup file for the unit projects: each test file gets a temporary folder of its own as
 * TMPDIR, removed with everything in it when the file's tests end, so a test that forgets its
 * temporary files leaves nothing on the machine.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const outer = os.tmpdir();
const folder = mkdtempSync(path.join(outer, 'aksc-unit-'));
// Passable like /tmp, for a test that hands a file to another user's process.
chmodSync(folder, 0o755);
process.env.TMPDIR = folder;

afterAll(() => {
  process.env.TMPDIR = outer;
  rmSync(folder, { recursive: true, force: true });
});
