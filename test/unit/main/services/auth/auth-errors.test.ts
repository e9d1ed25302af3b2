import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { needsInteraction, toAuthAppError } from '../../../../../src-main/services/auth/auth-errors';
import { AuthNetworkError } from '../../../../../src-main/services/auth/msal-http';
import { AppError } from '../../../../../src-main/services/errors/app-error';

describe('auth error mapping', () => {
  it.each([
    [new InteractionRequiredAuthError('interaction_required', '', 'AADSTS50076'), true],
    [new ServerError('invalid_grant', '', 'AADSTS50173: grant expired'), true],
    [new AuthError('no_tokens_found', '', ''), true],
    [new ServerError('temporarily_unavailable', '', ''), false],
    [new Error('boom'), false],
  ])('needsInteraction(%s) is %s', (error, expected) => {
    expect(needsInteraction(error)).toBe(expected);
  });

  it.each([
    [new AuthError('post_request_failed', '', 'authorization_declined'), 'auth.declined'],
    [new AuthError('post_request_failed', '', 'expired_token'), 'auth.device_code_expired'],
    [new AuthError('device_code_polling_cancelled', '', ''), 'auth.cancelled'],
    [new AuthError('nonce_mismatch', '', ''), 'auth.invalid_response'],
    [new AuthError('endpoints_resolution_error', '', ''), 'auth.network'],
    [new AuthNetworkError('Network request to login failed: no answer within 100 ms'), 'auth.network'],
    [new ServerError('temporarily_unavailable', '', ''), 'auth.service_unavailable'],
    [new ServerError('invalid_client', '', 'AADSTS7000218: The request body must contain client_assertion.'), 'auth.failed'],
    [new Error('listen EADDRINUSE: address already in use'), 'auth.loopback'],
  ])('%s → %s', (error, code) => {
    expect(toAuthAppError(error).code).toBe(code);
  });

  it.each([
    ['AADSTS53003', new ServerError('access_denied', '', 'AADSTS53003: Access has been blocked by Conditional Access policies.')],
    ['AADSTS53000', new ServerError('access_denied', '', 'AADSTS53000: Device is not in required device state: compliant.')],
    ['AADSTS50158', new ServerError('access_denied', '', 'AADSTS50158: External security challenge not satisfied.')],
  ])('names a Conditional Access refusal (%s) as one, with the advice to follow', (aadsts, error) => {
    const mapped = toAuthAppError(error);
    expect(mapped.code).toBe('auth.conditional_access');
    expect(mapped.params).toEqual({ aadsts, '@then': `aadsts.${aadsts}` });
  });

  it.each([
    ['AADSTS50076', new InteractionRequiredAuthError('interaction_required', '', 'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.')],
    ['AADSTS53000', new ServerError('invalid_grant', '', 'AADSTS53000: Device is not in required device state: compliant.')],
  ])('keeps "sign in again" (the needs-sign-in state) when a renewal meets %s, and adds its advice', (aadsts, error) => {
    const mapped = toAuthAppError(error);
    expect(mapped.code).toBe('auth.sign_in_required');
    expect(mapped.params).toEqual({ aadsts, '@then': `aadsts.${aadsts}` });
  });

  it('keeps AppErrors as they are and never lets a token through into the message', () => {
    const own = new AppError('auth.busy', 'busy');
    expect(toAuthAppError(own)).toBe(own);
    const leaky = new ServerError('weird', '', 'refresh_token=0.AAAA-secret-value&x=1 and Bearer eyJhbGciOi.eyJzdWIiOi.sig');
    const message = toAuthAppError(leaky).message;
    expect(message).not.toContain('0.AAAA-secret-value');
    expect(message).not.toContain('eyJhbGciOi');
  });
});
