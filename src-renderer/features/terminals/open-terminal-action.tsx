import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeRequest, InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { bastionSshCommand, directSshCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { describeError } from '../../ui/use-async';
import { ActionError, type JitContext } from '../jit';
import { sessionClusters } from './session-output';

type JumpBox = InvokeResponse<'azure.topology'>['jumpBoxes'][number];

/** Opens an SSH terminal to the jump box (through Bastion or direct) and switches to its tab. */
export function OpenTerminalAction({
  target,
  label,
  bastionId,
  jumpBox,
  jit,
}: {
  target: InvokeRequest<'ssh.open'>['target'] | undefined;
  label: string;
  bastionId: string | null;
  jumpBox: JumpBox | undefined;
  /** The jump box's JIT facts, so a refusal by the JIT-before-SSH policy can offer the request. */
  jit?: JitContext;
}) {
  const { t } = useTranslation();
  const { openTerminal, cluster } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();

  async function open() {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    try {
      // Main seeds the jump box's host keys from Azure first (once per VM); the button shows 'connecting' meanwhile.
      const session = await call('ssh.open', { target, label: label.slice(0, 120), cols: 120, rows: 32 });
      if (cluster) sessionClusters.set(session.sessionId, cluster.id);
      openTerminal(session.sessionId);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const username = target?.username ?? 'azureuser';
  const equivalent =
    target?.route.kind === 'bastion' && bastionId
      ? bastionSshCommand({ bastionId, vmId: target.route.targetResourceId, username })
      : directSshCommand({ host: target?.route.kind === 'direct' ? target.route.host : (jumpBox?.privateIp ?? '<jump-box>'), port: 22, username });

  return (
    <div data-testid="open-terminal-action">
      {!target && <p className="muted">{t('terminals.open.needsLogin')}</p>}
      <button type="button" onClick={() => void open()} disabled={!target || busy} data-testid="open-terminal">
        {busy ? t('terminals.open.connecting') : t('terminals.open.button')}
      </button>
      {error && <ActionError error={error} jit={jit} />}
      <CopyableCommand command={equivalent} />
    </div>
  );
}
