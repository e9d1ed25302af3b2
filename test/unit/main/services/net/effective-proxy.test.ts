import { describe, expect, it } from 'vitest';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { registerProxyHandlers } from '../../../../../src-main/ipc/handlers/proxy-handlers';
import { DEFAULT_PROXY_AUTH_POLICY, KeychainProxyCredentials, NetStack, StaticProxyResolver } from '../../../../../src-main/services/net';
import { describeEffectiveProxy, effectiveProxy, type EffectiveProxyInputs } from '../../../../../src-main/services/net/effective-proxy';
import { TrustStore } from '../../../../../src-main/services/net/trust-store';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const base: EffectiveProxyInputs = { network: { mode: 'auto', proxyUrl: null, noProxy: [] }, policy: undefined, env: {}, hasSystemProxy: false, auth: DEFAULT_PROXY_AUTH_POLICY };

describe('the effective proxy, as the settings screen shows it', () => {
  it('names policy as the source of a policy proxy and drops any user info', () => {
    const value = describeEffectiveProxy({ ...base, network: { proxyUrl: 'http://svc:secret@proxy.corp:8080', noProxy: ['.corp'] }, policy: { proxyUrl: 'http://svc:secret@proxy.corp:8080' } });
    expect(value).toMatchObject({ source: 'policy', mode: 'fixed', proxy: 'http://proxy.corp:8080', noProxy: ['.corp'] });
    expect(JSON.stringify(value)).not.toContain('secret');
  });

  it('tells the operator’s own configuration from policy, and a direct mode from none', () => {
    expect(describeEffectiveProxy({ ...base, network: { proxyUrl: 'proxy.local:3128' } })).toMatchObject({ source: 'settings', mode: 'fixed', proxy: 'http://proxy.local:3128' });
    expect(describeEffectiveProxy({ ...base, network: { mode: 'direct', proxyUrl: 'proxy.local:3128' }, hasSystemProxy: true })).toMatchObject({ source: 'settings', mode: 'direct', proxy: null });
    expect(describeEffectiveProxy(base)).toMatchObject({ source: 'none', mode: 'direct', proxy: null });
  });

  it('says the OS decides when the app asks the system, and names the PAC script policy sets', () => {
    expect(describeEffectiveProxy({ ...base, hasSystemProxy: true, env: { HTTPS_PROXY: 'http://env:1' } })).toMatchObject({ source: 'os', mode: 'system', pacUrl: null });
    expect(describeEffectiveProxy({ ...base, hasSystemProxy: true, policy: { pacUrl: 'https://u:p@pac.corp/proxy.pac' } })).toMatchObject({ source: 'policy', mode: 'system', pacUrl: 'https://pac.corp/proxy.pac' });
  });

  it('reads the environment as the resolver does, NO_PROXY included', () => {
    const value = describeEffectiveProxy({ ...base, env: { https_proxy: 'http://user:pw@envproxy:3128', NO_PROXY: 'localhost,.internal' } });
    expect(value).toMatchObject({ source: 'environment', mode: 'fixed', proxy: 'http://envproxy:3128', noProxy: ['localhost', '.internal'] });
  });

  it('reports where a request to ARM goes, through proxy.effective on the IPC contract', async () => {
    const net = new NetStack(new StaticProxyResolver({ proxyUrl: 'http://proxy.corp:8080', noProxy: [] }), new TrustStore({}));
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    const inputs = { ...base, network: { proxyUrl: 'http://proxy.corp:8080' } };
    registerProxyHandlers(router, {
      credentials: new KeychainProxyCredentials(new MemorySecretStore()),
      policy: () => DEFAULT_PROXY_AUTH_POLICY,
      changed: () => undefined,
      effective: () => effectiveProxy(inputs, new URL('https://management.azure.com'), (u) => net.route(u)),
    });
    const answer = await router.dispatch('proxy.effective', undefined, { url: 'app://console/index.html', isMainFrame: true, senderId: '1' });
    expect(answer).toMatchObject({ ok: true, data: { source: 'settings', sample: { host: 'management.azure.com', via: 'proxy.corp:8080' }, auth: { schemes: ['negotiate', 'ntlm', 'basic'], allowBasic: true } } });
  });
});
