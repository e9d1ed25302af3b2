import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';

// The console's own core (MSAL sign-in, authority discovery, ARM tenant list) through a real squid
// that demands Negotiate, with a ticket from a real MIT KDC, or Basic (basic_ncsa_auth).
let lab: AuthProxyLab;
let f: AuthFixture | undefined;
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
});

afterAll(() => {
  lab?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterEach(async () => {
  await f?.close();
  f = undefined;
  lab.kdestroy();
});

function network(proxyUrl: string) {
  return { network: { proxyUrl, noProxy: [], mode: 'auto', caBundleFile: null, proxyAuth: {} } };
}

describe('sign-in through an authenticating proxy (Negotiate, Basic)', () => {
  it('signs in and lists tenants with every call tunnelled as the operator', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.kinit();
    f = await startAuthFixture({ config: network(proxy) });
    await f.core.auth.signIn('interactive');
    expect((await f.core.auth.tenants()).length).toBeGreaterThan(0);
    expect(f.entra.requests.filter((r) => r.grant === 'authorization_code')).toHaveLength(1);
    await f.close();
    f = undefined;
    const users = await lab.waitForUser(proxy, lab.operator.principal);
    expect(users.filter((u) => u !== '-').every((u) => u === lab.operator.principal)).toBe(true);
    expect(users).toContain(lab.operator.principal);
  });

  it('without a ticket fails sign-in naming the proxy and the missing ticket, sends no credential and stores nothing', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    f = await startAuthFixture({ config: network(proxy) });
    const error = (await f.core.auth.signIn('interactive').then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; message?: string; params?: Record<string, string> };
    // MSAL reports only a network failure; the console names the proxy's reason (issue 23 follow-up).
    expect(error.code).toBe('auth.proxy_no_ticket');
    expect(error.params).toMatchObject({ proxy: new URL(proxy).host, schemes: 'Negotiate (Kerberos)' });
    expect(error.message).toMatch(/klist/);
    expect((await f.core.auth.status()).lastError).toMatchObject({ code: 'auth.proxy_no_ticket', params: { proxy: new URL(proxy).host } });
    expect(f.browser.opened).toEqual([]);
    expect((await f.core.auth.accounts()).accounts).toEqual([]);
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });

  it('through a Basic proxy with no stored credential fails sign-in saying the proxy needs its user name and password', async () => {
    const proxy = await lab.startSquid(['basic']);
    f = await startAuthFixture({ config: network(proxy) });
    const error = (await f.core.auth.signIn('interactive').then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; params?: Record<string, string> };
    expect(error.code).toBe('auth.proxy_no_credentials');
    expect(error.params).toMatchObject({ proxy: new URL(proxy).host, schemes: 'Basic' });
    expect(f.browser.opened).toEqual([]);
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });

  it('through a Basic proxy: a wrong password saved over IPC ends in the proxy rejected it, the right one signs in, and both saves are audited without the password', async () => {
    const proxy = await lab.startSquid(['basic']);
    f = await startAuthFixture({ config: network(proxy) });
    const host = new URL(proxy).host;
    const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' };
    const wrong = 'wrong-password-1b7e';
    expect(await f.core.router.dispatch('proxy.saveCredential', { proxy: host, username: lab.basicUser.username, password: wrong }, sender)).toMatchObject({ ok: true });
    const error = (await f.core.auth.signIn('interactive').then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; params?: Record<string, string> };
    expect(error.code).toBe('auth.proxy_rejected');
    expect(error.params).toMatchObject({ proxy: host, schemes: 'Basic', scheme: 'Basic' });
    expect(f.browser.opened).toEqual([]);
    expect(await f.core.router.dispatch('proxy.saveCredential', { proxy: host, username: lab.basicUser.username, password: lab.basicUser.password }, sender)).toMatchObject({ ok: true });
    await f.core.auth.signIn('interactive');
    expect((await f.core.auth.status()).state).toBe('signed-in');
    const saves = (await f.core.audit.list({ types: ['proxy.credential-save'] })).records;
    expect(saves.map((r) => [r.outcome, r.target, r.details.username])).toEqual([
      ['success', host, lab.basicUser.username],
      ['success', host, lab.basicUser.username],
    ]);
    const everything = JSON.stringify((await f.core.audit.list({})).records);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(lab.basicUser.password);
    await f.close();
    f = undefined;
    expect(await lab.waitForUser(proxy, lab.basicUser.username)).toContain(lab.basicUser.username);
  });
});
