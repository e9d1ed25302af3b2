import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const RUN_SCOPE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/run-scope.sh');

// Inside the run: its TMPDIR, that folder's mode, and every folder from it up to / that others
// (the sshd's session user reads its authorized keys under TMPDIR) cannot pass through.
const PROBE = `
source "$RUN_SCOPE"
run_scope_begin
echo "$TMPDIR"
stat -c %a "$TMPDIR"
d=$TMPDIR
while :; do
  [ $(( 0$(stat -c %a "$d") & 1 )) -eq 1 ] || echo "closed $d"
  [ "$d" = / ] && break
  d=$(dirname "$d")
done
`;

/** What a supervised run started with TMPDIR=`parentTmp` hands its children. */
function probeRun(parentTmp: string): { tmp: string; mode: string; closed: string[] } {
  const out = execFileSync('bash', ['-c', PROBE], { env: { ...process.env, RUN_SCOPE, TMPDIR: parentTmp }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [tmp = '', mode = '', ...rest] = out.trim().split('\n');
  return { tmp, mode, closed: rest.filter((l) => l.startsWith('closed ')) };
}

describe('a supervised run gives test users a temporary folder they can reach', () => {
  let parent: string | undefined;
  afterEach(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
    parent = undefined;
  });

  it('under a private TMPDIR (mode 0700, like /run/user/<uid>), the run folder is passable and writable by others', () => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'aksc-private-'));
    chmodSync(parent, 0o700);
    const run = probeRun(parent);
    expect(run.closed).toEqual([]);
    expect(run.mode).toBe('1777');
    // The run's teardown (its EXIT trap) removed what it created.
    expect(existsSync(run.tmp)).toBe(false);
  });

  it('under an open TMPDIR, the run folder goes inside it', () => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'aksc-open-'));
    chmodSync(parent, 0o755);
    const run = probeRun(parent);
    expect(run.tmp.startsWith(`${parent}/`)).toBe(true);
    expect(run.closed).toEqual([]);
  });
});
