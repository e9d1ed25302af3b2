import { AppError } from '../errors';

/** Longest gap, by the identity provider's own clock, between the sign-in and the token that reports it. */
export const FRESH_AUTH_WINDOW_SEC = 120;

/** What an unlock asks the authority for: a forced sign-in whose time the id token must report (OIDC `max_age=0`). */
export const FRESH_AUTH_REQUEST = { prompt: 'login', maxAgeSeconds: 0 } as const;

/**
 * Proves from the id token that the person actively signed in just now: `auth_time` must be present
 * (OIDC makes it mandatory once `max_age` is sent) and no older than FRESH_AUTH_WINDOW_SEC before the
 * token's `iat`. Both times come from the authority's clock, so a skewed workstation clock cannot
 * pass or fail it. `prompt=login` alone is only a hint that a proxy or a stripped parameter can undo.
 * Returns `auth_time` (epoch seconds).
 */
export function assertFreshAuthentication(claims: { auth_time?: unknown; iat?: unknown } | undefined): number {
  const authTime = claims?.auth_time;
  const issuedAt = claims?.iat;
  if (typeof authTime !== 'number' || typeof issuedAt !== 'number') {
    throw new AppError('auth.not_fresh', 'The sign-in service did not say when you signed in, so the sign-in cannot count as fresh.');
  }
  if (issuedAt - authTime > FRESH_AUTH_WINDOW_SEC) {
    throw new AppError('auth.not_fresh', 'The sign-in reused an earlier session instead of asking for your credentials again. Sign in again; if this repeats, your network may be removing the sign-in prompt.');
  }
  return authTime;
}
