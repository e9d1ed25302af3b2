import type { IpcRouter } from '../router';
import { watchTerminalForbidden } from '../../services/pim';
import type { KubectlTerminals } from '../../services/sessions/kubectl-terminals';
import type { SessionManager } from '../../services/sessions/session-manager';

/** What the terminal 403 watch needs. */
export interface PimTerminalDeps {
  readonly manager: Pick<SessionManager, 'onDidData' | 'onDidExit'>;
  readonly kubectlTerminals: Pick<KubectlTerminals, 'clusterOf'> | undefined;
}

/** Announces kube-apiserver 403s from kubectl terminals as `pim.terminalForbidden` (the router validates each against the contract). */
export function registerPimTerminalWatch(router: IpcRouter, deps: PimTerminalDeps): () => void {
  const terminals = deps.kubectlTerminals;
  if (!terminals) return () => undefined;
  return watchTerminalForbidden(
    {
      onData: (listener) => deps.manager.onDidData(listener),
      onExit: (listener) => deps.manager.onDidExit(listener),
      clusterOf: (sessionId) => terminals.clusterOf(sessionId),
    },
    (e) => router.emit('pim.terminalForbidden', { sessionId: e.sessionId, clusterId: e.clusterId, forbidden: { ...e.forbidden } }),
  );
}
