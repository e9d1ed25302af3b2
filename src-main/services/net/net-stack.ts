import type http from 'node:http';
import type { Logger } from '../log';
import { AgentPool } from './agents';
import { ProxyAuthenticator } from './proxy-auth/authenticator';
import { GssapiKerberos } from './proxy-auth/kerberos-gssapi';
import { DEFAULT_PROXY_AUTH_POLICY, type ProxyAuthPolicy } from './proxy-auth/policy';
import type { KerberosPort, ProxyCredentialsPort } from './proxy-auth/ports';
import { sendOnce, type NetRequest, type NetResponse } from './http-request';
import {
  StaticProxyResolver,
  SystemProxyResolver,
  type ProxyDecision,
  type ProxyResolver,
  type ProxySettings,
  type SystemProxyPort,
} from './proxy-resolver';
import { TrustStore, type TrustSources } from './trust-store';

/** Everything that decides the network stack: settings (config/policy), the environment, the glue's system proxy. */
export interface NetStackSources extends ProxySettings, TrustSources {
  /** Proxy mode: `auto` = explicit proxyUrl, else system port if any, else environment; `direct` ignores all proxies. */
  readonly mode?: 'auto' | 'direct' | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly systemProxy?: SystemProxyPort | undefined;
  /** Proxy authentication policy; unset fields take `DEFAULT_PROXY_AUTH_POLICY`. */
  readonly proxyAuth?: Partial<ProxyAuthPolicy> | undefined;
  /** Negotiate's Kerberos (default: the OS's GSSAPI/SSPI through the `kerberos` package). */
  readonly kerberos?: KerberosPort | undefined;
  /** Stored NTLM/Basic credentials per proxy (the keychain in production). */
  readonly proxyCredentials?: ProxyCredentialsPort | undefined;
}

const MAX_REDIRECTS = 5;

/** What `wsOptions` returns: spread into `new WebSocket(url, { ...options })` from `ws` (the agent carries the trust store). */
export interface WsNetOptions {
  readonly agent: http.Agent;
}

