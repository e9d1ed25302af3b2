/**
 * RS256 signing of the Entra stand-in's access tokens and the JWKS that verifies them, the way
 * Entra ID publishes its keys at `/{tenant}/discovery/v2.0/keys`. Resource servers (the API server
 * stand-in, AKS's Entra webhook) check a token's signature against that JWKS, never by asking Entra.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** One JSON Web Key as Entra's JWKS lists it. */
export type PublicJwk = {
  readonly kty: 'RSA';
  readonly use: 'sig';
  readonly alg: 'RS256';
  readonly kid: string;
  readonly n: string;
  readonly e: string;
};

/** Holds the stand-in's signing key (made fresh per process; nothing is written to disk). */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  /** The key id every token's header names. */
  readonly kid: string;
  private readonly jwk: PublicJwk;

  /** Generates an RSA-2048 key pair. */
  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    const raw = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    this.kid = createHash('sha256').update(raw.n).digest('base64url').slice(0, 27);
    this.jwk = { kty: 'RSA', use: 'sig', alg: 'RS256', kid: this.kid, n: raw.n, e: raw.e };
  }

  /** A compact JWS of `claims` (header `{alg: RS256, typ: JWT, kid}`). */
  sign(claims: Record<string, unknown>): string {
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: this.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), this.privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The JWKS document (`{ keys: [...] }`). */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [this.jwk] };
  }
}
