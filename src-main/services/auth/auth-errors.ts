import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError, isAppError } from '../errors';
import { redactText } from '../log';
import { AuthNetworkError } from './msal-http';

const NEEDS_SIGN_IN = new Set([
  'interaction_required',
  'login_required',
  'consent_required',
  'invalid_grant',
  'no_tokens_found',
  'native_account_unavailable',
  'refresh_token_expired',
  'bad_token',
  'no_account_found',
]);

/** Entra's Conditional Access and MFA refusals a PAW meets; each has its own advice in the renderer (`messages.aadsts_<code>`). */
export const CONDITIONAL_ACCESS_CODES: ReadonlySet<string> = new Set(['AADSTS50076', 'AADSTS50079', 'AADSTS50158', 'AADSTS53000', 'AADSTS53001', 'AADSTS53002', 'AADSTS53003', 'AADSTS53004']);

/** The params that put a Conditional Access refusal's advice after a message. */
function adviceParams(error: unknown): Record<string, string> | undefined {
  const text = error instanceof AuthError ? `${error.errorMessage} ${error.subError}` : '';
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  return aadsts && CONDITIONAL_ACCESS_CODES.has(aadsts) ? { aadsts, '@then': `aadsts.${aadsts}` } : undefined;
}

const NETWORK = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error', 'untrusted_authority']);

/** True when MSAL says a person has to sign in again (silent renewal cannot succeed). */
export function needsInteraction(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  if (error instanceof AuthError) return NEEDS_SIGN_IN.has(error.errorCode) || NEEDS_SIGN_IN.has(error.subError);
  return false;
}

/** The AADSTS code in an Entra answer (`AADSTS53003`), if it names one. */
function aadstsOf(error: AuthError): string | undefined {
  return /AADSTS\d+/.exec(error.errorMessage || '')?.[0];
}

function plain(error: AuthError): string {
  const first = (error.errorMessage || '').split(/\r?\n/)[0] ?? '';
  const aadsts = /AADSTS\d+/.exec(first)?.[0];
  const text = redactText(first).slice(0, 200);
  return aadsts && !text.includes(aadsts) ? `${aadsts}: ${text}` : text;
}

/** Turns anything a sign-in or token call threw into an operator-safe AppError. */
export function toAuthAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof AuthNetworkError) return new AppError('auth.network', `${redactText(error.message)}. Check the network or proxy and try again.`, { cause: error });
  const advice = adviceParams(error);
  if (needsInteraction(error)) return new AppError('auth.sign_in_required', 'Your sign-in has expired or needs to be renewed. Sign in again.', { cause: error, ...(advice ? { params: advice } : {}) });
  if (advice) return new AppError('auth.conditional_access', `Sign-in was refused by a Conditional Access policy (${advice.aadsts}): ${plain(error as AuthError)}`, { cause: error, params: advice });
  if (error instanceof AuthError) {
    // Device code polling reports the server's OAuth error as the message of post_request_failed.
    const code = error.errorCode === 'post_request_failed' && /^[a-z_]+$/.test(error.errorMessage) ? error.errorMessage : error.errorCode;
    if (code === 'device_code_polling_cancelled' || code === 'user_cancelled') return new AppError('auth.cancelled', 'Sign-in was cancelled.', { cause: error });
    if (code === 'expired_token' || code === 'device_code_expired' || code === 'code_expired')
      return new AppError('auth.device_code_expired', 'The device code expired before sign-in was completed. Start again.', { cause: error });
    if (code === 'authorization_declined' || code === 'access_denied') return new AppError('auth.declined', 'Sign-in was declined.', { cause: error });
    if (code === 'nonce_mismatch' || code === 'state_mismatch' || code === 'invalid_state' || code === 'invalid_response' || code === 'token_parsing_error')
      return new AppError('auth.invalid_response', `The sign-in service sent an answer the console does not trust (${code}). Nothing was stored.`, { cause: error, params: { code } });
    if (NETWORK.has(code)) return new AppError('auth.network', `The sign-in service could not be reached (${code}). Check the network or proxy and try again.`, { cause: error, params: { code } });
    if (code === 'temporarily_unavailable' || /^5\d\d$/.test(String((error as { status?: number }).status ?? '')))
      return new AppError('auth.service_unavailable', 'The sign-in service is temporarily unavailable. Try again shortly.', { cause: error });
    return new AppError('auth.failed', `Sign-in failed (${code}): ${plain(error)}`, { cause: error, params: { code, aadsts: aadstsOf(error) ? `: ${aadstsOf(error)}` : '' } });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/EADDRINUSE|listen/i.test(message)) return new AppError('auth.loopback', 'The console could not open its local sign-in listener.', { cause: error });
  return new AppError('auth.failed', `Sign-in failed: ${redactText(message).slice(0, 200)}`, { cause: error, params: { code: error instanceof Error ? error.name : 'unknown', aadsts: '' } });
}

/**
 * A fresh sign-in by an account other than the console's: refused, and its tokens are already gone.
 * Carries who it was, so the idle lock can audit the refused release by name.
 */
export class WrongAccountError extends AppError {
  /** Creates the refusal for the account that signed in instead. */
  constructor(readonly account: { readonly username: string; readonly homeAccountId: string }) {
    super('auth.wrong_account', `${account.username} is not the account signed in to this console; that sign-in was discarded.`, { params: { username: account.username } });
  }
}
