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
