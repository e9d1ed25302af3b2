import { describe, expect, it } from 'vitest';
import { errorKey, minutesLeft, viewOf, type AuthStatus } from '../../../../../src-renderer/features/signin/signin-model';

const base: AuthStatus = { state: 'signed-out', storage: { kind: 'keychain' }, deviceCodeAllowed: true, interactive: { mode: 'browser' } };

describe('signin model', () => {
  it('derives the panel from the state and the device-code prompt', () => {
    expect(viewOf(undefined, undefined)).toBe('loading');
    expect(viewOf(base, undefined)).toBe('signed-out');
    expect(viewOf({ ...base, state: 'signing-in', method: 'interactive' }, undefined)).toBe('browser-wait');
    expect(viewOf({ ...base, state: 'signing-in', method: 'deviceCode' }, undefined)).toBe('browser-wait');
    expect(viewOf({ ...base, state: 'signing-in', method: 'deviceCode' }, { userCode: 'A', verificationUri: 'u', expiresOn: 0 })).toBe('device-code');
    expect(viewOf({ ...base, state: 'needs-sign-in' }, undefined)).toBe('needs-sign-in');
  });

  it('counts whole minutes left, never negative', () => {
    expect(minutesLeft(10 * 60_000 + 59_000, 0)).toBe(10);
    expect(minutesLeft(0, 5)).toBe(0);
  });

  it('explains known auth errors itself and leaves others to main', () => {
    expect(errorKey('auth.device_code_expired')).toBe('signin.errors.device_code_expired');
    expect(errorKey('auth.failed')).toBeUndefined();
    expect(errorKey('ipc.invalid_payload')).toBeUndefined();
  });
});
