import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../../standins/entra/standin-tls';
import { requireTestKeyring, runKeychainChild } from './keyring-env';

const BARE_SESSION_BUS = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`;

/**
 * Fail closed, proven against real D-Bus situations: each case runs the real core in a child
 * process with a different (or absent) session bus, signs in, and must end with tokens in memory
 * only, a plain reason for the operator, and a warning in the log.
 */
// Counted as a failed test (not a skipped one) when run outside scripts/test.sh's private keyring.
it('runs against the private unlocked gnome-keyring', () => requireTestKeyring());

describe('no reachable keychain: tokens in memory only, with a visible reason', () => {
  let tls: StandInTls;
  let entra: EntraStandIn;
  let home: string;
  beforeAll(async () => {
    requireTestKeyring();
    tls = makeStandInTls();
    entra = await new EntraStandIn(tls).start();
    home = await mkdtemp(path.join(os.tmpdir(), 'aksc-nokeyring-'));
  });
  afterAll(async () => {
    await entra?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  function baseEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), AKS_STANDIN_ORIGIN: entra.origin, AKS_STANDIN_CA: tls.caPem, AKS_KEYCHAIN_SERVICE: `aksc-test-${randomUUID()}` };
    return env;
  }

  function expectMemoryOnly(run: { result: Record<string, unknown> | undefined; stderr: string }, reason: RegExp): void {
    const { result } = run;
    expect(result, `the child printed no result; its stderr: ${run.stderr.slice(-2000)}`).toBeDefined();
    expect(result!.storageAtStart, String(result!.keychainError)).toEqual({ kind: 'memory', reason: expect.stringMatching(reason) });
    expect(result!.storageAfterSignIn).toMatchObject({ kind: 'memory' });
    expect(result!.state).toBe('signed-in');
    expect(result!.gotToken).toBe(true);
    expect(result!.warnings).toBeGreaterThan(0);
    for (const secret of entra.issuedSecrets) expect((result!.logLines as string[]).join('\n')).not.toContain(secret);
  }

  it('no session bus at all', async () => {
    const run = await runKeychainChild(baseEnv());
    expectMemoryOnly(run, /session bus/);
    expect(run.result!.keychainError).toMatch(/D-Bus|DISPLAY|autolaunch/i);
  });

  it('a session bus without a Secret Service', async () => {
    // The stock session bus would D-Bus-activate gnome-keyring; this bus has no service directory.
    const config = path.join(home, 'bare-session.conf');
    await writeFile(config, BARE_SESSION_BUS);
    const run = await runKeychainChild(baseEnv(), [], ['dbus-run-session', `--config-file=${config}`, '--']);
    expectMemoryOnly(run, /Secret Service/);
    expect(run.result!.keychainError).toMatch(/org\.freedesktop\.secrets/);
  });

  it('a keyring that was never unlocked (locked login collection)', async () => {
    const env = { ...baseEnv(), XDG_DATA_HOME: path.join(home, `locked-${randomUUID()}`) };
    const run = await runKeychainChild(env, [], ['dbus-run-session', '--', 'sh', '-c', 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$@"', 'sh']);
    expectMemoryOnly(run, /locked/);
  });
});
