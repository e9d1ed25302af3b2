import { ProxyTunnelError, ProxyAuthError, type ProxyAuthFailure, type ProxyAuthScheme } from '../net';

/** Why an endpoint could not be reached, as a readiness code. */
export type EndpointFailure = 'proxy-refused' | 'proxy-auth-required' | 'proxy-upstream-failed' | 'proxy-unreachable' | 'dns-failed' | 'tls-untrusted' | 'timed-out' | 'connection-failed';

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Classifies a failed request: the proxy's answer to CONNECT, DNS, TLS trust (often a TLS-inspecting
 * proxy whose CA is not in the policy's CA bundle), a timeout, or a refused connection.
 */
export function classifyEndpointFailure(error: unknown, viaProxy: boolean): EndpointFailure {
  if (error instanceof ProxyTunnelError) {
    if (error.status === 407) return 'proxy-auth-required';
    // 502/503/504: the proxy accepted the request but could not reach or resolve the host itself.
    return error.status >= 502 && error.status <= 504 ? 'proxy-upstream-failed' : 'proxy-refused';
  }
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.has(code) || /certificate|self.signed/i.test(message)) return 'tls-untrusted';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return viaProxy ? 'proxy-unreachable' : 'dns-failed';
  if (code === 'ETIMEDOUT' || /timed out/i.test(message)) return 'timed-out';
  if (viaProxy && (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH')) return 'proxy-unreachable';
  return 'connection-failed';
}

/** The error's text without anything that looks like credentials in a URL. */
export function safeDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^/@\s]+@/g, '//').slice(0, 300);
}

/** What the proxy asked for and why the console could not answer, when the failure was proxy authentication. */
export function proxyAuthDiagnosis(error: unknown): { offered: string[]; scheme: ProxyAuthScheme | null; reason: ProxyAuthFailure } | null {
  if (!(error instanceof ProxyAuthError)) return null;
  return { offered: error.offered.slice(0, 10).map((s) => s.slice(0, 40)), scheme: error.scheme ?? null, reason: error.reason };
}
