import type { IpcRouter } from '../router';
import type { GroupPimService, PimService } from '../../services/pim';

/** What the PIM handlers need. */
export interface PimHandlerDeps {
  readonly pim: PimService;
  readonly groups: GroupPimService;
}

/** Registers the PIM invokes (the service audits each activation, extension, deactivation and withdrawal itself). */
export function registerPimHandlers(router: IpcRouter, deps: PimHandlerDeps): () => void {
  router.handle('pim.access', (req) => deps.pim.access(req.scopes));
  router.handle('pim.activate', (req) => deps.pim.activate(req));
  router.handle('pim.extend', (req) => deps.pim.extend(req));
  router.handle('pim.deactivate', (req) => deps.pim.deactivate(req.instanceId));
  router.handle('pim.status', (req) => deps.pim.status(req.requestId));
  router.handle('pim.cancel', (req) => deps.pim.cancel(req.requestId));
  router.handle('pim.groups', () => deps.groups.access());
  router.handle('pim.groupActivate', (req) => deps.groups.activate(req));
  router.handle('pim.groupDeactivate', (req) => deps.groups.deactivate(req.groupId));
  router.handle('pim.groupExtend', (req) => deps.groups.extend(req));
  router.handle('pim.groupCancel', (req) => deps.groups.cancel(req.requestId));
  return () => undefined;
}
