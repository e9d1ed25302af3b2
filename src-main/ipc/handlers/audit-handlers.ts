import type { IpcRouter } from '../router';
import type { AuditService } from '../../services/audit';

/** What the audit handlers need. */
export interface AuditHandlerDeps {
  readonly audit: AuditService;
}

/** Registers `audit.list/verify/export`, pushes `audit.recorded` and turns write failures into notices. Returns a disposer. */
export function registerAuditHandlers(router: IpcRouter, deps: AuditHandlerDeps): () => void {
  router.handle('audit.list', async ({ filter, limit, beforeSeq }) => {
    const { records, matched } = await deps.audit.list(filter, limit, beforeSeq);
    return { records, matched, forwarding: deps.audit.forwardingStatus() };
  });
  router.handle('audit.verify', () => deps.audit.verify());
  router.handle('audit.export', ({ filter, format }) => deps.audit.export(filter, format));
  const offRecord = deps.audit.onDidRecord((record) => router.emit('audit.recorded', record));
  const offFail = deps.audit.onDidFail((message) => router.emit('app.notice', { level: 'error', code: 'audit.write_failed', message }));
  return () => {
    offRecord();
    offFail();
  };
}
