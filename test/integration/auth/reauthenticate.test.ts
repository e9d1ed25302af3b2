import { afterEach, describe, expect, it } from 'vitest';
import { startAuthFixture, type AuthFixture } from './auth-fixture';

let f: AuthFixture | undefined;

afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function signedInFixture(): Promise<AuthFixture> {
  const fx = await startAuthFixture();
  await fx.core.auth.signIn('interactive');
  return fx;
}

describe('re-authentication for unlocking (prompt=login, max_age=0, auth_time checked)', () => {
  it('asks the authority for credentials again and proves it with auth_time', async () => {
    f = await signedInFixture();
    f.entra.ageSsoSessions(3600);
    const result = await f.core.auth.reauthenticate();
    expect(f.entra.authorizeRequests.at(-1)).toEqual({ prompt: 'login', maxAge: '0', reauthenticated: true });
    expect(result.username).toBe('ops.admin@contoso.com');
    expect(Math.abs(result.authTime - Date.now() / 1000)).toBeLessThan(60);
    expect((await f.core.auth.status()).state).toBe('signed-in');
  });

  it('refuses a sign-in that silently reused an old session (prompt stripped on the way) and keeps the lock', async () => {
    f = await signedInFixture();
    f.entra.ageSsoSessions(3600);
    f.entra.faults.ignoreReauthentication = true;
    await expect(f.core.auth.reauthenticate()).rejects.toMatchObject({ code: 'auth.not_fresh' });
    await f.core.lock.lock('manual');
    await expect(f.core.lock.unlock()).rejects.toMatchObject({ code: 'lock.not_fresh' });
    expect(f.core.lock.isLocked()).toBe(true);
    expect((await f.core.auth.status()).state).toBe('signed-in');
  });

  it('refuses an id token that does not say when the person signed in', async () => {
    f = await signedInFixture();
    f.entra.faults.omitAuthTime = true;
    await expect(f.core.auth.reauthenticate()).rejects.toMatchObject({ code: 'auth.not_fresh' });
  });

  it('does not let another person take over at the lock screen: the account stays, their tokens are dropped', async () => {
    f = await signedInFixture();
    await f.core.lock.lock('manual');
    f.entra.browserUser = f.entra.directory.users[1]!;
    await expect(f.core.lock.unlock()).rejects.toMatchObject({ code: 'lock.wrong_user' });
    expect(f.core.lock.isLocked()).toBe(true);
    const { accounts } = await f.core.auth.accounts();
    expect(accounts.map((a) => a.username)).toEqual(['ops.admin@contoso.com']);
    expect((await f.core.auth.status()).account?.username).toBe('ops.admin@contoso.com');

    f.entra.browserUser = f.entra.directory.users[0]!;
    await expect(f.core.lock.unlock()).resolves.toMatchObject({ locked: false });
  });
});
