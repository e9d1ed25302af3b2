import type { Disposable } from '../events';
import { WrongAccountError } from './auth-errors';
import type { AuthService } from './auth-service';

/** What the adapters here read of the auth service. */
type AuthView = Pick<AuthService, 'status' | 'onDidChangeState'>;

/** The signed-in operator's user name right now (null when nobody is): for JIT requests and cluster facts. */
export function operatorOf(auth: Pick<AuthService, 'status'>): () => Promise<string | null> {
  return async () => (await auth.status()).account?.username ?? null;
}

/**
 * The operator of the last settled sign-in state (one in progress, like the unlock's, changes
 * nothing), read synchronously: the audit log's default actor. `dispose` stops following auth.
 */
export function settledOperator(auth: AuthView): { readonly current: () => string | null; readonly dispose: () => void } {
  let operator: string | null = null;
  const dispose = auth.onDidChangeState((status) => {
    if (status.state !== 'signing-in') operator = status.state === 'signed-in' ? (status.account?.username ?? null) : null;
  });
  return { current: () => operator, dispose };
}

/** Calls `listener` when a signed-in console becomes signed out (a console never signed in, VPN-only use, never hears it). */
export function onDidSignOut(auth: AuthView, listener: () => void): Disposable {
  let wasSignedIn = false;
  return auth.onDidChangeState((status) => {
    if (status.state === 'signed-out' && wasSignedIn) listener();
    wasSignedIn = status.state === 'signed-in';
  });
}

/**
 * The idle lock's view of auth: whatever the token state, the held account is who may unlock; a
 * fresh sign-in by another account is refused by auth (its tokens dropped), and the lock still gets
 * that account's name to audit the refusal.
 */
export function unlockPortOf(auth: Pick<AuthService, 'status' | 'reauthenticate'>) {
  return {
    currentAccount: async () => (await auth.status()).account ?? null,
    reauthenticate: () => auth.reauthenticate().catch((error: unknown) => {
      if (error instanceof WrongAccountError) return error.account;
      throw error;
    }),
  };
}
