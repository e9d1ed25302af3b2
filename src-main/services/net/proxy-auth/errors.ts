import { ProxyTunnelError } from '../tunnel-error';
import type { ProxyAuthScheme } from './policy';

/**
 * Why the console could not authenticate to the proxy:
 * - `no-ticket`: Negotiate needs a Kerberos ticket and the OS has none (or it expired): `klist`, `kinit`.
 * - `kerberos-failed`: GSSAPI could not make a token (wrong service principal, KDC unreachable).
 * - `rejected`: the proxy refused the answer (wrong password, ticket for another realm, user not allowed).
 * - `no-credentials`: NTLM or Basic needs a user name and password and none is stored for this proxy.
 * - `basic-forbidden`: the proxy offers Basic only and policy forbids Basic.
 * - `scheme-not-allowed`: the proxy offers only schemes policy does not allow.
 * - `unsupported-scheme`: the proxy offers only schemes the console cannot answer (Digest, Bearer...).
 * - `host-not-allowed`: policy does not let this proxy receive credentials, so none were sent.
 */
export type ProxyAuthFailure =
  | 'no-ticket'
  | 'kerberos-failed'
  | 'rejected'
  | 'no-credentials'
  | 'basic-forbidden'
  | 'scheme-not-allowed'
  | 'unsupported-scheme'
  | 'host-not-allowed';

/** A 407 the console could not (or must not) answer; carries what the proxy asked for and why it failed. */
export class ProxyAuthError extends ProxyTunnelError {
  /** Creates the error; `offered` lists the schemes the proxy named, `scheme` the one that was tried, `proxy` the proxy's host:port. */
  constructor(
    message: string,
    readonly reason: ProxyAuthFailure,
    readonly offered: readonly string[],
    readonly scheme?: ProxyAuthScheme,
    readonly proxy?: string,
  ) {
    super(message, 407);
    this.name = 'ProxyAuthError';
  }
}
