import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import type { Logger } from '../log';
import { openTunnel } from './connect-tunnel';
import { ProxyAuthenticator } from './proxy-auth/authenticator';
import { GssapiKerberos } from './proxy-auth/kerberos-gssapi';
import { DEFAULT_PROXY_AUTH_POLICY } from './proxy-auth/policy';
import type { ProxyDecision } from './proxy-resolver';
import type { TrustStore } from './trust-store';

export { ProxyTunnelError } from './tunnel-error';

/**
 * An HTTP CONNECT tunnel agent (every proxied request and WebSocket of the console goes through one):
 * it authenticates to the proxy when asked, and its TLS to the *target* always uses the trust store,
 * whatever CA options the caller's request carried. https-proxy-agent keeps the pooling; the tunnel is ours.
 */
class TrustingProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    private readonly proxyUrl: URL,
    private readonly trust: TrustStore,
    private readonly auth: ProxyAuthenticator,
    options: HttpsProxyAgentOptions<string>,
    private readonly proxyTls: tls.ConnectionOptions | undefined,
    private readonly log: Logger | undefined,
  ) {
    super(proxyUrl.href, options);
  }

  /** Opens the tunnel (answering the proxy's 407s), then TLS to the target with the trust store. */
  override async connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<net.Socket> {
    const host = opts.host ?? 'localhost';
    const port = opts.port ?? (opts.secureEndpoint ? 443 : 80);
    const socket = await openTunnel({ proxy: this.proxyUrl, host, port, proxyTls: this.proxyTls }, this.auth, this.log);
    if (!opts.secureEndpoint) return socket;
    const { ca: _ca, host: _host, port: _port, path: _path, ...rest } = opts as typeof opts & { ca?: unknown; path?: unknown };
    return tls.connect({
      ...rest,
      socket,
      servername: opts.servername ?? (net.isIP(host) ? undefined : host),
      secureContext: this.trust.secureContext(),
      rejectUnauthorized: true,
    } as tls.ConnectionOptions);
  }
}

/** Caches one agent per route so keep-alive connections are reused across clients. */
export class AgentPool {
  private readonly directHttp: http.Agent;
  private readonly directHttps: https.Agent;
  private readonly viaProxy = new Map<string, TrustingProxyAgent>();

  /** Creates the pool over one trust store and one proxy authenticator. */
  constructor(
    private readonly trust: TrustStore,
    private readonly auth: ProxyAuthenticator = new ProxyAuthenticator(DEFAULT_PROXY_AUTH_POLICY, { kerberos: new GssapiKerberos() }),
    private readonly log?: Logger,
  ) {
    this.directHttp = new http.Agent({ keepAlive: true, noDelay: true });
    this.directHttps = new https.Agent({ keepAlive: true, noDelay: true, secureContext: trust.secureContext(), rejectUnauthorized: true });
  }

  /** The agent for a target URL and its route. */
  agentFor(target: URL, decision: ProxyDecision): http.Agent {
    if (decision.kind === 'direct') {
      const secure = target.protocol === 'https:' || target.protocol === 'wss:';
      return secure ? this.directHttps : this.directHttp;
    }
    const key = decision.proxyUrl.href;
    let agent = this.viaProxy.get(key);
    if (!agent) {
      const proxyTls = decision.proxyUrl.protocol === 'https:' ? { secureContext: this.trust.secureContext() } : {};
      agent = new TrustingProxyAgent(decision.proxyUrl, this.trust, this.auth, { keepAlive: true, noDelay: true, ...proxyTls }, proxyTls, this.log);
      this.viaProxy.set(key, agent);
    }
    return agent;
  }

  /** Closes every pooled socket. */
  destroy(): void {
    this.directHttp.destroy();
    this.directHttps.destroy();
    for (const agent of this.viaProxy.values()) agent.destroy();
    this.viaProxy.clear();
  }
}
