import type http from 'node:http';
import { AgentPool, type NetStack, type ProxyResolver, StaticProxyResolver, TrustStore } from '../net';

/**
 * Port: how the tunnel reaches Bastion. Both legs (HTTPS REST and WSS) take their agent from here,
 * so HTTP CONNECT proxies and the enterprise CA bundle apply to both.
 */
export interface BastionNet {
  /** The agent for a URL: direct, or through the CONNECT proxy chosen for it. */
  agentFor(url: URL): Promise<http.Agent>;
  /** Roots trusted for Bastion's TLS (Node's roots plus the configured bundle). */
  readonly ca: readonly string[];
}

/** Adapts the shared net stack (proxy resolution, agent pool, trust store) to the tunnel's port. */
export function bastionNetFrom(resolver: ProxyResolver, pool: AgentPool, trust: TrustStore): BastionNet {
  return {
    ca: trust.ca,
    async agentFor(url) {
      return pool.agentFor(url, await resolver.resolve(url));
    },
  };
}

/** Adapts the core's NetStack (the app's one proxy resolution and trust store). */
export function bastionNetFromStack(net: NetStack): BastionNet {
  return {
    agentFor: (url) => net.agentFor(url),
    get ca() {
      return net.trust.ca;
    },
  };
}

/** A standalone net port from the environment (`HTTPS_PROXY`/`NO_PROXY`) and an optional CA bundle: benches and tests. */
export function bastionNetFromEnv(options: { env?: NodeJS.ProcessEnv; caBundleFile?: string; extraCaPem?: string } = {}): BastionNet & { destroy(): void } {
  const trust = new TrustStore({ caBundleFile: options.caBundleFile, extraCaPem: options.extraCaPem });
  const pool = new AgentPool(trust);
  const net = bastionNetFrom(new StaticProxyResolver({}, options.env ?? process.env), pool, trust);
  return { ...net, destroy: () => pool.destroy() };
}
