import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';
import { PimError } from './pim-error';
import { formProblem, type EligibleRoleValue } from './pim-model';
import { RoleLine } from './role-line';

type RequestView = InvokeResponse<'pim.activate'>;

/** Activates (or extends) an eligible role, or a group membership (`group`): duration within the policy, justification and ticket where it asks for them. */
export function ActivateDialog({ role, extend = false, group = false, onDone, onClose }: { role: EligibleRoleValue; extend?: boolean; group?: boolean; onDone: (view: RequestView) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const max = role.policy.maxDurationMinutes;
  const [minutes, setMinutes] = useState(Math.min(60, max));
  const [justification, setJustification] = useState('');
  const [ticketNumber, setTicketNumber] = useState('');
  const [ticketSystem, setTicketSystem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const problem = formProblem(role.policy, { minutes, justification, ticketNumber, ticketSystem });

  async function submit() {
    if (problem) return;
    setBusy(true);
    setError(undefined);
    try {
      const view = await call(group ? (extend ? 'pim.groupExtend' : 'pim.groupActivate') : extend ? 'pim.extend' : 'pim.activate', {
        eligibilityId: role.eligibilityId,
        durationMinutes: minutes,
        ...(justification.trim() ? { justification: justification.trim() } : {}),
        ...(ticketNumber.trim() ? { ticketNumber: ticketNumber.trim() } : {}),
        ...(ticketSystem.trim() ? { ticketSystem: ticketSystem.trim() } : {}),
      });
      onDone(view);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  /** Cancel: while a step-up sign-in is open in the browser it stops that (the activation then reports nothing activated); otherwise it closes. */
  async function cancel() {
    if (busy && (await call('auth.cancel')).cancelled) return;
    onClose();
  }

  return (
    <ModalDialog title={t(extend ? 'pim.extendTitle' : 'pim.activateTitle', { role: role.roleName })} onClose={onClose} testId="pim-dialog">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <p className="muted"><RoleLine role={role} /></p>
        <label>
          {t('pim.minutes', { max })}
          <input type="number" min={5} max={max} step={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-autofocus data-testid="pim-minutes" />
        </label>
        <label>
          {role.policy.justificationRequired ? t('pim.justificationRequired') : t('pim.justification')}
          <input value={justification} maxLength={500} onChange={(e) => setJustification(e.target.value)} data-testid="pim-justification" />
        </label>
        {role.policy.ticketRequired && (
          <>
            <label>
              {t('pim.ticketNumber')}
              <input value={ticketNumber} maxLength={100} onChange={(e) => setTicketNumber(e.target.value)} data-testid="pim-ticket-number" />
            </label>
            <label>
              {t('pim.ticketSystem')}
              <input value={ticketSystem} maxLength={100} onChange={(e) => setTicketSystem(e.target.value)} data-testid="pim-ticket-system" />
            </label>
          </>
        )}
        {role.policy.mfaRequired && <p className="notice-warning">{t('pim.mfaNote')}</p>}
        {busy && role.policy.mfaRequired && <p role="status" className="muted" data-testid="pim-step-up">{t('pim.stepUpWaiting')}</p>}
        {role.policy.approvalRequired && <p className="muted">{t('pim.approvalNote')}</p>}
        {problem && <p className="text-error" data-testid="pim-problem">{t(`pim.problems.${problem}`, { max })}</p>}
        {error && <PimError {...error} />}
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={() => void cancel()} data-testid="pim-dialog-cancel">{t('ui.cancel')}</button>
          <button type="submit" disabled={busy || problem !== undefined} data-testid="pim-submit">{t(extend ? 'pim.extend' : 'pim.activate')}</button>
        </div>
      </form>
    </ModalDialog>
  );
}
