import type { AccessToken } from '@azure/core-auth';

/** The token source kubectl's broker uses (AuthService in the app). */
export interface ClusterTokenSource {
  getToken(scopes: string, options: { tenantId: string; claims?: string }): Promise<AccessToken | null>;
}

/** A claims request for a token issued after `epochSeconds` (Entra's `nbf` claims request, as CAE uses it); MSAL skips its cache for it. */
export function freshClaims(epochSeconds: number): string {
  return JSON.stringify({ access_token: { nbf: { essential: true, value: String(epochSeconds) } } });
}

/**
 * Group claims live in the token: after a PIM group membership changes, the first AKS-scope token
 * for each tenant is asked for with a fresh-token claims request, so kubectl never keeps getting a
 * token minted before the change. Other scopes, and requests that already carry claims (a CAE
 * challenge), pass through unchanged.
 */
export class FreshTokensAfterChange implements ClusterTokenSource {
  private since: number | null = null;
  private readonly renewed = new Set<string>();

  /** Wraps `inner` for `scope` (the AKS scope). */
  constructor(private readonly inner: ClusterTokenSource, private readonly scope: string, private readonly clock: () => number = Date.now) {}

  /** A membership changed now: the next token per tenant is minted fresh. */
  renew(): void {
    this.since = Math.floor(this.clock() / 1000);
    this.renewed.clear();
  }

  /** True while some tenant's next token will be asked for fresh. */
  pending(tenantId: string): boolean {
    return this.since !== null && !this.renewed.has(tenantId);
  }

  /** The inner token, fresh when a change is not yet reflected for this tenant. */
  async getToken(scopes: string, options: { tenantId: string; claims?: string }): Promise<AccessToken | null> {
    if (scopes !== this.scope || options.claims || !this.pending(options.tenantId)) return this.inner.getToken(scopes, options);
    const token = await this.inner.getToken(scopes, { ...options, claims: freshClaims(this.since!) });
    this.renewed.add(options.tenantId);
    return token;
  }
}
