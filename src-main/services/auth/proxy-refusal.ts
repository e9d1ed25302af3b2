import { AppError } from '../errors';
import { ProxyAuthError } from '../net';
import type { HttpRequester } from './msal-http';

const SCHEME_NAMES: Record<string, string> = { negotiate: 'Negotiate (Kerberos)', ntlm: 'NTLM', basic: 'Basic' };

/** The ProxyAuthError in an error's cause chain, if there is one. */
function proxyAuthErrorIn(error: unknown): ProxyAuthError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof ProxyAuthError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * MSAL's network port, remembering why the latest authority call failed when a proxy refused it.
 * MSAL turns a failed call into its own `network_error` or `endpoints_resolution_error` and drops
 * the cause, so the sign-in error asks this memo afterwards. Any later answer or other failure
 * replaces what it remembers, so a refusal never outlives the next call.
 */
export class ProxyRefusalMemo implements HttpRequester {
  private latest: ProxyAuthError | undefined;

  /** Wraps the requester MSAL would otherwise use directly. */
  constructor(private readonly http: HttpRequester) {}

  async request(url: string, init: Parameters<HttpRequester['request']>[1]): ReturnType<HttpRequester['request']> {
    try {
      const response = await this.http.request(url, init);
      this.latest = undefined;
      return response;
    } catch (error) {
      this.latest = proxyAuthErrorIn(error);
      throw error;
    }
  }

  /** The proxy refusal behind the latest authority call, when that call failed at the proxy. */
  refusal(): ProxyAuthError | undefined {
    return this.latest;
  }
}

/**
 * The sign-in error that names the proxy's reason, for a network failure a proxy refusal caused;
 * any other error unchanged. Each reason has its own code (worded in en and ja in the renderer).
 */
export function withProxyReason(error: AppError, refusal: ProxyAuthError | undefined): AppError {
  if (error.code !== 'auth.network' || !refusal) return error;
  const proxy = refusal.proxy ?? '';
  const schemes = refusal.offered.map((s) => SCHEME_NAMES[s] ?? s).join(', ');
  const scheme = refusal.scheme ? (SCHEME_NAMES[refusal.scheme] ?? refusal.scheme) : '';
  const params = { proxy, schemes, scheme };
  const options = { cause: refusal, params };
  const at = `Sign-in could not pass the proxy ${proxy}`;
  switch (refusal.reason) {
    case 'no-ticket':
      return new AppError('auth.proxy_no_ticket', `${at}: it asks for ${schemes}, and there is no Kerberos ticket. Run klist to see your tickets, sign in to the domain again (or run kinit), then sign in here again.`, options);
    case 'kerberos-failed':
      return new AppError('auth.proxy_kerberos_failed', `${at}: it asks for ${schemes}, and Kerberos could not make a ticket for it. The proxy's service principal (policy network.proxyAuth.servicePrincipal) may be wrong, or the domain controller cannot be reached.`, options);
    case 'rejected':
      return new AppError('auth.proxy_rejected', `${at}: it asks for ${schemes} and did not accept the console's ${scheme} answer. The password may be wrong or expired, or your account may not be allowed through the proxy. Enter the proxy credentials again in the workstation check, or ask the network team.`, options);
    case 'no-credentials':
      return new AppError('auth.proxy_no_credentials', `${at}: it asks for ${schemes}, which needs a user name and password, and none is stored for this proxy. Enter them once in the workstation check, then sign in again.`, options);
    case 'basic-forbidden':
      return new AppError('auth.proxy_basic_forbidden', `${at}: it asks only for Basic, and policy forbids Basic on this workstation, so no password was sent. Ask the network team to enable Negotiate (Kerberos) on the proxy.`, options);
    case 'scheme-not-allowed':
      return new AppError('auth.proxy_scheme_not_allowed', `${at}: it asks for ${schemes}, none of which policy allows on this workstation. Ask the administrator which proxy authentication policy should allow.`, options);
    case 'unsupported-scheme':
      return new AppError('auth.proxy_unsupported_scheme', `${at}: it asks for ${schemes}, which the console cannot answer (it answers Negotiate, NTLM and Basic). Ask the network team.`, options);
    case 'host-not-allowed':
      return new AppError('auth.proxy_host_not_allowed', `${at}: it asks for credentials, and policy does not allow sending credentials to this proxy, so none were sent. Check the proxy address, or ask the administrator to add it to network.proxyAuth.credentialHosts.`, options);
  }
}
