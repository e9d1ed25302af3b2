import { useEffect, useState } from 'react';
import type { InvokeRequest, InvokeResponse } from '../../../src-main/ipc/contract';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { jitInitiateCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { ErrorText } from '../../ui/error-text';
import type { FocusTarget } from '../../ui/a11y';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';
import { durationProblem, sourceProblem, type JitPolicyValue } from './jit-policy';

/** The cluster and path a JIT request is for: main chooses the rule's source from them. */
export type JitSourceFor = InvokeRequest<'azure.jitSource'>;
import { MyAccessPanel } from '../pim';

/** The JIT request: port, duration within the policy's maximum, the source main chose for the path (with why), justification. */
export function JitDialog({
  vmId,
  vmName,
  policy,
  ports,
  sourceFor,
  onGranted,
  onClose,
  returnFocus,
}: {
  vmId: string;
  vmName: string;
  policy: JitPolicyValue;
  ports: ReadonlyArray<{ number: number; protocol: string; maxMinutes: number }>;
  /** The path the request is for; without one the source starts empty and Azure uses the request's own address. */
  sourceFor: JitSourceFor | null;
  onGranted: (endTimeUtc: string) => void;
  onClose: () => void;
  /** Where focus goes on close when the control that opened the dialog is gone (the warning's button). */
  returnFocus?: FocusTarget;
}) {
  const { t } = useTranslation();
  const [port, setPort] = useState(ports[0]?.number ?? 22);
  const max = ports.find((p) => p.number === port)?.maxMinutes ?? 180;
  const [minutes, setMinutes] = useState(Math.min(60, max));
  const [sourceIp, setSourceIp] = useState('');
  const [choice, setChoice] = useState<InvokeResponse<'azure.jitSource'> | 'loading' | undefined>(sourceFor ? 'loading' : undefined);
  const [edited, setEdited] = useState(false);
  const [showSourceProblem, setShowSourceProblem] = useState(false);
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const problem = durationProblem(minutes, max);
  // An empty source lets Azure use the request's own address: right only for a direct path (the egress IP).
  const needsSource = typeof choice === 'object' && !choice.code.startsWith('egress-');
  const badSource = sourceProblem(sourceIp, needsSource);
  const clusterId = sourceFor?.clusterId;
  const pathId = sourceFor?.pathId;

  useEffect(() => {
    if (!clusterId || !pathId) return;
    let live = true;
    call('azure.jitSource', { clusterId, pathId }).then(
      (chosen) => {
        if (!live) return;
        setChoice(chosen);
        setSourceIp((current) => (edited ? current : (chosen.source ?? '')));
      },
      (e: unknown) => {
        if (live) setChoice(undefined);
        if (live) setError(describeError(e));
      },
    );
    return () => {
      live = false;
    };
    // Chosen once per path; a later edit by the operator is kept.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clusterId, pathId]);

  async function submit() {
    if (problem) return;
    if (badSource) return setShowSourceProblem(true);
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
          <input
            value={sourceIp}
            onChange={(e) => {
              setEdited(true);
              setShowSourceProblem(false);
              setSourceIp(e.target.value.trim());
            }}
            spellCheck={false}
            aria-describedby="jit-source-help"
            aria-invalid={showSourceProblem && badSource !== undefined}
            data-testid="jit-source"
          />
        </label>
        <p id="jit-source-help" className="muted small" data-testid="jit-source-why" data-code={typeof choice === 'object' ? choice.code : ''}>
          {choice === 'loading' ? t('jit.sourceLoading') : choice ? t(`jit.sourceWhy.${choice.code}`, choice.params) : t('jit.sourceHelp')}
        </p>
        {showSourceProblem && badSource && (
          <p role="alert" className="text-error" data-testid="jit-source-problem">
            {badSource === 'invalid' ? t('jit.sourceInvalid', { value: sourceIp }) : t('jit.sourceRequired')}
          </p>
        )}
        <label>
          {t('jit.justification')}
          <input value={justification} maxLength={500} onChange={(e) => setJustification(e.target.value)} />
        </label>
        {error && <ErrorText {...error} />}
        <CopyableCommand command={jitInitiateCommand({ policyId: policy.id, vmId, port, durationMinutes: minutes, ...(sourceIp && !badSource ? { sourceIp } : {}) })} />
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onClose}>{t('ui.cancel')}</button>
          <button type="submit" disabled={busy || problem !== undefined || choice === 'loading'} data-testid="jit-submit">{t('jit.request')}</button>
        </div>
      </form>
      {error?.code === 'azure.forbidden' && <><p className="muted">{t('jit.forbiddenPim')}</p><MyAccessPanel scopes={[vmId]} initiallyOpen /></>}
    </ModalDialog>
  );
}
