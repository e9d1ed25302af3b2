import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../src-main/services/audit';
import { LockService, type LockAccount, type LockPolicy, type LockSessionsPort } from '../../../../../src-main/services/lock';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import { registerLockHandlers } from '../../../../../src-main/ipc/handlers/lock-handlers';
import { MemoryLogger } from '../../../../support/memory-logger';

const services: LockService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.dispose()));

const ALICE = { username: 'alice@contoso.example', homeAccountId: 'oid-alice.tenant-1' };
const MALLORY = { username: 'mallory@contoso.example', homeAccountId: 'oid-mallory.tenant-1' };

function setup(policy: Partial<LockPolicy> = {}, signInAs: LockAccount | Error = ALICE, account: LockAccount | null = ALICE, sessions?: LockSessionsPort) {
  const events: AuditEvent[] = [];
  const closeCalls: number[] = [];
  let signIns = 0;
  const lock = new LockService({
    policy: () => ({ idleTimeoutMs: 60, sessionsOnLock: 'keep', lockOnOsLock: true, unlockWithoutAccount: 'end-sessions', ...policy }),
    auth: {
      currentAccount: async () => account,
      reauthenticate: async () => {
        signIns++;
        if (signInAs instanceof Error) throw signInAs;
        return signInAs;
      },
    },
    sessions: sessions ?? { closeAll: async () => (closeCalls.push(1), { sessions: 2, tunnels: 1 }) },
    audit: { record: async (e) => events.push(e) },
    log: new MemoryLogger(),
  });
  services.push(lock);
  return { lock, events, closeCalls, signIns: () => signIns };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LockService', () => {
  it('locks after the idle time, not while the operator is active', async () => {
    const { lock, events } = setup({ idleTimeoutMs: 120 });
    for (let i = 0; i < 4; i++) {
      await sleep(50);
      lock.activity();
    }
    expect(lock.isLocked()).toBe(false);
    await expect.poll(() => lock.isLocked(), { timeout: 2000 }).toBe(true);
    expect(lock.state()).toMatchObject({ locked: true, reason: 'idle', user: 'alice@contoso.example', idleTimeoutSeconds: 0 });
    await expect.poll(() => events.map((e) => e.type)).toEqual(['lock.engage']);
  });

  it('keeps sessions when policy says keep, closes them when it says close', async () => {
    const keep = setup({ idleTimeoutMs: 60_000 });
    await keep.lock.lock('manual');
    expect(keep.closeCalls).toHaveLength(0);
    const close = setup({ idleTimeoutMs: 60_000, sessionsOnLock: 'close' });
    const state = await close.lock.lock('manual');
    expect(close.closeCalls).toHaveLength(1);
    expect(state.closed).toEqual({ sessions: 2, tunnels: 1 });
  });

  it('unlocks only after a fresh sign-in by the same user', async () => {
    const ok = setup({ idleTimeoutMs: 60_000 }, { username: 'ALICE@contoso.example', homeAccountId: 'OID-ALICE.TENANT-1' });
    await ok.lock.lock('manual');
    expect((await ok.lock.unlock()).locked).toBe(false);
    expect(ok.signIns()).toBe(1);
    expect(ok.events.at(-1)).toMatchObject({ type: 'lock.release', outcome: 'success' });

    const other = setup({ idleTimeoutMs: 60_000 }, MALLORY);
    await other.lock.lock('manual');
    await expect(other.lock.unlock()).rejects.toMatchObject({ code: 'lock.wrong_user' });
    expect(other.lock.isLocked()).toBe(true);
    expect(other.events.at(-1)).toMatchObject({ type: 'lock.release', outcome: 'denied', actor: MALLORY.username, details: { lockedUser: ALICE.username } });
    expect(other.closeCalls).toHaveLength(0);

    const failed = setup({ idleTimeoutMs: 60_000 }, new Error('user cancelled'));
    await failed.lock.lock('manual');
    await expect(failed.lock.unlock()).rejects.toMatchObject({ code: 'lock.signin_failed' });
    expect(failed.lock.isLocked()).toBe(true);
  });

  it('the same user name under another account id is another person', async () => {
    const twin = setup({ idleTimeoutMs: 60_000 }, { username: ALICE.username, homeAccountId: 'oid-other.tenant-2' });
    await twin.lock.lock('manual');
    await expect(twin.lock.unlock()).rejects.toMatchObject({ code: 'lock.wrong_user' });
    expect(twin.lock.isLocked()).toBe(true);
  });

  it('with no account known, unlocking ends every session and tunnel first, unless policy keeps them', async () => {
    const unknown = setup({ idleTimeoutMs: 60_000 }, MALLORY, null);
    expect((await unknown.lock.lock('manual')).user).toBeNull();
    expect(await unknown.lock.unlock()).toMatchObject({ locked: false, closed: { sessions: 2, tunnels: 1 } });
    expect(unknown.closeCalls).toHaveLength(1);
    expect(unknown.events.at(-1)).toMatchObject({ type: 'lock.release', outcome: 'success', actor: MALLORY.username, details: { lockedUser: null, endedSessions: 2, endedTunnels: 1 } });

    const kept = setup({ idleTimeoutMs: 60_000, unlockWithoutAccount: 'keep-sessions' }, MALLORY, null);
    await kept.lock.lock('manual');
    expect(await kept.lock.unlock()).toMatchObject({ locked: false, closed: null });
    expect(kept.closeCalls).toHaveLength(0);
  });

  it('stays locked when the sessions cannot be ended before an unlock without a known account', async () => {
    const broken = setup({ idleTimeoutMs: 60_000 }, MALLORY, null, { closeAll: async () => Promise.reject(new Error('stuck')) });
    await broken.lock.lock('manual');
    await expect(broken.lock.unlock()).rejects.toMatchObject({ code: 'lock.end_sessions_failed' });
    expect(broken.lock.isLocked()).toBe(true);
  });

  it('follows OS screen lock and suspend only when policy asks', async () => {
    const on = setup({ idleTimeoutMs: 60_000 });
    await on.lock.osEvent('suspend');
    expect(on.lock.state().reason).toBe('suspend');
    const off = setup({ idleTimeoutMs: 60_000, lockOnOsLock: false });
    await off.lock.osEvent('lock-screen');
    expect(off.lock.isLocked()).toBe(false);
  });

  it('gates every other IPC channel while locked, before any handler runs', async () => {
    const { lock } = setup({ idleTimeoutMs: 60_000 });
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    registerLockHandlers(router, { lock });
    let ran = 0;
    router.handle('settings.get', () => (ran++, { language: 'en', theme: 'system' }));
    router.handle('links.open', () => (ran++, { opened: true }));
    const sender = { url: 'app://console/', isMainFrame: true, senderId: '1' };
    expect(await router.dispatch('links.open', { url: 'https://learn.microsoft.com/' }, sender)).toMatchObject({ ok: true });
    await router.dispatch('lock.now', undefined, sender);
    expect(await router.dispatch('links.open', { url: 'https://learn.microsoft.com/' }, sender)).toEqual({ ok: false, error: { code: 'lock.locked', message: expect.any(String) } });
    expect(await router.dispatch('settings.get', undefined, sender)).toMatchObject({ ok: true });
    expect(await router.dispatch('lock.state', undefined, sender)).toMatchObject({ ok: true, data: { locked: true, reason: 'manual' } });
    expect(ran).toBe(2);
  });
});

describe('LockService: when the idle lock comes, for a renderer that has just loaded', () => {
  it('tells how long until it locks for idleness, from the last activity it saw, and nothing while locked', async () => {
    let clock = 1_000_000;
    const lock = new LockService({
      policy: () => ({ idleTimeoutMs: 600_000, sessionsOnLock: 'keep', lockOnOsLock: true, unlockWithoutAccount: 'end-sessions' }),
      auth: { currentAccount: async () => ALICE, reauthenticate: async () => ALICE },
      sessions: null,
      audit: { record: async () => undefined },
      log: new MemoryLogger(),
      now: () => clock,
    });
    services.push(lock);
    clock += 120_000;
    expect(lock.state().idleLocksInMs).toBe(480_000);
    lock.activity();
    clock += 1_000;
    expect(lock.state().idleLocksInMs).toBe(599_000);
    await lock.lock('manual');
    expect(lock.state().idleLocksInMs).toBeNull();
  });
});
