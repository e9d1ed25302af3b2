import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { startAuthFixture, type AuthFixture } from './auth-fixture';
import { findSecrets } from './secret-scan';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' };
let f: AuthFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('identity over IPC: names, ids and expiry times, never a token', () => {
  it('runs the whole flow through the router, and nothing the renderer would receive holds a token', async () => {
    f = await startAuthFixture();
    const received: unknown[] = [];
    f.core.router.attach({ send: (event, payload) => received.push({ event, payload }), isAlive: () => true });
    const call = async (channel: string, payload?: unknown) => {
      const answer = await f!.core.router.dispatch(channel, payload, sender);
      received.push(answer);
      return answer;
    };
    expect(await call('auth.status')).toMatchObject({ ok: true, data: { state: 'signed-out', storage: { kind: 'keychain' } } });
    expect(await call('auth.signIn', { method: 'interactive' })).toMatchObject({ ok: true, data: { state: 'signed-in' } });
    expect(await call('auth.accounts')).toMatchObject({ ok: true, data: { accounts: [{ username: 'ops.admin@contoso.com' }] } });
    expect(await call('auth.tenants')).toMatchObject({ ok: true, data: { tenants: expect.arrayContaining([expect.objectContaining({ displayName: 'Fabrikam Partner' })]) } });
    expect(await call('auth.selectTenant', { tenantId: DEFAULT_IDS.fabrikamTenant })).toMatchObject({ ok: true, data: { tenantId: DEFAULT_IDS.fabrikamTenant } });
    expect(await call('auth.subscriptions', {})).toMatchObject({ ok: true, data: { subscriptions: [{ displayName: 'fabrikam-shared' }] } });
    expect(await call('auth.cancel')).toEqual({ ok: true, data: { cancelled: false } });
    expect(await call('auth.signOut', {})).toMatchObject({ ok: true, data: { state: 'signed-out' } });
    expect(received.some((m) => (m as { event?: string }).event === 'auth.state')).toBe(true);
    expect(findSecrets(JSON.stringify(received), f.entra.issuedSecrets)).toEqual([]);
    expect(JSON.stringify(received)).not.toMatch(/"(access|refresh|id)_?token"|secret|client_info/i);
  });

  it('keeps the Azure layer on the selected tenant, which is the tenant Bastion tokens are asked for', async () => {
    f = await startAuthFixture();
    expect(f.core.azure.tenant()).toBeNull();
    await f.core.router.dispatch('auth.signIn', { method: 'interactive' }, sender);
    await expect.poll(() => f!.core.azure.tenant()).toBe(DEFAULT_IDS.contosoTenant);
    await f.core.router.dispatch('auth.selectTenant', { tenantId: DEFAULT_IDS.fabrikamTenant }, sender);
    await expect.poll(() => f!.core.azure.tenant()).toBe(DEFAULT_IDS.fabrikamTenant);
    await f.core.router.dispatch('auth.signOut', {}, sender);
    await expect.poll(() => f!.core.azure.tenant()).toBeNull();
  });

  it.each([
    ['auth.signIn', { method: 'password' }],
    ['auth.signIn', { method: 'interactive', loginHint: 'x' }],
    ['auth.selectTenant', { tenantId: 'contoso.com' }],
    ['auth.signOut', { homeAccountId: '../../etc' }],
    ['auth.subscriptions', { tenantId: 42 }],
  ])('refuses %s %j with a coded error and changes nothing', async (channel, payload) => {
    f = await startAuthFixture();
    const answer = await f.core.router.dispatch(channel, payload, sender);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(f.browser.opened).toEqual([]);
    expect((await f.core.auth.status()).state).toBe('signed-out');
  });

  it('answers before sign-in with plain codes', async () => {
    f = await startAuthFixture();
    expect(await f.core.router.dispatch('auth.tenants', undefined, sender)).toMatchObject({ ok: false, error: { code: 'auth.sign_in_required' } });
    expect(await f.core.router.dispatch('auth.selectAccount', { homeAccountId: 'a.b' }, sender)).toMatchObject({ ok: false, error: { code: 'auth.unknown_account' } });
  });
});
