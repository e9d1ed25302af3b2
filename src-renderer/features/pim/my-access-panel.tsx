import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { describeError } from '../../ui/use-async';
import { ActivateDialog } from './activate-dialog';
import { GroupAccess } from './group-access';
import { PimError } from './pim-error';
import { deactivatableAt, EXPIRY_WARNING_SECONDS, formatLeft, secondsUntil, type EligibleRoleValue } from './pim-model';
import { RoleLine } from './role-line';
import { useNow, usePimAccess } from './use-pim-access';

/**
 * "My access": the operator's active roles with time left (a warning and an extension offer near
 * the end), requests waiting for approval (withdrawable), and eligible roles to activate. Closed
 * by default (open where a refusal calls for it); it asks Azure only when opened.
 */
export function MyAccessPanel({ scopes, initiallyOpen = false }: { scopes: readonly string[]; initiallyOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(initiallyOpen);
  const { access, error, loading, reload } = usePimAccess(scopes, open);
  const [dialog, setDialog] = useState<{ role: EligibleRoleValue; extend: boolean }>();
  const [actionError, setActionError] = useState<{ code: string; message: string }>();
  const [notice, setNotice] = useState<string>();
  const now = useNow();

  async function act(what: () => Promise<unknown>, done: string) {
    setActionError(undefined);
    try {
      await what();
      setNotice(done);
    } catch (e) {
      setActionError(describeError(e));
    }
    await reload();
  }

  const backing = (a: { scope: string; roleDefinitionId: string }) => access?.eligible.find((e) => e.scope.toLowerCase() === a.scope.toLowerCase() && e.roleDefinitionId.toLowerCase() === a.roleDefinitionId.toLowerCase());

  return (
    <details className="my-access" data-testid="my-access" open={initiallyOpen || undefined} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('pim.myAccess')}</summary>
      {loading && <p role="status"><progress aria-label={t('pim.loading')} /> {t('pim.loading')}</p>}
      {error && <PimError {...error} />}
      {actionError && <PimError {...actionError} />}
      {notice && <p role="status" className="muted" data-testid="pim-notice">{notice}</p>}
      {access && (
        <>
          <h5>{t('pim.activeTitle')}</h5>
          {access.active.length === 0 ? <p className="muted">{t('pim.noneActive')}</p> : (
            <ul data-testid="pim-active">
              {access.active.map((a) => {
                const left = a.endsAt ? secondsUntil(a.endsAt, now) : undefined;
                const role = backing(a);
                return (
                  <li key={a.instanceId} data-role={a.roleName}>
                    {t('pim.activeLine', { role: a.roleName, scope: a.scopeName })}{' '}
                    {left !== undefined && <span data-testid="pim-left">{t('pim.timeLeft', { time: formatLeft(left) })}</span>}
                    {left !== undefined && left <= EXPIRY_WARNING_SECONDS && <p role="alert" className="notice-warning" data-testid="pim-expiring">{t('pim.expiring', { role: a.roleName, minutes: EXPIRY_WARNING_SECONDS / 60 })}</p>}
                    {role && <button type="button" className="secondary" onClick={() => setDialog({ role, extend: true })} data-testid="pim-extend">{t('pim.extend')}</button>}{' '}
                    {now < deactivatableAt(a.startsAt) ? (
                      <span className="muted" data-testid="pim-deactivate-later">{t('pim.deactivateFrom', { time: new Date(deactivatableAt(a.startsAt)).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })}</span>
                    ) : (
                      <button type="button" className="secondary" onClick={() => void act(() => call('pim.deactivate', { instanceId: a.instanceId }), t('pim.deactivated', { role: a.roleName }))} data-testid="pim-deactivate">{t('pim.deactivate')}</button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {access.pending.length > 0 && (
            <>
              <h5>{t('pim.pendingTitle')}</h5>
              <ul data-testid="pim-pending">
                {access.pending.map((p) => (
                  <li key={p.requestId}>
                    {t(`pim.states.${p.state}`, { role: p.roleName })}{' '}
                    {p.state === 'pending-approval' && <button type="button" className="secondary" onClick={() => void act(() => call('pim.cancel', { requestId: p.requestId }), t('pim.withdrawn', { role: p.roleName }))} data-testid="pim-withdraw">{t('pim.withdraw')}</button>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h5>{t('pim.eligibleTitle')}</h5>
          {access.eligible.length === 0 ? <p className="muted">{t('pim.noneEligible')}</p> : (
            <ul data-testid="pim-eligible">
              {access.eligible.map((e) => (
                <li key={e.eligibilityId}>
                  <RoleLine role={e} />{' '}
                  <button type="button" onClick={() => setDialog({ role: e, extend: false })} data-testid="pim-activate">{t('pim.activate')}</button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="secondary" onClick={() => void reload()} disabled={loading}>{t('pim.refresh')}</button>
          <GroupAccess />
        </>
      )}
      {dialog && (
        <ActivateDialog
          role={dialog.role}
          extend={dialog.extend}
          onClose={() => setDialog(undefined)}
          onDone={(view) => {
            setDialog(undefined);
            setNotice(t(`pim.states.${view.state}`, { role: view.roleName }));
            void reload();
          }}
        />
      )}
    </details>
  );
}
