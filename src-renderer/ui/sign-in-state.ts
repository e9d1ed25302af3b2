/**
 * The sign-in state as one fact for every screen: main owns it (`auth.status`, then each
 * `auth.state` event); screens that need Azure read it here instead of guessing from failed calls.
 */
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { call, subscribe } from '../ipc/bridge';
import { mainValue } from './main-value';

/** The identity state main sends (names and states only, never a token). */
export type SignInStateValue = InvokeResponse<'auth.status'>;

const state = mainValue<SignInStateValue>(() => call('auth.status'), (set) => subscribe('auth.state', set));

/** React binding: the state now (undefined until main answered). */
export function useSignInState(): SignInStateValue | undefined {
  return state.use();
}

/** True when the account is known but its sign-in expired (what is shown came from before). */
export function signInExpired(value: SignInStateValue | undefined): boolean {
  return value?.state === 'needs-sign-in';
}
