import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { HttpsProxyAgent, type HttpsProxyAgentOptions } from 'https-proxy-agent';
import type { ProxyDecision } from './proxy-resolver';
import type { TrustStore } from './trust-store';

/** The proxy answered the CONNECT with something other than 200 (407 = proxy credentials needed). */
export class ProxyTunnelError extends Error {
  /** Creates the error with the proxy's status code. */
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ProxyTunnelError';
  }
}

/**
 * An HTTP CONNECT tunnel agent whose TLS to the *target* always uses the trust store, whatever CA
 * options the caller's request carried (https-proxy-agent takes target TLS options from the request).
 */
class TrustingProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly trust: TrustStore,
    options: HttpsProxyAgentOptions<string>,
  ) {
    super(proxy.href, options);
  }

  /** Opens the tunnel; a proxy refusal becomes an error, never a response that looks like the target's. */
  override async connect(req: http.ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<net.Socket> {
    let status = 0;
    let reason = '';
    req.once('proxyConnect', (connect: { statusCode: number; statusText?: string }) => {
      status = connect.statusCode;
      reason = connect.statusText ?? '';
    });
    const { ca: _ignored, ...rest } = opts as typeof opts & { ca?: unknown };
    const socket = await super.connect(req, { ...rest, secureContext: this.trust.secureContext(), rejectUnauthorized: true } as typeof opts);
    if (status !== 200) {
      socket.destroy();
      throw new ProxyTunnelError(`the proxy refused the tunnel to ${opts.host}:${opts.port} (HTTP ${status} ${reason})`.trim(), status);
    }
    return socket;
  }
}

/** Caches one agent per route so keep-alive connections are reused across clients. */
export class AgentPool {
  private readonly directHttp: http.Agent;
  private readonly directHttps: https.Agent;
  private readonly viaProxy = new Map<string, TrustingProxyAgent>();

  /** Creates the pool over one trust store. */
  constructor(private readonly trust: TrustStore) {
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
      agent = new TrustingProxyAgent(decision.proxyUrl, this.trust, { keepAlive: true, noDelay: true, ...proxyTls });
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
