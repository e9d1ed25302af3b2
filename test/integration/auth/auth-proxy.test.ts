import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { startAuthFixture, type AuthFixture } from './auth-fixture';

let f: AuthFixture | undefined;
let proxy: ConnectProxy | undefined;
afterEach(async () => {
  await f?.close();
  await proxy?.close();
  f = proxy = undefined;
});

describe('every authority and ARM call goes through the configured proxy', () => {
  it('signs in, lists tenants and refreshes with every request tunnelled through a CONNECT proxy', async () => {
    proxy = await startConnectProxy();
    const url = proxy.url;
    f = await startAuthFixture({ config: { network: { proxyUrl: url, noProxy: [], mode: 'auto', caBundleFile: null } } });
    await f.core.auth.signIn('interactive');
    await f.core.auth.tenants();
    const target = f.entra.knownAuthority;
    // Metadata, code redemption and the ARM lists all reached the stand-in through the proxy.
    expect(proxy.tunnelsTo(target)).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnels.every((t) => t.target === target)).toBe(true);
    expect(f.entra.requests.filter((r) => r.grant === 'authorization_code')).toHaveLength(1);
  });

  it('fails naming the proxy and its reason when the proxy refuses, and stores nothing', async () => {
    proxy = await startConnectProxy({ credentials: { user: 'u', pass: 'p' } });
    f = await startAuthFixture({ config: { network: { proxyUrl: proxy.url, noProxy: [], mode: 'auto', caBundleFile: null } } });
    await expect(f.core.auth.signIn('interactive')).rejects.toMatchObject({ code: 'auth.proxy_no_credentials', params: { proxy: new URL(proxy.url).host } });
    expect(f.browser.opened).toEqual([]);
    expect((await f.core.auth.accounts()).accounts).toEqual([]);
  });
});
