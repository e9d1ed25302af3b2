import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powershellForm } from '../../../src-renderer/ui/shell-forms';
import { writeRecordingStubs } from '../../support/recording-stubs';
import { SHOWN_COMMANDS } from '../../support/shown-commands';

/**
 * Every command the console shows, pasted in its PowerShell form into a real pwsh: stubs named az,
 * kubectl, ssh and code record their argv, which must equal the argv the POSIX form gives in bash.
 * Debian has no pwsh package, so on a machine without pwsh this file says so in its skip; the unit
 * test `shell-forms.test.ts` then still checks every form against PowerShell's quoting rules.
 */
const PWSH = spawnSync('pwsh', ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' });
const HAS_PWSH = PWSH.status === 0;
if (!HAS_PWSH) console.warn('NOT RUN: pwsh not installed (Debian has no package); the PowerShell forms were checked only by the unit test\'s tokenizer.');

let root: string;
let home: string;
let bin: string;
let log: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aksc-pwsh-'));
  home = join(root, 'home');
  bin = join(root, 'bin');
  log = join(root, 'argv.jsonl');
  for (const dir of [home, bin]) mkdirSync(dir);
  writeRecordingStubs(bin);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `text` in `shell` as pasted, and returns the argv lists the stubs recorded. */
function pasted(shell: 'bash' | 'pwsh', text: string): string[][] {
  writeFileSync(log, '');
  const args = shell === 'bash' ? ['-c', text] : ['-NoProfile', '-NonInteractive', '-Command', text];
  execFileSync(shell, args, { cwd: root, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, ARGV_LOG: log } });
  return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
}

describe('equivalent commands, run as copied into PowerShell', () => {
  it.skipIf(!HAS_PWSH).each(SHOWN_COMMANDS)(`%s (${HAS_PWSH ? `pwsh ${PWSH.stdout.trim()}` : 'NOT RUN: pwsh not installed'})`, (_name, posix) => {
    const form = powershellForm(posix);
    expect(form).toBeDefined();
    const expected = pasted('bash', posix);
    expect(expected.length).toBeGreaterThan(0);
    expect(pasted('pwsh', form!)).toEqual(expected);
  });
});
