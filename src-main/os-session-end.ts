import type { AuditRecorder } from './services/audit/audit-record';

/** What the end of the OS session touches: the audit log first, then every open session and tunnel. */
export interface SessionEndDeps {
  readonly audit: AuditRecorder;
  readonly closeAllSessions: () => Promise<unknown>;
  /** Windows gives an app a few seconds at logoff: each step is capped (ms). */
  readonly stepTimeoutMs?: number;
}

function capped(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work.catch(() => undefined).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Handles Windows logoff or shutdown (`session-end`): the audit line is written first, so the log
 * says why sessions ended, then SSH sessions and Bastion tunnels are closed best-effort, each step
 * bounded so the OS never waits on a stuck network close.
 */
export async function endOsSession(deps: SessionEndDeps): Promise<void> {
  const ms = deps.stepTimeoutMs ?? 2000;
  await capped(deps.audit.record({ type: 'app.session-end', outcome: 'info', details: { reason: 'os-logoff-or-shutdown' } }), ms);
  await capped(deps.closeAllSessions(), ms);
}
