import type { IpcRouter } from '../router';
import { LOCK_OPEN_CHANNELS, type LockService } from '../../services/lock';

/** What the lock handlers need. */
export interface LockHandlerDeps {
  readonly lock: LockService;
}

/**
 * Puts the lock in front of the router: while locked, every contract channel outside
 * LOCK_OPEN_CHANNELS is answered with `lock.locked` before validation or any handler runs.
 * Returns a function that removes the gate.
 */
export function installLockGate(router: IpcRouter, lock: Pick<LockService, 'isLocked'>): () => void {
  return router.addGate((channel) =>
    lock.isLocked() && !LOCK_OPEN_CHANNELS.has(channel)
      ? { code: 'lock.locked', message: 'The console is locked; sign in again to continue.' }
      : undefined,
  );
}

/** Registers the lock's invokes, pushes `lock.changed`, and installs the gate. Returns a disposer. */
export function registerLockHandlers(router: IpcRouter, deps: LockHandlerDeps): () => void {
  router.handle('lock.state', () => deps.lock.state());
  router.handle('lock.activity', () => {
    deps.lock.activity();
    return { locked: deps.lock.isLocked() };
  });
  router.handle('lock.now', () => deps.lock.lock('manual'));
  router.handle('lock.unlock', () => deps.lock.unlock());
  const off = deps.lock.onDidChange((state) => router.emit('lock.changed', state));
  const ungate = installLockGate(router, deps.lock);
  return () => {
    ungate();
    off();
  };
}
