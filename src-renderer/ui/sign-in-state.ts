/**
 * The sign-in state as one fact for every screen: main owns it (`auth.status`, then each
 * `auth.state` event); screens that need Azure read it here instead of guessing from failed calls.
 */
import { useSyncExternalStore } from 'react';
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../ipc/bridge';

/** The identity state main sends (names and states only, never a token). */
export type SignInStateValue = InvokeResponse<'auth.status'>;

const listeners = new Set<() => void>();
let current: SignInStateValue | undefined;
let started = false;

function set(value: SignInStateValue): void {
  current = value;
  for (const l of listeners) l();
}

function start(): void {
  if (started || !hasBridge()) return;
  started = true;
  subscribe('auth.state', set);
  call('auth.status').then(set, () => undefined);
}

/** React binding: the state now (undefined until main answered). */
export function useSignInState(): SignInStateValue | undefined {
  return useSyncExternalStore(
    (l) => {
      start();
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** True when the account is known but its sign-in expired (what is shown came from before). */
export function signInExpired(state: SignInStateValue | undefined): boolean {
  return state?.state === 'needs-sign-in';
}