/** GET and HEAD carry no body, so a redirect may repeat them anywhere. */
function isSafeMethod(method: string | undefined): boolean {
  const upper = (method ?? 'GET').toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function describe(decision: ProxyDecision): string {
  return decision.kind === 'direct' ? 'direct' : `proxy ${decision.proxyUrl.protocol}//${decision.proxyUrl.host}`;
}

/** One proxy resolution and one trust store behind every outbound client of the console. */
export class NetStack {
  private readonly pool: AgentPool;

  /** Builds a stack from a resolver, a trust store and a proxy authenticator (tests may pass their own resolver). */
  constructor(
    readonly resolver: ProxyResolver,
    readonly trust: TrustStore,
    private readonly log?: Logger,
    readonly proxyAuth: ProxyAuthenticator = new ProxyAuthenticator(DEFAULT_PROXY_AUTH_POLICY, { kerberos: new GssapiKerberos() }),
  ) {
    this.pool = new AgentPool(trust, proxyAuth, log);
  }

  /** Builds the stack the way production does: explicit proxy → system (PAC) → environment. */
  static create(sources: NetStackSources = {}, log?: Logger): NetStack {
    const trust = new TrustStore(sources);
    let resolver: ProxyResolver;
    if (sources.mode === 'direct') resolver = new StaticProxyResolver({}, {});
    else if (!sources.proxyUrl && sources.systemProxy) resolver = new SystemProxyResolver(sources.systemProxy, sources.noProxy ?? []);
    else resolver = new StaticProxyResolver(sources, sources.env ?? {});
    const policy: ProxyAuthPolicy = { ...DEFAULT_PROXY_AUTH_POLICY, ...definedFields(sources.proxyAuth ?? {}) };
    const auth = new ProxyAuthenticator(policy, { kerberos: sources.kerberos ?? new GssapiKerberos(), credentials: sources.proxyCredentials });
    return new NetStack(resolver, trust, log?.child('net'), auth);
  }

  /** The route a request to `url` takes. */
  async route(url: string | URL): Promise<ProxyDecision> {
    const target = new URL(url);
    const decision = await this.resolver.resolve(target);
    this.log?.debug('route', { host: target.host, via: describe(decision) });
    return decision;
  }

  /** An `http.Agent` for `url` (a CONNECT-tunnel agent when a proxy applies); pass it as `agent`. */
  async agentFor(url: string | URL): Promise<http.Agent> {
    const target = new URL(url);
    return this.pool.agentFor(target, await this.route(target));
  }

  /** Options for `new WebSocket(url, options)` (`ws`) so the Bastion WSS leg uses proxy and trust store. */
  async wsOptions(url: string | URL): Promise<WsNetOptions> {
    return { agent: await this.agentFor(url) };
  }

  /** Sends a request, following up to five redirects (each hop re-resolves its own route). */
  async request(url: string | URL, init: NetRequest = {}): Promise<NetResponse & { url: string }> {
    let target = new URL(url);
    let current = init;
    for (let hop = 0; ; hop++) {
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`unsupported scheme ${target.protocol}`);
      const response = await sendOnce(target, await this.agentFor(target), current);
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) return { ...response, url: target.href };
      if (hop >= MAX_REDIRECTS) throw new Error(`too many redirects from ${new URL(url).host}`);
      const next = new URL(location, target);
      if (target.protocol === 'https:' && next.protocol !== 'https:') throw new Error('refusing a redirect from https to http');
      const keepsBody = response.status === 307 || response.status === 308;
      // A 307/308 re-sends method and body (a token request, an audit batch): never to another origin.
      if (keepsBody && next.origin !== target.origin && !isSafeMethod(current.method)) {
        throw new Error(`refusing a ${response.status} redirect of a ${current.method ?? 'GET'} request from ${target.origin} to ${next.origin}: it would re-send the request body to another origin`);
      }
      if (!keepsBody && !isSafeMethod(current.method)) {
        const headers = Object.fromEntries(Object.entries(current.headers ?? {}).filter(([k]) => !/^content-/i.test(k)));
        current = { ...current, method: 'GET', body: null, headers };
      }
      if (next.host !== target.host) {
        const headers = Object.fromEntries(Object.entries(current.headers ?? {}).filter(([k]) => !/^(authorization|cookie)$/i.test(k)));
        current = { ...current, headers };
      }
      target = next;
    }
  }

  /**
   * A `fetch`-compatible function over this stack (global `fetch` in Node ignores agents). Supports
   * method, headers, string/bytes/URLSearchParams bodies, `signal`, and `redirect: 'follow' | 'manual' | 'error'`.
   */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : input;
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => (headers[k] = v));
    let body: string | Uint8Array | null = null;
    const raw = init.body ?? (input instanceof Request && input.body ? new Uint8Array(await input.arrayBuffer()) : null);
    if (typeof raw === 'string') body = raw;
    else if (raw instanceof URLSearchParams) {
      body = raw.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    } else if (raw instanceof Uint8Array) body = raw;
    else if (raw instanceof ArrayBuffer) body = new Uint8Array(raw);
    else if (raw !== null) throw new TypeError('net fetch supports string, bytes and URLSearchParams bodies');
    const request: NetRequest = { method, headers, body, signal: init.signal ?? null };
    const response = init.redirect === 'manual' || init.redirect === 'error'
      ? { ...(await sendOnce(new URL(url), await this.agentFor(url), request)), url: new URL(url).href }
      : await this.request(url, request);
    if (init.redirect === 'error' && response.status >= 300 && response.status < 400) throw new TypeError('redirect refused');
    const nullBody = response.status === 204 || response.status === 304 || method === 'HEAD';
    const result = new Response(nullBody ? null : new Uint8Array(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: Object.entries(response.headers).flatMap(([k, v]) => (k === 'set-cookie' ? v.split('\n').map((c) => [k, c] as [string, string]) : [[k, v] as [string, string]])),
    });
    Object.defineProperty(result, 'url', { value: response.url });
    return result;
  };

  /** Closes pooled connections. */
  dispose(): void {
    this.pool.destroy();
  }
}
