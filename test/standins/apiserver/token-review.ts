/**
 * Bearer-token authentication the way AKS's Entra integration does it: an RS256 JWT whose signature
 * verifies against the tenant's JWKS, issued for the cluster's tenant, for the AKS server app's
 * audience, inside its `exp`/`nbf` window (with the 5-minute leeway token validators allow);
 * username from `upn` (else `oid`), groups from `groups`. A static local-account token counts only
 * where local accounts are enabled. The reason a token is refused is kept for the request log;
 * the client only ever sees kube-apiserver's bare 401.
 */
import { createPublicKey, timingSafeEqual, verify, type JsonWebKey } from 'node:crypto';
import type { UserInfo } from './rbac';

/** The fixed application id of the "Azure Kubernetes Service AAD Server" (kubelogin's `--server-id`). */
export const AKS_AAD_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** A JWKS document. */
export interface Jwks {
  readonly keys: ReadonlyArray<JsonWebKey & { kid?: string }>;
}

/** How the cluster authenticates. */
export interface AuthenticatorConfig {
  /** Present on Entra-integrated clusters. */
  readonly entra?: {
    readonly tenantId: string;
    /** The issuer Entra puts in tokens for that tenant. */
    readonly issuer: string;
    /** The signing keys (fetched from the tenant's `jwks_uri` by the caller). */
    jwks(): Promise<Jwks>;
    /**
     * Continuous access evaluation: when the operator's sessions were revoked (epoch seconds), tokens
     * issued before then get 401 with an `insufficient_claims` challenge asking for a newer one.
     */
    sessionsRevokedAt?(): number | undefined;
  };
  /** Static local-account tokens and who they are; ignored when local accounts are disabled. */
  readonly localAccounts?: ReadonlyArray<{ readonly token: string; readonly user: UserInfo }>;
  readonly disableLocalAccounts: boolean;
}

/** The outcome: a user, or why the token was refused (never shown to the client). */
export type Authentication = { readonly user: UserInfo } | { readonly error: string; readonly claimsChallenge?: string };

/** The claims a CAE challenge asks for: an access token not before `revokedAt` (base64, as Entra-protected resources send it). */
export function revocationClaims(revokedAt: number): string {
  return Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(revokedAt) } } })).toString('base64');
}

const LEEWAY_SEC = 300;

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function verifyEntraToken(token: string, entra: NonNullable<AuthenticatorConfig['entra']>, nowSec: number): Promise<Authentication> {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'not a JWT' };
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (!header || !claims) return { error: 'malformed JWT' };
  if (header.alg !== 'RS256') return { error: `unsupported alg ${String(header.alg)}` };
  const jwk = (await entra.jwks()).keys.find((k) => k.kid === header.kid);
  if (!jwk) return { error: `no signing key ${String(header.kid)} in the tenant's JWKS` };
  const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(parts[2]!, 'base64url'));
  if (!signed) return { error: 'bad signature' };
  if (claims.iss !== entra.issuer) return { error: `issuer ${String(claims.iss)} is not the cluster tenant's (${entra.issuer})` };
  if (claims.tid !== undefined && claims.tid !== entra.tenantId) return { error: `tenant ${String(claims.tid)} is not the cluster's tenant` };
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(AKS_AAD_SERVER_APP_ID)) return { error: `audience ${aud.join(',')} is not ${AKS_AAD_SERVER_APP_ID}` };
  if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SEC <= nowSec) return { error: 'token expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_SEC > nowSec) return { error: 'token not yet valid' };
  const revokedAt = entra.sessionsRevokedAt?.();
  if (revokedAt !== undefined && typeof claims.iat === 'number' && claims.iat < revokedAt) return { error: 'token issued before the sessions were revoked (CAE)', claimsChallenge: revocationClaims(revokedAt) };
  const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
  const username = typeof claims.upn === 'string' ? claims.upn : oid;
  if (!username) return { error: 'token has neither upn nor oid' };
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : [];
  return { user: { username, ...(oid ? { uid: oid, oid } : {}), groups: [...groups, 'system:authenticated'] } };
}

/** Authenticates one request's `Authorization` header; `null` means anonymous (no header). */
export async function authenticate(config: AuthenticatorConfig, authorization: string | undefined, nowSec = Math.floor(Date.now() / 1000)): Promise<Authentication | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) return { error: 'not a bearer token' };
  const token = match[1]!;
  const local = config.localAccounts?.find((a) => sameSecret(a.token, token));
  if (local) return config.disableLocalAccounts ? { error: 'local accounts are disabled on this cluster' } : { user: local.user };
  if (!config.entra) return { error: 'unknown static token (the cluster has no Entra integration)' };
  return verifyEntraToken(token, config.entra, nowSec);
}
