import type { IpcRouter } from '../router';
import type { AzureService } from '../../services/azure/azure-service';
import type { ChecklistService } from '../../services/checklist/checklist-service';
import { summarize } from '../../services/checklist/checklist-service';
import type { FileTargets } from '../../services/files/file-targets';

/** What the Azure and checklist handlers need. */
export interface AzureHandlerDeps {
  readonly azure: AzureService;
  readonly checklist: ChecklistService;
  /** Resolves the checklist's private-key choice to a file main reads. */
  readonly files: FileTargets;
}

/** Registers the Azure-layer and checklist invokes and forwards inventory and check results as events. Returns a disposer. */
export function registerAzureHandlers(router: IpcRouter, deps: AzureHandlerDeps): () => void {
  const { azure, checklist, files } = deps;
  router.handle('azure.tenants', () => azure.tenants());
  router.handle('azure.inventory', ({ tenantId, refresh }) => azure.inventory(tenantId, refresh === true));
  router.handle('azure.topology', ({ clusterId }) => azure.topology(clusterId));
  router.handle('azure.paths', ({ clusterId, preferences, operatorIp }) => azure.paths(clusterId, preferences ?? {}, operatorIp));
  router.handle('azure.jitRequest', (req) => azure.requestJit(req));
  router.handle('azure.jitSource', ({ clusterId, pathId }) => azure.jitSource(clusterId, pathId));
  router.handle('azure.commandInvoke', ({ clusterId, command, files }) => azure.commandInvoke(clusterId, command, files ?? []));
  router.handle('checklist.run', async ({ privateKey, ...req }) => checklist.start({ ...req, privateKeyPath: privateKey ? await files.forReading('private-key', privateKey) : undefined }));
  router.handle('checklist.rerun', ({ runId, checkIds }) => checklist.rerun(runId, checkIds));
  router.handle('checklist.cancel', ({ runId }) => ({ cancelled: checklist.cancel(runId) }));
  router.handle('checklist.get', ({ runId }) => checklist.get(runId));
  router.handle('checklist.export', ({ runId, format, wording }) => checklist.export(runId, format, wording));
  const off = [
    azure.discovery.onDidChange((inventory) => router.emit('azure.inventoryChanged', inventory)),
    checklist.onDidResult((runId, result) => router.emit('checklist.result', { runId, result })),
    checklist.onDidFinish((runId, state, results) => router.emit('checklist.finished', { runId, state, summary: summarize(results) })),
  ];
  return () => {
    for (const dispose of off) dispose();
    checklist.dispose();
  };
}
