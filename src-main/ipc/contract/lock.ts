import { z } from 'zod';
import { event, invoke, NoRequest } from './define';

/** Why the console locked. */
export const LockReason = z.enum(['idle', 'os-lock', 'suspend', 'manual']);

/** Lock state as the renderer sees it. */
export const LockState = z.object({
  locked: z.boolean(),
  reason: LockReason.nullable(),
  since: z.string().nullable(),
  /** Who must sign in again to unlock (UPN): the console's account, signed in or needing a sign-in; null when none was known. */
  user: z.string().nullable(),
  idleTimeoutSeconds: z.number().int(),
  sessionsOnLock: z.enum(['keep', 'close']),
  /** Sessions and tunnels closed by the last lock (policy `close`), or by the unlock after it when no account was known. */
  closed: z.object({ sessions: z.number().int(), tunnels: z.number().int() }).nullable(),
  /** True while an unlock sign-in is in progress. */
  unlocking: z.boolean(),
  /**
   * Milliseconds until main locks for idleness, from the last activity main saw, when this state
   * was read; null while locked. A page that has just loaded has seen no input: it warns from this.
   */
  idleLocksInMs: z.number().int().nonnegative().nullable().optional(),
});

/** Invokes of the lock area. */
export const lockInvokes = {
  'lock.state': invoke(NoRequest, LockState),
  /** The operator did something (keyboard, pointer); throttled by the renderer. */
  'lock.activity': invoke(NoRequest, z.object({ locked: z.boolean() })),
  'lock.now': invoke(NoRequest, LockState),
  /** Starts a fresh Entra ID sign-in; unlocks when it succeeds for the same account (`lock.wrong_user` otherwise). */
  'lock.unlock': invoke(NoRequest, LockState),
} as const;

/** Events of the lock area. */
export const lockEvents = {
  'lock.changed': event(LockState),
} as const;
