import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { jitInitiateCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { ErrorText } from '../../ui/error-text';
import type { FocusTarget } from '../../ui/a11y';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';
import { durationProblem, type JitPolicyValue } from './jit-policy';
import { MyAccessPanel } from '../pim';

/** The JIT request: port, duration within the policy's maximum, source IP, justification. */
export function JitDialog({
  vmId,
  vmName,
  policy,
  ports,
  operatorIp,
  onGranted,
  onClose,
  returnFocus,
}: {
  vmId: string;
  vmName: string;
  policy: JitPolicyValue;
  ports: ReadonlyArray<{ number: number; protocol: string; maxMinutes: number }>;
  operatorIp: string | null;
  onGranted: (endTimeUtc: string) => void;
  onClose: () => void;
  /** Where focus goes on close when the control that opened the dialog is gone (the warning's button). */
  returnFocus?: FocusTarget;
}) {
  const { t } = useTranslation();
  const [port, setPort] = useState(ports[0]?.number ?? 22);
  const max = ports.find((p) => p.number === port)?.maxMinutes ?? 180;
  const [minutes, setMinutes] = useState(Math.min(60, max));
  const [sourceIp, setSourceIp] = useState(operatorIp ?? '');
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const problem = durationProblem(minutes, max);

  async function submit() {
    if (problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const granted = await call('azure.jitRequest', {
        vmId,
        port,
        durationMinutes: minutes,
        ...(sourceIp ? { sourceIp } : {}),
        ...(justification ? { justification } : {}),
      });
      onGranted(granted.endTimeUtc);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalDialog title={t('jit.dialogTitle', { vm: vmName })} onClose={onClose} testId="jit-dialog" returnFocus={returnFocus}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label>
          {t('jit.port')}
          <select value={port} onChange={(e) => setPort(Number(e.target.value))} data-autofocus>
            {ports.map((p) => <option key={p.number} value={p.number}>{`${p.number}/${p.protocol}`}</option>)}
          </select>
        </label>
        <label>
          {t('jit.duration', { max })}
          <input type="number" min={5} max={max} step={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-describedby="jit-duration-help" data-testid="jit-minutes" />
        </label>
        <p id="jit-duration-help" className={problem ? 'text-error' : 'muted small'}>
          {problem ? t(`jit.problems.${problem}`, { max }) : t('jit.durationHelp', { max })}
        </p>
        <label>
          {t('jit.sourceIp')}
          <input value={sourceIp} onChange={(e) => setSourceIp(e.target.value.trim())} spellCheck={false} aria-describedby="jit-source-help" />
        </label>
        <p id="jit-source-help" className="muted small">{t('jit.sourceHelp')}</p>
        <label>
          {t('jit.justification')}
          <input value={justification} maxLength={500} onChange={(e) => setJustification(e.target.value)} />
        </label>
        {error && <ErrorText {...error} />}
        <CopyableCommand command={jitInitiateCommand({ policyId: policy.id, vmId, port, durationMinutes: minutes, ...(sourceIp ? { sourceIp } : {}) })} />
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>{t('ui.cancel')}</button>
          <button type="submit" disabled={busy || problem !== undefined} data-testid="jit-submit">{t('jit.request')}</button>
        </div>
      </form>
      {error?.code === 'azure.forbidden' && <><p className="muted">{t('jit.forbiddenPim')}</p><MyAccessPanel scopes={[vmId]} initiallyOpen /></>}
    </ModalDialog>
  );
}
