import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { ErrorText } from '../../ui/error-text';
import { describeError } from '../../ui/use-async';
import { sessionClusters } from './session-output';

/**
 * Opens a kubectl terminal: a local shell whose KUBECONFIG holds only this context through the
 * tunnel (main writes it and removes it with the tab), and switches to its tab.
 */
export function KubectlTerminalAction({ clusterId, tunnelName, contextName }: { clusterId: string; tunnelName: string | undefined; contextName: string }) {
  const { t } = useTranslation();
  const { openTerminal } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();

  async function open() {
    if (!tunnelName) return;
    setBusy(true);
    setError(undefined);
    try {
      const session = await call('kubectl.openTerminal', { clusterId, tunnelName, contextName, cols: 120, rows: 32 });
      sessionClusters.set(session.sessionId, clusterId);
      openTerminal(session.sessionId);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="kubectl-terminal-action">
      <button type="button" onClick={() => void open()} disabled={!tunnelName || !contextName || busy} data-testid="open-kubectl-terminal">
        {busy ? t('terminals.kubectl.opening') : t('terminals.kubectl.button')}
      </button>
      <p className="muted">{t('terminals.kubectl.help')}</p>
      {error && <ErrorText {...error} />}
    </div>
  );
}
