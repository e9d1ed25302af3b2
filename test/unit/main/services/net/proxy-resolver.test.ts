import { describe, expect, it } from 'vitest';
import {
  isBypassed,
  parseNoProxy,
  parsePacResult,
  parseProxyUrl,
  StaticProxyResolver,
  SystemProxyResolver,
} from '../../../../../src-main/services/net';

const route = async (resolver: { resolve(u: URL): Promise<{ kind: string; proxyUrl?: URL }> }, url: string) => {
  const d = await resolver.resolve(new URL(url));
  return d.kind === 'direct' ? 'direct' : d.proxyUrl!.href;
};

describe('StaticProxyResolver from the environment', () => {
  it('uses HTTPS_PROXY for https and wss, HTTP_PROXY for http and ws', async () => {
    const r = new StaticProxyResolver({}, { HTTPS_PROXY: 'http://secure.proxy:3128', HTTP_PROXY: 'plain.proxy:8080' });
    expect(await route(r, 'https://management.azure.com/x')).toBe('http://secure.proxy:3128/');
    expect(await route(r, 'wss://bst-1.bastion.azure.com/webtunnelv2')).toBe('http://secure.proxy:3128/');
    expect(await route(r, 'http://example.org/')).toBe('http://plain.proxy:8080/');
    expect(await route(r, 'ws://example.org/')).toBe('http://plain.proxy:8080/');
  });

  it('falls back to HTTP_PROXY for https, prefers lower-case names, ignores upper-case HTTP_PROXY under CGI', async () => {
    expect(await route(new StaticProxyResolver({}, { HTTP_PROXY: 'http://p:1' }), 'https://a.test/')).toBe('http://p:1/');
    expect(await route(new StaticProxyResolver({}, { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1' }), 'https://a.test/')).toBe('http://low:1/');
    expect(await route(new StaticProxyResolver({}, { HTTP_PROXY: 'http://p:1', REQUEST_METHOD: 'GET' }), 'http://a.test/')).toBe('direct');
  });

  it('goes direct when nothing is configured', async () => {
    expect(await route(new StaticProxyResolver({}, {}), 'https://login.microsoftonline.com/')).toBe('direct');
  });

  it('honours NO_PROXY hosts, suffixes, ports, IPs, CIDRs and *', async () => {
    const r = new StaticProxyResolver({}, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp, .blob.core.windows.net,*.vault.azure.net,10.0.0.0/8,[::1],localhost:8443,192.168.1.5' });
    expect(await route(r, 'https://internal.corp/')).toBe('direct');
    expect(await route(r, 'https://api.internal.corp/')).toBe('direct');
    expect(await route(r, 'https://x.blob.core.windows.net/')).toBe('direct');
    expect(await route(r, 'https://kv.vault.azure.net/')).toBe('direct');
    expect(await route(r, 'https://10.1.2.3/')).toBe('direct');
    expect(await route(r, 'https://[::1]:9/')).toBe('direct');
    expect(await route(r, 'https://localhost:8443/')).toBe('direct');
    expect(await route(r, 'https://localhost:9443/')).toBe('http://p:1/');
    expect(await route(r, 'https://192.168.1.5/')).toBe('direct');
    expect(await route(r, 'https://notinternal.corp/')).toBe('http://p:1/');
    expect(await route(r, 'https://11.0.0.1/')).toBe('http://p:1/');
    expect(await route(new StaticProxyResolver({}, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }), 'https://a.b/')).toBe('direct');
  });

  it('lets explicit settings win over the environment', async () => {
    const r = new StaticProxyResolver({ proxyUrl: 'http://policy.proxy:8080', noProxy: ['.corp'] }, { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' });
    expect(await route(r, 'https://management.azure.com/')).toBe('http://policy.proxy:8080/');
    expect(await route(r, 'https://a.corp/')).toBe('direct');
  });

  it('rejects non-HTTP proxy schemes instead of silently going direct', () => {
    expect(() => new StaticProxyResolver({}, { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/unsupported proxy scheme/);
    expect(parseProxyUrl('p.corp:3128').href).toBe('http://p.corp:3128/');
  });
});

describe('system proxy (Electron session / PAC results)', () => {
  it('parses PAC result strings', () => {
    expect(parsePacResult('DIRECT')).toEqual({ kind: 'direct' });
    expect(parsePacResult('PROXY proxy.corp:8080; DIRECT')).toEqual({ kind: 'proxy', proxyUrl: new URL('http://proxy.corp:8080') });
    expect(parsePacResult('SOCKS5 s:1080; HTTPS sec.corp:443')).toEqual({ kind: 'proxy', proxyUrl: new URL('https://sec.corp:443') });
    expect(parsePacResult('')).toEqual({ kind: 'direct' });
  });

  it('asks the port with wss mapped to https, and lets noProxy force direct', async () => {
    const asked: string[] = [];
    const r = new SystemProxyResolver(async (u) => (asked.push(u), 'PROXY 127.0.0.1:3128'), ['.corp']);
    expect(await route(r, 'wss://bst.bastion.azure.com/x')).toBe('http://127.0.0.1:3128/');
    expect(asked).toEqual(['https://bst.bastion.azure.com/x']);
    expect(await route(r, 'https://a.corp/')).toBe('direct');
    expect(asked).toHaveLength(1);
  });

  it('exposes its helpers', () => {
    expect(parseNoProxy(' a, b  c,,')).toEqual(['a', 'b', 'c']);
    expect(isBypassed(new URL('https://a.b.c/'), ['b.c'])).toBe(true);
    expect(isBypassed(new URL('https://ab.c/'), ['b.c'])).toBe(false);
  });
});
