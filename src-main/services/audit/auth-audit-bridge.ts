import type { AuditRecorder } from './audit-record';

/** The slice of the auth status the bridge reads (never a token). */
export interface AuthStateLike {
  readonly state: string;
  readonly account?: { readonly username: string; readonly homeAccountId: string } | undefined;
  readonly tenantId?: string | undefined;
}

/**
 * Derives sign-in, sign-out and tenant-switch records from auth state changes, so identity
 * events are audited without the auth service knowing about the audit log. Also keeps the
 * current actor for records other services write.
 */
export class AuthAuditBridge {
  private previous: AuthStateLike | undefined;

  /** Creates the bridge over the audit recorder. */
  constructor(private readonly audit: AuditRecorder) {}

  /** The signed-in operator (UPN), or null. */
  actor(): string | null {
    return this.previous?.state === 'signed-in' ? (this.previous.account?.username ?? null) : null;
  }

  /** Feeds one status; records what changed since the previous one. */
  observe(next: AuthStateLike): void {
    // A sign-in in progress (e.g. the fresh sign-in that unlocks the console) changes nothing yet.
    if (next.state === 'signing-in') return;
    const before = this.previous;
    this.previous = next;
    const wasIn = before?.state === 'signed-in' ? before.account : undefined;
    const isIn = next.state === 'signed-in' ? next.account : undefined;
    if (wasIn && (!isIn || isIn.homeAccountId !== wasIn.homeAccountId)) {
      void this.audit.record({ type: 'auth.sign-out', actor: wasIn.username, details: { tenantId: before?.tenantId ?? null, reason: isIn ? 'account switch' : next.state } });
    }
    if (isIn && (!wasIn || isIn.homeAccountId !== wasIn.homeAccountId)) {
      void this.audit.record({ type: 'auth.sign-in', actor: isIn.username, details: { tenantId: next.tenantId ?? null, restored: before === undefined } });
    } else if (isIn && wasIn && before?.tenantId !== next.tenantId) {
      void this.audit.record({ type: 'auth.tenant-switch', actor: isIn.username, target: next.tenantId ?? null, details: { from: before?.tenantId ?? null } });
    }
  }
}
