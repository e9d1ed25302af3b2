import type { EventPayload, InvokeResponse } from '../../../src-main/ipc/contract';

/** The identity state as main reports it. */
export type AuthStatus = InvokeResponse<'auth.status'>;
/** A device-code prompt as main reports it. */
export type DeviceCodePrompt = EventPayload<'auth.deviceCode'>;

/** Which main panel the sign-in screen shows. */
export type SignInView = 'loading' | 'signed-out' | 'browser-wait' | 'device-code' | 'needs-sign-in' | 'signed-in';

/** Derives the panel from the status (and whether a device-code prompt has arrived). */
export function viewOf(status: AuthStatus | undefined, prompt: DeviceCodePrompt | undefined): SignInView {
  if (!status) return 'loading';
  if (status.state === 'signing-in') return status.method === 'deviceCode' && prompt ? 'device-code' : 'browser-wait';
  return status.state;
}

/** Whole minutes from `now` until `until` (never negative). */
export function minutesLeft(until: number, now: number): number {
  return Math.max(0, Math.floor((until - now) / 60_000));
}

/** Time of day of an epoch-ms instant, for "valid until" lines, in the UI language. */
export function timeOfDay(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
}

/** Error codes the sign-in screen explains in its own words instead of main's message. */
export const KNOWN_ERRORS = new Set([
  'auth.cancelled',
  'auth.timeout',
  'auth.declined',
  'auth.device_code_expired',
  'auth.device_code_disabled',
  'auth.network',
  'auth.service_unavailable',
  'auth.invalid_response',
  'auth.sign_in_required',
  'auth.tenant_not_allowed',
  'auth.busy',
]);

/** The i18n key of an error the screen explains, or undefined to show main's message. */
export function errorKey(code: string): string | undefined {
  return KNOWN_ERRORS.has(code) ? `signin.errors.${code.slice('auth.'.length)}` : undefined;
}
