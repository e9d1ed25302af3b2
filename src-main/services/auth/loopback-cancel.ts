import http from 'node:http';

/** What is needed to end a pending interactive sign-in: where MSAL listens and the state it expects. */
export interface PendingAuthorize {
  readonly redirectUri: URL;
  readonly state: string;
}

/** Reads the loopback redirect and state out of the authorize URL MSAL asked us to open. */
export function parseAuthorizeUrl(authorizeUrl: string): PendingAuthorize | undefined {
  const url = new URL(authorizeUrl);
  const redirect = url.searchParams.get('redirect_uri');
  const state = url.searchParams.get('state');
  if (!redirect || !state) return undefined;
  const redirectUri = new URL(redirect);
  if (redirectUri.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(redirectUri.hostname)) return undefined;
  return { redirectUri, state };
}

/**
 * Ends MSAL's wait for the browser: MSAL 7 has no cancel for `acquireTokenInteractive`, but its
 * loopback listener settles on an error response carrying the right state, as a browser would post.
 */
export function postLoopbackError(pending: PendingAuthorize, error: string, description: string): Promise<void> {
  const body = new URLSearchParams({ error, error_description: description, state: pending.state }).toString();
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: pending.redirectUri.port, path: '/', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}
