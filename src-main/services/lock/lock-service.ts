import type { z } from 'zod';
import type { LockReason, LockState } from '../../ipc/contract/lock';
import type { AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import { Emitter, type Event } from '../events';

/** Lock state value. */
export type LockStateValue = z.output<typeof LockState>;
/** Why the console locked. */
export type LockReasonValue = z.output<typeof LockReason>;

/** The policy values the lock obeys (read on every use, so a changed policy applies at once). */
export interface LockPolicy {
  readonly idleTimeoutMs: number;
  readonly sessionsOnLock: 'keep' | 'close';
  readonly lockOnOsLock: boolean;
  /** Locked with no account known: whoever unlocks gets the sessions, so they are ended first unless policy keeps them. */
  readonly unlockWithoutAccount: 'end-sessions' | 'keep-sessions';
}

/** An Entra ID account as the lock compares it: by its home account id, shown by its user name. */
export interface LockAccount {
  readonly username: string;
  readonly homeAccountId: string;
}

/** The identity port: the console's account, and a fresh interactive sign-in. */
export interface LockAuthPort {
  /** The account the console holds, whether its tokens are valid (signed in) or need a person (needs sign-in); null when none. */
  currentAccount(): Promise<LockAccount | null>;
  /** Runs a fresh Entra ID sign-in (credentials asked again, proven by `auth_time`) and resolves with who signed in, whoever it was. */
  reauthenticate(): Promise<LockAccount>;
}

/** The session-manager port. */
export interface LockSessionsPort {
  closeAll(): Promise<{ sessions: number; tunnels: number }>;
}

/** Ports of the lock service. */
export interface LockServiceOptions {
  readonly policy: () => LockPolicy;
  readonly auth: LockAuthPort;
  /** The session manager (null: nothing to close, e.g. a core without sessions). */
  readonly sessions: LockSessionsPort | null;
  readonly audit: AuditRecorder;
  readonly log: Logger;
  readonly now?: () => number;
}

/**
 * The idle lock. Main owns the state: the renderer reports activity and shows the overlay, but
 * while locked the IPC gate refuses everything except the lock's own channels, so a renderer that
 * ignores the overlay still cannot type into a terminal. Unlocking needs a fresh sign-in by the
 * same user; policy decides whether sessions and tunnels are closed when the lock engages.
 */
export class LockService {
  private locked = false;
  private reason: LockReasonValue | null = null;
  private since: number | null = null;
  private account: LockAccount | null = null;
  private closed: { sessions: number; tunnels: number } | null = null;
  private unlocking = false;
  private lastActivity: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly changes = new Emitter<[state: LockStateValue]>();
  private readonly now: () => number;

  /** Creates the service and starts the idle timer. */
  constructor(private readonly options: LockServiceOptions) {
    this.now = options.now ?? Date.now;
    this.lastActivity = this.now();
    this.schedule();
  }

  /** True while locked. */
  isLocked(): boolean {
    return this.locked;
  }

  /** The current state. */
  state(): LockStateValue {
    const policy = this.options.policy();
    return {
      locked: this.locked,
      reason: this.reason,
      since: this.since === null ? null : new Date(this.since).toISOString(),
      user: this.account?.username ?? null,
      idleTimeoutSeconds: Math.round(policy.idleTimeoutMs / 1000),
      sessionsOnLock: policy.sessionsOnLock,
      closed: this.closed,
      unlocking: this.unlocking,
      idleLocksInMs: this.locked ? null : Math.max(0, Math.round(this.lastActivity + policy.idleTimeoutMs - this.now())),
    };
  }

  /** Operator activity: restarts the idle countdown (ignored while locked). */
  activity(): void {
    if (this.locked) return;
    this.lastActivity = this.now();
  }

  /** An OS screen lock or suspend, fed by the Electron glue. */
  async osEvent(kind: 'lock-screen' | 'suspend'): Promise<void> {
    if (!this.options.policy().lockOnOsLock) return;
    await this.lock(kind === 'suspend' ? 'suspend' : 'os-lock');
  }

  /** Locks now (idempotent); closes sessions and tunnels when policy says so. */
  async lock(reason: LockReasonValue): Promise<LockStateValue> {
    if (this.locked) return this.state();
    this.locked = true;
    this.reason = reason;
    this.since = this.now();
    this.closed = null;
    clearTimeout(this.timer);
    this.account = await this.options.auth.currentAccount().catch(() => null);
    const policy = this.options.policy();
    this.emit();
    if (policy.sessionsOnLock === 'close' && this.options.sessions) {
      try {
        this.closed = await this.options.sessions.closeAll();
      } catch (error) {
        this.options.log.error('closing sessions on lock failed', { error });
      }
    }
    void this.options.audit.record({ type: 'lock.engage', outcome: 'info', actor: this.account?.username ?? null, details: { reason, sessionsOnLock: policy.sessionsOnLock, closedSessions: this.closed?.sessions ?? 0, closedTunnels: this.closed?.tunnels ?? 0 } });
    this.emit();
    return this.state();
  }

  /**
   * Unlocks after a fresh sign-in by the account recorded at lock time; any other account, or a
   * failed sign-in, keeps the lock. With no account recorded nobody can be told apart, so every
   * session and tunnel is ended before the console opens (unless policy says `keep-sessions`).
   */
  async unlock(): Promise<LockStateValue> {
    if (!this.locked) return this.state();
    if (this.unlocking) throw new AppError('lock.busy', 'An unlock sign-in is already in progress.');
    this.unlocking = true;
    this.emit();
    try {
      const who = await this.freshSignIn();
      const lockedUser = this.account?.username ?? null;
      if (this.account && who.homeAccountId.toLowerCase() !== this.account.homeAccountId.toLowerCase()) {
        void this.options.audit.record({ type: 'lock.release', outcome: 'denied', actor: who.username, details: { lockedUser } });
        throw new AppError('lock.wrong_user', `Only ${this.account.username} can unlock this console.`, { params: { username: this.account.username } });
      }
      const ended = this.account ? null : await this.endSessionsForUnknownAccount();
      void this.options.audit.record({
        type: 'lock.release',
        outcome: 'success',
        actor: who.username,
        details: { lockedUser, lockedFor: this.now() - (this.since ?? this.now()), ...(ended ? { endedSessions: ended.sessions, endedTunnels: ended.tunnels } : {}) },
      });
      if (ended) this.closed = ended;
      this.locked = false;
      this.reason = null;
      this.since = null;
      this.account = null;
      this.lastActivity = this.now();
      this.schedule();
      return this.state();
    } finally {
      this.unlocking = false;
      this.emit();
    }
  }

  /** The unlock sign-in; a failure is audited and keeps the lock. */
  private async freshSignIn(): Promise<LockAccount> {
    try {
      return await this.options.auth.reauthenticate();
    } catch (error) {
      const notFresh = isAppError(error) && error.code === 'auth.not_fresh';
      void this.options.audit.record({ type: 'lock.release', outcome: 'failure', actor: this.account?.username ?? null, details: { reason: notFresh ? 'sign-in not fresh' : 'sign-in failed' } });
      if (notFresh) throw new AppError('lock.not_fresh', `${error.message} The console stays locked.`, { cause: error });
      throw new AppError('lock.signin_failed', 'The sign-in did not complete; the console stays locked.', { cause: error });
    }
  }

  /** Ends every session and tunnel before an unlock nobody can be matched to; null when policy keeps them. Fails closed. */
  private async endSessionsForUnknownAccount(): Promise<{ sessions: number; tunnels: number } | null> {
    if (this.options.policy().unlockWithoutAccount === 'keep-sessions' || !this.options.sessions) return null;
    try {
      return await this.options.sessions.closeAll();
    } catch (error) {
      this.options.log.error('ending sessions before an unlock without a known account failed', { error });
      throw new AppError('lock.end_sessions_failed', 'The sessions of this console could not be ended, so it stays locked.', { cause: error });
    }
  }

  /** Called on every state change. Returns a disposer. */
  readonly onDidChange: Event<[state: LockStateValue]> = this.changes.event;

  /** Stops the timer. */
  dispose(): void {
    clearTimeout(this.timer);
    this.changes.dispose();
  }

  /** Wakes at the due time, but at least every second, so a changed policy idle time applies at once. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.locked) return;
    const due = this.lastActivity + this.options.policy().idleTimeoutMs - this.now();
    this.timer = setTimeout(() => {
      if (this.now() - this.lastActivity >= this.options.policy().idleTimeoutMs) void this.lock('idle');
      else this.schedule();
    }, Math.min(Math.max(due, 10), 1000));
    this.timer.unref?.();
  }

  private emit(): void {
    const state = this.state();
    this.changes.fire(state);
  }
}
