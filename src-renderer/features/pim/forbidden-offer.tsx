import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivateDialog } from './activate-dialog';
import { leastRoleFor, offersFor, parseForbidden, type EligibleRoleValue, type RefusedRequest } from './pim-model';
import { RoleLine } from './role-line';
import { usePimAccess } from './use-pim-access';

/**
 * Under output that holds a kube-apiserver 403: the role that would grant the refused request and,
 * when the operator is eligible for it (or a stronger one) on this cluster, the offer to activate it.
 */
export function ForbiddenOffer({ output, clusterId }: { output: string; clusterId: string }) {
  const forbidden = useMemo(() => parseForbidden(output), [output]);
  return forbidden ? <RefusedRequestOffer forbidden={forbidden} clusterId={clusterId} /> : null;
}

/** The role that would grant one refused request and the operator's eligible roles on this cluster that do. */
export function RefusedRequestOffer({ forbidden, clusterId, children }: { forbidden: RefusedRequest; clusterId: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const scopes = useMemo(() => [clusterId], [clusterId]);
  const { access } = usePimAccess(scopes, true);
  const [dialog, setDialog] = useState<EligibleRoleValue>();
  const [done, setDone] = useState<string>();
  const offers = access ? offersFor(forbidden, access.eligible, clusterId) : [];
  return (
    <div className="notice-warning" data-testid="pim-offer">
      <p>{t('pim.forbidden', { verb: forbidden.verb, resource: forbidden.resource, role: leastRoleFor(forbidden) })}</p>
      {access && offers.length === 0 && <p className="muted">{t('pim.noOffer')}</p>}
      {offers.slice(0, 2).map((role) => (
        <p key={role.eligibilityId}>
          <RoleLine role={role} />{' '}
          <button type="button" onClick={() => setDialog(role)} data-testid="pim-offer-activate">{t('pim.activate')}</button>
        </p>
      ))}
      {done && <p role="status" data-testid="pim-offer-done">{done}</p>}
      {children}
      {dialog && (
        <ActivateDialog
          role={dialog}
          onClose={() => setDialog(undefined)}
          onDone={(view) => {
            setDialog(undefined);
            setDone(t(`pim.states.${view.state}`, { role: view.roleName }) + (view.state === 'active' ? ` ${t('pim.rerun')}` : ''));
          }}
        />
      )}
    </div>
  );
}
