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

/** PIM for groups inside My access: memberships to activate, active ones with time left; asks Graph only when opened. */
export function GroupAccess() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<Groups>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [dialog, setDialog] = useState<EligibleRoleValue>();
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

  async function deactivate(groupId: string, name: string) {
    try {
      await call('pim.groupDeactivate', { groupId });
      setNotice(t('pim.groupDeactivated', { group: name }));
    } catch (e) {
      setError(describeError(e));
    }
    await load();
  }

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
              <button type="button" className="secondary" onClick={() => void deactivate(g.groupId, g.groupName)}>{t('pim.deactivate')}</button>
            </li>
          ))}
          {groups.eligible.filter((e) => !groups.active.some((a) => a.groupId === e.groupId)).map((g) => (
            <li key={g.eligibilityId} data-testid="pim-group-eligible">
              {t('pim.groupEligible', { group: g.groupName })}{' '}
              <button type="button" onClick={() => setDialog(asRole(g, t('pim.entraGroup')))}>{t('pim.activate')}</button>
            </li>
          ))}
          {groups.eligible.length === 0 && groups.active.length === 0 && <li className="muted">{t('pim.noGroups')}</li>}
        </ul>
      )}
      {dialog && (
        <ActivateDialog
          role={dialog}
          group
          onClose={() => setDialog(undefined)}
          onDone={(view) => {
            setDialog(undefined);
            setNotice(view.state === 'active' ? t('pim.groupActivated', { group: view.roleName }) : t(`pim.states.${view.state}`, { role: view.roleName }));
            void load();
          }}
        />
      )}
    </details>
  );
}
