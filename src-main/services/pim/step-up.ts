import { AppError } from '../errors';
import { armCode } from './pim-errors';

/** The claims request for a multifactor sign-in (what a policy's `MfaRule` asks of the activating token). */
export const MFA_CLAIMS = JSON.stringify({ access_token: { amr: { essential: true, values: ['mfa'] } } });

/** Longest claims request taken from an ARM message (real ones are a few dozen characters). */
const MAX_CLAIMS_CHARS = 2048;

/** A JSON claims request object with only token sections (`access_token`, `id_token`), or null. */
function claimsRequest(text: string): string | null {
  if (text.length > MAX_CLAIMS_CHARS) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const keys = Object.keys(parsed);
    return keys.length > 0 && keys.every((k) => k === 'access_token' || k === 'id_token') ? JSON.stringify(parsed) : null;
  } catch {
    return null;
  }
}

/**
 * The claims an activation refusal asks the operator to step up for, or null when the refusal is
 * something else: ARM's `RoleAssignmentRequestAcrsValidationFailed` (a policy's authentication
 * context; the message carries `&claims=<url-encoded JSON>`) or a `MfaRule` policy failure.
 */
export function stepUpClaims(error: unknown): string | null {
  const { code, message } = armCode(error);
  if (code === 'RoleAssignmentRequestAcrsValidationFailed') {
    const encoded = /(?:^|[?&])claims=([^&\s]+)/.exec(message)?.[1];
    if (!encoded) return null;
    try {
      return claimsRequest(decodeURIComponent(encoded));
    } catch {
      return null;
    }
  }
  if (code === 'RoleAssignmentRequestPolicyValidationFailed' && /\bMfaRule\b/.test(message)) return MFA_CLAIMS;
  return null;
}

/** A step-up the operator did not complete: cancelled, declined or timed out (any other failure passes through). */
export function stepUpFailure(error: unknown, what: string): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === 'auth.cancelled' || code === 'auth.declined' || code === 'auth.timeout') {
    return new AppError('pim.step_up_cancelled', `The multifactor sign-in for ${what} was not completed (${code}); nothing was activated.`, { cause: error });
  }
  return error;
}
