import { describe, expect, it } from 'vitest';
import { ReadinessService, type ReadinessNet } from '../../../../../src-main/services/readiness';
import { classifyEndpointFailure, safeDetail } from '../../../../../src-main/services/readiness/endpoint-failure';
import { ProxyTunnelError } from '../../../../../src-main/services/net';
import type { SecretStore } from '../../../../../src-main/services/secrets/secret-store';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const NOW = Date.parse('2026-11-29T12:00:00Z');

function netAnswering(status: number, date: string | undefined): ReadinessNet {
  return {
    route: async () => ({ kind: 'direct' }),
    request: async () => ({ status, statusText: '', headers: date ? { date } : ({} as Record<string, string>), body: Buffer.alloc(0) }),
  };
}

function service(net: ReadinessNet, keychain: SecretStore = new MemorySecretStore()) {
  return new ReadinessService({
    endpoints: () => [
      { id: 'entra', url: 'https://login.example/organizations/v2.0/.well-known/openid-configuration', expect: [200] },
      { id: 'egress-ip', url: null, expect: [200] },
    ],
    net,
    keychain,
    log: new MemoryLogger(),
    now: () => NOW,
  });
}

describe('ReadinessService', () => {
  it('warns about a clock more than five minutes off Entra ID\'s, with the skew in seconds', async () => {
    const report = await service(netAnswering(200, new Date(NOW - 7 * 60_000).toUTCString())).run();
    expect(report.results.find((r) => r.id === 'clock')).toMatchObject({ status: 'warn', code: 'clock-skewed', skewSeconds: 420 });
  });

  it('passes a clock within the margin, and skips endpoints that are not configured', async () => {
    const report = await service(netAnswering(200, new Date(NOW + 30_000).toUTCString())).run();
    expect(report.results.find((r) => r.id === 'clock')).toMatchObject({ status: 'pass', skewSeconds: -30 });
    expect(report.results.find((r) => r.id === 'egress-ip')).toMatchObject({ status: 'skip', code: 'not-configured', host: null });
  });

  it('warns when the endpoint answers, but not as expected (a captive portal, a proxy error page)', async () => {
    const report = await service(netAnswering(302, undefined)).run();
    expect(report.results.find((r) => r.id === 'entra')).toMatchObject({ status: 'warn', code: 'unexpected-status', httpStatus: 302 });
    expect(report.results.find((r) => r.id === 'clock')).toMatchObject({ status: 'skip', code: 'clock-unknown' });
  });

  it('fails the keychain check when the keychain throws, and leaves no probe behind', async () => {
    const store = new MemorySecretStore();
    const broken: SecretStore = { ...store, get: store.get.bind(store), list: store.list.bind(store), delete: store.delete.bind(store), set: async () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided')) };
    const report = await service(netAnswering(200, undefined), broken).run();
    expect(report.results.find((r) => r.id === 'keychain')).toMatchObject({ status: 'fail', code: 'keychain-unavailable', detail: expect.stringContaining('org.freedesktop.secrets') });
    expect(await store.list()).toEqual([]);
  });

  it('says when secrets are kept in the OS-encrypted file because Windows refuses Credential Manager', async () => {
    const { FallbackSecretStore } = await import('../../../../../src-main/services/secrets/fallback-secret-store');
    const { SecretStoreUnavailableError } = await import('../../../../../src-main/services/secrets/secret-store');
    const refuse = async (): Promise<never> => {
      throw new SecretStoreUnavailableError('no-logon-session', 'A specified logon session does not exist.');
    };
    const store = new FallbackSecretStore({ get: refuse, set: refuse, delete: refuse, list: refuse }, new MemorySecretStore());
    const check = new ReadinessService({ endpoints: () => [], net: netAnswering(200, undefined), keychain: store, keychainKind: () => store.kind(), log: new MemoryLogger(), now: () => NOW });
    const report = await check.run();
    expect(report.results.find((r) => r.id === 'keychain')).toMatchObject({ status: 'pass', code: 'keychain-protected-file' });
  });
});

describe('classifyEndpointFailure', () => {
  it.each([
    [new ProxyTunnelError('refused', 403), true, 'proxy-refused'],
    [new ProxyTunnelError('auth', 407), true, 'proxy-auth-required'],
    [new ProxyTunnelError('bad gateway', 502), true, 'proxy-upstream-failed'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND login.example'), { code: 'ENOTFOUND' }), false, 'dns-failed'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true, 'proxy-unreachable'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), false, 'connection-failed'],
    [Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), true, 'tls-untrusted'],
    [new Error('request to login.example timed out'), false, 'timed-out'],
  ])('%s (via proxy: %s) → %s', (error, viaProxy, code) => {
    expect(classifyEndpointFailure(error, viaProxy)).toBe(code);
  });

  it('drops credentials from URLs in the detail', () => {
    expect(safeDetail(new Error('connect to http://ops:secret@proxy.corp:8080 failed'))).toBe('connect to http://proxy.corp:8080 failed');
  });
});
