import type { LockPolicy } from './lock-service';

/** The enterprise policy values the lock reads (a subset of the effective policy). */
export interface LockPolicySource {
  readonly idleTimeoutMinutes: number;
  readonly sessionsOnLock: LockPolicy['sessionsOnLock'];
  readonly lockOnOsLock: boolean;
  readonly unlockWithoutAccount: LockPolicy['unlockWithoutAccount'];
}

/**
 * The lock's policy reader over the effective policy, read on every check; a host's idle-time
 * override (tests and demo: a number, or a function read each time) wins over policy minutes.
 */
export function lockPolicyFrom(effective: () => LockPolicySource, idleOverrideMs?: number | (() => number)): () => LockPolicy {
  return () => {
    const p = effective();
    const override = typeof idleOverrideMs === 'function' ? idleOverrideMs() : idleOverrideMs;
    return { idleTimeoutMs: override ?? p.idleTimeoutMinutes * 60_000, sessionsOnLock: p.sessionsOnLock, lockOnOsLock: p.lockOnOsLock, unlockWithoutAccount: p.unlockWithoutAccount };
  };
}
