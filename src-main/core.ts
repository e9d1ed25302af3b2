/**
 * The composition root shared by every host: the Electron main process, the end-to-end harness and
 * demo mode all build the same services and the same router here; only the ports differ.
 */
import type { ConsoleCore, CoreOptions } from './core-options';
import { buildAzure, buildChecklist } from './composition/azure';
import { buildConnectivity } from './composition/connectivity';
import { buildFoundation } from './composition/foundation';
import { buildIdentity } from './composition/identity';
import { registerIpc } from './composition/ipc';
import { DisposableStore } from './services/events';

export type { ConsoleCore, CoreOptions } from './core-options';

/** Builds the services stage by stage, each from what the earlier ones built, then registers every handler of the contract. */
export function createConsoleCore(host: CoreOptions): ConsoleCore {
  const store = new DisposableStore((error) => host.log.error('a teardown step failed', { error }));
  const foundation = buildFoundation(host, store);
  const identity = buildIdentity(foundation, store);
  const azure = buildAzure(foundation, identity, store);
  const sessions = buildConnectivity(foundation, identity, azure, store);
  const checklist = buildChecklist(foundation, azure, sessions.connectivity.jumpBoxProbe);
  const watchdog = registerIpc({ ...foundation, ...identity, ...sessions, azure, checklist }, store);
  const { router, net, policy } = foundation;
  const { auth, audit } = identity;
  const { lock, connectivity, kubectl, sessionProcess } = sessions;
  return { router, net, auth, audit, policy, lock, connectivity, sessionProcess, azure: { ...azure, checklist }, watchdog, kubectl, dispose: () => store.dispose() };
}
