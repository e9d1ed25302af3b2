import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { AppError } from '../errors';

/** Tokens are refreshed this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Caches the `aztoken` per tenant until shortly before expiry (the credential may be slow, e.g. a keychain read). */
export class TokenCache {
  private readonly cache = new Map<string, AccessToken>();

  /** Wraps a credential for one scope. */
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token for the tenant (or the credential's default tenant). */
  async get(tenantId?: string): Promise<string> {
    const key = tenantId ?? '';
    const cached = this.cache.get(key);
    if (cached && cached.expiresOnTimestamp - REFRESH_MARGIN_MS > this.now()) return cached.token;
    let token: AccessToken | null;
    try {
      token = await this.credential.getToken(this.scope, tenantId ? { tenantId } : {});
    } catch (error) {
      throw new AppError('bastion.sign_in_needed', 'Could not get an Azure sign-in token for the Bastion\'s tenant. Sign in again and retry.', { cause: error });
    }
    if (!token) throw new AppError('bastion.sign_in_needed', 'You are not signed in to the Bastion\'s tenant. Sign in and retry.');
    this.cache.set(key, token);
    return token.token;
  }

  /** Forgets the tenant's token (Bastion rejected it: revoked, or expired earlier than it claimed). */
  invalidate(tenantId?: string): void {
    this.cache.delete(tenantId ?? '');
  }
}
