import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { JitDialog, type JitSourceFor } from './jit-dialog';
import { formatCountdown, jitFor, type JitPolicyValue } from './jit-policy';
import { JitWarning } from './jit-warning';
import { useCountdown } from './use-countdown';

/**
 * JIT status for the jump box with a countdown to expiry, the request dialog, and — when access
 * ends — a prompt to close the sessions that depended on it.
 */
export function JitAction({ vmId, vmName, policies, sourceFor }: { vmId: string | null; vmName: string | undefined; policies: readonly JitPolicyValue[]; sourceFor: JitSourceFor | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [grantedUntil, setGrantedUntil] = useState<string>();
  const [closedNote, setClosedNote] = useState<string>();
  const jit = vmId ? jitFor(vmId, policies) : undefined;
  const endTime = grantedUntil ?? jit?.open.map((r) => r.endTimeUtc).sort().at(-1);
  const left = useCountdown(endTime);

  if (!vmId) return <p className="muted">{t('jit.noJumpBox')}</p>;
  if (!jit) return <p className="notice-warning" data-testid="jit-status">{t('jit.noPolicy')}</p>;

  async function closeAll() {
    const closed = await call('sessions.closeAll');
    setClosedNote(t('jit.closed', { sessions: closed.sessions, tunnels: closed.tunnels }));
  }

  return (
    <div data-testid="jit-action">
      <p role="timer" aria-live="off" data-testid="jit-status" data-left={left ?? ''}>
        {left !== undefined && left > 0 ? t('jit.openFor', { time: formatCountdown(left) }) : endTime ? t('jit.expired') : t('jit.closedNow')}
      </p>
      <JitWarning left={endTime ? left : undefined} onExtend={() => setOpen(true)} />
      {left === 0 && endTime && (
        <div role="alert" className="notice-warning">
          {t('jit.endedPrompt')}{' '}
          <button type="button" onClick={() => void closeAll()}>{t('jit.closeSessions')}</button>
        </div>
      )}
      {closedNote && <p role="status">{closedNote}</p>}
      <button type="button" onClick={() => setOpen(true)} data-testid="jit-open-dialog">{t('jit.requestAccess')}</button>
      {open && (
        <JitDialog
          vmId={vmId}
          vmName={vmName ?? vmId.split('/').at(-1) ?? vmId}
          policy={jit.policy}
          ports={jit.ports}
          sourceFor={sourceFor}
          onGranted={(end) => {
            setGrantedUntil(end);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
          // Opened from the warning, whose button goes once more time is granted: focus returns to the request button.
          returnFocus='[data-testid="jit-open-dialog"]'
        />
      )}
    </div>
  );
}
