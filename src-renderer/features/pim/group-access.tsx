import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { describeError } from '../../ui/use-async';
import { ActivateDialog } from './activate-dialog';
import { PimError } from './pim-error';
import { formatLeft, secondsUntil, type EligibleRoleValue } from './pim-model';
import { useNow } from './use-pim-access';

type Groups = InvokeResponse<'pim.groups'>;

/** A group as the activation dialog shows a role: the group's name, "Entra group" as its scope. */
function asRole(g: Groups['eligible'][number], scopeName: string): EligibleRoleValue {
  return { eligibilityId: g.eligibilityId, roleDefinitionId: 'member', roleName: g.groupName, scope: g.groupId, scopeName, eligibleUntil: g.eligibleUntil, policy: g.policy };
}

/** PIM for groups inside My access: memberships to activate, active ones with time left (extend, deactivate), requests waiting for approval (withdraw); asks Graph only when opened. */
export function GroupAccess() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<Groups>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [dialog, setDialog] = useState<{ role: EligibleRoleValue; extend: boolean }>();
  const [notice, setNotice] = useState<string>();
  const now = useNow();
  const load = useCallback(
    () =>
      call('pim.groups').then(
        (value) => {
          setGroups(value);
          setError(undefined);
        },
        (e: unknown) => setError(describeError(e)),
      ),
    [],
  );
  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  async function act(what: () => Promise<unknown>, done: string) {
    try {
      await what();
      setNotice(done);
    } catch (e) {
      setError(describeError(e));
    }
    await load();
  }

  const eligibleFor = (groupId: string) => groups?.eligible.find((e) => e.groupId === groupId);

  return (
    <details data-testid="pim-groups" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('pim.groupsTitle')}</summary>
      {error && <PimError {...error} />}
      {notice && <p role="status" className="muted" data-testid="pim-group-notice">{notice}</p>}
      {groups && (
        <ul>
          {groups.active.map((g) => (
            <li key={g.instanceId} data-testid="pim-group-active">
              {t('pim.groupActive', { group: g.groupName })} {g.endsAt && t('pim.timeLeft', { time: formatLeft(secondsUntil(g.endsAt, now)) })}{' '}
              {eligibleFor(g.groupId) && <button type="button" className="secondary" onClick={() => setDialog({ role: asRole(eligibleFor(g.groupId)!, t('pim.entraGroup')), extend: true })} data-testid="pim-group-extend">{t('pim.extend')}</button>}{' '}
              <button type="button" className="secondary" onClick={() => void act(() => call('pim.groupDeactivate', { groupId: g.groupId }), t('pim.groupDeactivated', { group: g.groupName }))}>{t('pim.deactivate')}</button>
            </li>
          ))}
          {groups.pending.map((p) => (
            <li key={p.requestId} data-testid="pim-group-pending">
              {t('pim.groupPending', { group: p.roleName })}{' '}
              <button type="button" className="secondary" onClick={() => void act(() => call('pim.groupCancel', { requestId: p.requestId }), t('pim.groupWithdrawn', { group: p.roleName }))} data-testid="pim-group-withdraw">{t('pim.withdraw')}</button>
            </li>
          ))}
          {groups.eligible.filter((e) => !groups.active.some((a) => a.groupId === e.groupId) && !groups.pending.some((p) => p.scope === e.groupId)).map((g) => (
            <li key={g.eligibilityId} data-testid="pim-group-eligible">
              {t('pim.groupEligible', { group: g.groupName })}{' '}
              <button type="button" onClick={() => setDialog({ role: asRole(g, t('pim.entraGroup')), extend: false })}>{t('pim.activate')}</button>
            </li>
          ))}
          {groups.eligible.length === 0 && groups.active.length === 0 && <li className="muted">{t('pim.noGroups')}</li>}
        </ul>
      )}
      {dialog && (
        <ActivateDialog
          role={dialog.role}
          extend={dialog.extend}
          group
          onClose={() => setDialog(undefined)}
          onDone={(view) => {
            const extended = dialog.extend;
            setDialog(undefined);
            setNotice(view.state !== 'active' ? t(`pim.states.${view.state}`, { role: view.roleName }) : extended ? t('pim.groupExtended', { group: view.roleName }) : t('pim.groupActivated', { group: view.roleName }));
            void load();
          }}
        />
      )}
    </details>
  );
}
