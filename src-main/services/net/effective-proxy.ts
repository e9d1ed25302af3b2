import type { ProxyAuthPolicy } from './proxy-auth/policy';
import type { ProxyDecision } from './proxy-resolver';

/** Where the proxy in force comes from (the same order `NetStack.create` follows). */
export type ProxySource = 'policy' | 'settings' | 'os' | 'environment' | 'none';

/** The proxy the console uses, as the settings screen shows it; never a user name or password. */
export interface EffectiveProxyValue {
  readonly source: ProxySource;
  /** `direct`: no proxy; `fixed`: one proxy for every target; `system`: the OS settings (or a PAC script) decide per target. */
  readonly mode: 'direct' | 'fixed' | 'system';
  /** `http://host:port` of the fixed proxy (user info dropped). */
  readonly proxy: string | null;
  /** The PAC script policy sets (user info dropped), when any. */
  readonly pacUrl: string | null;
  /** Targets reached directly whatever the proxy (policy/config entries, and NO_PROXY with an environment proxy). */
  readonly noProxy: string[];
  /** Where a request to Azure Resource Manager goes right now: `direct` or the proxy's `host:port`. */
  readonly sample: { readonly host: string; readonly via: string } | null;
  /** What the console answers at a 407, as policy allows. */
  readonly auth: { readonly schemes: Array<'negotiate' | 'ntlm' | 'basic'>; readonly allowBasic: boolean };
}

/** What decides the effective proxy. */
export interface EffectiveProxyInputs {
  /** The network configuration after policy was applied. */
  readonly network: { readonly mode?: 'auto' | 'direct' | undefined; readonly proxyUrl?: string | null | undefined; readonly noProxy?: readonly string[] | undefined };
  /** What the policy document itself sets (to tell policy from the operator's configuration). */
  readonly policy: { readonly proxyUrl?: string | undefined; readonly pacUrl?: string | undefined } | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** True when the Electron glue answers for the OS (always in the app; not in a plain Node run). */
  readonly hasSystemProxy: boolean;
  readonly auth: Pick<ProxyAuthPolicy, 'schemes' | 'allowBasic'>;
}

/** A URL without user info, or null when it does not parse. */
function withoutUserInfo(value: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    url.username = '';
    url.password = '';
    return url.pathname === '/' && !url.search ? url.origin : url.href;
  } catch {
    return null;
  }
}

/** Where the proxy comes from and what it is, in the order `NetStack.create` picks it. */
export function describeEffectiveProxy(inputs: EffectiveProxyInputs): Omit<EffectiveProxyValue, 'sample'> {
  const { network, policy, env } = inputs;
  const auth = { schemes: [...inputs.auth.schemes], allowBasic: inputs.auth.allowBasic };
  const noProxy = [...(network.noProxy ?? [])];
  const pacUrl = policy?.pacUrl ? withoutUserInfo(policy.pacUrl) : null;
  if (network.mode === 'direct') return { source: 'settings', mode: 'direct', proxy: null, pacUrl: null, noProxy, auth };
  if (network.proxyUrl) {
    const source = policy?.proxyUrl ? 'policy' : 'settings';
    return { source, mode: 'fixed', proxy: withoutUserInfo(network.proxyUrl), pacUrl: null, noProxy, auth };
  }
  if (inputs.hasSystemProxy) return { source: pacUrl ? 'policy' : 'os', mode: 'system', proxy: null, pacUrl, noProxy, auth };
  const fromEnv = env.https_proxy || env.HTTPS_PROXY || env.http_proxy || (env.REQUEST_METHOD ? undefined : env.HTTP_PROXY);
  if (fromEnv) {
    const envNoProxy = (env.no_proxy || env.NO_PROXY || '').split(/[\s,]+/).filter(Boolean);
    return { source: 'environment', mode: 'fixed', proxy: withoutUserInfo(fromEnv), pacUrl: null, noProxy: [...noProxy, ...envNoProxy], auth };
  }
  return { source: 'none', mode: 'direct', proxy: null, pacUrl: null, noProxy, auth };
}

/** The route to one sample target, worded for the screen (`direct` or `host:port`). */
export function describeRoute(target: URL, decision: ProxyDecision): { host: string; via: string } {
  return { host: target.host, via: decision.kind === 'direct' ? 'direct' : decision.proxyUrl.host };
}

/** The effective proxy with the route a request to `sample` takes now (a route that fails to resolve shows none). */
export async function effectiveProxy(inputs: EffectiveProxyInputs, sample: URL, route: (target: URL) => Promise<ProxyDecision>): Promise<EffectiveProxyValue> {
  const described = describeEffectiveProxy(inputs);
  const decision = await route(sample).catch(() => undefined);
  return { ...described, sample: decision ? describeRoute(sample, decision) : null };
}
