/**
 * Item 2 of issue 13: another person must never release the idle lock. The account is recorded
 * whenever one exists (also while a silent renewal needs a person), a different account is refused
 * and audited as a refused release, and when no account is known at all (never signed in, VPN-only
 * use) unlocking ends every session and tunnel unless policy explicitly keeps them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';

const ARM = 'https://management.azure.com/.default';
let f: AuthFixture | undefined;

afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** A tunnel whose listener is open (its SSH leg connects on first use), so there is something to end. */
async function openTunnel(fx: AuthFixture, name = 'kept') {
  return fx.core.connectivity.manager.openTunnel(name, { kind: 'ssh', target: { route: { kind: 'direct', host: '127.0.0.1', port: 1 }, username: 'u', auth: { method: 'agent' } }, remoteHost: 'api.internal', remotePort: 443 });
}

async function releases(fx: AuthFixture) {
  return (await fx.core.audit.list({ types: ['lock.release'] })).records.map((r) => ({ outcome: r.outcome, actor: r.actor, details: r.details }));
}

describe('who may release the idle lock', () => {
  it('locked while a silent renewal needs a person: the account is recorded and another account is refused', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.faults.tokenError = { error: 'interaction_required', description: 'AADSTS50076: MFA required.', grant: 'refresh_token' };
    await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant }).catch(() => undefined);
    expect((await f.core.auth.status()).state).toBe('needs-sign-in');

    expect(await f.core.lock.lock('manual')).toMatchObject({ locked: true, user: 'ops.admin@contoso.com' });
    const intruder = f.entra.directory.users[1]!;
    f.entra.browserUser = intruder;
    await expect(f.core.lock.unlock()).rejects.toMatchObject({ code: 'lock.wrong_user' });
    expect(f.core.lock.isLocked()).toBe(true);
    expect((await f.core.auth.accounts()).accounts.map((a) => a.username)).toEqual(['ops.admin@contoso.com']);
    await expect.poll(() => releases(f!)).toEqual([expect.objectContaining({ outcome: 'denied', actor: intruder.username })]);

    f.entra.browserUser = f.entra.directory.users[0]!;
    await expect(f.core.lock.unlock()).resolves.toMatchObject({ locked: false });
  });

  it('a fresh sign-in by a different account is never taken as the same operator', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.browserUser = f.entra.directory.users[1]!;
    await expect(f.core.auth.reauthenticate()).rejects.toMatchObject({ code: 'auth.wrong_account' });
    expect((await f.core.auth.status()).account?.username).toBe('ops.admin@contoso.com');
  });

  it('never signed in (VPN-only): unlocking ends every session and tunnel, and the audit says so', async () => {
    f = await startAuthFixture();
    await openTunnel(f);
    expect(await f.core.lock.lock('manual')).toMatchObject({ locked: true, user: null, sessionsOnLock: 'keep', closed: null });
    f.entra.browserUser = f.entra.directory.users[1]!;
    const state = await f.core.lock.unlock();
    expect(state).toMatchObject({ locked: false, closed: { sessions: 0, tunnels: 1 } });
    expect(f.core.connectivity.manager.listTunnels()).toEqual([]);
    await expect.poll(() => releases(f!)).toEqual([
      expect.objectContaining({ outcome: 'success', actor: f!.entra.directory.users[1]!.username, details: expect.objectContaining({ lockedUser: null, endedSessions: 0, endedTunnels: 1 }) }),
    ]);
  });

  it('policy may keep them explicitly (lock.unlockWithoutAccount: keep-sessions)', async () => {
    f = await startAuthFixture();
    const policyDir = path.join(f.appDataDir, 'policy');
    await mkdir(policyDir, { recursive: true });
    await writeFile(path.join(policyDir, 'policy.json'), JSON.stringify({ schemaVersion: 1, lock: { unlockWithoutAccount: 'keep-sessions' } }), { mode: 0o644 });
    const core = f.restart();
    await core.connectivity.manager.openTunnel('kept-by-policy', { kind: 'ssh', target: { route: { kind: 'direct', host: '127.0.0.1', port: 1 }, username: 'u', auth: { method: 'agent' } }, remoteHost: 'api.internal', remotePort: 443 });
    expect(core.policy.effective().unlockWithoutAccount).toBe('keep-sessions');
    await core.lock.lock('manual');
    await expect(core.lock.unlock()).resolves.toMatchObject({ locked: false, closed: null });
    expect(core.connectivity.manager.listTunnels().map((t) => t.name)).toEqual(['kept-by-policy']);
  });
});
