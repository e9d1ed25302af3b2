import { describe, expect, it } from 'vitest';
import { WrongAccountError } from '../../../../../src-main/services/auth/auth-errors';
import { onDidSignOut, operatorOf, settledOperator, unlockPortOf } from '../../../../../src-main/services/auth/auth-ports';
import type { AuthStatusValue } from '../../../../../src-main/services/auth/auth-service';
import { Emitter } from '../../../../../src-main/services/events';

const alice = { username: 'alice@contoso.example', homeAccountId: 'oid-a.tid' };
const bob = { username: 'bob@contoso.example', homeAccountId: 'oid-b.tid' };

/** An auth stand-in whose state the test sets and announces. */
function fakeAuth() {
  const changes = new Emitter<[AuthStatusValue]>();
  let status = { state: 'signed-out' } as AuthStatusValue;
  let reauth: () => Promise<{ username: string; homeAccountId: string; authTime: number }> = async () => ({ ...alice, authTime: 1 });
  return {
    status: async () => status,
    onDidChangeState: changes.event,
    reauthenticate: () => reauth(),
    set(next: Partial<AuthStatusValue>) {
      status = next as AuthStatusValue;
      changes.fire(status);
    },
    reauthWith(fn: typeof reauth) {
      reauth = fn;
    },
  };
}

describe('auth ports', () => {
  it('operatorOf reads the signed-in user name, null when nobody is', async () => {
    const auth = fakeAuth();
    expect(await operatorOf(auth)()).toBeNull();
    auth.set({ state: 'signed-in', account: alice } as Partial<AuthStatusValue>);
    expect(await operatorOf(auth)()).toBe(alice.username);
  });

  it('settledOperator keeps the last settled operator through a sign-in in progress, and forgets it on sign-out', () => {
    const auth = fakeAuth();
    const operator = settledOperator(auth);
    expect(operator.current()).toBeNull();
    auth.set({ state: 'signed-in', account: alice } as Partial<AuthStatusValue>);
    auth.set({ state: 'signing-in' } as Partial<AuthStatusValue>);
    expect(operator.current()).toBe(alice.username);
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    expect(operator.current()).toBeNull();
    auth.set({ state: 'signed-in', account: bob } as Partial<AuthStatusValue>);
    operator.dispose();
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    expect(operator.current()).toBe(bob.username);
  });

  it('onDidSignOut fires only when a signed-in console becomes signed out, until disposed', () => {
    const auth = fakeAuth();
    let heard = 0;
    const off = onDidSignOut(auth, () => void heard++);
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    expect(heard).toBe(0);
    auth.set({ state: 'signed-in', account: alice } as Partial<AuthStatusValue>);
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    expect(heard).toBe(1);
    off();
    auth.set({ state: 'signed-in', account: alice } as Partial<AuthStatusValue>);
    auth.set({ state: 'signed-out' } as Partial<AuthStatusValue>);
    expect(heard).toBe(1);
  });

  it('unlockPortOf answers with the account that signed in, even when auth refused it as the wrong one', async () => {
    const auth = fakeAuth();
    const port = unlockPortOf(auth);
    expect(await port.currentAccount()).toBeNull();
    auth.reauthWith(() => Promise.reject(new WrongAccountError(bob)));
    expect(await port.reauthenticate()).toEqual(bob);
    auth.reauthWith(() => Promise.reject(new Error('cancelled')));
    await expect(port.reauthenticate()).rejects.toThrow('cancelled');
  });
});
