import ipaddr from 'ipaddr.js';

/** Where a request to one URL should go: straight to the target, or through an HTTP CONNECT proxy. */
export type ProxyDecision = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly proxyUrl: URL };

/** Decides the route of one outbound request. Async because the OS/PAC answer comes from Electron. */
export interface ProxyResolver {
  resolve(target: URL): Promise<ProxyDecision>;
}

/**
 * The system-proxy port the Electron glue supplies (`session.resolveProxy`): takes a URL and answers
 * with a Chromium/PAC result string such as `"PROXY proxy.corp:8080; DIRECT"`.
 */
export type SystemProxyPort = (url: string) => Promise<string>;

/** Proxy settings from configuration or enterprise policy; every field is optional. */
export interface ProxySettings {
  /** `http://host:port` of the proxy to use for every non-bypassed target. */
  readonly proxyUrl?: string | null | undefined;
  /** NO_PROXY-style bypass entries: host, `.suffix`, `*.suffix`, `host:port`, IP, CIDR, `*`. */
  readonly noProxy?: readonly string[] | undefined;
}

const DIRECT: ProxyDecision = { kind: 'direct' };

/** Parses a proxy URL; a bare `host:port` means `http://host:port`. Only http/https proxies are accepted. */
export function parseProxyUrl(value: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported proxy scheme ${url.protocol}`);
  return url;
}

function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'http:' || url.protocol === 'ws:' ? 80 : 443;
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Splits a NO_PROXY variable (comma or whitespace separated) into entries. */
export function parseNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((e) => e.trim()).filter(Boolean);
}

function matchesEntry(host: string, port: number, rawEntry: string): boolean {
  const entry = rawEntry.toLowerCase();
  if (entry === '*') return true;
  if (entry.includes('/') && ipaddr.isValid(host)) {
    try {
      const [range, bits] = ipaddr.parseCIDR(entry);
      const addr = ipaddr.process(host);
      return addr.kind() === range.kind() && addr.match(range, bits);
    } catch {
      return false;
    }
  }
  let name = entry;
  const portMatch = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  if (portMatch) {
    if (Number(portMatch[2]) !== port) return false;
    name = portMatch[1]!;
  }
  name = name.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(name) && ipaddr.isValid(host)) return ipaddr.process(name).toString() === ipaddr.process(host).toString();
  if (name.startsWith('*.')) name = name.slice(1);
  if (name.startsWith('.')) return host.endsWith(name) || host === name.slice(1);
  return host === name || host.endsWith(`.${name}`);
}

/** True when NO_PROXY-style entries say the target must be reached directly. */
export function isBypassed(target: URL, noProxy: readonly string[]): boolean {
  const host = bareHost(target);
  const port = defaultPort(target);
  return noProxy.some((entry) => matchesEntry(host, port, entry));
}

/**
 * Proxy from explicit settings (policy or configuration), else from the environment the way curl
 * reads it: `https_proxy`/`HTTPS_PROXY` for https and wss, `http_proxy`/`HTTP_PROXY` for http and ws
 * (also the fallback for https), `no_proxy`/`NO_PROXY` for bypasses. Upper-case `HTTP_PROXY` is
 * ignored only when `REQUEST_METHOD` is set (CGI), as curl does.
 */
export class StaticProxyResolver implements ProxyResolver {
  private readonly httpsProxy: URL | undefined;
  private readonly httpProxy: URL | undefined;
  private readonly noProxy: readonly string[];

  /** Builds the resolver; an unparsable proxy URL throws so configuration errors surface early. */
  constructor(settings: ProxySettings = {}, env: NodeJS.ProcessEnv = {}) {
    if (settings.proxyUrl) {
      this.httpsProxy = this.httpProxy = parseProxyUrl(settings.proxyUrl);
      this.noProxy = settings.noProxy ?? [];
      return;
    }
    const read = (lower: string, upper: string) => env[lower] || env[upper] || undefined;
    const https = read('https_proxy', 'HTTPS_PROXY');
    const http = env.http_proxy || (env.REQUEST_METHOD ? undefined : env.HTTP_PROXY) || undefined;
    this.httpProxy = http ? parseProxyUrl(http) : undefined;
    this.httpsProxy = https ? parseProxyUrl(https) : this.httpProxy;
    this.noProxy = [...(settings.noProxy ?? []), ...parseNoProxy(read('no_proxy', 'NO_PROXY'))];
  }

  async resolve(target: URL): Promise<ProxyDecision> {
    const secure = target.protocol === 'https:' || target.protocol === 'wss:';
    const proxy = secure ? this.httpsProxy : this.httpProxy;
    if (!proxy || isBypassed(target, this.noProxy)) return DIRECT;
    return { kind: 'proxy', proxyUrl: proxy };
  }
}

/**
 * Reads a Chromium/PAC result (`"PROXY a:1; HTTPS b:2; DIRECT"`) and takes the first entry this
 * stack can use. SOCKS entries are skipped (the PAW proxy is an HTTP proxy); nothing usable → direct.
 */
export function parsePacResult(result: string): ProxyDecision {
  for (const part of result.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [kind, hostPort] = part.split(/\s+/, 2);
    const upper = (kind ?? '').toUpperCase();
    if (upper === 'DIRECT') return DIRECT;
    if ((upper === 'PROXY' || upper === 'HTTP') && hostPort) return { kind: 'proxy', proxyUrl: parseProxyUrl(`http://${hostPort}`) };
    if (upper === 'HTTPS' && hostPort) return { kind: 'proxy', proxyUrl: parseProxyUrl(`https://${hostPort}`) };
  }
  return DIRECT;
}

/** Asks the OS (through the Electron session, which also runs PAC scripts) for the route. */
export class SystemProxyResolver implements ProxyResolver {
  /** Wraps the glue's port; `noProxy` entries from policy still force a direct route. */
  constructor(
    private readonly port: SystemProxyPort,
    private readonly noProxy: readonly string[] = [],
  ) {}

  async resolve(target: URL): Promise<ProxyDecision> {
    if (isBypassed(target, this.noProxy)) return DIRECT;
    const lookup = new URL(target.href);
    if (lookup.protocol === 'wss:') lookup.protocol = 'https:';
    if (lookup.protocol === 'ws:') lookup.protocol = 'http:';
    return parsePacResult(await this.port(lookup.href));
  }
}
