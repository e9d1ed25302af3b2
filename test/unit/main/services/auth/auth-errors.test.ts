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

  it('keeps AppErrors as they are and never lets a token through into the message', () => {
    const own = new AppError('auth.busy', 'busy');
    expect(toAuthAppError(own)).toBe(own);
    const leaky = new ServerError('weird', '', 'refresh_token=0.AAAA-secret-value&x=1 and Bearer eyJhbGciOi.eyJzdWIiOi.sig');
    const message = toAuthAppError(leaky).message;
    expect(message).not.toContain('0.AAAA-secret-value');
    expect(message).not.toContain('eyJhbGciOi');
  });
});
