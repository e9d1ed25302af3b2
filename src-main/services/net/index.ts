/**
 * Network stack: ONE proxy resolution and ONE trust store for every outbound client.
 *
 * How to use it (never create your own agents, never use global `fetch` for Azure endpoints):
 *   - `core.ts` builds one `NetStack` (`NetStack.create({ ...config.network, env, systemProxy }, log)`)
 *     and hands it to your service through its constructor as `net: NetStack`.
 *   - MSAL:      `new PublicClientApplication({ ..., system: { networkClient: new MsalNetworkModule(net) } })`
 *   - ARM:       `new ContainerServiceClient(credential, subscriptionId, { httpClient: armHttpClient(net, endpoint), endpoint })`
 *                (`azure/arm-transport.ts`: pinned to the ARM origin, so the token never follows a foreign
 *                nextLink; core.ts builds ONE and shares it. Non-ARM `@azure/*` clients take `createAzureHttpClient(net)`)
 *   - HTTP(S):   `await net.fetch(url, init)` (fetch-compatible) or `await net.request(url, { method, headers, body })`;
 *                up to five redirects; a cross-origin 307/308 of a POST is refused (it would re-send the body)
 *   - raw agent: `https.request(url, { agent: await net.agentFor(url) })`
 *   - WSS:       `new WebSocket(url, { ...(await net.wsOptions(url)), perMessageDeflate: false })` (`ws`)
 *   - route:     `await net.route(url)` → `{ kind: 'direct' } | { kind: 'proxy', proxyUrl }` (diagnostics, egress checks)
 * Route order: explicit `proxyUrl` (policy/config) → the Electron glue's system proxy (OS settings
 * and PAC, via `session.resolveProxy`) → `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`. `noProxy` entries
 * always force a direct route. Trust: Node's roots + `caBundleFile`/`extraCaPem` (stand-ins' test CA).
 * Proxy authentication: a 407 on CONNECT is answered by `proxy-auth/` (Negotiate from the OS ticket,
 * NTLM and Basic from credentials in the keychain), as policy `network.proxyAuth` allows.
 * Tests: `test/support/connect-proxy.ts` runs a loopback CONNECT proxy that records every tunnel.
 */
export { NetStack, type NetStackSources, type WsNetOptions } from './net-stack';
export {
  StaticProxyResolver,
  SystemProxyResolver,
  isBypassed,
  parseNoProxy,
  parsePacResult,
  parseProxyUrl,
  type ProxyDecision,
  type ProxyResolver,
  type ProxySettings,
  type SystemProxyPort,
} from './proxy-resolver';
export { TrustStore, parsePemBundle, readCertificateFile, type TrustSources } from './trust-store';
export { osCertificateStore } from './system-ca';
export { MsalNetworkModule } from './msal-network';
export { azureClientOptions, createAzureHttpClient } from './azure-http-client';
export { ProxyTunnelError } from './agents';
export { ProxyAuthError, type ProxyAuthFailure } from './proxy-auth/errors';
export { DEFAULT_PROXY_AUTH_POLICY, type ProxyAuthPolicy, type ProxyAuthScheme } from './proxy-auth/policy';
export type { KerberosPort, ProxyCredential, ProxyCredentialsPort } from './proxy-auth/ports';
export { KeychainProxyCredentials } from './proxy-auth/keychain-credentials';
export { MAX_RESPONSE_BYTES, type NetRequest, type NetResponse } from './http-request';
export { AgentPool } from './agents';
export { describeListenError } from './listen-error';
