import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProxyHandlers } from '../../../../../src-main/ipc/handlers/proxy-handlers';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { DEFAULT_PROXY_AUTH_POLICY, KeychainProxyCredentials, NetStack, type ProxyAuthPolicy } from '../../../../../src-main/services/net';
import { startConnectProxy } from '../../../../support/connect-proxy';
import { makeStandInTls, type StandInTls } from '../../../../standins/entra/standin-tls';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
let tls: StandInTls;
let server: https.Server;
let origin: string;

beforeAll(async () => {
  tls = makeStandInTls();
  server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function setup(policy: ProxyAuthPolicy = DEFAULT_PROXY_AUTH_POLICY) {
  const log = new MemoryLogger();
  const secrets = new MemorySecretStore();
  const router = new IpcRouter({ isTrustedSender: () => true, log });
  const changed: string[] = [];
  registerProxyHandlers(router, { credentials: new KeychainProxyCredentials(secrets), policy: () => policy, changed: (p) => changed.push(p.host) });
  return { router, secrets, log, changed };
}

describe('proxy credential handlers', () => {
  it('keeps the credential the operator entered in the keychain, and the next tunnel uses it', async () => {
    const proxy = await startConnectProxy({ credentials: { user: 'CORP\\op', pass: 'pw-entered-once' } });
    const { router, secrets, log, changed } = setup();
    const host = new URL(proxy.url).host;
    expect(await router.dispatch('proxy.saveCredential', { proxy: host, username: 'CORP\\op', password: 'pw-entered-once' }, sender)).toEqual({ ok: true, data: { saved: true } });
    expect(changed).toEqual([host]);
    expect(await secrets.list()).toEqual([`proxy-credential:${host}`]);
    const net = NetStack.create({ proxyUrl: proxy.url, extraCaPem: tls.caPem, proxyCredentials: new KeychainProxyCredentials(secrets) });
    try {
      expect(await (await net.fetch(`${origin}/`)).text()).toBe('ok');
      expect(proxy.tunnels.map((t) => t.status)).toEqual([407, 200]);
    } finally {
      net.dispose();
      await proxy.close();
    }
    expect(log.lines.join('\n')).not.toContain('pw-entered-once');
    expect(await router.dispatch('proxy.forgetCredential', { proxy: host }, sender)).toEqual({ ok: true, data: { removed: true } });
    expect(await secrets.list()).toEqual([]);
  });

  it('stores nothing for a proxy policy does not trust with credentials, or when policy allows no password scheme', async () => {
    const limited = setup({ ...DEFAULT_PROXY_AUTH_POLICY, credentialHosts: ['.corp.example'] });
    const refused = await limited.router.dispatch('proxy.saveCredential', { proxy: 'evil.example:8080', username: 'op', password: 'pw' }, sender);
    expect(refused).toMatchObject({ ok: false, error: { code: 'proxy.credentials_not_allowed' } });
    expect(await limited.secrets.list()).toEqual([]);
    const kerberosOnly = setup({ ...DEFAULT_PROXY_AUTH_POLICY, schemes: ['negotiate'] });
    expect(await kerberosOnly.router.dispatch('proxy.saveCredential', { proxy: 'proxy.corp.example:8080', username: 'op', password: 'pw' }, sender)).toMatchObject({ ok: false });
  });

  it('refuses a proxy that is not host:port', async () => {
    const { router } = setup();
    expect(await router.dispatch('proxy.saveCredential', { proxy: 'http://proxy/path', username: 'op', password: 'pw' }, sender)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
  });
});
