import { isBypassed } from '../proxy-resolver';

/** The proxy authentication schemes the console can answer. */
export type ProxyAuthScheme = 'negotiate' | 'ntlm' | 'basic';

/** Proxy authentication policy (enterprise policy `network.proxyAuth`, else configuration). */
export interface ProxyAuthPolicy {
  /** Schemes the console may answer, in order of preference. */
  readonly schemes: readonly ProxyAuthScheme[];
  /** Kerberos service principal of the proxy; `{host}` is replaced by the proxy's host name. */
  readonly servicePrincipal: string;
  /** Whether Basic (a password sent reversibly encoded) may be used at all. */
  readonly allowBasic: boolean;
  /**
   * Proxy hosts that may receive credentials (NO_PROXY-style entries); empty = whichever proxy the
   * route (policy, OS settings, environment) chose, as Chromium does for proxies.
   */
  readonly credentialHosts: readonly string[];
}

/** Negotiate first (no password leaves the machine), NTLM as fallback, Basic only if allowed. */
export const DEFAULT_PROXY_AUTH_POLICY: ProxyAuthPolicy = {
  schemes: ['negotiate', 'ntlm', 'basic'],
  servicePrincipal: 'HTTP@{host}',
  allowBasic: true,
  credentialHosts: [],
};

/** The GSSAPI service name for a proxy (`HTTP@proxy.corp` by default). */
export function servicePrincipalFor(policy: ProxyAuthPolicy, proxy: URL): string {
  return policy.servicePrincipal.replace('{host}', proxy.hostname.replace(/^\[|\]$/g, '').toLowerCase());
}

/** True when policy lets this proxy receive credentials. */
export function mayReceiveCredentials(policy: ProxyAuthPolicy, proxy: URL): boolean {
  return policy.credentialHosts.length === 0 || isBypassed(proxy, policy.credentialHosts);
}
